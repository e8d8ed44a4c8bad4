// What a plan amounts to: its counts, whether it changes anything, and the one summary line every
// format shows (scripts grep for it, so it belongs to the model, not to a view).
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
/**
 * The last line of a plan, such as `Plan: 2 to add, 1 to change, 1 to replace, 0 to delete. Members:
 * 40 kept, 0 dropped. 3 unmanaged groups left alone.` (the four counts always there: scripts grep for
 * them), or `No changes.`; then what needs a person: provider-group alerts, members left held.
 */
export function summaryLine(plan) {
    const c = countPlan(plan);
    const alone = [c.unmanaged > 0 ? plural(c.unmanaged, 'unmanaged group') : '', c.providerGroups > 0 ? plural(c.providerGroups, 'provider group') : ''].filter((s) => s !== '');
    const left = alone.length === 0 ? '' : ` ${alone.join(' and ')} left alone.`;
    const alert = c.alerts === 0 ? '' : ` ${plural(c.alerts, 'provider-group alert')}.`;
    const held = c.orphanHolds === 0 ? '' : ` ${plural(c.orphanHolds, 'holding group')} of groups the file no longer lists kept.`;
    const moved = c.membersKept + c.membersDropped === 0 ? [] : [`${c.membersKept} kept`, `${c.membersDropped} dropped`];
    const managed = c.memberAdds + c.memberRemovals === 0 ? [] : [`${c.memberAdds} to add`, `${c.memberRemovals} to remove`];
    const members = moved.length + managed.length === 0 ? '' : ` Members: ${[...managed, ...moved].join(', ')}.`;
    const more = [c.rename > 0 ? `${c.rename} to rename` : '', c.restore > 0 ? `${c.restore} to finish (members held by a run that stopped)` : ''].filter((x) => x !== '');
    const changes = c.add + c.change + c.replace + c.delete + c.rename + c.restore === 0
        ? 'No changes.'
        : `Plan: ${c.add} to add, ${c.change} to change, ${c.replace} to replace, ${c.delete} to delete${more.map((m) => `, ${m}`).join('')}.`;
    return `${changes}${members}${left}${alert}${held}`;
}
/** "1 group" / "3 groups". */
export function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
