import { rm } from 'node:fs/promises';
import { CgError, messageOf } from '../../../core/errors.js';
import { checkWritable, sameFile, writeFileAtomic, type AtomicWriteOptions } from '../../../edge/files/write-atomic.js';
import { hasChanges } from '../../../core/plan/summary.js';
import { toJson } from '../../render/json.js';
import { readPlanFile } from '../../../edge/files/read-saved-plan.js';
import { planFollowsFrom } from '../../../core/saved-plan/verify.js';
import { targetBanner, LOCAL_STATE, type TargetFlags } from '../connect.js';
import { pathIn, type Io } from '../io.js';
import { withPlan } from '../planned.js';
import { openOutput, type OutputFlags } from '../views/output.js';
import { planView } from '../views/plan-view.js';
import { acknowledgedIn } from '../acknowledged.js';
import { attributeWithSession } from '../../../run/attribute.js';
import { driftOf } from '../../../core/drift/compute.js';
import { jobSummaryWhere } from '../run-link.js';

/** Options of `plan`. */
export interface PlanFlags extends TargetFlags, OutputFlags {
  file: string;
  env?: string;
  detailedExitcode?: boolean;
  progress: boolean;
  dropMembers?: boolean;
  /** False with --no-credentials-check. */
  credentialsCheck?: boolean;
  /** False with --no-access-check. */
  accessCheck?: boolean;
  out?: string;
  /** --attribution: read CloudTrail for who made the differences the plan reverts. */
  attribution?: boolean;
}

/** Lists the pools, compares them with the file and prints the plan; --out saves it for `apply PLANFILE`. Read-only. */
export async function planCommand(io: Io, flags: PlanFlags): Promise<number> {
  const out = openOutput(io, flags);
  const saveAs = flags.out;
  const writeOptions: AtomicWriteOptions = { symlinks: 'refuse', hint: 'choose another path', ...(saveAs === undefined ? {} : { shownAs: saveAs }) };
  if (saveAs !== undefined) await checkPlanOutput(io, flags, saveAs, writeOptions);
  return withPlan(io, flags, async ({ target, result, doc, loaded, notes }) => {
    if (saveAs !== undefined) {
      const path = pathIn(io, saveAs);
      await writeFileAtomic(path, toJson(doc), writeOptions);
      // Read back as `apply PLANFILE -f FILE` will, so a plan apply would refuse fails here, in the
      // pull request, and not after the merge.
      try {
        const again = await readPlanFile(path);
        const problems = planFollowsFrom(again, loaded.text, loaded.config);
        if (problems.length > 0) throw new CgError('INTERNAL', `it does not follow from ${flags.file} (${problems.map((p) => p.kind).join(', ')})`);
      } catch (err) {
        await rm(path, { force: true });
        const why = messageOf(err);
        throw new CgError('PLAN_FILE_INVALID', `${saveAs}: the plan just written cannot be read back as apply will read it: ${why}; it was removed`);
      }
      out.note(`Saved the plan to ${saveAs}. Apply exactly this plan with: ${applyCommandLine(saveAs, flags)}`);
    }
    await planView(out).show({
      plan: result.plan,
      document: doc,
      banner: targetBanner(target),
      ...seeAlsoOf(io, flags, saveAs),
      warnings: loaded.warnings,
      target: target.shown,
      acknowledged: acknowledgedIn(result.plan, loaded.config),
      notes,
      ...(flags.attribution === true ? { attributions: (await attributeWithSession(driftOf(result.plan), target.session, result.config.settings.maxRps)).pools.flatMap((p) => p.attributions ?? []) } : {}),
    });
    return flags.detailedExitcode === true && hasChanges(result.plan) ? 2 : 0;
  });
}

/**
 * Where a reader of a cut Markdown plan sees all of it: with --github-step-summary (as the GitHub
 * Action runs it), the job summary, which gets the full plan; else, and for the job summary itself
 * (cut only past 340,000 characters), the saved plan.
 */
function seeAlsoOf(io: Io, flags: PlanFlags, saveAs: string | undefined): { seeAlso?: string; summarySeeAlso?: string } {
  const show = saveAs === undefined ? undefined : `\`cognito-groups show ${saveAs}\``;
  const inSummary = show === undefined ? {} : { summarySeeAlso: show };
  if (flags.githubStepSummary === true) return { seeAlso: jobSummaryWhere(io.env), ...inSummary };
  return show === undefined ? {} : { seeAlso: show, ...inSummary };
}

/** Refuses, before any work, an --out that cannot be written or that is one of the run's own files. */
async function checkPlanOutput(io: Io, flags: PlanFlags, saveAs: string, options: AtomicWriteOptions): Promise<void> {
  const path = pathIn(io, saveAs);
  const inputs: Array<[string | undefined, string]> = [
    [flags.file, 'the groups file this plan is made from; choose another path for the plan, such as plan.json'],
    [flags.githubStepSummary === true ? io.env.GITHUB_STEP_SUMMARY : undefined, 'the job summary file; choose another path for the plan'],
    [flags.local === true ? LOCAL_STATE : undefined, "the local emulator's state file; choose another path for the plan"],
  ];
  for (const [input, what] of inputs) {
    if (input !== undefined && input !== '' && (await sameFile(path, pathIn(io, input)))) throw new CgError('USAGE', `--out ${saveAs}: that is ${what}`);
  }
  await checkWritable(path, options);
}

/** The command that applies a saved plan exactly where it was made, checked against its groups file. */
function applyCommandLine(planFile: string, flags: PlanFlags): string {
  const target = flags.local === true ? ['--local'] : [...(flags.endpointUrl === undefined ? [] : ['--endpoint-url', flags.endpointUrl]), ...(flags.profile === undefined ? [] : ['--profile', flags.profile])];
  return ['cognito-groups', 'apply', planFile, '-f', flags.file, ...(flags.env === undefined ? [] : ['--env', flags.env]), ...target].map(shellWord).join(' ');
}

/** A word as a POSIX shell reads it back unchanged. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
