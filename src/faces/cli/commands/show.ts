import { planOfDocument } from '../../../core/saved-plan/build.js';
import { readPlanFile } from '../../../edge/files/read-saved-plan.js';
import { targetText, type ShownTarget } from '../../render/target.js';
import type { Io } from '../io.js';
import { openOutput, type OutputFlags } from '../views/output.js';
import { planView } from '../views/plan-view.js';

/** Options of `show`. */
export type ShowFlags = OutputFlags;

/** Renders a saved plan. Offline. */
export async function showCommand(io: Io, planFile: string, flags: ShowFlags): Promise<number> {
  const out = openOutput(io, flags);
  const document = await readPlanFile(planFile, io.cwd);
  const target: ShownTarget = {
    kind: document.target,
    ...(document.endpoint === undefined ? {} : { endpoint: document.endpoint }),
    regions: document.pools.map((p) => p.region),
    ...(document.environment === undefined ? {} : { environment: document.environment }),
    ...(document.account === undefined ? {} : { account: document.account }),
  };
  await planView(out).show({
    plan: planOfDocument(document),
    document,
    header: `Saved plan ${planFile}: made ${document.createdAt} by cognito-groups ${document.toolVersion} from ${document.desiredFile.path} against ${targetText(target)}.`,
    target,
  });
  return 0;
}
