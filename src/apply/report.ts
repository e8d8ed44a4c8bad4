// What an apply did, change by change: the executor's report and its counts.
import type { GroupChange } from '../plan/model.js';

/** What happened to one change. */
export type ChangeStatus = 'done' | 'failed' | 'not-started';

/** The outcome of one change of the plan. */
export interface ChangeResult {
  poolId: string;
  change: GroupChange;
  status: ChangeStatus;
  /** Why it failed, or what was found on the way (a group created meanwhile, one already gone). */
  message?: string;
}

/** The outcome of applying a plan. */
export interface ApplyReport {
  results: ChangeResult[];
  interrupted: boolean;
}

/** Progress of an apply: changes finished so far. */
export interface ApplyProgress {
  total: number;
  done: number;
  failed: number;
}

/** Counts of an apply by outcome and, for the done ones, by action. */
export interface ApplyCounts {
  added: number;
  changed: number;
  replaced: number;
  deleted: number;
  failed: number;
  notStarted: number;
}

/** Counts an apply report. */
export function countApply(report: ApplyReport): ApplyCounts {
  const c: ApplyCounts = { added: 0, changed: 0, replaced: 0, deleted: 0, failed: 0, notStarted: 0 };
  for (const r of report.results) {
    if (r.status === 'failed') c.failed++;
    else if (r.status === 'not-started') c.notStarted++;
    else if (r.change.action === 'create') c.added++;
    else if (r.change.action === 'update') c.changed++;
    else if (r.change.action === 'replace') c.replaced++;
    else c.deleted++;
  }
  return c;
}

