// What an apply did, change by change: the executor's report and its counts.
import { assertNever, type CgError, type ErrorCode } from '../../core/errors.js';
import type { GroupChange } from '../../core/plan/model.js';
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
  /** Members kept through a replace, moved by a rename, or put back. */
  membersMoved?: number;
  /** Members added and removed as the file's `members:` asks. */
  membersAdded?: number;
  membersRemoved?: number;
}

/** The outcome of applying a plan. */
export interface ApplyReport {
  results: ChangeResult[];
  interrupted: boolean;
  /** Set when the run lost its lease on a pool while applying: the changes not yet started were not. */
  leaseLost?: string;
}

/** Progress of an apply: changes finished so far, and members copied when changes move members. */
export interface ApplyProgress {
  total: number;
  done: number;
  failed: number;
  members?: { copied: number; total: number };
}

/** Counts of an apply by outcome and, for the done ones, by action. */
export interface ApplyCounts {
  added: number;
  changed: number;
  replaced: number;
  deleted: number;
  /** Creates that found the group already there and took it over (counted apart from added). */
  adopted: number;
  renamed: number;
  /** Groups whose members a run that stopped left held, put back. */
  restored: number;
  failed: number;
  notStarted: number;
  /** Members copied into the groups the changes are about: kept through a replace, moved by a rename, put back. */
  membersMoved: number;
  membersAdded: number;
  membersRemoved: number;
}

/** The counts of an apply that changed nothing. */
export const NO_APPLY_COUNTS: Readonly<ApplyCounts> = { added: 0, changed: 0, replaced: 0, deleted: 0, adopted: 0, renamed: 0, restored: 0, failed: 0, notStarted: 0, membersMoved: 0, membersAdded: 0, membersRemoved: 0 };

/** Counts an apply report. */
export function countApply(report: ApplyReport): ApplyCounts {
  const c: ApplyCounts = { ...NO_APPLY_COUNTS };
  for (const r of report.results) {
    c.membersMoved += r.membersMoved ?? 0;
    c.membersAdded += r.membersAdded ?? 0;
    c.membersRemoved += r.membersRemoved ?? 0;
    if (r.status === 'failed') c.failed++;
    else if (r.status === 'not-started') c.notStarted++;
    else {
      switch (r.change.action) {
        case 'create':
          if (r.adopted === true) c.adopted++;
          else c.added++;
          break;
        case 'update':
          c.changed++;
          break;
        case 'replace':
          c.replaced++;
          break;
        case 'delete':
          c.deleted++;
          break;
        case 'rename':
          c.renamed++;
          break;
        case 'restore':
          c.restored++;
          break;
        default:
          assertNever(r.change);
      }
    }
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
