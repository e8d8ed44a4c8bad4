import { isRecord } from './positions.js';
/** Days an acknowledgement may run without settings.allowLongAcknowledgements. */
export const MAX_ACKNOWLEDGEMENT_DAYS = 366;
/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (m === null)
        return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
/** Whole days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function daysBetween(from, to) {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
/** Today's date (UTC) as YYYY-MM-DD, from a clock reading the caller made. */
export function dateOf(now) {
    return now.toISOString().slice(0, 10);
}
/** Problems of the acknowledgements of schema-checked data (a file, or one environment's view of it). */
export function acknowledgementChecks(data, pos, at, today) {
    const errors = [];
    const warnings = [];
    if (!isRecord(data) || !Array.isArray(data.userPools))
        return { errors, warnings };
    const allowLong = isRecord(data.settings) && data.settings.allowLongAcknowledgements === true;
    data.userPools.forEach((pool, i) => {
        if (!isRecord(pool) || !Array.isArray(pool.groups))
            return;
        pool.groups.forEach((group, j) => {
            if (!isRecord(group) || !Array.isArray(group.acknowledge))
                return;
            const seen = new Map();
            group.acknowledge.forEach((ack, k) => {
                if (!isRecord(ack) || typeof ack.field !== 'string' || typeof ack.until !== 'string')
                    return;
                const here = ['userPools', i, 'groups', j, 'acknowledge', k];
                const first = seen.get(ack.field);
                if (first !== undefined)
                    errors.push(at(pos.offsetOf([...here, 'field']), [...here, 'field'], `"${ack.field}" is acknowledged twice (first at acknowledge[${first}]); one entry per field`));
                else
                    seen.set(ack.field, k);
                if (ack.field === 'members' && group.members === undefined) {
                    errors.push(at(pos.offsetOf([...here, 'field']), [...here, 'field'], 'acknowledges members, but the group has no `members:`, so its members are never compared; remove this entry'));
                }
                const untilPath = [...here, 'until'];
                if (!isCalendarDate(ack.until)) {
                    errors.push(at(pos.offsetOf(untilPath), untilPath, `"${ack.until}" is not a calendar date; expected an ISO 8601 date such as 2027-01-31`));
                    return;
                }
                if (today === undefined)
                    return;
                const days = daysBetween(today, ack.until);
                if (days <= 0) {
                    warnings.push(at(pos.offsetOf(untilPath), untilPath, `acknowledgement ended on ${ack.until}: drift reports this difference again; remove the entry or give it a later date`));
                }
                else if (days > MAX_ACKNOWLEDGEMENT_DAYS && !allowLong) {
                    errors.push(at(pos.offsetOf(untilPath), untilPath, `${ack.until} is more than a year ahead (${days} days); acknowledge for at most a year, or set settings.allowLongAcknowledgements: true`));
                }
            });
        });
    });
    return { errors, warnings };
}
