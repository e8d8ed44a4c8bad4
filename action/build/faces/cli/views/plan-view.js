// How `plan` and `show` print a plan: one implementation per format, chosen once.
import { assertNever } from '../../../core/errors.js';
import { toJson } from '../../render/json.js';
import { renderPlanMarkdown } from '../../render/markdown.js';
import { plainStyle } from '../../render/style.js';
import { renderPlanText } from '../../render/text.js';
import { targetText } from '../../render/target.js';
/** The plan view for the output's format; the job summary always gets the Markdown. */
export function planView(out) {
    const print = printerFor(out);
    return {
        async show(shown) {
            out.banner(shown.banner);
            print(shown);
            await out.summary(() => planMarkdown(shown.plan, shown));
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
            };
        case 'json':
            return (shown) => out.print(toJson(shown.document));
        case 'markdown':
            return (shown) => out.print(planMarkdown(shown.plan, shown));
        default:
            return assertNever(out.format);
    }
}
/** The plan as Markdown for a pull-request comment or job summary, with the full text plan folded in. */
export function planMarkdown(plan, parts) {
    return renderPlanMarkdown(plan, {
        fullText: renderPlanText(plan, plainStyle),
        ...(parts.seeAlso === undefined ? {} : { seeAlso: parts.seeAlso }),
        ...(parts.appendix === undefined ? {} : { appendix: parts.appendix }),
        ...(parts.preface === undefined ? {} : { preface: parts.preface }),
        ...(parts.target === undefined ? {} : { target: targetText(parts.target) }),
    });
}
