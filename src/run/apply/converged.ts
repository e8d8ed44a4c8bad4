// After applying: whether each change the run made holds, and what else differs from the file. Pure.
import type { DesiredConfig } from '../../core/config/model.js';
import { compareNames, nameKey } from '../../core/config/names.js';
import { usernameKey } from '../../core/plan/member-changes.js';
import { computePoolPlan } from '../../core/plan/compute.js';
import { diffFields, normalFields } from '../../core/plan/fields.js';
import type { GroupChange, MembersByPool, ObservedGroup, Plan, PoolPlan } from '../../core/plan/model.js';

/** A difference after applying: the change a new plan would make to one group of one pool. */
export interface Remaining {
  poolId: string;
  change: GroupChange;
}

/** What the listing after an apply shows. */
export interface AfterApply {
  /** Changes the run made that do not hold (the run's responsibility): an apply with any fails. */
  remaining: Remaining[];
  /** Groups the run did not change that differ from the groups file (changed by someone else meanwhile): reported, never a failure. */
  elsewhere: Remaining[];
  /** Groups the run put members in (a replace that kept them, a rename, members put back) that lack some of them: an apply with any fails. */
  membersMissing: MembersMissing[];
}

/** A group that lacks members the run was to keep or move into it. */
export interface MembersMissing {
  poolId: string;
  group: string;
  /** How many members it was to have from the plan's reading. */
  expected: number;
  /** The usernames it lacks, sorted. */
  missing: string[];
  /** Usernames the run removed (an exact `members:` list) that it still has, sorted. */
  unexpected: string[];
}

/** A group a change puts members in: the groups the plan read them from, and the users the file adds and removes. */
export interface MemberTarget {
  group: string;
  sources: string[];
  add: string[];
  remove: string[];
}

/** The groups of a pool plan that its changes put members in (a member-keeping replace, a rename, members put back). */
export function memberTargets(pool: PoolPlan): MemberTarget[] {
  const out: MemberTarget[] = [];
  for (const c of pool.changes) {
    if (c.action === 'delete') continue;
    const held = 'hold' in c && c.hold?.resuming === true ? [c.hold.group] : [];
    const sources = (c.action === 'replace' && c.hold !== undefined) || c.action === 'rename' ? [c.previousName, ...held] : c.action === 'replace' ? [] : held;
    const add = c.members?.add ?? [];
    const remove = c.members?.remove ?? [];
    if (sources.length + add.length + remove.length > 0) out.push({ group: c.name, sources, add, remove });
  }
  return out;
}

/** The members the pools have after an apply (of the member targets), and those the plan read. */
export interface MembersAfter {
  /** What the plan read, by pool then group. */
  then: MembersByPool;
  /** The member targets read again after applying, by pool then group. */
  now: MembersByPool;
  /** Pools that compare usernames case-sensitively (DescribeUserPool); others ignore case. */
  caseSensitive?: ReadonlyMap<string, boolean>;
}

/**
 * Checks the pools after an apply, the same way in every pool: each planned change must hold (the
 * group exists with the planned fields, or is gone, and a group the run put members in has every one
 * the plan read); with the groups file, the other groups of the pools it changed are compared with
 * the file too, and differences reported apart.
 */
export function checkAfterApply(plan: Plan, after: Map<string, ObservedGroup[]>, config?: DesiredConfig, members?: MembersAfter): AfterApply {
  const remaining: Remaining[] = [];
  const elsewhere: Remaining[] = [];
  const membersMissing: MembersMissing[] = [];
  for (const pool of plan.pools) {
    const poolId = pool.userPoolId;
    const observed = after.get(poolId);
    if (observed === undefined || pool.changes.length === 0) continue;
    const byName = new Map(observed.map((g) => [g.name, g]));
    for (const c of pool.changes) {
      const now = byName.get(c.name);
      if (c.action === 'delete') {
        if (now !== undefined) remaining.push({ poolId, change: { action: 'delete', name: c.name, before: normalFields(now) } });
        continue;
      }
      if (c.action !== 'restore') {
        if (now === undefined) remaining.push({ poolId, change: { action: 'create', name: c.name, after: c.after } });
        else {
          const fields = diffFields(now, c.after);
          if (fields.length > 0) remaining.push({ poolId, change: { action: 'update', name: c.name, before: normalFields(now), after: c.after, fields } });
        }
      }
      // A rename leaves no old group, and nothing the run moved members through is left behind.
      const old = c.action === 'rename' ? byName.get(c.previousName) : undefined;
      if (old !== undefined) remaining.push({ poolId, change: { action: 'delete', name: old.name, before: normalFields(old) } });
      const hold = 'hold' in c ? c.hold : undefined;
      if (hold !== undefined && byName.has(hold.group)) remaining.push({ poolId, change: { action: 'restore', name: c.name, hold } });
    }
    const key = (u: string): string => usernameKey(u, members?.caseSensitive?.get(poolId) ?? false);
    for (const target of memberTargets(pool)) {
      const now = members?.now.get(poolId)?.get(target.group);
      if (now === undefined) continue;
      const has = new Set(now.map(key));
      const removed = new Set(target.remove.map(key));
      const kept = target.sources.flatMap((source) => [...(members?.then.get(poolId)?.get(source) ?? [])]).filter((u) => !removed.has(key(u)));
      const expected = [...new Map([...kept, ...target.add].map((u) => [key(u), u])).values()];
      const missing = expected.filter((u) => !has.has(key(u))).sort(compareNames);
      const unexpected = now.filter((u) => removed.has(key(u))).sort(compareNames);
      if (missing.length + unexpected.length > 0) membersMissing.push({ poolId, group: target.group, expected: expected.length, missing, unexpected });
    }
    const desired = config?.userPools.find((p) => p.id === poolId);
    if (desired === undefined) continue;
    const touched = new Set(pool.changes.flatMap((c) => [nameKey(c.name), ...('previousName' in c ? [nameKey(c.previousName)] : [])]));
    for (const change of computePoolPlan(desired, observed).changes) {
      if (!touched.has(nameKey(change.name)) && !('previousName' in change && touched.has(nameKey(change.previousName)))) elsewhere.push({ poolId, change });
    }
  }
  return { remaining, elsewhere, membersMissing };
}
