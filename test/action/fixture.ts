// One action scenario: the project's emulator with a pool, the fake GitHub API, a workspace with a
// groups file, and runs of the action's script in-process (the CLI it wraps is the built bin, as a
// child process) with fresh GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and event payload files per run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { SeedGroup } from '../../src/emulator/index.js';
import { inputVariable, type InputName } from '../../src/faces/github/inputs.js';
import { runAction } from '../../src/faces/github/run-action.js';
import { BIN, isolatedEnv } from '../integration/cli.js';
import { groupsYaml, setup, type Env, type FileGroup, type Finish } from '../pipeline/helpers.js';
import { BOT_TOKEN, REPO, startFakeGitHub, type FakeGitHub } from './fake-github.js';

export const POOL = 'eu-west-1_Action1';
export const PR_NUMBER = 7;
export const FIRST_SHA = '1111111111111111111111111111111111111111';
export const SECOND_SHA = '2222222222222222222222222222222222222222';
/** The marker of the default file without an environment. */
export const MARKER = '<!-- cognito-groups:plan file=groups.yaml -->';

/** What one run of the action did. */
export interface ActionRun {
  code: number;
  /** Everything it printed (the step's log). */
  log: string;
  outputs: Record<string, string>;
  summary: string;
}

/** How a run is started. */
export interface RunOptions {
  /** GITHUB_EVENT_NAME; pull_request by default. */
  event?: string;
  headSha?: string;
  /** Extra or replaced environment variables. */
  env?: Record<string, string | undefined>;
}

/** A running scenario. */
export interface Scenario {
  emulator: Env;
  github: FakeGitHub;
  /** The workspace. */
  dir: string;
  /** The CLI arguments that point it at the emulator. */
  target: string;
  writeGroups(groups: FileGroup[]): void;
  run(inputs: Partial<Record<InputName, string>>, options?: RunOptions): Promise<ActionRun>;
}

/** Starts a scenario whose pool holds `seed` and whose groups file asks for `groups`. */
export async function scenario(seed: SeedGroup[], groups: FileGroup[], finish: Finish = onTestFinished): Promise<Scenario> {
  const emulator = await setup({ [POOL]: seed }, finish);
  const github = await startFakeGitHub();
  finish(() => github.close());
  const dir = emulator.dir;
  const target = `--endpoint-url ${emulator.emulator.url} --no-progress`;
  const writeGroups = (list: FileGroup[]): void => writeFileSync(join(dir, 'groups.yaml'), groupsYaml([{ id: POOL, groups: list }]));
  writeGroups(groups);
  let runs = 0;

  const run = async (inputs: Partial<Record<InputName, string>>, options: RunOptions = {}): Promise<ActionRun> => {
    const n = ++runs;
    const files = { output: join(dir, `output-${n}.txt`), summary: join(dir, `summary-${n}.md`), event: join(dir, `event-${n}.json`) };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    writeFileSync(files.event, JSON.stringify({ action: 'synchronize', number: PR_NUMBER, pull_request: { number: PR_NUMBER, head: { sha: options.headSha ?? FIRST_SHA } } }));
    const withDefaults: Partial<Record<InputName, string>> = { command: 'plan', args: target, 'github-token': BOT_TOKEN, ...inputs };
    const env = isolatedEnv({
      ...Object.fromEntries(Object.entries(withDefaults).map(([name, value]) => [inputVariable(name as InputName), value])),
      GITHUB_EVENT_NAME: options.event ?? 'pull_request',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: REPO,
      GITHUB_API_URL: github.url,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      ...options.env,
    });
    let log = '';
    const code = await runAction({ env, cliPath: BIN, cwd: dir, log: { out: (t) => (log += t), err: (t) => (log += t) } });
    return { code, log, outputs: parseOutputs(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') };
  };

  return { emulator, github, dir, target, writeGroups, run };
}

/** The outputs in a GITHUB_OUTPUT file; fails on anything but `name<<DELIMITER` entries. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const entry = /^([^\n<]+)<<([^\n]+)\n([\s\S]*?)\n\2\n/;
  let rest = text;
  while (rest !== '') {
    const m = entry.exec(rest);
    if (m === null) throw new Error(`not an output entry: ${JSON.stringify(rest.slice(0, 80))}`);
    outputs[m[1] ?? ''] = m[3] ?? '';
    rest = rest.slice(m[0].length);
  }
  return outputs;
}
