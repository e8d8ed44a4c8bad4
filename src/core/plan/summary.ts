// What a plan amounts to: its counts and whether it changes anything. The summary line that words
// the counts is the views' (faces/render/summary.ts).
import { assertNever } from '../errors.js';
import type { Plan } from './model.js';

/** Counts of a plan, as in its summary line; unmanaged and provider groups are counted as drift counts them. */
export interface PlanCounts {
  add: number;
  change: number;
  replace: number;
  delete: number;
  /** Groups renamed (created anew, members moved, the old one deleted). */
  rename: number;
  /** Groups whose members a stopped run left held, to put back. */
  restore: number;
  /** Groups the file does not list and the plan leaves alone, provider groups apart. */
  unmanaged: number;
  /** Provider groups (`<poolId>_<Provider>`) the file does not list. */
  providerGroups: number;
  /** Provider groups among them that carry a role or precedence. */
  alerts: number;
  /** Members the changes keep or move to another group: a member-keeping replace's, a rename's, those put back (where counted). */
  membersKept: number;
  /** Members the changes drop: a delete's, a replace's made with --drop-members (where counted). */
  membersDropped: number;
  /** Holding groups left by a run that stopped for groups the file no longer lists. */
  orphanHolds: number;
  /** Users to add to groups with `members:`. */
  memberAdds: number;
  /** Users to remove from groups with an exact `members:` list. */
  memberRemovals: number;
}

/** Counts of a plan's changes. */
export function countPlan(plan: Plan): PlanCounts {
  const counts: PlanCounts = { add: 0, change: 0, replace: 0, delete: 0, rename: 0, restore: 0, unmanaged: 0, providerGroups: 0, alerts: 0, membersKept: 0, membersDropped: 0, orphanHolds: 0, memberAdds: 0, memberRemovals: 0 };
  for (const pool of plan.pools) {
    counts.orphanHolds += pool.orphanHolds?.length ?? 0;
    for (const g of pool.unmanaged) {
      if (!g.provider) counts.unmanaged++;
      else counts.providerGroups++;
      if (g.alert !== undefined) counts.alerts++;
    }
    for (const c of pool.changes) {
      const members = 'members' in c ? c.members : undefined;
      counts.memberAdds += members?.add.length ?? 0;
      counts.memberRemovals += members?.remove.length ?? 0;
      switch (c.action) {
        case 'create':
          counts.add++;
          counts.membersKept += c.hold?.memberCount ?? 0;
          break;
        case 'update':
          counts.change++;
          counts.membersKept += c.hold?.memberCount ?? 0;
          break;
        case 'replace':
          counts.replace++;
          if (c.hold === undefined) counts.membersDropped += c.memberCount ?? 0;
          else counts.membersKept += (c.memberCount ?? 0) + (c.hold.resuming ? (c.hold.memberCount ?? 0) : 0);
          break;
        case 'delete':
          counts.delete++;
          counts.membersDropped += c.memberCount ?? 0;
          break;
        case 'rename':
          counts.rename++;
          counts.membersKept += (c.memberCount ?? 0) + (c.hold.resuming ? (c.hold.memberCount ?? 0) : 0);
          break;
        case 'restore':
          counts.restore++;
          counts.membersKept += c.hold.memberCount ?? 0;
          break;
        default:
          assertNever(c);
      }
    }
  }
  return counts;
}

/** Whether the plan would change anything. */
export function hasChanges(plan: Plan): boolean {
  return plan.pools.some((p) => p.changes.length > 0);
}
