// A reader that goes away (`cognito-groups ... | head`, a CI log collector that left) never crashes a
// run: lost output is a stop request like SIGTERM, and a started replace still completes.
import { ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, isolatedEnv } from '../integration/cli.js';
import { groupsYaml, ROLE, setup, writeIn } from '../pipeline/helpers.js';

interface Ended {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Runs the built bin with one of its output streams closed by the reader before it writes anything. */
function runWithClosed(stream: 'stdout' | 'stderr', args: string[], cwd: string): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child[stream].destroy();
    if (stream !== 'stdout') child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    if (stream !== 'stderr') child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr, stdout }));
  });
}

const P = 'eu-west-1_Pipe1';

/** A pool whose groups r0..r7 each lose their precedence (a replace each), with `creates` groups to add. */
async function replaces(creates: number) {
  const env = await setup({ [P]: [{ GroupName: 'ops', RoleArn: ROLE }, ...Array.from({ length: 8 }, (_, i) => ({ GroupName: `r${i}`, Precedence: i }))] });
  const groups = [{ name: 'ops' }, ...Array.from({ length: 8 }, (_, i) => ({ name: `r${i}` })), ...Array.from({ length: creates }, (_, i) => ({ name: `new${i}` }))];
  const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups }]));
  const names = async (): Promise<Set<string>> => new Set((await env.client.send(new ListGroupsCommand({ UserPoolId: P, Limit: 60 }))).Groups?.map((g) => g.GroupName ?? ''));
  return { env, file, names };
}

describe('output that goes away', () => {
  it('`--help | head -1`: exits quietly', async () => {
    const env = await setup();
    const run = await runWithClosed('stdout', ['--help'], env.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('`--version | true`: exits quietly, though it prints without the command tree', async () => {
    const env = await setup();
    const run = await runWithClosed('stdout', ['--version'], env.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.runIf(existsSync('/dev/full'))('`--version > /dev/full`: a write error that is not a closed reader is one line and exit 1', async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const out = openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [BIN, '--version'], { env: isolatedEnv(), stdio: ['ignore', out, 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
      child.once('error', reject);
      child.once('close', (code) => {
        closeSync(out);
        resolve({ code, stderr });
      });
    });
    expect(run).toEqual({ code: 1, stderr: 'error: cannot write the version to standard output (ENOSPC)\n' });
  });

  it('stops an apply whose stdout went away like SIGTERM: no stack trace, exit 141, no group left deleted', async () => {
    const { env, file, names } = await replaces(20);
    const run = await runWithClosed('stdout', ['apply', '-f', file, '--endpoint-url', env.emulator.url, '--auto-approve', '--allow-replace', '--no-progress'], env.dir);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).toContain('the output went away: starting no new calls');
    expect(run.code).toBe(141);
    const now = await names();
    for (const g of ['ops', ...Array.from({ length: 8 }, (_, i) => `r${i}`)]) expect(now.has(g), g).toBe(true);
    expect(now.size).toBeLessThan(29);
    // The lease was released on the way out, as after any stop.
    expect(now.has('cognito-groups.lock')).toBe(false);
  });

  it('stops an apply whose stderr went away (a CI log collector that left) at its next progress line', async () => {
    const { env, file, names } = await replaces(30);
    const run = await runWithClosed('stderr', ['apply', '-f', file, '--endpoint-url', env.emulator.url, '--auto-approve', '--allow-replace'], env.dir);
    expect(run.code).toBe(141);
    expect(run.stdout).toMatch(/Apply interrupted: .*; 0 failed, [1-9][0-9]* not started\./);
    const now = await names();
    for (const g of ['ops', ...Array.from({ length: 8 }, (_, i) => `r${i}`)]) expect(now.has(g), g).toBe(true);
    expect(now.has('cognito-groups.lock')).toBe(false);
  });
});
