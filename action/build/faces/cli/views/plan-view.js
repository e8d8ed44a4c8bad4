// How `plan` and `show` print a plan: one implementation per format, chosen once.
import { assertNever } from '../../../core/errors.js';
import { toJson } from '../../render/json.js';
import { renderPlanMarkdown } from '../../render/markdown.js';
import { plainStyle } from '../../render/style.js';
import { renderPlanText } from '../../render/text.js';
import { targetText } from '../../render/target.js';
import { revertedByMarkdown, revertedByText, revertedMarkdown, revertedText } from '../../render/plan-acknowledged.js';
/**
 * Characters of Markdown a job summary gets: GitHub takes up to 1 MiB per step, and this many
 * characters stay under it even when every one takes three bytes.
 */
export const JOB_SUMMARY_LIMIT = 340_000;
/** The plan view for the output's format; the job summary always gets the Markdown. */
export function planView(out) {
    const print = printerFor(out);
    return {
        async show(shown) {
            out.banner(shown.banner);
            print(shown);
            await out.summary(() => planMarkdown(shown.plan, { ...withReverted(shown), seeAlso: shown.summarySeeAlso, limit: JOB_SUMMARY_LIMIT }));
        },
    };
}
function printerFor(out) {
    switch (out.format) {
        case 'text':
            return (shown) => {
                if (shown.header !== undefined)
                    out.print(`${shown.header}\n\n`);
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
function withReverted(shown) {
    const reverted = [revertedMarkdown(shown.acknowledged ?? []), revertedByMarkdown(shown.attributions ?? [])].filter((s) => s !== '').join('\n\n');
    return reverted === '' ? shown : { ...shown, appendix: reverted };
}
/** The plan as Markdown for a pull-request comment or job summary, with the full text plan folded in. */
export function planMarkdown(plan, parts) {
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
