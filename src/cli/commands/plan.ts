import { hasChanges } from '../../plan/model.js';
import type { TargetFlags } from '../connect.js';
import { localBanner } from '../connect.js';
import { writeFileAtomic } from '../../files/write-atomic.js';
import { stepSummaryFile, toJson, type Format } from '../formats.js';
import { styleFor, type Io } from '../io.js';
import { printPlan } from '../plan-output.js';
import { withPlan } from '../planned.js';

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
  const summaryFile = stepSummaryFile(io, flags.githubStepSummary);
  return withPlan(io, flags, async ({ target, result, doc }) => {
    if (flags.out !== undefined) {
      await writeFileAtomic(flags.out, toJson(doc), { symlinks: 'refuse', hint: 'choose another path' });
      io.err(`Saved the plan to ${flags.out}. Apply exactly this plan with: cognito-groups apply ${flags.out}\n`);
    }
    const banner = localBanner(target);
    await printPlan(io, result.plan, doc, {
      format: flags.format,
      style: styleFor(io.stdoutIsTTY, io.env, flags.color),
      ...(summaryFile === undefined ? {} : { summaryFile }),
      ...(banner === undefined ? {} : { banner }),
      ...(flags.out === undefined ? {} : { seeAlso: `\`cognito-groups show ${flags.out}\`` }),
    });
    return flags.detailedExitcode === true && hasChanges(result.plan) ? 2 : 0;
  });
}
