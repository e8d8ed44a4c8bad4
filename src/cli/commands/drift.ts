import { driftOf } from '../../drift/compute.js';
import { inSync } from '../../drift/model.js';
import { driftDocument } from '../../render/documents.js';
import { renderDriftMarkdown } from '../../render/drift-markdown.js';
import { renderDriftText } from '../../render/drift-text.js';
import { localBanner, type TargetFlags } from '../connect.js';
import { appendStepSummary, stepSummaryFile, toJson, type Format } from '../formats.js';
import { styleFor, type Io } from '../io.js';
import { withPlan } from '../planned.js';
import { VERSION } from '../version.js';

/** Options of `drift`. */
export interface DriftFlags extends TargetFlags {
  file: string;
  color: boolean;
  progress: boolean;
  format: Format;
  githubStepSummary?: boolean;
}

/** Read-only: exit 0 when the pools match the file, 2 on drift (or a provider-group alert), 1 on error. */
export async function driftCommand(io: Io, flags: DriftFlags): Promise<number> {
  const summaryFile = stepSummaryFile(io, flags.githubStepSummary);
  return withPlan(io, flags, async ({ target, result }) => {
    const report = driftOf(result.plan);
    const banner = localBanner(target);
    if (banner !== undefined) {
      if (flags.format === 'text') io.out(`${banner}\n\n`);
      else io.err(`${banner}\n`);
    }
    if (flags.format === 'json') io.out(toJson(driftDocument(report, VERSION, new Date())));
    else if (flags.format === 'markdown') io.out(renderDriftMarkdown(report));
    else io.out(renderDriftText(report, styleFor(io.stdoutIsTTY, io.env, flags.color)));
    await appendStepSummary(summaryFile, renderDriftMarkdown(report));
    return inSync(report) ? 0 : 2;
  });
}
