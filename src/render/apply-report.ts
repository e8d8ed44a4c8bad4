import type { ApplyReport } from '../apply/execute.js';
import type { Style } from './style.js';

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

/** `Apply complete: ...` or, when anything did not happen, what did and did not. */
export function applySummaryLine(report: ApplyReport, from: 'file' | 'saved-plan' = 'file'): string {
  const c = countApply(report);
  const done = `${c.added} added, ${c.changed} changed, ${c.replaced} replaced, ${c.deleted} deleted`;
  if (c.failed === 0 && c.notStarted === 0) return `Apply complete: ${done}.`;
  const how = report.interrupted ? 'Apply interrupted' : 'Apply incomplete';
  // A saved plan that was partly applied is stale: finishing takes a new plan.
  const next = from === 'file' ? 'Run apply again to finish.' : 'Make a new plan and apply it to finish.';
  return `${how}: ${done}; ${c.failed} failed, ${c.notStarted} not started. ${next}`;
}

/** One line per change that failed, did not start, or met something unexpected on the way. */
export function applyResultLines(report: ApplyReport, style: Style): string[] {
  const out: string[] = [];
  for (const r of report.results) {
    const what = `${r.poolId}: ${r.change.action} ${JSON.stringify(r.change.name)}`;
    if (r.status === 'failed') out.push(style.remove(`  failed       ${what}: ${r.message ?? 'unknown error'}`));
    else if (r.status === 'not-started') out.push(style.warn(`  not started  ${what}${r.message === undefined ? '' : ` (${r.message})`}`));
    else if (r.message !== undefined) out.push(style.dim(`  note         ${what}: ${r.message}`));
  }
  return out;
}
