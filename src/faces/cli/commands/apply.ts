import { RefusedError } from '../../../run/apply/refusal.js';
import { readConfigFile } from '../../../edge/files/read-config.js';
import { CgError } from '../../../core/errors.js';
import type { Plan } from '../../../core/plan/model.js';
import type { AcknowledgedDifference } from '../../../core/drift/model.js';
import { acknowledgedIn } from '../acknowledged.js';
import { missingMemberLines, remainingLines } from '../../render/apply-report.js';
import { changedElsewhereLines } from '../../render/stale.js';
import { targetText } from '../../render/target.js';
import { apply, type ApplyOptions } from '../../../run/apply.js';
import type { ApplyPolicy } from '../../../run/apply/policy.js';
import type { LockOptions } from '../../../run/lease/leases.js';
import { planOfDocument } from '../../../core/saved-plan/build.js';
import type { PlanDocument } from '../../../core/saved-plan/model.js';
import { planEnvironment } from '../../../core/saved-plan/target.js';
import { applySaved, checkSavedPlan, type DesiredFile } from '../../../run/apply-saved.js';
import type { ApplyOutcome } from '../../../run/apply/report.js';
import { readPlanFile } from '../../../edge/files/read-saved-plan.js';
import { targetBanner, openTarget, targetOf, type Target, type TargetFlags } from '../connect.js';
import type { Io } from '../io.js';
import { documentOf, envOption, withTarget } from '../planned.js';
import { ProgressReporter } from '../progress.js';
import { confirm } from '../prompt.js';
import { withStopSignals, type StopReason } from '../signals.js';
import { lockOptionsOf } from '../lock.js';
import type { LockFlags } from '../lock-flags.js';
import { applyView, type ApplyView } from '../views/apply-view.js';
import { openOutput, type Output, type OutputFlags } from '../views/output.js';

/** Options of `apply`. */
export interface ApplyFlags extends TargetFlags, OutputFlags, LockFlags {
  file: string;
  env?: string;
  autoApprove?: boolean;
  allowReplace?: boolean;
  allowDelete?: boolean;
  dropMembers?: boolean;
  /** False with --no-credentials-check. */
  credentialsCheck?: boolean;
  maxDelete: number;
  allowMemberRemovals?: boolean;
  maxMemberRemovals: number;
  allowRoleChanges?: boolean;
  maxRoleChanges: number;
  /** False with --no-access-check (plans from the file only). */
  accessCheck?: boolean;
  progress: boolean;
}

/** What both paths of an apply share: the output, the progress, the policy the flags give, and how a stop and the plan are shown. */
interface ApplyRun {
  io: Io;
  flags: ApplyFlags;
  out: Output;
  view: ApplyView;
  progress: ProgressReporter;
  policy: Required<ApplyPolicy>;
  onStop: (reason: StopReason) => void;
  /** Shows the plan about to be applied, with the acknowledged differences it reverts. */
  show: (target: Target, plan: Plan, acknowledged: readonly AcknowledgedDifference[]) => void;
}

/**
 * With a saved plan: applies exactly its changes, or refuses a stale one. Without: plans from the
 * file, shows the plan, asks (or needs --auto-approve), applies. Either way it then checks the pools.
 */
export async function applyCommand(io: Io, planFile: string | undefined, flags: ApplyFlags, groupsFile?: string): Promise<number> {
  const out = openOutput(io, flags);
  const view = applyView(out);
  const progress = new ProgressReporter(io, flags.progress);
  const run: ApplyRun = {
    io,
    flags,
    out,
    view,
    progress,
    policy: {
      allowReplace: flags.allowReplace === true,
      allowDelete: flags.allowDelete === true,
      maxDelete: flags.maxDelete,
      allowMemberRemovals: flags.allowMemberRemovals === true,
      maxMemberRemovals: flags.maxMemberRemovals,
      allowRoleChanges: flags.allowRoleChanges === true,
      maxRoleChanges: flags.maxRoleChanges,
    },
    onStop: (reason) => {
      progress.stop();
      io.err(`\n${reason === 'output-lost' ? 'the output went away' : `${reason} received`}: starting no new calls, waiting for the ones in flight...\n`);
    },
    show: (target, plan, acknowledged) => {
      progress.stop();
      view.plan(plan, targetBanner(target), acknowledged);
    },
  };
  if (planFile !== undefined && flags.accessCheck === false) throw new CgError('USAGE', `--no-access-check is for planning; the plan ${planFile} was checked (or not) when it was made`);
  try {
    return planFile === undefined ? await applyFromFile(run) : await applySavedPlan(run, planFile, groupsFile);
  } finally {
    progress.stop();
  }
}

/** The callbacks and policy both library calls take. */
function commonOf(run: ApplyRun): Required<ApplyPolicy> & LockOptions & Pick<ApplyOptions, 'onReadProgress' | 'onMembersProgress' | 'onApplyProgress'> {
  return { ...run.policy, ...lockOptionsOf(run.flags, run.flags.local === true, run.io), onReadProgress: run.progress.read, onMembersProgress: run.progress.members, onApplyProgress: run.progress.apply };
}

/** `apply PLANFILE [-f FILE]`: exactly the saved plan's changes, or a refusal, recorded in the output before it is reported. */
async function applySavedPlan(run: ApplyRun, planFile: string, groupsFile: string | undefined): Promise<number> {
  const { io, flags } = run;
  const document = await readPlanFile(planFile, io.cwd);
  if (flags.dropMembers === true && document.dropMembers !== true) {
    throw new CgError('USAGE', `--drop-members: the plan ${planFile} keeps the members of the groups it replaces, and a saved plan is applied as it was reviewed; make the plan with \`cognito-groups plan --drop-members --out ${planFile}\``);
  }
  const plan = planOfDocument(document);
  const loaded = groupsFile === undefined ? undefined : await readConfigFile(groupsFile, io.cwd, envOption(flags));
  const desired: DesiredFile | undefined = loaded === undefined || groupsFile === undefined ? undefined : { file: groupsFile, text: loaded.text, config: loaded.config };
  try {
    // Everything that needs no call is checked before --local opens (and creates) anything.
    // The environment asked for: the groups file's (checked there) or --env's name; the plan's must be the same.
    const asked = loaded?.config.environment ?? (flags.env === undefined ? undefined : { name: flags.env });
    checkSavedPlan(document, targetOf(flags, io.env, asked), run.policy, desired, planFile);
    const environment = planEnvironment(document);
    const target = await openTarget(flags, document.pools.map((p) => ({ id: p.userPoolId, region: p.region })), io, { createPools: true, ...(environment === undefined ? {} : { environment }) });
    try {
      const result = await withStopSignals(io, run.onStop, (signal) =>
        applySaved({ document, planFile, target: target.ref, processEnv: io.env, ...(desired === undefined ? {} : { desired }), ...target.session, signal, ...commonOf(run), onPlan: (p) => run.show(target, p, loaded === undefined ? [] : acknowledgedIn(p, loaded.config)) }),
      );
      run.progress.stop();
      for (const line of changedElsewhereLines(result)) run.out.note(`note: ${line}`);
      await run.view.result({ plan: result.plan, document, outcome: result.outcome, planFile, target: target.shown });
      return exitCodeOf(result.outcome, `the plan ${planFile}`);
    } finally {
      run.progress.stop();
      await target.close();
    }
  } catch (err) {
    if (err instanceof RefusedError) await run.view.refused({ error: err, plan, document, planFile });
    throw err;
  }
}

/** `apply [-f FILE]`: plans from the file, shows the plan, asks (or needs --auto-approve), applies. */
async function applyFromFile(run: ApplyRun): Promise<number> {
  const { io, flags } = run;
  return await withTarget(io, flags, async (loaded, target) => {
    let planned: { plan: Plan; document: PlanDocument } | undefined;
    try {
      const result = await withStopSignals(io, run.onStop, (signal) =>
        apply({
          config: loaded.config,
          desiredFile: { path: loaded.file, text: loaded.text },
          ...target.session,
          signal,
          dropMembers: flags.dropMembers === true,
          credentialsCheck: flags.credentialsCheck !== false,
          accessCheck: flags.accessCheck !== false,
          ...commonOf(run),
          onAccessProgress: run.progress.access,
          onPlan: (made) => {
            planned = { plan: made.plan, document: documentOf(made, loaded, target) };
          },
          // Called once the plan passed the policy: the plan is shown only if it may be applied.
          approve: async (plan) => {
            if (flags.autoApprove !== true && !io.stdinIsTTY) throw new RefusedError({ kind: 'no-terminal' });
            run.show(target, plan, acknowledgedIn(plan, loaded.config));
            if (flags.autoApprove === true) return true;
            const approved = await confirm(io, `\nDo you want to apply these changes to ${targetText(target.shown)}?`, signal);
            // Ctrl-C at the prompt is a "no" (exit 1, like Terraform); SIGTERM or SIGHUP stop the run and exit with their own code.
            const stoppedBy = io.stops.received();
            if (!approved && stoppedBy !== undefined && stoppedBy !== 'SIGINT') throw new CgError('INTERRUPTED', `${stoppedBy} at the approval prompt: nothing was changed`);
            return approved;
          },
        }),
      );
      run.progress.stop();
      await run.view.result({ plan: result.plan, document: documentOf(result, loaded, target), outcome: result.outcome, target: target.shown });
      return exitCodeOf(result.outcome, flags.file);
    } catch (err) {
      if (err instanceof RefusedError && planned !== undefined) await run.view.refused({ error: err, ...planned, target: target.shown });
      throw err;
    } finally {
      run.progress.stop();
    }
  });
}

/** 0 when everything was applied and holds; otherwise the error that says why not (the report is already printed). */
function exitCodeOf(outcome: ApplyOutcome | undefined, against: string): number {
  if (outcome === undefined) return 0;
  const { report, check } = outcome;
  if (report.interrupted) throw new CgError('INTERRUPTED', 'interrupted: the summary above says what was and was not applied');
  if (report.leaseLost !== undefined) throw new CgError('LEASE_LOST', `${report.leaseLost}; it stopped before its next change: the summary above says what was and was not applied`);
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
