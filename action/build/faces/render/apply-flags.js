/**
 * Every flag apply needs for a plan with these violations, in the order apply checks them: replaces,
 * deletes, the removal budget, member removals, the member-removal budget. What no flag allows
 * (provider groups, emptied groups) is not here: see `neverApplied`. Empty when none is needed.
 */
export function applyFlags(v) {
    if (v === undefined)
        return [];
    const flags = [];
    if (v.replaces.length > 0)
        flags.push({ flag: '--allow-replace', because: `replaces ${count(v.replaces.length, 'group')}` });
    if (v.deletes.length > 0)
        flags.push({ flag: '--allow-delete', because: `deletes ${count(v.deletes.length, 'group')}` });
    if (v.overMaxDelete !== undefined) {
        flags.push({ flag: `--max-delete ${v.overMaxDelete.removals}`, because: `deletes or replaces ${v.overMaxDelete.removals} groups in all, more than the limit of ${v.overMaxDelete.maxDelete}` });
    }
    if (v.memberRemovals !== undefined && v.memberRemovals.length > 0) {
        const members = v.memberRemovals.reduce((n, r) => n + r.count, 0);
        flags.push({ flag: '--allow-member-removals', because: `removes ${count(members, 'member')} from ${count(v.memberRemovals.length, 'group')}` });
    }
    if (v.overMaxMemberRemovals !== undefined) {
        flags.push({ flag: `--max-member-removals ${v.overMaxMemberRemovals.removals}`, because: `removes ${v.overMaxMemberRemovals.removals} members in all, more than the limit of ${v.overMaxMemberRemovals.maxMemberRemovals}` });
    }
    return flags;
}
function count(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
