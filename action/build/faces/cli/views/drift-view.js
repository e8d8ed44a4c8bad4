import { assertNever } from '../../../core/errors.js';
import { driftDocument } from '../../render/documents.js';
import { renderDriftMarkdown } from '../../render/drift-markdown.js';
import { renderDriftText } from '../../render/drift-text.js';
import { toJson } from '../../render/json.js';
import { VERSION } from '../version.js';
/** The drift view for the output's format; the job summary always gets the Markdown. */
export function driftView(out) {
    const print = printerFor(out);
    return {
        async show(report, banner, target, notes = []) {
            out.banner(banner);
            const options = { ...(target === undefined ? {} : { target }), notes };
            print(report, options);
            await out.summary(() => renderDriftMarkdown(report, options));
        },
    };
}
function printerFor(out) {
    switch (out.format) {
        case 'text':
            return (report) => out.print(renderDriftText(report, out.style));
        case 'json':
            return (report) => out.print(toJson(driftDocument(report, VERSION, new Date())));
        case 'markdown':
            return (report, options) => out.print(renderDriftMarkdown(report, options));
        default:
            return assertNever(out.format);
    }
}
