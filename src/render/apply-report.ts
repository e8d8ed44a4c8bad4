import { countApply, type ApplyReport } from '../apply/report.js';
import type { Remaining } from '../apply/converged.js';
import { plainStyle, type Style } from './style.js';
import { changeLines } from './text.js';

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

/** One line per difference left after applying: the change a new plan would still make. */
export function remainingLines(remaining: readonly Remaining[]): string[] {
  return remaining.map((r) => `${r.poolId}: ${changeLines(r.change, plainStyle).map((l) => l.trim()).join('; ')}`);
}
