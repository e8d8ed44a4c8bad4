// The real CLI against the emulator at Cognito's real rates, through a proxy that notes when each
// request arrives. Pacing is checked by counting: what the emulator's quotas (token buckets of one
// second of the rate) refused, and what such a bucket would refuse of the arrivals the proxy saw,
// rather than by racing the clock with a one-second window a few milliseconds wide.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCliHere as runCli } from '../integration/cli.js';
import { emulator, groups } from './fixture.js';
import { overdraft, requestLog } from './request-log.js';

/** Requests a bucket of `rate`/s would refuse that holds one request plus 200 ms of the rate: pacing at `rate` with room for jitter. */
function beyondPace(times: readonly number[], rate: number): number {
  return overdraft(times, rate, 1 + rate * 0.2);
}

function groupsFile(poolId: string, list: Array<{ name: string; description?: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-pacing-'));
  const file = join(dir, 'groups.yaml');
  writeFileSync(file, stringify({ version: 1, userPools: [{ id: poolId, groups: list }] }));
  return file;
}

describe('pacing at the documented quotas', () => {
  it('keeps each operation of a pool to 5 requests per second, side by side, and is never throttled', async () => {
    const em = await emulator(1);
    const pool = 'eu-west-1_Pace1';
    em.ensureUserPool(pool);
    em.seedGroups(pool, groups(20, 'u').map((g) => ({ GroupName: g.name, Description: 'old' })));
    const file = groupsFile(pool, [...groups(20, 'u', 'new'), ...groups(20, 'c')]);
    const proxy = await requestLog(em.url);

    const run = await runCli(['apply', '-f', file, '--auto-approve', '--endpoint-url', proxy.url, '--no-progress']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Apply complete: 20 added, 20 changed, 0 replaced, 0 deleted.');
    const stats = em.stats();
    // The quota (5 per second per pool and operation, a bucket of 5) never refused a request.
    expect(stats.totals.throttled).toBe(0);
    // 20 creates and the lease's, paced in the same lane.
    expect(stats.operations.CreateGroup?.ok).toBe(20 + 1);
    expect(stats.operations.UpdateGroup?.ok).toBe(20);
    const creates = proxy.times((r) => r.op === 'CreateGroup');
    const updates = proxy.times((r) => r.op === 'UpdateGroup');
    expect([creates.length, updates.length]).toEqual([21, 20]);
    // Each operation kept to 5 per second, give or take 200 ms of jitter (not a burst of the bucket).
    expect(beyondPace(creates, 5)).toBe(0);
    expect(beyondPace(updates, 5)).toBe(0);
    // Creates and updates ran side by side, each at its own quota: together they were more than one
    // operation's bucket (5 per second, holding 5) lets through. One shared 5/s lane would have
    // needed 7 s for these 40 writes; two lanes take about 4 s.
    expect(overdraft([...creates, ...updates].sort((a, b) => a - b), 5, 5)).toBeGreaterThan(0);
  });

  it('stays under --max-rps for the whole run', async () => {
    const em = await emulator(1);
    const pool = 'eu-west-1_Pace2';
    em.ensureUserPool(pool);
    const file = groupsFile(pool, groups(8, 'c'));
    const proxy = await requestLog(em.url);

    const run = await runCli(['apply', '-f', file, '--auto-approve', '--endpoint-url', proxy.url, '--no-progress', '--max-rps', '2']);

    expect(run.code).toBe(0);
    const stats = em.stats();
    expect(stats.operations.CreateGroup?.ok).toBe(8 + 1);
    expect(stats.totals.throttled).toBe(0);
    // Every request of the run (the lease's create and delete, the listings too) within 2 per second, give or take 200 ms.
    const all = proxy.times();
    expect(all).toHaveLength(12);
    expect(beyondPace(all, 2)).toBe(0);
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
