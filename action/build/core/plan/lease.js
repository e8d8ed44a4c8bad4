// The lease: one apply at a time per pool, held in the pool itself. It is the reserved group
// `cognito-groups.lock`; CreateGroup is atomic in Cognito (a second one gets GroupExistsException), so
// only one run can create it. Its description says who holds it and until when, so any other run, on
// any machine, can name the holder, wait for it, or take over a lease its holder left to expire. Pure.
import { RESERVED_PREFIX } from '../config/model.js';
import { nameKey } from '../config/names.js';
/** The name of the lock group of every pool. */
export const LOCK_GROUP = `${RESERVED_PREFIX}lock`;
/** How long a lease lasts unless the file or the command line says otherwise (renewed at half of it). */
export const DEFAULT_LOCK_SECONDS = 300;
/** The shortest and longest lease a file or flag may ask for (seconds). */
export const LOCK_SECONDS_RANGE = { min: 2, max: 86_400 };
const MARKER = 'cognito-groups-lock';
/** Cognito's longest group description. */
const MAX_DESCRIPTION = 2048;
/** Whether a group name is the lock group's, in any case (Cognito names are equal ignoring case). */
export function isLockGroup(name) {
    return nameKey(name) === LOCK_GROUP;
}
/** The lock group's description for a lease; free-text fields are cut so it fits Cognito's 2048 characters. */
export function leaseDescription(record) {
    const cut = (s, n) => (s.length > n ? s.slice(0, n) : s);
    const fields = {
        [MARKER]: 1,
        id: cut(record.id, 100),
        host: cut(record.host, 255),
        user: cut(record.user, 255),
        ...(record.ci === undefined ? {} : { ci: cut(record.ci, 900) }),
        version: cut(record.version, 50),
        ...(record.plan === undefined ? {} : { plan: cut(record.plan, 100) }),
        since: record.since,
        until: record.until,
    };
    const text = JSON.stringify(fields);
    // Escapes can lengthen the JSON past the cuts: drop the CI URL, then shorten host and user further.
    if (text.length <= MAX_DESCRIPTION)
        return text;
    return JSON.stringify({ ...fields, ci: undefined, host: cut(record.host, 40), user: cut(record.user, 40) });
}
/** What a listed or read lock group says; undefined for any other group. */
export function lockStateOf(g) {
    if (!isLockGroup(g.name))
        return undefined;
    const record = parseLease(g.description);
    return record === undefined ? { kind: 'foreign', description: g.description } : { kind: 'lease', record };
}
function parseLease(description) {
    if (description === undefined)
        return undefined;
    let data;
    try {
        data = JSON.parse(description);
    }
    catch {
        return undefined;
    }
    if (typeof data !== 'object' || data === null)
        return undefined;
    const o = data;
    const text = (k) => (typeof o[k] === 'string' ? o[k] : undefined);
    const [id, host, user, version, since, until] = [text('id'), text('host'), text('user'), text('version'), text('since'), text('until')];
    if (o[MARKER] !== 1 || id === undefined || host === undefined || user === undefined || version === undefined || since === undefined || until === undefined)
        return undefined;
    if (Number.isNaN(Date.parse(since)) || Number.isNaN(Date.parse(until)))
        return undefined;
    const ci = text('ci');
    const plan = text('plan');
    return { id, host, user, version, since, until, ...(ci === undefined ? {} : { ci }), ...(plan === undefined ? {} : { plan }) };
}
/** Whether a lease has run out at `nowMs` (milliseconds since the epoch): then another run may take it over. */
export function isExpired(record, nowMs) {
    return Date.parse(record.until) <= nowMs;
}
/** The lease a run writes: taken now, lasting `seconds`. */
export function newLease(holder, nowMs, seconds) {
    return { ...holder, since: new Date(nowMs).toISOString(), until: new Date(nowMs + seconds * 1000).toISOString() };
}
/** The same lease, lasting `seconds` from `nowMs`. */
export function renewed(record, nowMs, seconds) {
    return { ...record, until: new Date(nowMs + seconds * 1000).toISOString() };
}
/** Who holds a lease, in a few words: `user@host` and the CI run when there is one. */
export function holderText(record) {
    return `${record.user}@${record.host}${record.ci === undefined ? '' : ` (${record.ci})`}`;
}
/**
 * A duration as a user writes it: `90` or `90s` seconds, `500ms`, `5m`, `1h`, or combinations such
 * as `1m30s`. Returns milliseconds, or undefined when the text is not one.
 */
export function parseDuration(text) {
    const t = text.trim();
    if (/^\d+(\.\d+)?$/.test(t))
        return Math.round(Number(t) * 1000);
    const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t)
        return undefined;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
    return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * unit[p[2]], 0));
}
