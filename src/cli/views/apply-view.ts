// How `apply` prints: the plan before applying, then the outcome; one implementation per format.
import type { Remaining } from '../../apply/converged.js';
import { assertNever } from '../../errors.js';
import type { Plan } from '../../plan/model.js';
import { applyResultLines, applySummaryLine, remainingLines } from '../../render/apply-report.js';
import { applyDocument } from '../../render/documents.js';
import { toJson } from '../../render/json.js';
import { mdFence } from '../../render/markdown-escape.js';
import { plainStyle } from '../../render/style.js';
import { renderPlanText } from '../../render/text.js';
import type { ApplyOutcome } from '../../run/converge.js';
import type { PlanDocument } from '../../saved-plan/model.js';
import { VERSION } from '../version.js';
import { planMarkdown } from './plan-view.js';
import type { Output } from './output.js';

/** What an apply ended with, to show. */
export interface ShownApply {
  plan: Plan;
  document: PlanDocument;
  /** Undefined when there was nothing to apply. */
  outcome: ApplyOutcome | undefined;
  /** Where the plan came from: the groups file, or a saved plan (whose path is given). */
  planFile?: string;
}

/** Prints an apply in one format. */
export interface ApplyView {
  /** The plan about to be applied: in full for text (it is what the approval prompt asks about), else only the banner. */
  plan(plan: Plan, banner?: string): void;
  /** The outcome. */
  result(shown: ShownApply): Promise<void>;
}

/** The apply view for the output's format; the job summary always gets the Markdown. */
export function applyView(out: Output): ApplyView {
  const print = printerFor(out);
  return {
    plan(plan, banner) {
      out.banner(banner);
      if (out.format === 'text') out.print(renderPlanText(plan, out.style));
    },
    async result(shown) {
      print(shown);
      await out.summary(() => applyMarkdown(shown));
    },
  };
}

function printerFor(out: Output): (shown: ShownApply) => void {
  switch (out.format) {
    case 'text':
      return (shown) => {
        const lines = shown.outcome === undefined ? [] : applyResultLines(shown.outcome.report, out.style);
        out.print(`\n${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${out.style.strong(summaryOf(shown))}\n`);
      };
    case 'json':
      return (shown) =>
        out.print(toJson(applyDocument(shown.document, shown.outcome?.report, remainingOf(shown), VERSION, new Date(), shown.planFile === undefined ? 'file' : 'saved-plan')));
    case 'markdown':
      return (shown) => out.print(applyMarkdown(shown));
    default:
      return assertNever(out.format);
  }
}

/** The apply's one summary line. */
export function summaryOf(shown: Pick<ShownApply, 'outcome' | 'planFile'>): string {
  return shown.outcome === undefined ? 'No changes. Nothing to apply.' : applySummaryLine(shown.outcome.report, shown.planFile === undefined ? 'file' : 'saved-plan');
}

function remainingOf(shown: ShownApply): Remaining[] {
  return shown.outcome?.remaining ?? [];
}

function applyMarkdown(shown: ShownApply): string {
  const resultLines = shown.outcome === undefined ? [] : [...applyResultLines(shown.outcome.report, plainStyle), ...remainingLines(remainingOf(shown))];
  const appendix = `### Apply result\n\n**${summaryOf(shown)}**\n${resultLines.length > 0 ? `\n${mdFence(resultLines.join('\n'), 'text')}\n` : ''}`;
  return planMarkdown(shown.plan, shown.planFile === undefined ? undefined : `\`cognito-groups show ${shown.planFile}\``, appendix);
}
