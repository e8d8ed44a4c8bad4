// The delete and replace policy: what an apply may destroy. Checked on the whole plan before any
// write, so every refusal is named at once and nothing is half-applied.
import { isProviderGroup } from '../../core/config/model.js';
import type { Plan } from '../../core/plan/model.js';
import { DEFAULT_MAX_DELETE, DEFAULT_MAX_MEMBER_REMOVALS } from './limits.js';

/** What a caller allows an apply to do beyond creating and updating. */
export interface ApplyPolicy {
  /** Replacing a group deletes and re-creates it, dropping its members. */
  allowReplace?: boolean;
  /** Deleting groups the file does not list (pools with unmanagedGroups: delete). */
  allowDelete?: boolean;
  /** Most groups one apply may delete or replace, even when allowed (default DEFAULT_MAX_DELETE). */
  maxDelete?: number;
  /** Removing members from groups with an exact `members:` list. */
  allowMemberRemovals?: boolean;
  /** Most members one apply may remove in all, even when allowed (default DEFAULT_MAX_MEMBER_REMOVALS). */
  maxMemberRemovals?: number;
  /** Changing the preferred role of more users than maxRoleChanges, giving users a sensitive role, or a plan whose access was not checked. */
  allowRoleChanges?: boolean;
  /** Most users whose preferred role one apply may change unless allowRoleChanges (default DEFAULT_MAX_ROLE_CHANGES). */
  maxRoleChanges?: number;
}

/** A group some of whose members the plan removes. */
export interface MemberRemovalRef {
  poolId: string;
  name: string;
  /** Members removed. */
  count: number;
}

import { DEFAULT_MAX_ROLE_CHANGES } from './limits.js';
import { accessViolations, type AccessViolations } from './access-budget.js';

export { DEFAULT_MAX_DELETE, DEFAULT_MAX_MEMBER_REMOVALS, DEFAULT_MAX_ROLE_CHANGES };

/** A group in a pool, named as `pool/name` in messages; `from` is set for a case-only rename. */
export interface PoolGroupRef {
  poolId: string;
  name: string;
  from?: string;
  /** Set on a replace planned with --drop-members. */
  dropsMembers?: true;
}

/** What a plan would do that the policy does not allow; each list empty or absent when fine. */
export interface PolicyViolations {
  /** Provider groups the plan would delete or replace: never allowed. */
  providerGroups: PoolGroupRef[];
  /** Replaces, when replacing is not allowed. */
  replaces: PoolGroupRef[];
  /** Deletes, when deleting is not allowed. */
  deletes: PoolGroupRef[];
  /** Set when the plan deletes or replaces more groups than maxDelete. */
  overMaxDelete?: { removals: number; maxDelete: number };
  /** Member removals, when removing members is not allowed. */
  memberRemovals?: MemberRemovalRef[];
  /** Set when the plan removes more members in all than maxMemberRemovals. */
  overMaxMemberRemovals?: { removals: number; maxMemberRemovals: number };
  /** Groups that have members and whose every member the plan removes: never allowed. */
  emptiedGroups?: MemberRemovalRef[];
  /** Access changes beyond the budget, sensitive roles given, or access not checked (unless allowRoleChanges). */
  access?: AccessViolations;
}

/** What a plan does against a policy; undefined when it may be applied. Pure. */
export function policyViolations(plan: Plan, policy: ApplyPolicy): PolicyViolations | undefined {
  const replaces: PoolGroupRef[] = [];
  const deletes: PoolGroupRef[] = [];
  const providerGroups: PoolGroupRef[] = [];
  for (const pool of plan.pools) {
    const poolId = pool.userPoolId;
    for (const c of pool.changes) {
      if (c.action === 'replace') {
        replaces.push({ poolId, name: c.name, ...(c.previousName === c.name ? {} : { from: c.previousName }), ...(c.hold === undefined ? { dropsMembers: true as const } : {}) });
        if (isProviderGroup(poolId, c.previousName)) providerGroups.push({ poolId, name: c.previousName });
      } else if (c.action === 'rename') {
        // A rename deletes the group it renames: never a provider group, whatever `previously` says.
        if (isProviderGroup(poolId, c.previousName)) providerGroups.push({ poolId, name: c.previousName });
      } else if (c.action === 'delete') {
        deletes.push({ poolId, name: c.name });
        if (isProviderGroup(poolId, c.name)) providerGroups.push({ poolId, name: c.name });
      }
    }
  }
  const maxDelete = policy.maxDelete ?? DEFAULT_MAX_DELETE;
  const removals = replaces.length + deletes.length;
  const memberRemovals: MemberRemovalRef[] = [];
  const emptiedGroups: MemberRemovalRef[] = [];
  for (const pool of plan.pools) {
    for (const c of pool.changes) {
      const members = 'members' in c ? c.members : undefined;
      if (members === undefined || members.remove.length === 0) continue;
      const ref = { poolId: pool.userPoolId, name: c.name, count: members.remove.length };
      memberRemovals.push(ref);
      // Every member it has goes and none comes: an empty or mistaken list, never taken as meant.
      if (members.add.length === 0 && members.had > 0 && members.remove.length >= members.had) emptiedGroups.push(ref);
    }
  }
  const maxMemberRemovals = policy.maxMemberRemovals ?? DEFAULT_MAX_MEMBER_REMOVALS;
  const memberRemovalCount = memberRemovals.reduce((n, r) => n + r.count, 0);
  const v: PolicyViolations = {
    providerGroups,
    replaces: policy.allowReplace === true ? [] : replaces,
    deletes: policy.allowDelete === true ? [] : deletes,
    ...(removals > maxDelete ? { overMaxDelete: { removals, maxDelete } } : {}),
    ...(policy.allowMemberRemovals === true || memberRemovals.length === 0 ? {} : { memberRemovals }),
    ...(memberRemovalCount > maxMemberRemovals ? { overMaxMemberRemovals: { removals: memberRemovalCount, maxMemberRemovals } } : {}),
    ...(emptiedGroups.length === 0 ? {} : { emptiedGroups }),
  };
  const access = policy.allowRoleChanges === true ? undefined : accessViolations(plan, policy.maxRoleChanges ?? DEFAULT_MAX_ROLE_CHANGES);
  if (access !== undefined) v.access = access;
  const refused =
    v.providerGroups.length + v.replaces.length + v.deletes.length + (v.memberRemovals?.length ?? 0) + (v.emptiedGroups?.length ?? 0) > 0 ||
    v.overMaxDelete !== undefined ||
    v.overMaxMemberRemovals !== undefined ||
    v.access !== undefined;
  return refused ? v : undefined;
}

/** What apply refuses in a plan whatever its flags: provider groups it would delete, groups it would empty. */
export interface NeverApplied {
  providerGroups: PoolGroupRef[];
  emptiedGroups: MemberRemovalRef[];
}

/** What no flag (of plan or apply) lets apply do in this plan; undefined when flags alone decide. A plan shows it, so a pull request is not merged for an apply that must refuse. Pure. */
export function neverApplied(plan: Plan): NeverApplied | undefined {
  const v = policyViolations(plan, { allowReplace: true, allowDelete: true, maxDelete: Infinity, allowMemberRemovals: true, maxMemberRemovals: Infinity, allowRoleChanges: true });
  if (v === undefined) return undefined;
  // A replace that empties its group is one `plan --drop-members` makes differently (the members are
  // dropped, none removed): a flag decides it, so it is not named here.
  const replaced = new Set(plan.pools.flatMap((p) => p.changes.filter((c) => c.action === 'replace').map((c) => `${p.userPoolId}/${c.name}`)));
  const emptiedGroups = (v.emptiedGroups ?? []).filter((r) => !replaced.has(`${r.poolId}/${r.name}`));
  if (v.providerGroups.length === 0 && emptiedGroups.length === 0) return undefined;
  return { providerGroups: v.providerGroups, emptiedGroups };
}
