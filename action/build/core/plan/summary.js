// What a plan amounts to: its counts and whether it changes anything. The summary line that words
// the counts is the views' (faces/render/summary.ts).
import { assertNever } from '../errors.js';
/** Counts of a plan's changes. */
export function countPlan(plan) {
    const counts = { add: 0, change: 0, replace: 0, delete: 0, rename: 0, restore: 0, unmanaged: 0, providerGroups: 0, alerts: 0, membersKept: 0, membersDropped: 0, orphanHolds: 0, memberAdds: 0, memberRemovals: 0 };
    for (const pool of plan.pools) {
        counts.orphanHolds += pool.orphanHolds?.length ?? 0;
        for (const g of pool.unmanaged) {
            if (!g.provider)
                counts.unmanaged++;
            else
                counts.providerGroups++;
            if (g.alert !== undefined)
                counts.alerts++;
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
                    if (c.hold === undefined)
                        counts.membersDropped += c.memberCount ?? 0;
                    else
                        counts.membersKept += (c.memberCount ?? 0) + (c.hold.resuming ? (c.hold.memberCount ?? 0) : 0);
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
export function hasChanges(plan) {
    return plan.pools.some((p) => p.changes.length > 0);
}
