import { readConfigFile } from '../../config/read.js';
import { driftOf } from '../../drift/compute.js';
import { inSync } from '../../drift/model.js';
import { driftDocument } from '../../render/documents.js';
import { renderDriftMarkdown } from '../../render/drift-markdown.js';
import { renderDriftText } from '../../render/drift-text.js';
import { plan } from '../../run/library.js';
import { printWarnings } from '../common.js';
import { localBanner, openTarget, type TargetFlags } from '../connect.js';
import { appendStepSummary, toJson, type Format } from '../formats.js';
import { styleFor, type Io } from '../io.js';
import { ProgressReporter } from '../progress.js';
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
  const loaded = await readConfigFile(flags.file);
  printWarnings(io, loaded.warnings);
  const target = await openTarget(flags, loaded.config.userPools);
  try {
    const progress = new ProgressReporter(io, flags.progress);
    const result = await plan({ config: loaded.config, ...target.session, onReadProgress: progress.read });
    progress.stop();
    const report = driftOf(result.plan);
    const banner = localBanner(target);
    if (banner !== undefined) {
      if (flags.format === 'text') io.out(`${banner}\n\n`);
      else io.err(`${banner}\n`);
    }
    if (flags.format === 'json') io.out(toJson(driftDocument(report, VERSION, new Date())));
    else if (flags.format === 'markdown') io.out(renderDriftMarkdown(report));
    else io.out(renderDriftText(report, styleFor(io.stdoutIsTTY, io.env, flags.color)));
    if (flags.githubStepSummary === true) await appendStepSummary(io, renderDriftMarkdown(report));
    return inSync(report) ? 0 : 2;
  } finally {
    await target.close();
  }
}
