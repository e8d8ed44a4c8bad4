// How `drift` prints its report: one implementation per format, chosen once.
import type { DriftReport } from '../../../core/drift/model.js';
import { assertNever } from '../../../core/errors.js';
import { driftDocument } from '../../render/documents.js';
import { renderDriftMarkdown, type DriftMarkdownOptions } from '../../render/drift-markdown.js';
import { renderDriftText } from '../../render/drift-text.js';
import { toJson } from '../../render/json.js';
import { VERSION } from '../version.js';
import type { Banner, Output } from './output.js';

/** Prints a drift report in one format. */
export interface DriftView {
  /** `notes`: about the pools, for the Markdown (text output has them on stderr), such as an apply holding a lease. */
  show(report: DriftReport, banner?: Banner, target?: string, notes?: readonly string[]): Promise<void>;
}

/** The drift view for the output's format; the job summary always gets the Markdown. */
export function driftView(out: Output): DriftView {
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

function printerFor(out: Output): (report: DriftReport, options: DriftMarkdownOptions) => void {
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
