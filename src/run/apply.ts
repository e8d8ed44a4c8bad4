import type { ApplyPolicy } from './apply/policy.js';
import { checkApplyPolicy, RefusedError } from './apply/refusal.js';
import type { ApplyProgress } from './apply/report.js';
import type { DesiredConfig } from '../core/config/model.js';
import type { CallCounts } from '../edge/pacing/paced-api.js';
import type { Plan } from '../core/plan/model.js';
import { hasChanges } from '../core/plan/summary.js';
import { applyAndCheck, type ApplyOutcome } from './converge.js';
import type { Session } from './session.js';
import { PLAN_OPTIONS, withPlanned, type PlanOptions, type PlanOutcome } from './plan.js';
import type { Leases, LockOptions } from './lease/leases.js';
import { takeLeases } from './lease/take.js';
import { CgError } from '../core/errors.js';
import { checkOptions, LOCK, POLICY, type Spec } from './option-check.js';

/** Options of `apply()`. */
export type ApplyOptions = PlanOptions &
  ApplyPolicy &
  LockOptions & {
    /** Called with the plan and what it was made from as soon as it is made, before any check or change. */
    onPlan?: (planned: PlanOutcome) => void;
    /** Called with the plan before anything is changed; resolve false to stop. Without it, apply goes ahead. */
    approve?: (plan: Plan) => Promise<boolean>;
    onApplyProgress?: (p: ApplyProgress) => void;
    /** Changes in flight at once per pool and action (default 4); pacing sets the rate. */
    concurrency?: number;
  };

/** The options `apply()` takes, and what each value must be (checked before any call). */
export const APPLY_OPTIONS: Spec<ApplyOptions> = { ...PLAN_OPTIONS, ...POLICY, ...LOCK, onPlan: 'function', approve: 'function', onApplyProgress: 'function', concurrency: 'positiveInteger' } as Spec<ApplyOptions>;

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
 * Takes the lease of each pool (see LockOptions), plans, refuses replaces and deletes that are not
 * allowed (before any write, RefusedError), asks `approve`, applies, then lists the changed pools
 * again to check they match the file. The leases are released however it ends.
 */
export async function apply(options: ApplyOptions): Promise<ApplyResult> {
  checkOptions('apply', APPLY_OPTIONS, options);
  let leases: Leases | undefined;
  const work = async (config: DesiredConfig, session: Session, planned: PlanOutcome): Promise<ApplyResult> => {
    const held = leases;
    if (held === undefined) throw new CgError('INTERNAL', 'apply planned without its leases');
    held.confirm(planned.observed);
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
