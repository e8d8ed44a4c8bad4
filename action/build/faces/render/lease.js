// What plan and drift say of a lease they find in a listing: an apply is running (or stopped and left
// its lease to run out). Display only; read from the listing they already make, with no call of its own.
import { holderText, isExpired, isLockGroup, lockStateOf, LOCK_GROUP } from '../../core/plan/lease.js';
/** One line per pool whose listing holds a lease, in the order given. */
export function heldLeaseLines(listings, nowMs) {
    const lines = [];
    for (const [poolId, groups] of listings) {
        const group = groups.find((g) => isLockGroup(g.name));
        const state = group === undefined ? undefined : lockStateOf(group);
        if (state === undefined)
            continue;
        if (state.kind === 'foreign') {
            lines.push(`user pool ${poolId} has a group ${LOCK_GROUP} that cognito-groups did not write: apply refuses to run until it is deleted`);
            continue;
        }
        const r = state.record;
        lines.push(isExpired(r, nowMs)
            ? `user pool ${poolId}: an apply by ${holderText(r)} left its lease (lock id ${r.id}, since ${r.since}), which ran out at ${r.until}; it may have stopped half-way, and the next apply takes the lease over`
            : `user pool ${poolId}: an apply by ${holderText(r)} has been running since ${r.since} (lease until ${r.until}, lock id ${r.id}); this listing may show its work half done`);
    }
    return lines;
}
