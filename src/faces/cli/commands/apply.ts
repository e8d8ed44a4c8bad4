import { RefusedError } from '../../../run/apply/refusal.js';
import { readConfigFile } from '../../../edge/files/read-config.js';
import { CgError } from '../../../core/errors.js';
import type { Plan } from '../../../core/plan/model.js';
import { missingMemberLines, remainingLines } from '../../render/apply-report.js';
import { changedElsewhereLines } from '../../render/stale.js';
import { targetText } from '../../render/target.js';
import { apply } from '../../../run/apply.js';
import { planOfDocument } from '../../../core/saved-plan/build.js';
import type { PlanDocument } from '../../../core/saved-plan/model.js';
import { applySaved, checkSavedPlan, type DesiredFile } from '../../../run/apply-saved.js';
import type { ApplyOutcome } from '../../../run/apply/report.js';
import { readPlanFile } from '../../../edge/files/read-saved-plan.js';
import { targetBanner, openTarget, targetOf, type Target, type TargetFlags } from '../connect.js';
import type { Io } from '../io.js';
import { documentOf, environmentOf, envOption } from '../planned.js';
import { ProgressReporter } from '../progress.js';
import { confirm } from '../prompt.js';
import { withStopSignals, type StopReason } from '../signals.js';
import { applyView, summaryOf } from '../views/apply-view.js';
import { openOutput, type OutputFlags } from '../views/output.js';
import { printWarnings } from '../warnings.js';

/** Options of `apply`. */
export interface ApplyFlags extends TargetFlags, OutputFlags {
  file: string;
  env?: string;
  autoApprove?: boolean;
  allowReplace?: boolean;
  allowDelete?: boolean;
  dropMembers?: boolean;
  maxDelete: number;
  allowMemberRemovals?: boolean;
  maxMemberRemovals: number;
  allowRoleChanges?: boolean;
  maxRoleChanges: number;
  /** False with --no-access-check (plans from the file only). */
  accessCheck?: boolean;
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
  const policy = {
    allowReplace: flags.allowReplace === true,
    allowDelete: flags.allowDelete === true,
    maxDelete: flags.maxDelete,
    allowMemberRemovals: flags.allowMemberRemovals === true,
    maxMemberRemovals: flags.maxMemberRemovals,
    allowRoleChanges: flags.allowRoleChanges === true,
    maxRoleChanges: flags.maxRoleChanges,
  };
  const common = { ...policy, onReadProgress: progress.read, onMembersProgress: progress.members, onApplyProgress: progress.apply, onAccessProgress: progress.access };
  const onStop = (reason: StopReason): void => {
    progress.stop();
    io.err(`\n${reason === 'output-lost' ? 'the output went away' : `${reason} received`}: starting no new calls, waiting for the ones in flight...\n`);
  };
  const show = (target: Target, plan: Plan): void => {
    progress.stop();
    view.plan(plan, targetBanner(target));
  };

  if (planFile !== undefined) {
    if (flags.accessCheck === false) throw new CgError('USAGE', `--no-access-check is for planning; the plan ${planFile} was checked (or not) when it was made`);
    const document = await readPlanFile(planFile, io.cwd);
    if (flags.dropMembers === true && document.dropMembers !== true) {
      throw new CgError('USAGE', `--drop-members: the plan ${planFile} keeps the members of the groups it replaces, and a saved plan is applied as it was reviewed; make the plan with \`cognito-groups plan --drop-members --out ${planFile}\``);
    }
    const plan = planOfDocument(document);
    const loaded = groupsFile === undefined ? undefined : await readConfigFile(groupsFile, io.cwd, envOption(flags));
    const desired: DesiredFile | undefined = loaded === undefined || groupsFile === undefined ? undefined : { file: groupsFile, text: loaded.text, config: loaded.config };
    return recordingRefusals({ plan, document, planFile }, async () => {
      // Everything that needs no call is checked before --local opens (and creates) anything.
      checkSavedPlan(document, targetOf(flags, io.env), policy, desired, planFile);
      const planned = document.environment === undefined ? {} : { environment: { name: document.environment, ...(document.account === undefined ? {} : { account: document.account }) } };
      const target = await openTarget(flags, document.pools.map((p) => ({ id: p.userPoolId, region: p.region })), io, { createPools: true, ...planned });
      try {
        const result = await withStopSignals(io, onStop, (signal) =>
          applySaved({ document, planFile, target: target.ref, ...(desired === undefined ? {} : { desired }), ...target.session, signal, ...common, onPlan: (p) => show(target, p) }),
        );
        progress.stop();
        for (const line of changedElsewhereLines(result)) out.note(`note: ${line}`);
        await view.result({ plan: result.plan, document, outcome: result.outcome, planFile, target: target.shown });
        return exitCodeOf(result.outcome, `the plan ${planFile}`);
      } finally {
        progress.stop();
        await target.close();
      }
    });
  }

  const loaded = await readConfigFile(flags.file, io.cwd, envOption(flags));
  printWarnings(io, loaded.warnings);
  const target = await openTarget(flags, loaded.config.userPools, io, { createPools: true, ...environmentOf(loaded.config) });
  let planned: { plan: Plan; document: PlanDocument } | undefined;
  try {
    const result = await withStopSignals(io, onStop, (signal) =>
      apply({
        config: loaded.config,
        ...target.session,
        signal,
        dropMembers: flags.dropMembers === true,
        accessCheck: flags.accessCheck !== false,
        ...common,
        onPlan: (made) => {
          planned = { plan: made.plan, document: documentOf(made, loaded, target) };
        },
        // Called once the plan passed the policy: the plan is shown only if it may be applied.
        approve: async (plan) => {
          if (flags.autoApprove !== true && !io.stdinIsTTY) throw new RefusedError({ kind: 'no-terminal' });
          show(target, plan);
          if (flags.autoApprove === true) return true;
          const approved = await confirm(io, `\nDo you want to apply these changes to ${targetText(target.shown)}?`, signal);
          // Ctrl-C at the prompt is a "no" (exit 1, like Terraform); SIGTERM or SIGHUP stop the run and exit with their own code.
          const stoppedBy = io.stops.received();
          if (!approved && stoppedBy !== undefined && stoppedBy !== 'SIGINT') throw new CgError('INTERRUPTED', `${stoppedBy} at the approval prompt: nothing was changed`);
          return approved;
        },
      }),
    );
    progress.stop();
    await view.result({ plan: result.plan, document: documentOf(result, loaded, target), outcome: result.outcome, target: target.shown });
    return exitCodeOf(result.outcome, flags.file);
  } catch (err) {
    if (err instanceof RefusedError && planned !== undefined) await view.refused({ error: err, ...planned, target: target.shown });
    throw err;
  } finally {
    progress.stop();
    await target.close();
  }

  /** Runs the saved-plan apply, recording a refusal in the output before it is reported. */
  async function recordingRefusals(shown: { plan: Plan; document: PlanDocument; planFile: string }, work: () => Promise<number>): Promise<number> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof RefusedError) await view.refused({ error: err, ...shown });
      throw err;
    }
  }
}

/** 0 when everything was applied and holds; otherwise the error that says why not (the report is already printed). */
function exitCodeOf(outcome: ApplyOutcome | undefined, against: string): number {
  if (outcome === undefined) return 0;
  const { report, check } = outcome;
  if (report.interrupted) throw new CgError('INTERRUPTED', 'interrupted: the summary above says what was and was not applied');
  const failed = report.results.filter((r) => r.status === 'failed').length;
  if (failed > 0 || !check.ran && check.why === 'not-all-applied') throw new CgError('APPLY_FAILED', `${failed} change(s) failed; the summary above says what was and was not applied`);
  if (!check.ran && check.error.code === 'INTERRUPTED') throw new CgError('INTERRUPTED', 'interrupted while checking the pools after applying: the report above says what was applied; run plan to see the pools');
  if (!check.ran) throw new CgError('APPLY_UNCHECKED', `applied as reported above, but the check after applying could not run (${check.error.message}); run plan to see the pools`);
  if (check.remaining.length + check.membersMissing.length > 0) {
    throw new CgError('NOT_CONVERGED', `after applying, ${check.remaining.length + check.membersMissing.length} change(s) of this run do not hold (the pools differ from ${against}); someone may be changing them at the same time`, {
      details: [...remainingLines(check.remaining), ...missingMemberLines(check.membersMissing)].map((r) => `  ${r}`),
    });
  }
  return 0;
}
