// How `plan` and `show` print a plan: one implementation per format, chosen once.
import { assertNever } from '../../../core/errors.js';
import type { Plan } from '../../../core/plan/model.js';
import { toJson } from '../../render/json.js';
import { renderPlanMarkdown } from '../../render/markdown.js';
import { plainStyle } from '../../render/style.js';
import { renderPlanText } from '../../render/text.js';
import type { PlanDocument } from '../../../core/saved-plan/model.js';
import type { Diagnostic } from '../../../core/config/diagnostic.js';
import { targetText, type ShownTarget } from '../../render/target.js';
import type { Banner, Output } from './output.js';
import type { AcknowledgedDifference } from '../../../core/drift/model.js';
import { revertedByMarkdown, revertedByText, revertedMarkdown, revertedText } from '../../render/plan-acknowledged.js';
import type { AttributedChange } from '../../../core/drift/attribution.js';

/** A plan to show, with what it was made from and what to say beside it. */
export interface ShownPlan {
  plan: Plan;
  document: PlanDocument;
  /** A line before the plan (its target). */
  banner?: Banner;
  /** A paragraph before a text plan (show: which saved plan this is). */
  header?: string;
  /** How a reader of a cut Markdown comment sees everything, as Markdown, such as `` `cognito-groups show plan.json` ``. */
  seeAlso?: string;
  /** The same for the job summary (which has room for far more, so is seldom cut); none when unset. */
  summarySeeAlso?: string;
  /** The groups file's validation warnings, shown in the Markdown. */
  warnings?: readonly Diagnostic[];
  /** Where the plan was made, for the Markdown title. */
  target?: ShownTarget;
  /** Differences the file acknowledges that this plan would revert: marked as such, so a reviewer is never surprised. */
  acknowledged?: readonly AcknowledgedDifference[];
  /** Who made the differences the plan reverts (plan --attribution). */
  attributions?: readonly AttributedChange[];
  /** Notes about the pools for the Markdown (text output has them on stderr), such as an apply holding a lease. */
  notes?: readonly string[];
}

/** Prints a plan in one format. */
export interface PlanView {
  show(shown: ShownPlan): Promise<void>;
}

/**
 * Characters of Markdown a job summary gets: GitHub takes up to 1 MiB per step, and this many
 * characters stay under it even when every one takes three bytes.
 */
export const JOB_SUMMARY_LIMIT = 340_000;

/** The plan view for the output's format; the job summary always gets the Markdown. */
export function planView(out: Output): PlanView {
  const print = printerFor(out);
  return {
    async show(shown) {
      out.banner(shown.banner);
      print(shown);
      await out.summary(() => planMarkdown(shown.plan, { ...withReverted(shown), seeAlso: shown.summarySeeAlso, limit: JOB_SUMMARY_LIMIT }));
    },
  };
}

function printerFor(out: Output): (shown: ShownPlan) => void {
  switch (out.format) {
    case 'text':
      return (shown) => {
        if (shown.header !== undefined) out.print(`${shown.header}\n\n`);
        out.print(renderPlanText(shown.plan, out.style));
        out.print(revertedText(shown.acknowledged ?? [], out.style));
        out.print(revertedByText(shown.attributions ?? []));
      };
    case 'json':
      return (shown) => out.print(toJson(shown.document));
    case 'markdown':
      return (shown) => out.print(planMarkdown(shown.plan, withReverted(shown)));
    default:
      return assertNever(out.format);
  }
}

/** The plan's Markdown parts with the acknowledged differences it reverts as an appendix. */
function withReverted(shown: ShownPlan): PlanMarkdownParts {
  const reverted = [revertedMarkdown(shown.acknowledged ?? []), revertedByMarkdown(shown.attributions ?? [])].filter((s) => s !== '').join('\n\n');
  return reverted === '' ? shown : { ...shown, appendix: reverted };
}

/** What goes around a plan's Markdown. */
export interface PlanMarkdownParts {
  seeAlso?: string | undefined;
  target?: ShownTarget | undefined;
  appendix?: string | undefined;
  preface?: string | undefined;
  warnings?: readonly Diagnostic[] | undefined;
  notes?: readonly string[] | undefined;
  /** Characters the Markdown may take; GitHub's comment limit when unset. */
  limit?: number | undefined;
}

/** The plan as Markdown for a pull-request comment or job summary, with the full text plan folded in. */
export function planMarkdown(plan: Plan, parts: PlanMarkdownParts): string {
  return renderPlanMarkdown(plan, {
    fullText: renderPlanText(plan, plainStyle),
    ...(parts.seeAlso === undefined ? {} : { seeAlso: parts.seeAlso }),
    ...(parts.appendix === undefined ? {} : { appendix: parts.appendix }),
    ...(parts.preface === undefined ? {} : { preface: parts.preface }),
    ...(parts.target === undefined ? {} : { target: targetText(parts.target) }),
    ...(parts.warnings === undefined || parts.warnings.length === 0 ? {} : { warnings: parts.warnings }),
    ...(parts.notes === undefined || parts.notes.length === 0 ? {} : { notes: parts.notes }),
    ...(parts.limit === undefined ? {} : { limit: parts.limit }),
  });
}
