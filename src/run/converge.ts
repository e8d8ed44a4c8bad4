import { remainingChanges, type Remaining } from '../apply/converged.js';
import { executeChanges } from '../apply/execute.js';
import type { ApplyProgress, ApplyReport } from '../apply/report.js';
import type { DesiredConfig } from '../config/model.js';
import type { Plan } from '../plan/model.js';
import { listPools, type ReadProgress } from '../read/list-pool.js';
import type { Session } from './session.js';

/** What an apply did, and whether the pools now match. */
export interface ApplyOutcome {
  report: ApplyReport;
  /** Differences left after applying (empty when the pools match); only checked when nothing failed. */
  remaining: Remaining[];
}

/** How applyAndCheck runs. */
export interface ApplyRunOptions {
  /** The groups file, when there is one: the pools are then compared with it afterwards. */
  config?: DesiredConfig;
  signal?: AbortSignal;
  concurrency?: number;
  onProgress?: (p: ApplyProgress) => void;
  onReadProgress?: (p: ReadProgress) => void;
}

/** Applies a plan, then lists the changed pools again and reports what still differs. */
export async function applyAndCheck(session: Session, plan: Plan, options: ApplyRunOptions): Promise<ApplyOutcome> {
  const report = await executeChanges(session.api, session.finishing, plan.pools, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  if (report.interrupted || report.results.some((r) => r.status !== 'done')) return { report, remaining: [] };
  const touched = plan.pools.filter((p) => p.changes.length > 0);
  if (touched.length === 0) return { report, remaining: [] };
  const after = await listPools(session.api, touched.map((p) => ({ id: p.userPoolId, region: p.region })), options.onReadProgress);
  return { report, remaining: remainingChanges(plan, after, options.config) };
}
