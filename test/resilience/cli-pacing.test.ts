// The real CLI in a child process against the emulator at Cognito's real rates: the emulator counts
// what the client sent, so pacing is checked by counting, not by timing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCliHere as runCli } from '../integration/cli.js';
import { emulator, groups } from './fixture.js';

function groupsFile(poolId: string, list: Array<{ name: string; description?: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-pacing-'));
  const file = join(dir, 'groups.yaml');
  writeFileSync(file, stringify({ version: 1, userPools: [{ id: poolId, groups: list }] }));
  return file;
}

describe('pacing at the documented quotas', () => {
  it('never sends more than 5 requests per second per pool and operation, and is never throttled', async () => {
    const em = await emulator(1);
    const pool = 'eu-west-1_Pace1';
    em.ensureUserPool(pool);
    em.seedGroups(pool, groups(20, 'u').map((g) => ({ GroupName: g.name, Description: 'old' })));
    const file = groupsFile(pool, [...groups(20, 'u', 'new'), ...groups(20, 'c')]);

    const run = await runCli(['apply', '-f', file, '--auto-approve', '--endpoint-url', em.url, '--no-progress']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Apply complete: 20 added, 20 changed, 0 replaced, 0 deleted.');
    const stats = em.stats();
    expect(stats.totals.throttled).toBe(0);
    expect(stats.operations.CreateGroup?.ok).toBe(20);
    expect(stats.operations.UpdateGroup?.ok).toBe(20);
    expect(stats.peakPerWindow[pool]?.CreateGroup).toBeLessThanOrEqual(5);
    expect(stats.peakPerWindow[pool]?.UpdateGroup).toBeLessThanOrEqual(5);
    // Creates and updates ran side by side, each at its own quota.
    expect(stats.peakPerWindow[pool]?.CreateGroup).toBeGreaterThanOrEqual(4);
    expect(stats.peakPerWindow[pool]?.UpdateGroup).toBeGreaterThanOrEqual(4);
  });

  it('stays under --max-rps for the whole run', async () => {
    const em = await emulator(1);
    const pool = 'eu-west-1_Pace2';
    em.ensureUserPool(pool);
    const file = groupsFile(pool, groups(8, 'c'));

    const run = await runCli(['apply', '-f', file, '--auto-approve', '--endpoint-url', em.url, '--no-progress', '--max-rps', '2']);

    expect(run.code).toBe(0);
    const stats = em.stats();
    expect(stats.operations.CreateGroup?.ok).toBe(8);
    expect(stats.peakPerWindow[pool]?.CreateGroup).toBeLessThanOrEqual(2);
    expect(stats.totals.throttled).toBe(0);
  });

  it('reads a pool with one ListGroups page stream of 60, never GetGroup per group', async () => {
    const em = await emulator(1);
    const pool = 'eu-west-1_Pace3';
    em.ensureUserPool(pool);
    em.seedGroups(pool, groups(500, 'g').map((g) => ({ GroupName: g.name, Description: 'wanted' })));
    const file = groupsFile(pool, groups(500, 'g'));

    const run = await runCli(['plan', '-f', file, '--endpoint-url', em.url, '--detailed-exitcode']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('500 groups listed, 500 managed by this file');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('No changes.');
    expect(em.stats().operations.ListGroups?.calls).toBe(Math.ceil(500 / 60));
    expect(em.stats().operations.GetGroup?.calls ?? 0).toBe(0);
  });
});
