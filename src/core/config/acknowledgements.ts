// The checks of `acknowledge:` entries that JSON Schema cannot make: a real calendar date, one entry
// per field, `members` only on a group with members, and the checks against today's date (passed
// in, so this stays pure): a date already past is a warning, one more than a year ahead an error
// unless settings.allowLongAcknowledgements says otherwise.
import type { Diagnostic } from './diagnostic.js';
import { isRecord, type At, type Positions } from './positions.js';

/** Days an acknowledgement may run without settings.allowLongAcknowledgements. */
export const MAX_ACKNOWLEDGEMENT_DAYS = 366;

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date (UTC) as YYYY-MM-DD, from a clock reading the caller made. */
export function dateOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Problems of the acknowledgements of schema-checked data (a file, or one environment's view of it). */
export function acknowledgementChecks(data: unknown, pos: Positions, at: At, today: string | undefined): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  if (!isRecord(data) || !Array.isArray(data.userPools)) return { errors, warnings };
  const allowLong = isRecord(data.settings) && data.settings.allowLongAcknowledgements === true;
  data.userPools.forEach((pool: unknown, i) => {
    if (!isRecord(pool) || !Array.isArray(pool.groups)) return;
    pool.groups.forEach((group: unknown, j) => {
      if (!isRecord(group) || !Array.isArray(group.acknowledge)) return;
      const seen = new Map<string, number>();
      group.acknowledge.forEach((ack: unknown, k) => {
        if (!isRecord(ack) || typeof ack.field !== 'string' || typeof ack.until !== 'string') return;
        const here = ['userPools', i, 'groups', j, 'acknowledge', k];
        const first = seen.get(ack.field);
        if (first !== undefined) errors.push(at(pos.offsetOf([...here, 'field']), [...here, 'field'], `"${ack.field}" is acknowledged twice (first at acknowledge[${first}]); one entry per field`));
        else seen.set(ack.field, k);
        if (ack.field === 'members' && group.members === undefined) {
          errors.push(at(pos.offsetOf([...here, 'field']), [...here, 'field'], 'acknowledges members, but the group has no `members:`, so its members are never compared; remove this entry'));
        }
        const untilPath = [...here, 'until'];
        if (!isCalendarDate(ack.until)) {
          errors.push(at(pos.offsetOf(untilPath), untilPath, `"${ack.until}" is not a calendar date; expected an ISO 8601 date such as 2027-01-31`));
          return;
        }
        if (today === undefined) return;
        const days = daysBetween(today, ack.until);
        if (days <= 0) {
          warnings.push(at(pos.offsetOf(untilPath), untilPath, `acknowledgement ended on ${ack.until}: drift reports this difference again; remove the entry or give it a later date`));
        } else if (days > MAX_ACKNOWLEDGEMENT_DAYS && !allowLong) {
          errors.push(at(pos.offsetOf(untilPath), untilPath, `${ack.until} is more than a year ahead (${days} days); acknowledge for at most a year, or set settings.allowLongAcknowledgements: true`));
        }
      });
    });
  });
  return { errors, warnings };
}
