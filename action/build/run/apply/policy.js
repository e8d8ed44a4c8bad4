// The delete and replace policy: what an apply may destroy. Checked on the whole plan before any
// write, so every refusal is named at once and nothing is half-applied.
import { isProviderGroup } from '../../core/config/model.js';
import { DEFAULT_MAX_DELETE, DEFAULT_MAX_MEMBER_REMOVALS } from './limits.js';
import { DEFAULT_MAX_ROLE_CHANGES } from './limits.js';
import { accessViolations } from './access-budget.js';
export { DEFAULT_MAX_DELETE, DEFAULT_MAX_MEMBER_REMOVALS, DEFAULT_MAX_ROLE_CHANGES };
/** What a plan does against a policy; undefined when it may be applied. Pure. */
export function policyViolations(plan, policy) {
    const replaces = [];
    const deletes = [];
    const providerGroups = [];
    for (const pool of plan.pools) {
        const poolId = pool.userPoolId;
        for (const c of pool.changes) {
            if (c.action === 'replace') {
                replaces.push({ poolId, name: c.name, ...(c.previousName === c.name ? {} : { from: c.previousName }), ...(c.hold === undefined ? { dropsMembers: true } : {}) });
                if (isProviderGroup(poolId, c.previousName))
                    providerGroups.push({ poolId, name: c.previousName });
            }
            else if (c.action === 'rename') {
                // A rename deletes the group it renames: never a provider group, whatever `previously` says.
                if (isProviderGroup(poolId, c.previousName))
                    providerGroups.push({ poolId, name: c.previousName });
            }
            else if (c.action === 'delete') {
                deletes.push({ poolId, name: c.name });
                if (isProviderGroup(poolId, c.name))
                    providerGroups.push({ poolId, name: c.name });
            }
        }
    }
    const maxDelete = policy.maxDelete ?? DEFAULT_MAX_DELETE;
    const removals = replaces.length + deletes.length;
    const memberRemovals = [];
    const emptiedGroups = [];
    for (const pool of plan.pools) {
        for (const c of pool.changes) {
            const members = 'members' in c ? c.members : undefined;
            if (members === undefined || members.remove.length === 0)
                continue;
            const ref = { poolId: pool.userPoolId, name: c.name, count: members.remove.length };
            memberRemovals.push(ref);
            // Every member it has goes and none comes: an empty or mistaken list, never taken as meant.
            if (members.add.length === 0 && members.had > 0 && members.remove.length >= members.had)
                emptiedGroups.push(ref);
        }
    }
    const maxMemberRemovals = policy.maxMemberRemovals ?? DEFAULT_MAX_MEMBER_REMOVALS;
    const memberRemovalCount = memberRemovals.reduce((n, r) => n + r.count, 0);
    const v = {
        providerGroups,
        replaces: policy.allowReplace === true ? [] : replaces,
        deletes: policy.allowDelete === true ? [] : deletes,
        ...(removals > maxDelete ? { overMaxDelete: { removals, maxDelete } } : {}),
        ...(policy.allowMemberRemovals === true || memberRemovals.length === 0 ? {} : { memberRemovals }),
        ...(memberRemovalCount > maxMemberRemovals ? { overMaxMemberRemovals: { removals: memberRemovalCount, maxMemberRemovals } } : {}),
        ...(emptiedGroups.length === 0 ? {} : { emptiedGroups }),
    };
    const access = policy.allowRoleChanges === true ? undefined : accessViolations(plan, policy.maxRoleChanges ?? DEFAULT_MAX_ROLE_CHANGES);
    if (access !== undefined)
        v.access = access;
    const refused = v.providerGroups.length + v.replaces.length + v.deletes.length + (v.memberRemovals?.length ?? 0) + (v.emptiedGroups?.length ?? 0) > 0 ||
        v.overMaxDelete !== undefined ||
        v.overMaxMemberRemovals !== undefined ||
        v.access !== undefined;
    return refused ? v : undefined;
}
/** What no flag (of plan or apply) lets apply do in this plan; undefined when flags alone decide. A plan shows it, so a pull request is not merged for an apply that must refuse. Pure. */
export function neverApplied(plan) {
    const v = policyViolations(plan, { allowReplace: true, allowDelete: true, maxDelete: Infinity, allowMemberRemovals: true, maxMemberRemovals: Infinity, allowRoleChanges: true });
    if (v === undefined)
        return undefined;
    // A replace that empties its group is one `plan --drop-members` makes differently (the members are
    // dropped, none removed): a flag decides it, so it is not named here.
    const replaced = new Set(plan.pools.flatMap((p) => p.changes.filter((c) => c.action === 'replace').map((c) => `${p.userPoolId}/${c.name}`)));
    const emptiedGroups = (v.emptiedGroups ?? []).filter((r) => !replaced.has(`${r.poolId}/${r.name}`));
    if (v.providerGroups.length === 0 && emptiedGroups.length === 0)
        return undefined;
    return { providerGroups: v.providerGroups, emptiedGroups };
}
