// Signals during apply, to the built bin in a child process: SIGHUP is handled like SIGTERM (no new
// change starts, the summary is printed, exit 129), and "a second signal exits at once".
import { ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { hostileServer } from '../hostile/server.js';
import { BIN, isolatedEnv } from '../integration/cli.js';
import { groupsYaml, sdkClient, tempDir, writeIn } from '../pipeline/helpers.js';
import { emulator } from '../resilience/fixture.js';

/** The bin running `apply`, with its output so far and how it ended. */
function spawnApply(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, 'apply', ...args, '--auto-approve', '--no-progress'], { cwd, env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (b: Buffer) => (out.stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out.stderr += b.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, out, ended };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}

const creates = (em: RunningEmulator): { calls: number; ok: number } => {
  const s = em.stats().operations.CreateGroup;
  return { calls: s?.calls ?? 0, ok: s?.ok ?? 0 };
};

describe('SIGHUP during apply', () => {
  it('starts no new change, prints what was and was not applied, and exits 129', async () => {
    // Quotas at Cognito's rates: 30 creates take about 6 s, so the signal comes mid-run.
    const em = await emulator(1);
    const pool = 'eu-west-1_Hup1';
    em.ensureUserPool(pool);
    const dir = tempDir();
    const groups = Array.from({ length: 30 }, (_, i) => ({ name: `g-${String(i).padStart(2, '0')}` }));
    const file = writeIn(dir, 'groups.yaml', groupsYaml([{ id: pool, groups }]));
    const run = spawnApply(['-f', file, '--endpoint-url', em.url], dir);

    await until(() => creates(em).ok >= 3);
    run.child.kill('SIGHUP');
    const end = await run.ended;

    expect(end).toEqual({ code: 129, signal: null });
    expect(run.out.stderr).toContain('SIGHUP received: starting no new calls, waiting for the ones in flight...');
    expect(run.out.stderr).toMatch(/^error: interrupted: the summary above says what was and was not applied$/m);
    const summary = /Apply interrupted: (\d+) added, 0 changed, 0 replaced, 0 deleted; 0 failed, (\d+) not started\./.exec(run.out.stdout);
    expect(summary, run.out.stdout).not.toBeNull();
    const added = Number(summary?.[1]);
    // Every create that started finished, and is counted; none started after the signal. One more is the lease's.
    expect(creates(em)).toEqual({ calls: added + 1, ok: added + 1 });
    // The lease was released on the way out: its delete is the run's only one, and the pool has no lock group.
    expect(em.stats().operations.DeleteGroup?.ok).toBe(1);
    const client = sdkClient(em.url);
    onTestFinished(() => client.destroy());
    expect(((await client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 60 }))).Groups ?? []).map((g) => g.GroupName)).not.toContain('cognito-groups.lock');
    expect(added + Number(summary?.[2])).toBe(30);
    expect(added).toBeLessThan(30);
  });
});

describe('a second signal', () => {
  it('exits at once with 130, without waiting for the call in flight', async () => {
    const em = await emulator(1);
    const pool = 'eu-west-1_Twice1';
    em.ensureUserPool(pool);
    // CreateGroup is accepted and never answered: after one SIGINT the run would wait for it (a write
    // gets a grace period, then its outcome is unknown) and then print its summary.
    const proxy = await hostileServer(em.url, { CreateGroup: { kind: 'hang' } });
    const dir = tempDir();
    const file = writeIn(dir, 'groups.yaml', groupsYaml([{ id: pool, groups: [{ name: 'a' }, { name: 'b' }] }]));
    const arrived = proxy.arrived('CreateGroup');
    const run = spawnApply(['-f', file, '--endpoint-url', proxy.url, '--request-timeout', '600'], dir);

    await arrived;
    run.child.kill('SIGINT');
    await until(() => run.out.stderr.includes('SIGINT received: starting no new calls'));
    run.child.kill('SIGINT');
    const end = await run.ended;

    expect(end).toEqual({ code: 130, signal: null });
    expect(run.out.stderr).toContain('SIGINT again: exiting now; calls in flight may or may not have completed. Run plan to see the state.');
    // It did not wait for the hung call to be given up: no summary was printed.
    expect(run.out.stdout).not.toMatch(/Apply (interrupted|incomplete|complete)/);
    expect(proxy.seen.CreateGroup).toBeGreaterThanOrEqual(1);
  });
});
