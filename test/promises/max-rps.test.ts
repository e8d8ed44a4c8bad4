// settings.maxRps: "at most N requests/s for the whole run", from the groups file, and from a saved
// plan, which records it ("The plan's settings.maxRps applies").
//
// Checked by counting, not timing, two ways. The emulator's quotas are scaled to 0.4, so each pool
// and operation gets a token bucket of 2 per second holding 2: a run that keeps to 2 requests/s is
// never throttled (a request may come up to half a second early and still find a token), while one
// paced at the usual 5/s meets empty buckets. And a proxy notes when every request arrives: all of
// them together, whatever the operation, must fit a bucket of 2 per second holding 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { stringify } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runInProcess } from '../cli-io.js';
import { isolatedEnv, tempDir, writeIn } from '../pipeline/helpers.js';
import { overdraft, requestLog, type RequestLog } from '../resilience/request-log.js';

// Creates and updates at once: each operation has its own quota, but maxRps is one budget for all.
const GROUPS = [...Array.from({ length: 4 }, (_, i) => ({ name: `new-${i}` })), { name: 'old-0', description: 'new' }, { name: 'old-1', description: 'new' }];

async function scenario(pool: string): Promise<{ em: RunningEmulator; proxy: RequestLog; dir: string; file: string }> {
  const em = await startEmulator({ port: 0, quotas: { enabled: true, scale: 0.4 } });
  onTestFinished(() => em.close());
  em.ensureUserPool(pool);
  em.seedGroups(pool, [{ GroupName: 'old-0', Description: 'old' }, { GroupName: 'old-1', Description: 'old' }]);
  const proxy = await requestLog(em.url);
  const dir = tempDir();
  const file = writeIn(dir, 'groups.yaml', stringify({ version: 1, settings: { maxRps: 2 }, userPools: [{ id: pool, groups: GROUPS }] }));
  return { em, proxy, dir, file };
}

function cli(proxy: RequestLog, dir: string, args: string[]) {
  return runInProcess([...args, '--endpoint-url', proxy.url, '--no-progress'], { cwd: dir, env: isolatedEnv() });
}

function expectPacedAt2(em: RunningEmulator, proxy: RequestLog, since: number): void {
  const stats = em.stats();
  // 4 creates and the lease's; 2 updates; the lease's release.
  expect(stats.operations.CreateGroup?.ok).toBe(4 + 1);
  expect(stats.operations.UpdateGroup?.ok).toBe(2);
  expect(stats.operations.DeleteGroup?.ok).toBe(1);
  expect(stats.totals.throttled, JSON.stringify(stats.operations)).toBe(0);
  const times = proxy.times((r) => r.at >= since);
  // The lease, the listing, 6 writes, the listing after, the lease's release: all paced alike.
  expect(times).toHaveLength(10);
  expect(overdraft(times, 2, 2), JSON.stringify(proxy.requests)).toBe(0);
}

describe('settings.maxRps', () => {
  it('paces the whole apply from the groups file, and apply of a saved plan from the plan', async () => {
    const fromFile = async (): Promise<void> => {
      const { em, proxy, dir, file } = await scenario('eu-west-1_Rps1');
      const run = await cli(proxy, dir, ['apply', '-f', file, '--auto-approve']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectPacedAt2(em, proxy, 0);
    };
    const fromSavedPlan = async (): Promise<void> => {
      const { em, proxy, dir, file } = await scenario('eu-west-1_Rps2');
      const planFile = join(dir, 'plan.json');
      expect((await cli(proxy, dir, ['plan', '-f', file, '--out', planFile])).code).toBe(0);
      const doc = JSON.parse(readFileSync(planFile, 'utf8')) as { settings: { maxRps?: number } };
      expect(doc.settings).toEqual({ maxRps: 2 });
      em.resetStats();
      const applyStarted = performance.now();
      // Without -f: only the plan can say how fast to go.
      const run = await cli(proxy, dir, ['apply', planFile]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectPacedAt2(em, proxy, applyStarted);
    };
    // Side by side: each has its own emulator, and together they take half as long.
    await Promise.all([fromFile(), fromSavedPlan()]);
  });
});
