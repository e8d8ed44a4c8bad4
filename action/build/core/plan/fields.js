/** Every managed field, in the order they are shown. */
export const FIELD_NAMES = ['description', 'precedence', 'roleArn'];
/**
 * The managed fields of a group as Cognito holds them, in a fixed key order: an empty description is
 * no description (Cognito stores "" as none, and UpdateGroup clears with ""), absent fields are left out.
 */
export function normalFields(g) {
    const out = {};
    if (g.description !== undefined && g.description !== null && g.description !== '')
        out.description = g.description;
    if (g.precedence !== undefined && g.precedence !== null)
        out.precedence = g.precedence;
    if (g.roleArn !== undefined && g.roleArn !== null)
        out.roleArn = g.roleArn;
    return out;
}
/** The fields whose values differ, in display order (both sides normalised first). */
export function diffFields(before, after) {
    const b = normalFields(before);
    const a = normalFields(after);
    const out = [];
    for (const field of FIELD_NAMES) {
        const was = b[field] ?? null;
        const will = a[field] ?? null;
        if (was !== will)
            out.push({ field, before: was, after: will });
    }
    return out;
}
/** Whether two groups' managed fields are the same. */
export function sameFields(a, b) {
    return diffFields(a, b).length === 0;
}
/**
 * Why going from `before` to `after` needs DeleteGroup then CreateGroup: Cognito cannot remove a
 * RoleArn or a Precedence in place, nor change a name (not even its case). Empty when an update will do.
 */
export function replaceReasons(before, after) {
    const b = normalFields(before);
    const a = normalFields(after);
    const reasons = [];
    if (before.name !== after.name)
        reasons.push('case-rename');
    if (b.roleArn !== undefined && a.roleArn === undefined)
        reasons.push('roleArn-removed');
    if (b.precedence !== undefined && a.precedence === undefined)
        reasons.push('precedence-removed');
    return reasons;
}
