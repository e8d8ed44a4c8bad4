import { driftOf } from '../../../core/drift/compute.js';
import { inSync } from '../../../core/drift/model.js';
import { dateOf } from '../../../core/config/acknowledgements.js';
import { attributeWithSession } from '../../../run/attribute.js';
import { targetText } from '../../render/target.js';
import { targetBanner, type TargetFlags } from '../connect.js';
import type { Io } from '../io.js';
import { withPlan } from '../planned.js';
import { driftView } from '../views/drift-view.js';
import { openOutput, type OutputFlags } from '../views/output.js';

/** Options of `drift`. */
export interface DriftFlags extends TargetFlags, OutputFlags {
  file: string;
  env?: string;
  progress: boolean;
  /** false with --no-attribution: CloudTrail is not read. */
  attribution?: boolean;
  /** False with --no-credentials-check. */
  credentialsCheck?: boolean;
}

/** Read-only: exit 0 when the pools match the file (but for differences it acknowledges), 2 on drift (or a provider-group alert), 1 on error. */
export async function driftCommand(io: Io, flags: DriftFlags): Promise<number> {
  const out = openOutput(io, flags);
  // Drift reads every role the file names (one deleted since leaves its users without credentials), and
  // access drift: what members added or removed by hand did to their claims (groups with `members:` only).
  return withPlan(io, { ...flags, checkAllRoles: true, accessScope: 'member-drift' }, async ({ target, result, notes }) => {
    const found = driftOf(result.plan, { config: result.config, today: dateOf(new Date()) });
    const report = flags.attribution === false ? found : await attributeWithSession(found, target.session, result.config.settings.maxRps);
    await driftView(out).show(report, targetBanner(target), targetText(target.shown), notes);
    return inSync(report) ? 0 : 2;
  });
}
