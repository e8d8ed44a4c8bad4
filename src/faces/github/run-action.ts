import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CgError, messageOf } from '../../core/errors.js';
import { cliArguments } from './command-line.js';
import { failureMarkdown, type CommentSubject } from './comment-body.js';
import { readPullRequest } from './event.js';
import { GitHubApiError } from './github-api.js';
import { readInputs } from './inputs.js';
import { outcomeOf } from './outcome.js';
import { appendToRunnerFile, formatOutputs, type OutputName } from './outputs.js';
import { postPlanComment, type PlanShown } from './plan-comment.js';
import { trackDrift } from './drift-tracking.js';
import { runCli, type CliEcho } from './run-cli.js';
import { workflowRunUrl } from '../cli/run-link.js';
import { errorCommand, withCommandsStopped } from './workflow-commands.js';

/** Where the action runs: its environment, the CLI it wraps, and its log. */
export interface ActionContext {
  env: NodeJS.ProcessEnv;
  /** The built CLI, `dist/src/faces/cli/main.js` of the action's own checkout. */
  cliPath: string;
  /** The step's directory; `working-directory` is relative to it. */
  cwd: string;
  /** The step's log: the CLI's output is echoed here as it runs. */
  log: CliEcho;
  /** Tests may pass their own; the default is Node's. */
  fetchImpl?: typeof fetch;
}

/** Runs the action and returns the step's exit code; the one place its errors become log lines. */
export async function runAction(ctx: ActionContext): Promise<number> {
  try {
    const errors = await run(ctx);
    for (const message of errors) ctx.log.err(errorCommand(message));
    return errors.length === 0 ? 0 : 1;
  } catch (err) {
    ctx.log.err(errorCommand(actionError(err)));
    return 1;
  }
}

/** Everything the step does; returns why it fails (nothing when it succeeds). */
async function run(ctx: ActionContext): Promise<string[]> {
  const inputs = readInputs(ctx.env);
  const dir = resolve(ctx.cwd, inputs.workingDirectory);
  await checkDirectory(dir, inputs.workingDirectory);
  // The pull request and token are checked before planning, so a misconfigured job fails fast.
  const pr = inputs.command === 'plan' && inputs.comment !== 'never' ? await readPullRequest(ctx.env) : undefined;
  if (pr !== undefined && inputs.githubToken === '') {
    throw new CgError('USAGE', 'github-token is empty, so the plan cannot be commented on the pull request; pass one (the default is github.token) or set comment: never');
  }

  const planWritesSummary = inputs.command === 'plan' && (ctx.env.GITHUB_STEP_SUMMARY ?? '') !== '';
  const args = cliArguments(inputs, { stepSummary: planWritesSummary });
  ctx.log.err(`Running cognito-groups ${args.map(quoted).join(' ')} in ${dir}\n`);
  // The CLI prints text from the pools (group descriptions): none of it may act as a workflow command.
  const result = await withCommandsStopped((text) => ctx.log.out(text), () => runCli(ctx.cliPath, args, { cwd: dir, env: cliEnv(ctx.env), echo: ctx.log }));
  const outcome = outcomeOf(inputs.command, result.code, inputs.failOnDrift);
  const planSaved = inputs.command === 'plan' && outcome.failure === undefined;

  const outputs: Record<OutputName, string> = {
    'exit-code': String(outcome.exitCode),
    'has-changes': String(outcome.hasChanges),
    'plan-file': planSaved ? resolve(dir, inputs.planFile) : '',
  };
  await appendToRunnerFile(ctx.env, 'GITHUB_OUTPUT', formatOutputs(outputs));
  const runUrl = workflowRunUrl(ctx.env);
  const subject: CommentSubject = { file: workspacePath(ctx.cwd, dir, inputs.file), environment: inputs.environment, headSha: pr?.headSha, ...(runUrl === undefined ? {} : { runUrl }) };
  const failure = failureMarkdown(inputs.command, subject, result.signal === undefined ? `exit ${result.code}` : `stopped by ${result.signal}`, result.stderr);
  // The CLI's report when it printed one (a failed apply prints what it did), else the failure. A plan
  // wrote its own (the full plan, --github-step-summary) when it printed one.
  const printed = result.stdout.trim() !== '';
  const report = printed ? (planWritesSummary ? '' : result.stdout) : outcome.failure === undefined ? '' : failure;
  if (report !== '') await appendToRunnerFile(ctx.env, 'GITHUB_STEP_SUMMARY', `${report.trimEnd()}\n\n`);

  const errors: string[] = [];
  if (pr !== undefined) {
    const shown: PlanShown = planSaved ? { kind: 'plan', markdown: result.stdout, hasChanges: outcome.hasChanges } : { kind: 'failed', markdown: failure };
    try {
      ctx.log.err(`${await postPlanComment({ pr, token: inputs.githubToken, apiUrl: ctx.env.GITHUB_API_URL, fetchImpl: ctx.fetchImpl }, subject, shown, inputs.comment)}\n`);
    } catch (err) {
      errors.push(actionError(err));
    }
  }
  if (inputs.command === 'drift' && inputs.driftIssue && (result.code === 0 || result.code === 2)) {
    try {
      ctx.log.err(`${await trackDrift({ env: ctx.env, token: inputs.githubToken, fetchImpl: ctx.fetchImpl, labels: inputs.driftIssueLabels }, subject, result.code === 2, result.stdout)}\n`);
    } catch (err) {
      errors.push(messageOf(err));
    }
  }
  if (outcome.failure !== undefined) errors.push(outcome.failure);
  return errors;
}

/** The CLI gets the job's environment without the action's inputs: it never needs the token. */
function cliEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('INPUT_')));
}

async function checkDirectory(dir: string, given: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info?.isDirectory() !== true) throw new CgError('USAGE', `working-directory ${JSON.stringify(given)}: no such directory (${dir})`);
}

/** The groups file as the comment names it: relative to the step's directory, with forward slashes. */
function workspacePath(cwd: string, dir: string, file: string): string {
  const path = resolve(dir, file);
  const rel = relative(cwd, path);
  return (rel === '' || isAbsolute(rel) ? path : rel).split(sep).join('/');
}

/** An argument as the log shows it: quoted only when it needs to be. */
function quoted(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

/** A failure as the Action's log says it: a user's mistake with its details, anything else as an internal error. */
function actionError(err: unknown): string {
  if (err instanceof GitHubApiError) return err.message;
  if (err instanceof CgError && err.audience === 'user') return [err.message, ...err.details.map((d) => `  ${d}`)].join('\n');
  return `internal error in the cognito-groups action: ${messageOf(err)}`;
}
