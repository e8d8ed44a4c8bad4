import { readConfigFile } from '../../config/read.js';
import { hasChanges } from '../../plan/model.js';
import { plan } from '../../run/library.js';
import { buildPlanDocument } from '../../saved-plan/build.js';
import { printWarnings } from '../common.js';
import { localBanner, openTarget, type TargetFlags } from '../connect.js';
import { toJson, writeFileAtomic, type Format } from '../formats.js';
import { styleFor, type Io } from '../io.js';
import { printPlan } from '../plan-output.js';
import { ProgressReporter } from '../progress.js';
import { VERSION } from '../version.js';

/** Options of `plan`. */
export interface PlanFlags extends TargetFlags {
  file: string;
  detailedExitcode?: boolean;
  color: boolean;
  progress: boolean;
  format: Format;
  out?: string;
  githubStepSummary?: boolean;
}

/** Lists the pools, compares them with the file and prints the plan; --out saves it for `apply PLANFILE`. Read-only. */
export async function planCommand(io: Io, flags: PlanFlags): Promise<number> {
  const loaded = await readConfigFile(flags.file);
  printWarnings(io, loaded.warnings);
  const target = await openTarget(flags, loaded.config.userPools);
  try {
    const progress = new ProgressReporter(io, flags.progress);
    const result = await plan({ config: loaded.config, ...target.session, onReadProgress: progress.read });
    progress.stop();
    const doc = buildPlanDocument(result.plan, result.observed, {
      toolVersion: VERSION,
      createdAt: new Date(),
      desiredFile: { path: flags.file, text: loaded.text },
      target: target.local === undefined ? 'aws' : 'local-emulator',
    });
    if (flags.out !== undefined) {
      await writeFileAtomic(flags.out, toJson(doc));
      io.err(`Saved the plan to ${flags.out}. Apply exactly this plan with: cognito-groups apply ${flags.out}\n`);
    }
    const banner = localBanner(target);
    await printPlan(io, result.plan, doc, {
      format: flags.format,
      style: styleFor(io.stdoutIsTTY, io.env, flags.color),
      ...(flags.githubStepSummary === undefined ? {} : { githubStepSummary: flags.githubStepSummary }),
      ...(banner === undefined ? {} : { banner }),
      ...(flags.out === undefined ? {} : { seeAlso: `\`cognito-groups show ${flags.out}\`` }),
    });
    return flags.detailedExitcode === true && hasChanges(result.plan) ? 2 : 0;
  } finally {
    await target.close();
  }
}
