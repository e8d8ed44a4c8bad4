import { checkApplyPolicy, type ApplyPolicy } from './apply/policy.js';
import { RefusedError } from './apply/refusal.js';
import type { ApplyProgress } from './apply/report.js';
import type { DesiredConfig } from '../core/config/model.js';
import type { CallCounts } from '../edge/pacing/paced-api.js';
import type { Plan } from '../core/plan/model.js';
import { hasChanges } from '../core/plan/summary.js';
import { applyAndCheck, type ApplyOutcome } from './converge.js';
import { desiredOf, firstRegion, planWith, type PlanOptions, type PlanOutcome } from './plan.js';
import { checkAccount, openSession } from './session.js';

/** Options of `apply()`. */
export type ApplyOptions = PlanOptions &
  ApplyPolicy & {
    /** Called with the plan and what it was made from as soon as it is made, before any check or change. */
    onPlan?: (planned: PlanOutcome) => void;
    /** Called with the plan before anything is changed; resolve false to stop. Without it, apply goes ahead. */
    approve?: (plan: Plan) => Promise<boolean>;
    onApplyProgress?: (p: ApplyProgress) => void;
    /** Changes in flight at once per pool and action (default 4); pacing sets the rate. */
    concurrency?: number;
  };

/** An apply's plan and outcome. `outcome` is undefined when there was nothing to do. */
export interface ApplyResult {
  plan: Plan;
  config: DesiredConfig;
  /** The listings the plan was made from. */
  observed: PlanOutcome['observed'];
  /** The members the plan read. */
  members: PlanOutcome['members'];
  outcome?: ApplyOutcome;
  counts: CallCounts;
}

/**
 * Plans, refuses replaces and deletes that are not allowed (before any write, RefusedError), asks
 * `approve`, applies, then lists the changed pools again to check they match the file.
 */
export async function apply(options: ApplyOptions): Promise<ApplyResult> {
  const config = await desiredOf(options);
  const session = openSession(options, config.settings.maxRps);
  try {
    await checkAccount(session, config.environment, firstRegion(config));
    const planned = await planWith(session.api, config, { ...options, rates: session.rates });
    const { plan, observed, members, caseSensitive } = planned;
    options.onPlan?.(planned);
    if (!hasChanges(plan)) return { plan, config, observed, members, counts: session.api.counts };
    checkApplyPolicy(plan, options);
    if (options.approve !== undefined && !(await options.approve(plan))) throw new RefusedError({ kind: 'cancelled' });
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
  } finally {
    session.close();
  }
}
