// How `apply` prints: the plan it asks about, then the outcome or the refusal; one implementation per format.
import type { RefusedError } from '../../../run/apply/refusal.js';
import type { ApplyOutcome } from '../../../run/apply/report.js';
import { assertNever } from '../../../core/errors.js';
import type { AcknowledgedDifference } from '../../../core/drift/model.js';
import type { Plan } from '../../../core/plan/model.js';
import { afterCheckLines, applyResultLines, applySummaryLine } from '../../render/apply-report.js';
import { applyDocument } from '../../render/documents.js';
import { toJson } from '../../render/json.js';
import { mdFence, mdText } from '../../render/markdown-escape.js';
import { refusalDetails, refusalMessage } from '../../render/refusal.js';
import { revertedText } from '../../render/plan-acknowledged.js';
import { plainStyle } from '../../render/style.js';
import { renderPlanText } from '../../render/text.js';
import type { PlanDocument } from '../../../core/saved-plan/model.js';
import type { ShownTarget } from '../../render/target.js';
import { VERSION } from '../version.js';
import { planMarkdown } from './plan-view.js';
import type { Banner, Output } from './output.js';

/** What an apply ended with, to show. */
export interface ShownApply {
  plan: Plan;
  document: PlanDocument;
  /** Undefined when there was nothing to apply. */
  outcome: ApplyOutcome | undefined;
  /** Where the plan came from: the groups file, or a saved plan (whose path is given). */
  planFile?: string;
  target?: ShownTarget;
}

/** An apply that refused, with the plan it refused. */
export interface ShownRefusal {
  error: RefusedError;
  plan: Plan;
  document: PlanDocument;
  planFile?: string;
  target?: ShownTarget;
}

/** Prints an apply in one format. */
export interface ApplyView {
  /**
   * The plan about to be applied: in full for text (it is what the approval prompt asks about), with
   * the acknowledged differences it reverts marked as `plan` marks them; else only the banner.
   */
  plan(plan: Plan, banner?: Banner, acknowledged?: readonly AcknowledgedDifference[]): void;
  /** The outcome. */
  result(shown: ShownApply): Promise<void>;
  /**
   * A refusal, recorded in the machine formats and the job summary; text output shows nothing more
   * (the error line and its details on stderr say it, instead of a plan that will not be applied).
   */
  refused(shown: ShownRefusal): Promise<void>;
}

/** The apply view for the output's format; the job summary always gets the Markdown. */
export function applyView(out: Output): ApplyView {
  const print = printerFor(out);
  return {
    plan(plan, banner, acknowledged = []) {
      out.banner(banner);
      if (out.format === 'text') out.print(`${renderPlanText(plan, out.style)}${revertedText(acknowledged, out.style)}`);
    },
    async result(shown) {
      print.result(shown);
      await out.summary(() => applyMarkdown(shown));
    },
    async refused(shown) {
      print.refused(shown);
      await out.summary(() => refusalMarkdown(shown));
    },
  };
}

function printerFor(out: Output): { result(shown: ShownApply): void; refused(shown: ShownRefusal): void } {
  switch (out.format) {
    case 'text':
      return {
        result: (shown) => {
          const lines = shown.outcome === undefined ? [] : [...applyResultLines(shown.outcome.report, out.style), ...afterCheckLines(shown.outcome.check, out.style)];
          out.print(`\n${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${out.style.strong(summaryOf(shown))}\n`);
        },
        refused: () => undefined,
      };
    case 'json':
      return {
        result: (shown) => out.print(toJson(applyDocument({ plan: shown.document, ...(shown.outcome === undefined ? {} : { outcome: shown.outcome }), toolVersion: VERSION, at: new Date(), from: fromOf(shown) }))),
        refused: (shown) =>
          out.print(toJson(applyDocument({ plan: shown.document, refused: { code: shown.error.code, message: refusalMessage(shown.error.refusal), details: refusalDetails(shown.error.refusal).map((l) => l.trim()) }, toolVersion: VERSION, at: new Date(), from: fromOf(shown) }))),
      };
    case 'markdown':
      return { result: (shown) => out.print(applyMarkdown(shown)), refused: (shown) => out.print(refusalMarkdown(shown)) };
    default:
      return assertNever(out.format);
  }
}

function fromOf(shown: { planFile?: string }): 'file' | 'saved-plan' {
  return shown.planFile === undefined ? 'file' : 'saved-plan';
}

/** The apply's one summary line. */
export function summaryOf(shown: Pick<ShownApply, 'outcome' | 'planFile'>): string {
  return shown.outcome === undefined ? 'No changes. Nothing to apply.' : applySummaryLine(shown.outcome.report, fromOf(shown));
}

function seeAlsoOf(shown: { planFile?: string }): string | undefined {
  return shown.planFile === undefined ? undefined : `\`cognito-groups show ${shown.planFile}\``;
}

function applyMarkdown(shown: ShownApply): string {
  const resultLines = shown.outcome === undefined ? [] : [...applyResultLines(shown.outcome.report, plainStyle), ...afterCheckLines(shown.outcome.check, plainStyle)];
  const appendix = `### Apply result\n\n**${summaryOf(shown)}**\n${resultLines.length > 0 ? `\n${mdFence(resultLines.join('\n'), 'text')}\n` : ''}`;
  return planMarkdown(shown.plan, { seeAlso: seeAlsoOf(shown), target: shown.target, appendix });
}

function refusalMarkdown(shown: ShownRefusal): string {
  const details = refusalDetails(shown.error.refusal);
  const block = details.length > 0 ? `\n${mdFence(details.map((l) => l.trim()).join('\n'), 'text')}\n` : '';
  const preface = `### Apply refused\n\n> [!CAUTION]\n> ${mdText(refusalMessage(shown.error.refusal))}\n${block}\n`;
  return planMarkdown(shown.plan, { seeAlso: seeAlsoOf(shown), target: shown.target, preface });
}
