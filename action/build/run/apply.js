import { checkApplyPolicy } from './apply/policy.js';
import { RefusedError } from './apply/refusal.js';
import { hasChanges } from '../core/plan/summary.js';
import { applyAndCheck } from './converge.js';
import { desiredOf, firstRegion, planWith } from './plan.js';
import { checkAccount, openSession } from './session.js';
import { checkOptions } from './options.js';
/**
 * Plans, refuses replaces and deletes that are not allowed (before any write, RefusedError), asks
 * `approve`, applies, then lists the changed pools again to check they match the file.
 */
export async function apply(options) {
    checkOptions('apply', options);
    const config = await desiredOf(options);
    const session = openSession(options, config.settings.maxRps);
    try {
        await checkAccount(session, config.environment, firstRegion(config));
        const planned = await planWith(session.api, config, options);
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
        });
        return { plan, config, observed, members, outcome, counts: session.api.counts };
    }
    finally {
        session.close();
    }
}
