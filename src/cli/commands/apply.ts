import { RefusedError } from '../../apply/refusal.js';
import { readConfigFile } from '../../config/read.js';
import { CgError } from '../../errors.js';
import type { Plan } from '../../plan/model.js';
import { remainingLines } from '../../render/apply-report.js';
import { changedElsewhereLines } from '../../render/stale.js';
import { apply } from '../../run/apply.js';
import { applySaved, checkSavedPlan, type DesiredFile } from '../../run/apply-saved.js';
import type { ApplyOutcome } from '../../run/converge.js';
import { readPlanFile } from '../../saved-plan/read.js';
import { localBanner, openTarget, targetOf, type Target, type TargetFlags } from '../connect.js';
import type { Io } from '../io.js';
import { documentOf } from '../planned.js';
import { ProgressReporter } from '../progress.js';
import { confirm } from '../prompt.js';
import { withStopSignals, type StopReason } from '../signals.js';
import { applyView, summaryOf } from '../views/apply-view.js';
import { openOutput, type OutputFlags } from '../views/output.js';
import { printWarnings } from '../warnings.js';

/** Options of `apply`. */
export interface ApplyFlags extends TargetFlags, OutputFlags {
  file: string;
  autoApprove?: boolean;
  allowReplace?: boolean;
  allowDelete?: boolean;
  maxDelete: number;
  progress: boolean;
}

/**
 * With a saved plan: applies exactly its changes, or refuses a stale one. Without: plans from the
 * file, shows the plan, asks (or needs --auto-approve), applies. Either way it then checks the pools.
 */
export async function applyCommand(io: Io, planFile: string | undefined, flags: ApplyFlags, groupsFile?: string): Promise<number> {
  const out = openOutput(io, flags);
  const view = applyView(out);
  const progress = new ProgressReporter(io, flags.progress);
  const policy = { allowReplace: flags.allowReplace === true, allowDelete: flags.allowDelete === true, maxDelete: flags.maxDelete };
  const common = { ...policy, onReadProgress: progress.read, onApplyProgress: progress.apply };
  const onStop = (reason: StopReason): void => {
    progress.stop();
    io.err(`\n${reason === 'output-lost' ? 'the output went away' : `${reason} received`}: starting no new calls, waiting for the ones in flight...\n`);
  };
  const showPlan = (target: Target) => (plan: Plan): void => {
    progress.stop();
    view.plan(plan, localBanner(target));
  };

  if (planFile !== undefined) {
    const document = await readPlanFile(planFile, io.cwd);
    const loaded = groupsFile === undefined ? undefined : await readConfigFile(groupsFile, io.cwd);
    const desired: DesiredFile | undefined = loaded === undefined || groupsFile === undefined ? undefined : { file: groupsFile, text: loaded.text, config: loaded.config };
    // Everything that needs no call is checked before --local opens (and creates) anything.
    checkSavedPlan(document, targetOf(flags, io.env), policy, desired, planFile);
    const target = await openTarget(flags, document.pools.map((p) => ({ id: p.userPoolId, region: p.region })), io);
    try {
      const result = await withStopSignals(io, onStop, (signal) =>
        applySaved({ document, planFile, target: target.ref, ...(desired === undefined ? {} : { desired }), ...target.session, signal, ...common, onPlan: showPlan(target) }),
      );
      progress.stop();
      for (const line of changedElsewhereLines(result)) out.note(`note: ${line}`);
      await view.result({ plan: result.plan, document, outcome: result.outcome, planFile });
      return exitCodeOf(result.outcome, planFile, `the plan ${planFile}`);
    } finally {
      progress.stop();
      await target.close();
    }
  }

  const loaded = await readConfigFile(flags.file, io.cwd);
  printWarnings(io, loaded.warnings);
  const target = await openTarget(flags, loaded.config.userPools, io);
  try {
    const result = await withStopSignals(io, onStop, (signal) =>
      apply({
        config: loaded.config,
        ...target.session,
        signal,
        ...common,
        onPlan: showPlan(target),
        approve: async () => {
          if (flags.autoApprove === true) return true;
          if (!io.stdinIsTTY) throw new RefusedError({ kind: 'no-terminal' });
          return confirm(io, '\nDo you want to apply these changes?', signal);
        },
      }),
    );
    progress.stop();
    await view.result({ plan: result.plan, document: documentOf(result.plan, result.observed, loaded, target), outcome: result.outcome });
    return exitCodeOf(result.outcome, undefined, flags.file);
  } finally {
    progress.stop();
    await target.close();
  }
}

/** 0 when everything was applied and the pools match; otherwise the error that says why not. */
function exitCodeOf(outcome: ApplyOutcome | undefined, planFile: string | undefined, against: string): number {
  if (outcome === undefined) return 0;
  const summary = summaryOf({ outcome, ...(planFile === undefined ? {} : { planFile }) });
  if (outcome.report.interrupted) throw new CgError('INTERRUPTED', `interrupted: ${summary}`);
  if (outcome.report.results.some((r) => r.status !== 'done')) throw new CgError('APPLY_FAILED', summary);
  if (outcome.remaining.length > 0) {
    throw new CgError('NOT_CONVERGED', `after applying, the pools still differ from ${against} in ${outcome.remaining.length} place(s); someone may be changing them at the same time`, {
      details: remainingLines(outcome.remaining).map((r) => `  ${r}`),
    });
  }
  return 0;
}
