// SIGINT/SIGTERM during apply: no new call starts, calls in flight finish, the summary says what was
// and was not applied, and the exit code is 130/143.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { apply } from '../../src/run/apply.js';
import { BIN, isolatedEnv } from '../integration/cli.js';
import { configOf, emulator, groups, sessionFor } from './fixture.js';

async function interruptedApply(em: RunningEmulator, pool: string, signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-int-'));
  const file = join(dir, 'groups.yaml');
  writeFileSync(file, stringify({ version: 1, userPools: [{ id: pool, groups: groups(30, 'c') }] }));
  const child = spawn(process.execPath, [BIN, 'apply', '-f', file, '--auto-approve', '--endpoint-url', em.url, '--no-progress'], { env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  // Interrupt once a few creates went through (at 5/s, 30 creates take 6 s).
  while ((em.stats().operations.CreateGroup?.ok ?? 0) < 3) await new Promise((r) => setTimeout(r, 20));
  child.kill(signal);
  return { code: await closed, stdout, stderr };
}

describe('interruption', () => {
  it('stops on SIGINT with a true summary and exit 130, and a re-run finishes the job', async () => {
    const em = await emulator(1);
    const pool = 'eu-west-1_Int1';
    em.ensureUserPool(pool);

    const run = await interruptedApply(em, pool, 'SIGINT');

    expect(run.code).toBe(130);
    expect(run.stderr).toContain('SIGINT received: starting no new calls');
    const m = /Apply interrupted: (\d+) added, 0 changed, 0 replaced, 0 deleted; 0 failed, (\d+) not started\./.exec(run.stdout);
    expect(m).not.toBeNull();
    const added = Number(m?.[1]);
    // What the summary says was added is exactly what the pool has: nothing in an unknown state. One more create is the lease's, released on the way out.
    expect(added + 1).toBe(em.stats().operations.CreateGroup?.ok);
    expect(em.stats().operations.DeleteGroup?.ok).toBe(1);
    expect(added + Number(m?.[2])).toBe(30);
    expect(added).toBeLessThan(30);

    em.setQuotas({ scale: 50 });
    const rerun = await apply({ config: configOf(pool, groups(30, 'c')), ...sessionFor(em, 50) });
    expect(rerun.plan.pools[0]?.changes).toHaveLength(30 - added);
    expect(rerun.outcome?.report.results.every((r) => r.status === 'done')).toBe(true);
  });

  it('stops on SIGTERM with exit 143', async () => {
    const em = await emulator(1);
    const pool = 'eu-west-1_Int2';
    em.ensureUserPool(pool);

    const run = await interruptedApply(em, pool, 'SIGTERM');

    expect(run.code).toBe(143);
    expect(run.stdout).toMatch(/Apply interrupted: \d+ added/);
    expect(run.stderr).toMatch(/^error: interrupted: /m);
  });
});
