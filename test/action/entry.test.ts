// The built entry as action.yml runs it, `node dist/src/faces/github/action.js`: it finds the CLI next to
// itself, comments on the pull request, writes the outputs and exits as the step should.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputVariable } from '../../src/faces/github/inputs.js';
import { isolatedEnv } from '../integration/cli.js';
import { ROOT } from '../integration/servers.js';
import { BOT_TOKEN, REPO } from './fake-github.js';
import { MARKER, PR_NUMBER, parseOutputs, scenario } from './fixture.js';

const ENTRY = join(ROOT, 'dist', 'src', 'faces', 'github', 'action.js');

function runEntry(env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('dist/src/faces/github/action.js', () => {
  it('plans with the CLI beside it, comments once, and writes the outputs', async () => {
    const s = await scenario([], [{ name: 'admins' }]);
    const output = join(s.dir, 'output.txt');
    const event = join(s.dir, 'event.json');
    writeFileSync(output, '');
    writeFileSync(event, JSON.stringify({ pull_request: { number: PR_NUMBER, head: { sha: 'c'.repeat(40) } } }));
    const env = isolatedEnv({
      [inputVariable('command')]: 'plan',
      [inputVariable('args')]: s.target,
      [inputVariable('github-token')]: BOT_TOKEN,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: REPO,
      GITHUB_API_URL: s.github.url,
      GITHUB_OUTPUT: output,
    });
    const run = await runEntry(env, s.dir);
    expect(run.stderr).toContain('Saved the plan to cognito-groups-plan.json.');
    expect(run.code).toBe(0);
    // Workflow commands are off while the CLI prints, and back on after.
    expect(run.stdout).toMatch(/^::stop-commands::(cognito-groups-[\w-]+)\n### cognito-groups plan for [\s\S]*\n::\1::\n$/);
    expect(run.stdout).toContain('| ➕&nbsp;create | `admins` |');
    expect(parseOutputs(readFileSync(output, 'utf8'))).toEqual({ 'exit-code': '2', 'has-changes': 'true', 'plan-file': join(s.dir, 'cognito-groups-plan.json') });
    const comments = s.github.comments(PR_NUMBER);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith(`${MARKER}\n`)).toBe(true);
  });

  it('exits 1 with an annotation on bad input', async () => {
    const s = await scenario([], []);
    const run = await runEntry(isolatedEnv({ [inputVariable('command')]: 'deploy' }), s.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('::error::invalid action input: 1 problem%0A  command: "deploy" is not allowed; expected one of plan, apply, drift\n');
  });
});
