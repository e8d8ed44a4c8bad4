import { describe, expect, it } from 'vitest';
import { apply } from '../../src/run/apply.js';
import { plan } from '../../src/run/plan.js';
import { calls, configOf, emulator, groups, sessionFor } from './fixture.js';

const POOL = 'eu-west-1_Resil1';

describe('throttling', () => {
  it('rides out a storm of throttles without failing a change', async () => {
    const em = await emulator(20);
    em.ensureUserPool(POOL);
    em.seedGroups(POOL, groups(30, 'u', 'old').map((g) => ({ GroupName: g.name, Description: 'old' })));
    em.setFaults({ throttleRate: 0.5, operations: ['CreateGroup', 'UpdateGroup'], seed: 7 });
    const config = configOf(POOL, [...groups(30, 'u', 'new'), ...groups(30, 'c')]);

    const result = await apply({ config, ...sessionFor(em, 20) });

    expect(result.outcome?.report.results.filter((r) => r.status !== 'done')).toEqual([]);
    expect(result.outcome?.check).toEqual({ ran: true, remaining: [], elsewhere: [], membersMissing: [] });
    expect(result.counts.throttled).toBeGreaterThan(10);
    // 30 creates and the lease's (throttled and retried like any other).
    expect(em.stats().operations.CreateGroup?.throttled).toBe(result.counts.calls.CreateGroup - 30 - 1);
    em.setFaults({});
    const again = await plan({ config, ...sessionFor(em, 20) });
    expect(again.plan.pools[0]?.changes).toEqual([]);
  });

  it('slows down when the quota is shared with another client, and still finishes', async () => {
    // The client believes it has ten times the rate the server grants (5 per second, a bucket of 5),
    // as if other clients used most of the quota: throttling must teach it. It meets throttling if it
    // sends its 15 creates within 2 s (7.5/s; it paces at 49/s), so no race against a slow machine.
    const em = await emulator(1);
    em.ensureUserPool(POOL);
    const config = configOf(POOL, groups(15, 'c'));

    const result = await apply({ config, ...sessionFor(em, 10) });

    expect(result.outcome?.report.results.filter((r) => r.status !== 'done')).toEqual([]);
    expect(result.outcome?.check).toEqual({ ran: true, remaining: [], elsewhere: [], membersMissing: [] });
    const creates = em.stats().operations.CreateGroup;
    expect(creates?.throttled ?? 0).toBeGreaterThan(0);
    // 15 creates and the lease's.
    expect(creates?.ok).toBe(15 + 1);
    // Every throttled call was retried, and none was counted as a fault.
    expect(creates?.calls).toBe(16 + (creates?.throttled ?? 0));
    expect(result.counts.throttled).toBe(creates?.throttled);
  });

  it('does not retry the 10,000-group limit and explains it', async () => {
    const em = await emulator(20, { maxGroupsPerPool: 10 });
    em.ensureUserPool(POOL);
    em.seedGroups(POOL, groups(8, 'old').map((g) => ({ GroupName: g.name })));
    const config = configOf(POOL, [...groups(8, 'old').map((g) => ({ name: g.name })), ...groups(5, 'new')]);

    // Without a lease, which would take a place of the full pool (the lease's own refusal is tested with the lease).
    const result = await apply({ config, ...sessionFor(em, 20), concurrency: 1, lock: false });

    const results = result.outcome?.report.results ?? [];
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(/reached Cognito's quota of 10,000 groups/);
    // The pool is full: the creates after the first refusal are not even tried.
    expect(results.filter((r) => r.status === 'not-started').map((r) => r.message)).toEqual([
      'not started: the pool is at its group limit (AWS_LIMIT_EXCEEDED)',
      'not started: the pool is at its group limit (AWS_LIMIT_EXCEEDED)',
    ]);
    expect(calls(em, 'CreateGroup')).toBe(3);
  });
});

describe('faults', () => {
  it('converges through 20% injected 500s and dropped connections', async () => {
    const em = await emulator(20);
    em.ensureUserPool(POOL);
    em.setFaults({ errorRate: 0.15, resetRate: 0.05, seed: 3 });
    const config = configOf(POOL, groups(40, 'c'));

    const result = await apply({ config, ...sessionFor(em, 20) });

    expect(result.outcome?.report.results.filter((r) => r.status !== 'done').map((r) => r.message)).toEqual([]);
    expect(result.counts.faults).toBeGreaterThan(0);
    em.setFaults({});
    expect((await plan({ config, ...sessionFor(em, 20) })).plan.pools[0]?.changes).toEqual([]);
  });

  it('reports what failed after bounded retries, goes on with the rest, and a re-run finishes the job', async () => {
    const em = await emulator(20);
    em.ensureUserPool(POOL);
    em.seedGroups(POOL, [{ GroupName: 'keep-me', Description: 'old' }]);
    em.setFaults({ errorRate: 1, operations: ['CreateGroup'] });
    const config = configOf(POOL, [{ name: 'keep-me', description: 'new' }, ...groups(3, 'c')]);

    // Without a lease: every CreateGroup fails here, the lease's too.
    const first = await apply({ config, ...sessionFor(em, 20), lock: false });
    const byName = new Map(first.outcome?.report.results.map((r) => [r.change.name, r]));
    expect(byName.get('keep-me')?.status).toBe('done');
    expect([...byName.values()].filter((r) => r.status === 'failed')).toHaveLength(3);
    expect(byName.get('c-0000')?.message).toMatch(/InternalErrorException.*gave up after 5 attempts/);
    expect(calls(em, 'CreateGroup')).toBe(15);

    em.setFaults({});
    const second = await apply({ config, ...sessionFor(em, 20) });
    expect(second.plan.pools[0]?.changes.map((c) => `${c.action} ${c.name}`)).toEqual(['create c-0000', 'create c-0001', 'create c-0002']);
    expect(second.outcome?.report.results.every((r) => r.status === 'done')).toBe(true);
    expect((await plan({ config, ...sessionFor(em, 20) })).plan.pools[0]?.changes).toEqual([]);
  });
});

describe('races', () => {
  it('adopts a group created meanwhile and updates it to the file', async () => {
    const em = await emulator(20);
    em.ensureUserPool(POOL);
    const config = configOf(POOL, [{ name: 'racer', description: 'ours', precedence: 3 }]);

    const result = await apply({
      config,
      ...sessionFor(em, 20),
      approve: async () => {
        em.seedGroups(POOL, [{ GroupName: 'racer', Description: 'theirs' }]);
        return true;
      },
    });

    expect(result.outcome?.report.results[0]).toMatchObject({ status: 'done', message: 'was created meanwhile; updated it to the file' });
    expect(result.outcome?.check).toEqual({ ran: true, remaining: [], elsewhere: [], membersMissing: [] });
    expect(calls(em, 'GetGroup')).toBe(1);
  });

  it('fails clearly when the group created meanwhile differs only in case', async () => {
    const em = await emulator(20);
    em.ensureUserPool(POOL);
    const config = configOf(POOL, [{ name: 'racer' }]);

    const result = await apply({
      config,
      ...sessionFor(em, 20),
      approve: async () => {
        em.seedGroups(POOL, [{ GroupName: 'RACER' }]);
        return true;
      },
    });

    expect(result.outcome?.report.results[0]).toMatchObject({ status: 'failed' });
    expect(result.outcome?.report.results[0]?.message).toMatch(/equals "racer" ignoring case was created meanwhile; run plan again/);
  });
});
