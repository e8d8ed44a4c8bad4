import { assertNever } from '../../../core/errors.js';
import { afterCheckLines, applyResultLines, applySummaryLine } from '../../render/apply-report.js';
import { applyDocument } from '../../render/documents.js';
import { toJson } from '../../render/json.js';
import { mdFence, mdText } from '../../render/markdown-escape.js';
import { refusalDetails, refusalMessage } from '../../render/refusal.js';
import { revertedText } from '../../render/plan-acknowledged.js';
import { plainStyle } from '../../render/style.js';
import { renderPlanText } from '../../render/text.js';
import { VERSION } from '../version.js';
import { planMarkdown } from './plan-view.js';
/** The apply view for the output's format; the job summary always gets the Markdown. */
export function applyView(out) {
    const print = printerFor(out);
    return {
        plan(plan, banner, acknowledged = []) {
            out.banner(banner);
            if (out.format === 'text')
                out.print(`${renderPlanText(plan, out.style)}${revertedText(acknowledged, out.style)}`);
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
function printerFor(out) {
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
                refused: (shown) => out.print(toJson(applyDocument({ plan: shown.document, refused: { code: shown.error.code, message: refusalMessage(shown.error.refusal), details: refusalDetails(shown.error.refusal).map((l) => l.trim()) }, toolVersion: VERSION, at: new Date(), from: fromOf(shown) }))),
            };
        case 'markdown':
            return { result: (shown) => out.print(applyMarkdown(shown)), refused: (shown) => out.print(refusalMarkdown(shown)) };
        default:
            return assertNever(out.format);
    }
}
function fromOf(shown) {
    return shown.planFile === undefined ? 'file' : 'saved-plan';
}
/** The apply's one summary line. */
export function summaryOf(shown) {
    return shown.outcome === undefined ? 'No changes. Nothing to apply.' : applySummaryLine(shown.outcome.report, fromOf(shown));
}
function seeAlsoOf(shown) {
    return shown.planFile === undefined ? undefined : `\`cognito-groups show ${shown.planFile}\``;
}
function applyMarkdown(shown) {
    const resultLines = shown.outcome === undefined ? [] : [...applyResultLines(shown.outcome.report, plainStyle), ...afterCheckLines(shown.outcome.check, plainStyle)];
    const appendix = `### Apply result\n\n**${summaryOf(shown)}**\n${resultLines.length > 0 ? `\n${mdFence(resultLines.join('\n'), 'text')}\n` : ''}`;
    return planMarkdown(shown.plan, { seeAlso: seeAlsoOf(shown), target: shown.target, appendix });
}
function refusalMarkdown(shown) {
    const details = refusalDetails(shown.error.refusal);
    const block = details.length > 0 ? `\n${mdFence(details.map((l) => l.trim()).join('\n'), 'text')}\n` : '';
    const preface = `### Apply refused\n\n> [!CAUTION]\n> ${mdText(refusalMessage(shown.error.refusal))}\n${block}\n`;
    return planMarkdown(shown.plan, { seeAlso: seeAlsoOf(shown), target: shown.target, preface });
}
