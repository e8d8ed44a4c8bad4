import { readConfigFile } from '../../config/read.js';
import { hasChanges } from '../../plan/model.js';
import { renderPlanText } from '../../render/text.js';
import { plan } from '../../run/library.js';
import { printWarnings } from '../common.js';
import { localBanner, openTarget, type TargetFlags } from '../connect.js';
import { styleFor, type Io } from '../io.js';
import { ProgressReporter } from '../progress.js';

/** Options of `plan`. */
export interface PlanFlags extends TargetFlags {
  file: string;
  detailedExitcode?: boolean;
  color: boolean;
  progress: boolean;
}

/** Lists the pools, compares them with the file and prints the plan. Read-only. */
export async function planCommand(io: Io, flags: PlanFlags): Promise<number> {
  const { config, warnings } = await readConfigFile(flags.file);
  printWarnings(io, warnings);
  const target = await openTarget(flags, config.userPools);
  try {
    const progress = new ProgressReporter(io, flags.progress);
    const result = await plan({ config, ...target.session, onReadProgress: progress.read });
    progress.stop();
    const banner = localBanner(target);
    if (banner !== undefined) io.out(`${banner}\n\n`);
    io.out(renderPlanText(result.plan, styleFor(io.stdoutIsTTY, io.env, flags.color)));
    return flags.detailedExitcode === true && hasChanges(result.plan) ? 2 : 0;
  } finally {
    await target.close();
  }
}
