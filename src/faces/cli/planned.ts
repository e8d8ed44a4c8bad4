import type { EnvironmentRef } from '../../core/config/model.js';
import type { LoadedConfig } from '../../edge/files/read-config.js';
import { readConfigFile } from '../../edge/files/read-config.js';
import { plan, type PlanResult } from '../../run/plan.js';
import { summaryLine } from '../render/summary.js';
import { buildPlanDocument, type Planned as PlannedFrom } from '../../core/saved-plan/build.js';
import type { PlanDocument } from '../../core/saved-plan/model.js';
import { printWarnings } from './warnings.js';
import { heldLeaseLines } from '../render/lease.js';
import { safeOutput } from '../render/outside-text.js';
import { openTarget, type Target, type TargetFlags } from './connect.js';
import type { Io } from './io.js';
import { ProgressReporter } from './progress.js';
import { VERSION } from './version.js';

/** A plan made from the groups file, with what it was made from. */
export interface Planned {
  loaded: LoadedConfig;
  target: Target;
  result: PlanResult;
  doc: PlanDocument;
  /** What the listing showed of other runs (an apply holding a pool's lease), already said on stderr: for the Markdown. */
  notes: string[];
}

/** The plan document for a plan made from a groups file against a target. */
export function documentOf(planned: PlannedFrom, loaded: LoadedConfig, target: Target): PlanDocument {
  return buildPlanDocument(planned, {
    toolVersion: VERSION,
    createdAt: new Date(),
    desiredFile: { path: loaded.file, text: loaded.text },
    target: target.ref.kind,
    ...(target.ref.endpoint === undefined ? {} : { endpoint: target.ref.endpoint }),
    settings: loaded.config.settings,
    ...(loaded.config.environment === undefined ? {} : { environment: loaded.config.environment }),
    summaryText: summaryLine(planned.plan),
  });
}

/** Reads the groups file (printing its warnings) and opens the target of its pools; `use` gets both while the target is open. */
export async function withTarget<T>(io: Io, flags: TargetFlags & { file: string; env?: string }, use: (loaded: LoadedConfig, target: Target) => Promise<T>): Promise<T> {
  const loaded = await readConfigFile(flags.file, io.cwd, envOption(flags));
  printWarnings(io, loaded.warnings);
  const target = await openTarget(flags, loaded.config.userPools, io, { createPools: true, ...environmentOf(loaded.config) });
  try {
    return await use(loaded, target);
  } finally {
    await target.close();
  }
}

/** Reads the groups file, lists its pools and plans; `use` gets the result while the target is open. Read-only. */
export async function withPlan<T>(
  io: Io,
  flags: TargetFlags & { file: string; env?: string; progress: boolean; dropMembers?: boolean; accessCheck?: boolean; accessScope?: 'changes' | 'member-drift'; credentialsCheck?: boolean; checkAllRoles?: boolean },
  use: (planned: Planned) => Promise<T>,
): Promise<T> {
  return await withTarget(io, flags, async (loaded, target) => {
    const progress = new ProgressReporter(io, flags.progress);
    const result = await plan({
      config: loaded.config,
      desiredFile: { path: loaded.file, text: loaded.text },
      ...target.session,
      dropMembers: flags.dropMembers === true,
      accessCheck: flags.accessCheck !== false,
      ...(flags.accessScope === undefined ? {} : { accessScope: flags.accessScope }),
      credentialsCheck: flags.credentialsCheck !== false,
      checkAllRoles: flags.checkAllRoles === true,
      onReadProgress: progress.read,
      onMembersProgress: progress.members,
      onAccessProgress: progress.access,
    });
    progress.stop();
    // An apply holding a lease is said from the listing already made: plan and drift never take one.
    const notes = heldLeaseLines(result.observed, Date.now());
    for (const line of notes) io.err(`${safeOutput(`note: ${line}`)}\n`);
    return await use({ loaded, target, result, doc: documentOf(result, loaded, target), notes });
  });
}

/** The --env flag as readConfigFile takes it. */
export function envOption(flags: { env?: string }): { env?: string } {
  return flags.env === undefined ? {} : { env: flags.env };
}

/** The config's environment, as openTarget takes it. */
function environmentOf(config: { environment?: EnvironmentRef }): { environment?: EnvironmentRef } {
  return config.environment === undefined ? {} : { environment: config.environment };
}
