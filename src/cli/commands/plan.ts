import { writeFileAtomic } from '../../files/write-atomic.js';
import { hasChanges } from '../../plan/summary.js';
import { toJson } from '../../render/json.js';
import { localBanner, type TargetFlags } from '../connect.js';
import { pathIn, type Io } from '../io.js';
import { withPlan } from '../planned.js';
import { openOutput, type OutputFlags } from '../views/output.js';
import { planView } from '../views/plan-view.js';

/** Options of `plan`. */
export interface PlanFlags extends TargetFlags, OutputFlags {
  file: string;
  detailedExitcode?: boolean;
  progress: boolean;
  out?: string;
}

/** Lists the pools, compares them with the file and prints the plan; --out saves it for `apply PLANFILE`. Read-only. */
export async function planCommand(io: Io, flags: PlanFlags): Promise<number> {
  const out = openOutput(io, flags);
  return withPlan(io, flags, async ({ target, result, doc }) => {
    if (flags.out !== undefined) {
      await writeFileAtomic(pathIn(io, flags.out), toJson(doc), { symlinks: 'refuse', hint: 'choose another path', shownAs: flags.out });
      out.note(`Saved the plan to ${flags.out}. Apply exactly this plan with: cognito-groups apply ${flags.out}`);
    }
    const banner = localBanner(target);
    await planView(out).show({
      plan: result.plan,
      document: doc,
      ...(banner === undefined ? {} : { banner }),
      ...(flags.out === undefined ? {} : { seeAlso: `\`cognito-groups show ${flags.out}\`` }),
    });
    return flags.detailedExitcode === true && hasChanges(result.plan) ? 2 : 0;
  });
}
