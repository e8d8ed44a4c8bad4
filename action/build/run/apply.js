import { checkApplyPolicy, RefusedError } from './apply/refusal.js';
import { hasChanges } from '../core/plan/summary.js';
import { applyAndCheck } from './converge.js';
import { PLAN_OPTIONS, withPlanned } from './plan.js';
import { takeLeases } from './lease/take.js';
import { CgError } from '../core/errors.js';
import { checkOptions, LOCK, POLICY } from './option-check.js';
/** The options `apply()` takes, and what each value must be (checked before any call). */
export const APPLY_OPTIONS = { ...PLAN_OPTIONS, ...POLICY, ...LOCK, onPlan: 'function', approve: 'function', onApplyProgress: 'function', concurrency: 'positiveInteger' };
/**
 * Takes the lease of each pool (see LockOptions), plans, refuses replaces and deletes that are not
 * allowed (before any write, RefusedError), asks `approve`, applies, then lists the changed pools
 * again to check they match the file. The leases are released however it ends.
 */
export async function apply(options) {
    checkOptions('apply', APPLY_OPTIONS, options);
    let leases;
    const work = async (config, session, planned) => {
        const held = leases;
        if (held === undefined)
            throw new CgError('INTERNAL', 'apply planned without its leases');
        held.confirm(planned.observed);
        const { plan, observed, members, caseSensitive } = planned;
        options.onPlan?.(planned);
        if (!hasChanges(plan))
            return { plan, config, observed, members, counts: session.api.counts };
        checkApplyPolicy(plan, options);
        if (options.approve !== undefined && !(await options.approve(plan)))
            throw new RefusedError({ kind: 'cancelled' });
        const outcome = await applyAndCheck(session, plan, {
            config,
            members,
            caseSensitive,
            ...(options.signal === undefined ? {} : { signal: options.signal }),
            ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
            ...(options.onApplyProgress === undefined ? {} : { onProgress: options.onApplyProgress }),
            ...(options.onReadProgress === undefined ? {} : { onReadProgress: options.onReadProgress }),
            mayNotWrite: () => held.lost(),
        });
        return { plan, config, observed, members, outcome, counts: session.api.counts };
    };
    return await withPlanned(options, work, {
        // The lease comes before the listing, so every write is based on a listing read under it.
        take: async (config, session) => {
            leases = await takeLeases(session, config.userPools.map((p) => ({ id: p.id, region: p.region })), options, config.settings.lockSeconds);
        },
        release: async () => {
            await leases?.release();
        },
    });
}
