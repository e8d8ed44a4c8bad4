// Holding groups: where a replace keeps a group's members while the group does not exist, and where a
// rename records itself. Each is an ordinary group of the pool with a reserved name derived from the
// group it serves and a description saying what it is for, so any later run, on any machine, with
// nothing left of the run that stopped, knows what to finish. Pure.
import { RESERVED_PREFIX } from '../config/model.js';
import { nameKey } from '../config/names.js';
/** The prefix of holding groups' names. */
export const HOLD_PREFIX = `${RESERVED_PREFIX}hold.`;
const MARKER = 'cognito-groups-hold';
/** The holding group of a group: one per group name (ignoring case), so two runs never pick different ones. */
export function holdName(group) {
    return `${HOLD_PREFIX}${hash32(nameKey(group), 0x811c9dc5)}${hash32(nameKey(group), 0x01000193)}`;
}
/** The description that makes a holding group say what it is for. */
export function holdDescription(record) {
    return JSON.stringify({ [MARKER]: 1, op: record.op, group: record.group, from: record.from });
}
/** What an observed group holds, when it is one of ours; undefined for any other group. */
export function holdRecordOf(g) {
    if (!g.name.startsWith(HOLD_PREFIX) || g.description === undefined)
        return undefined;
    let data;
    try {
        data = JSON.parse(g.description);
    }
    catch {
        return undefined;
    }
    if (typeof data !== 'object' || data === null)
        return undefined;
    const o = data;
    if (o[MARKER] !== 1 || (o.op !== 'replace' && o.op !== 'rename') || typeof o.group !== 'string' || typeof o.from !== 'string')
        return undefined;
    // The name must be the one this record's group gets: a copied description under another name is not ours.
    if (holdName(o.group) !== g.name)
        return undefined;
    return { op: o.op, group: o.group, from: o.from };
}
/** Whether a group name is reserved for this tool (never created from a file, never deleted as unmanaged), in any case: Cognito names are equal ignoring case. */
export function isReserved(name) {
    return nameKey(name).startsWith(RESERVED_PREFIX);
}
function hash32(text, seed) {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
}
