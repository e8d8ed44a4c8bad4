// What an apply did, change by change: the executor's report and its counts.
import type { CgError, ErrorCode } from '../errors.js';
import type { GroupChange } from '../plan/model.js';
import type { AfterApply } from './converged.js';

/** What happened to one change. */
export type ChangeStatus = 'done' | 'failed' | 'not-started';

/** The outcome of one change of the plan. */
export interface ChangeResult {
  poolId: string;
  change: GroupChange;
  status: ChangeStatus;
  /** Why it failed, or what was found on the way (a group created meanwhile, one already gone). */
  message?: string;
  /** Set when a create found the group already there (created by someone else meanwhile) and took it over. */
  adopted?: boolean;
  /** The error code of a failed change. */
  code?: ErrorCode;
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
  /** Creates that found the group already there and took it over (counted apart from added). */
  adopted: number;
  failed: number;
  notStarted: number;
}

/** Counts an apply report. */
export function countApply(report: ApplyReport): ApplyCounts {
  const c: ApplyCounts = { added: 0, changed: 0, replaced: 0, deleted: 0, adopted: 0, failed: 0, notStarted: 0 };
  for (const r of report.results) {
    if (r.status === 'failed') c.failed++;
    else if (r.status === 'not-started') c.notStarted++;
    else if (r.change.action === 'create') {
      if (r.adopted === true) c.adopted++;
      else c.added++;
    }
    else if (r.change.action === 'update') c.changed++;
    else if (r.change.action === 'replace') c.replaced++;
    else c.deleted++;
  }
  return c;
}

/** Whether the pools were listed again after the writes, and what that showed. */
export type AfterCheck =
  | ({ ran: true } & AfterApply)
  /** Some change failed or did not start: apply again (the report says which). */
  | { ran: false; why: 'not-all-applied' }
  /** The listing after the writes failed or was interrupted: what was applied is in the report, unchecked. */
  | { ran: false; why: 'listing-failed'; error: CgError };

/** What an apply did, and what the check after it found. */
export interface ApplyOutcome {
  report: ApplyReport;
  check: AfterCheck;
}
