import type { ApplyProgress } from '../apply/execute.js';
import type { DesiredConfig } from '../config/model.js';
import { readConfigFile } from '../config/read.js';
import { CgError } from '../errors.js';
import { hasChanges, type Plan } from '../plan/model.js';
import type { ReadProgress } from '../read/list-pool.js';
import { applyWith, checkPermissions, type ApplyOutcome, type ApplyPermissions } from './apply.js';
import { planWith, type PlanOutcome } from './plan.js';
import { openSession, type SessionOptions } from './session.js';
import type { CallCounts } from '../pacing/paced-api.js';
import { listPools } from '../read/list-pool.js';
import { planOfDocument } from '../saved-plan/build.js';
import type { PlanDocument } from '../saved-plan/model.js';
import { checkStaleness } from '../saved-plan/stale.js';

/** Where the desired groups come from: a parsed config, or a file to read. */
export type DesiredSource = { config: DesiredConfig } | { file: string };

/** Options of `plan()`. */
export type PlanOptions = DesiredSource & SessionOptions & { onReadProgress?: (p: ReadProgress) => void };

/** Options of `apply()`. */
export type ApplyOptions = PlanOptions &
  ApplyPermissions & {
    /** Called with the plan as soon as it is made, before any check or change (to show it). */
    onPlan?: (plan: Plan) => void;
    /** Called with the plan before anything is changed; resolve false to stop. Without it, apply goes ahead. */
    approve?: (plan: Plan) => Promise<boolean>;
    onApplyProgress?: (p: ApplyProgress) => void;
    /** Changes in flight at once per pool and action (default 4); pacing sets the rate. */
    concurrency?: number;
  };

/** A plan with the config it was made for and the calls it took. */
export interface PlanResult extends PlanOutcome {
  config: DesiredConfig;
  counts: CallCounts;
}

/** An apply's plan and outcome. `outcome` is undefined when there was nothing to do. */
export interface ApplyResult {
  plan: Plan;
  config: DesiredConfig;
  /** The listings the plan was made from. */
  observed: PlanOutcome['observed'];
  outcome?: ApplyOutcome;
  counts: CallCounts;
}

async function desiredOf(source: DesiredSource): Promise<DesiredConfig> {
  return 'config' in source ? source.config : (await readConfigFile(source.file)).config;
}

/** Lists the pools of the file and computes the plan. Read-only. */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  const config = await desiredOf(options);
  const session = openSession(options, config.settings.maxRps);
  try {
    const outcome = await planWith(session.api, config, options.onReadProgress);
    return { ...outcome, config, counts: session.api.counts };
  } finally {
    session.close();
  }
}

/**
 * Plans, refuses replaces and deletes that are not allowed (before any write), asks `approve`,
 * applies, then lists the changed pools again to check they match the file.
 */
export async function apply(options: ApplyOptions): Promise<ApplyResult> {
  const config = await desiredOf(options);
  const session = openSession(options, config.settings.maxRps);
  try {
    const { plan: thePlan, observed } = await planWith(session.api, config, options.onReadProgress);
    options.onPlan?.(thePlan);
    if (!hasChanges(thePlan)) return { plan: thePlan, config, observed, counts: session.api.counts };
    checkPermissions(thePlan, options);
    if (options.approve !== undefined && !(await options.approve(thePlan))) {
      throw new CgError('APPLY_REFUSED', 'apply cancelled; nothing was changed.');
    }
    const outcome = await applyWith(session.api, thePlan, {
      config,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.onApplyProgress === undefined ? {} : { onProgress: options.onApplyProgress }),
      ...(options.onReadProgress === undefined ? {} : { onReadProgress: options.onReadProgress }),
    });
    return { plan: thePlan, config, observed, outcome, counts: session.api.counts };
  } finally {
    session.close();
  }
}

/** Options of `applySaved()`. */
export type ApplySavedOptions = SessionOptions &
  ApplyPermissions & {
    /** A plan document read with readPlanFile (checked for format and checksum). */
    document: PlanDocument;
    /** The groups file the plan was checked against (planFollowsFrom): after applying, the pools are compared with it. */
    config?: DesiredConfig;
    onReadProgress?: (p: ReadProgress) => void;
    onApplyProgress?: (p: ApplyProgress) => void;
    concurrency?: number;
  };

/** The outcome of applying a saved plan; `notes` tell of changes elsewhere in the pools that did not matter. */
export interface ApplySavedResult {
  plan: Plan;
  outcome: ApplyOutcome;
  notes: string[];
  counts: CallCounts;
}

/**
 * Applies exactly the changes of a saved plan, without planning again. Lists the pools first and
 * refuses (PLAN_STALE, nothing applied) if any group the plan touches changed, appeared or
 * disappeared since the plan was made.
 */
export async function applySaved(options: ApplySavedOptions): Promise<ApplySavedResult> {
  const thePlan = planOfDocument(options.document);
  checkPermissions(thePlan, options);
  const session = openSession(options, options.document.settings.maxRps);
  try {
    const current = await listPools(session.api, thePlan.pools.map((p) => ({ id: p.userPoolId, region: p.region })), options.onReadProgress);
    const { stale, notes } = checkStaleness(options.document, current);
    if (stale.length > 0) {
      throw new CgError('PLAN_STALE', `stale plan: ${stale.length} group(s) the plan touches changed since it was made (${options.document.createdAt}); nothing was applied. Make a new plan and review it.`, { details: stale.map((s) => `  ${s}`) });
    }
    const outcome = await applyWith(session.api, thePlan, {
      ...(options.config === undefined ? {} : { config: options.config }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.onApplyProgress === undefined ? {} : { onProgress: options.onApplyProgress }),
      ...(options.onReadProgress === undefined ? {} : { onReadProgress: options.onReadProgress }),
    });
    return { plan: thePlan, outcome, notes, counts: session.api.counts };
  } finally {
    session.close();
  }
}
