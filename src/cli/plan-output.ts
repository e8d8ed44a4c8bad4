import type { Plan } from '../plan/model.js';
import { renderPlanMarkdown } from '../render/markdown.js';
import { plainStyle, type Style } from '../render/style.js';
import { renderPlanText } from '../render/text.js';
import type { PlanDocument } from '../saved-plan/model.js';
import { appendStepSummary, toJson, type Format } from './formats.js';
import type { Io } from './io.js';

/** How to print a plan. */
export interface PlanOutput {
  format: Format;
  style: Style;
  /** The GitHub Actions job summary to append the Markdown to (from stepSummaryFile). */
  summaryFile?: string;
  /** Said before a text plan (on stderr for the other formats), such as the local-emulator banner. */
  banner?: string;
  /** How a reader of a cut Markdown comment sees everything. */
  seeAlso?: string;
  /** Markdown appended to the plan's Markdown (an apply's result). */
  appendix?: string;
}

/** The plan as Markdown for a pull-request comment or job summary. */
export function planMarkdown(plan: Plan, out: PlanOutput): string {
  return renderPlanMarkdown(plan, {
    fullText: renderPlanText(plan, plainStyle),
    ...(out.seeAlso === undefined ? {} : { seeAlso: out.seeAlso }),
    ...(out.appendix === undefined ? {} : { appendix: out.appendix }),
  });
}

/** Prints a plan in the chosen format, and appends it to the job summary when asked. */
export async function printPlan(io: Io, plan: Plan, doc: PlanDocument, out: PlanOutput): Promise<void> {
  if (out.banner !== undefined) {
    if (out.format === 'text') io.out(`${out.banner}\n\n`);
    else io.err(`${out.banner}\n`);
  }
  if (out.format === 'text') io.out(renderPlanText(plan, out.style));
  else if (out.format === 'json') io.out(toJson(doc));
  else io.out(planMarkdown(plan, out));
  if (out.summaryFile !== undefined) await appendStepSummary(out.summaryFile, planMarkdown(plan, out));
}
