// Breaking a lease whose holder is gone but which has not run out (Terraform's force-unlock): only with
// the lock id the refusal named, so a lease taken since by another run is never broken by mistake.
import { CgError } from '../../core/errors.js';
import { lockStateOf, LOCK_GROUP } from '../../core/plan/lease.js';
import { openSession } from '../session.js';
/**
 * Deletes the lease of a pool if its lock id is `lockId`; refuses (USAGE) when the pool has no lease,
 * or one with another id. Returns the lease it broke. Like every renewal, it is check-then-act: the
 * lease is read, then deleted (Cognito has no conditional delete).
 */
export async function unlock(options) {
    const { pool, lockId } = options;
    const session = openSession(options);
    try {
        const group = await session.api.getGroup(pool, LOCK_GROUP);
        if (group === undefined)
            throw new CgError('USAGE', `user pool ${pool.id} has no lease (no group ${LOCK_GROUP}); nothing to unlock`);
        const state = lockStateOf(group);
        if (state?.kind !== 'lease')
            throw new CgError('USAGE', `user pool ${pool.id}: the group ${LOCK_GROUP} was not written by cognito-groups, so it has no lock id; delete it yourself if nothing else uses it`);
        if (state.record.id !== lockId) {
            throw new CgError('USAGE', `user pool ${pool.id}: the lease has lock id ${state.record.id}, not ${lockId}; nothing was unlocked (the run you meant may have ended, and another one holds the lease now)`);
        }
        await session.api.deleteGroup(pool, LOCK_GROUP);
        return state.record;
    }
    finally {
        session.close();
    }
}
