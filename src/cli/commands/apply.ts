import { readConfigFile } from '../../config/read.js';
import { CgError } from '../../errors.js';
import type { Plan } from '../../plan/model.js';
import { applyResultLines, applySummaryLine } from '../../render/apply-report.js';
import { applyDocument } from '../../render/documents.js';
import { mdFence } from '../../render/markdown-escape.js';
import { plainStyle, type Style } from '../../render/style.js';
import { renderPlanText } from '../../render/text.js';
import type { ApplyOutcome } from '../../run/apply.js';
import { apply, applySaved } from '../../run/library.js';
import { planOfDocument } from '../../saved-plan/build.js';
import type { PlanDocument } from '../../saved-plan/model.js';
import { readPlanFile } from '../../saved-plan/read.js';
import { printWarnings } from '../warnings.js';
import { documentOf } from '../planned.js';
import { checkPlanTarget, localBanner, openTarget, targetOf, type Target, type TargetFlags } from '../connect.js';
import { planFollowsFrom } from '../../saved-plan/verify.js';
import { appendStepSummary, stepSummaryFile, toJson, type Format } from '../formats.js';
import { styleFor, type Io } from '../io.js';
import { planMarkdown } from '../plan-output.js';
import { ProgressReporter } from '../progress.js';
import { confirm } from '../prompt.js';
import { withStopSignals } from '../signals.js';
import { VERSION } from '../version.js';

/** Options of `apply`. */
export interface ApplyFlags extends TargetFlags {
  file: string;
  autoApprove?: boolean;
  allowReplace?: boolean;
  allowDelete?: boolean;
  maxDelete: number;
  color: boolean;
  progress: boolean;
  format: Format;
  githubStepSummary?: boolean;
}

/**
 * With a saved plan: applies exactly its changes, or refuses a stale one. Without: plans from the
 * file, shows the plan, asks (or needs --auto-approve), applies. Either way it then checks the pools.
 */
export async function applyCommand(io: Io, planFile: string | undefined, flags: ApplyFlags, groupsFile?: string): Promise<number> {
  const summaryFile = stepSummaryFile(io, flags.githubStepSummary);
  const style = styleFor(io.stdoutIsTTY, io.env, flags.color);
  const progress = new ProgressReporter(io, flags.progress);
  const common = {
    allowReplace: flags.allowReplace === true,
    allowDelete: flags.allowDelete === true,
    maxDelete: flags.maxDelete,
    onReadProgress: progress.read,
    onApplyProgress: progress.apply,
  };
  const output: Output = { io, flags, style, summaryFile };
  const onStop = (signal: string): void => {
    progress.stop();
    io.err(`\n${signal} received: starting no new calls, waiting for the ones in flight...\n`);
  };
  const showPlan = (target: Target, plan: Plan): void => {
    progress.stop();
    const banner = localBanner(target);
    if (flags.format !== 'text') {
      if (banner !== undefined) io.err(`${banner}\n`);
      return;
    }
    if (banner !== undefined) io.out(`${banner}\n\n`);
    io.out(renderPlanText(plan, style));
  };

  if (planFile !== undefined) {
    const doc = await readPlanFile(planFile);
    const checkedAgainst = groupsFile === undefined ? undefined : await readConfigFile(groupsFile);
    if (checkedAgainst !== undefined) {
      const loaded = checkedAgainst;
      const problems = planFollowsFrom(doc, loaded.text, loaded.config);
      if (problems.length > 0) {
        throw new CgError('PLAN_FILE_INVALID', `${planFile}: the plan does not follow from ${groupsFile}, so it was edited or made from another file; nothing was applied. Make a new plan.`, { details: problems.map((p) => `  ${p}`) });
      }
    }
    checkPlanTarget(doc, targetOf(flags, io.env));
    const target = await openTarget(flags, doc.pools.map((p) => ({ id: p.userPoolId, region: p.region })), io.env);
    try {
      showPlan(target, planOfDocument(doc));
      const result = await withStopSignals(onStop, (signal) =>
        applySaved({ document: doc, ...(checkedAgainst === undefined ? {} : { config: checkedAgainst.config }), ...target.session, signal, ...common }),
      );
      progress.stop();
      for (const note of result.notes) io.err(`note: ${note}\n`);
      return await finish(output, doc, result.outcome, planFile);
    } finally {
      progress.stop();
      await target.close();
    }
  }

  const loaded = await readConfigFile(flags.file);
  printWarnings(io, loaded.warnings);
  const target = await openTarget(flags, loaded.config.userPools);
  try {
    const result = await withStopSignals(onStop, (signal) =>
      apply({
        config: loaded.config,
        ...target.session,
        signal,
        ...common,
        onPlan: (plan) => showPlan(target, plan),
        approve: async () => {
          if (flags.autoApprove === true) return true;
          if (!io.stdinIsTTY) {
            throw new CgError('APPLY_REFUSED', 'refusing to apply without a terminal to ask for approval; pass --auto-approve (in pipelines, apply a reviewed saved plan: plan --out FILE, then apply FILE). Nothing was changed.');
          }
          return confirm('\nDo you want to apply these changes?', signal);
        },
      }),
    );
    progress.stop();
    return await finish(output, documentOf(result.plan, result.observed, loaded, target), result.outcome, undefined);
  } finally {
    progress.stop();
    await target.close();
  }
}

/** Where and how an apply reports. */
interface Output {
  io: Io;
  flags: ApplyFlags;
  style: Style;
  summaryFile: string | undefined;
}

/** Prints the outcome in the chosen format and turns failure, interruption or leftover differences into errors. */
async function finish({ io, flags, style, summaryFile }: Output, doc: PlanDocument, outcome: ApplyOutcome | undefined, planFile: string | undefined): Promise<number> {
  const plan = planOfDocument(doc);
  const remaining = outcome?.remaining ?? [];
  const from = planFile === undefined ? 'file' : 'saved-plan';
  const summary = outcome === undefined ? 'No changes. Nothing to apply.' : applySummaryLine(outcome.report, from);
  const resultLines = outcome === undefined ? [] : applyResultLines(outcome.report, plainStyle);
  const appendix = `### Apply result\n\n**${summary}**\n${resultLines.length > 0 ? `\n${mdFence(resultLines.join('\n'), 'text')}\n` : ''}`;
  const markdown = (): string => planMarkdown(plan, { format: 'markdown', style: plainStyle, appendix, ...(planFile === undefined ? {} : { seeAlso: `\`cognito-groups show ${planFile}\`` }) });

  if (flags.format === 'json') io.out(toJson(applyDocument(doc, outcome?.report, remaining, VERSION, new Date(), from)));
  else if (flags.format === 'markdown') io.out(markdown());
  else {
    const lines = outcome === undefined ? [] : applyResultLines(outcome.report, style);
    io.out(`\n${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${style.strong(summary)}\n`);
  }
  await appendStepSummary(summaryFile, markdown());

  if (outcome === undefined) return 0;
  const { report } = outcome;
  if (report.interrupted) throw new CgError('INTERRUPTED', `interrupted: ${summary}`);
  if (report.results.some((r) => r.status !== 'done')) throw new CgError('APPLY_FAILED', summary);
  if (remaining.length > 0) {
    const against = planFile === undefined ? flags.file : `the plan ${planFile}`;
    throw new CgError('NOT_CONVERGED', `after applying, the pools still differ from ${against} in ${remaining.length} place(s); someone may be changing them at the same time`, { details: remaining.map((r) => `  ${r}`) });
  }
  return 0;
}
