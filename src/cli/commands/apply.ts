import { readConfigFile } from '../../config/read.js';
import { CgError } from '../../errors.js';
import type { Plan } from '../../plan/model.js';
import { applyResultLines, applySummaryLine } from '../../render/apply-report.js';
import { renderPlanText } from '../../render/text.js';
import { apply } from '../../run/library.js';
import { printWarnings } from '../common.js';
import { localBanner, openTarget, type TargetFlags } from '../connect.js';
import { styleFor, type Io } from '../io.js';
import { ProgressReporter } from '../progress.js';
import { confirm } from '../prompt.js';
import { withStopSignals } from '../signals.js';

/** Options of `apply`. */
export interface ApplyFlags extends TargetFlags {
  file: string;
  autoApprove?: boolean;
  allowReplace?: boolean;
  allowDelete?: boolean;
  color: boolean;
  progress: boolean;
}

/** Plans, shows the plan, asks (or needs --auto-approve), applies, then checks the pools match. */
export async function applyCommand(io: Io, flags: ApplyFlags): Promise<number> {
  const { config, warnings } = await readConfigFile(flags.file);
  printWarnings(io, warnings);
  const style = styleFor(io.stdoutIsTTY, io.env, flags.color);
  const target = await openTarget(flags, config.userPools);
  const progress = new ProgressReporter(io, flags.progress);
  try {
    const result = await withStopSignals(
      (signal) => {
        progress.stop();
        io.err(`\n${signal} received: starting no new calls, waiting for the ones in flight...\n`);
      },
      (signal) =>
        apply({
          config,
          ...target.session,
          signal,
          allowReplace: flags.allowReplace === true,
          allowDelete: flags.allowDelete === true,
          onReadProgress: progress.read,
          onApplyProgress: progress.apply,
          onPlan: (thePlan: Plan) => {
            progress.stop();
            const banner = localBanner(target);
            if (banner !== undefined) io.out(`${banner}\n\n`);
            io.out(renderPlanText(thePlan, style));
          },
          approve: async () => {
            if (flags.autoApprove === true) return true;
            if (!io.stdinIsTTY) {
              throw new CgError('APPLY_REFUSED', 'refusing to apply without a terminal to ask for approval; pass --auto-approve (in pipelines, apply a reviewed saved plan). Nothing was changed.');
            }
            return confirm('\nDo you want to apply these changes?');
          },
        }),
    );
    progress.stop();
    if (result.outcome === undefined) {
      io.out('\nNothing to apply.\n');
      return 0;
    }
    const { report, remaining } = result.outcome;
    const lines = applyResultLines(report, style);
    const summary = applySummaryLine(report);
    io.out(`\n${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${style.strong(summary)}\n`);
    if (report.interrupted) throw new CgError('INTERRUPTED', `interrupted: ${summary}`);
    if (report.results.some((r) => r.status !== 'done')) throw new CgError('APPLY_FAILED', summary);
    if (remaining.length > 0) {
      throw new CgError('NOT_CONVERGED', `after applying, the pools still differ from ${flags.file} in ${remaining.length} place(s); someone may be changing them at the same time`, { details: remaining.map((r) => `  ${r}`) });
    }
    return 0;
  } finally {
    progress.stop();
    await target.close();
  }
}
