import { CreateGroupCommand, DescribeUserPoolCommand, GetGroupCommand, ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { QuotaLimiter, TokenBucket } from '../../src/emulator/quotas.js';
import { StatsRecorder } from '../../src/emulator/stats.js';
import { failure, harness, outcome, POOL } from './fixture.js';

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function count(outcomes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of outcomes) out[o] = (out[o] ?? 0) + 1;
  return out;
}

describe('token buckets (fake clock)', () => {
  it('refills continuously up to the capacity', () => {
    const b = new TokenBucket(5, 5, 0);
    expect(b.available(0)).toBe(5);
    for (let i = 0; i < 5; i++) b.take();
    expect(b.available(100)).toBeCloseTo(0.5);
    expect(b.available(200)).toBeCloseTo(1);
    expect(b.available(60_000)).toBe(5);
  });

  it('throttles the 6th request per pool and operation in a second, and a throttled request takes no token', () => {
    const clock = fakeClock();
    const q = new QuotaLimiter({ enabled: true, scale: 1, burstSeconds: 1 }, clock.now);
    const results = Array.from({ length: 8 }, () => q.admit('GetGroup', 'p_1'));
    expect(results).toEqual([true, true, true, true, true, false, false, false]);
    // Other operations and other pools have their own buckets.
    expect(q.admit('ListGroups', 'p_1')).toBe(true);
    expect(q.admit('GetGroup', 'p_2')).toBe(true);
    clock.advance(150);
    expect(q.admit('GetGroup', 'p_1')).toBe(false);
    clock.advance(50);
    // 200 ms at 5/s is exactly one token, even though throttled requests kept arriving.
    expect(q.admit('GetGroup', 'p_1')).toBe(true);
    expect(q.admit('GetGroup', 'p_1')).toBe(false);
  });

  it('shares the account-wide write budget (15/s) between pools', () => {
    const q = new QuotaLimiter({ enabled: true, scale: 1, burstSeconds: 1 }, fakeClock().now);
    const admitted = ['p_1', 'p_2', 'p_3', 'p_4'].flatMap((pool) => Array.from({ length: 5 }, () => q.admit('CreateGroup', pool)));
    expect(admitted.filter(Boolean)).toHaveLength(15);
    // Reads have their own account budget.
    expect(q.admit('GetGroup', 'p_1')).toBe(true);
  });

  it('scales every rate and sizes bursts by burstSeconds', () => {
    const clock = fakeClock();
    const q = new QuotaLimiter({ enabled: true, scale: 20, burstSeconds: 1 }, clock.now);
    expect(Array.from({ length: 101 }, () => q.admit('GetGroup', 'p_1')).filter(Boolean)).toHaveLength(100);
    clock.advance(10);
    expect(q.admit('GetGroup', 'p_1')).toBe(true); // 100/s refills one token in 10 ms
    const long = new QuotaLimiter({ enabled: true, scale: 1, burstSeconds: 3 }, fakeClock().now);
    expect(Array.from({ length: 20 }, () => long.admit('GetGroup', 'p_1')).filter(Boolean)).toHaveLength(15);
    const off = new QuotaLimiter({ enabled: false, scale: 1, burstSeconds: 1 }, fakeClock().now);
    expect(Array.from({ length: 100 }, () => off.admit('GetGroup', 'p_1')).every(Boolean)).toBe(true);
  });
});

describe('peak per window (fake clock)', () => {
  it('counts the most accepted requests in any half-open window', () => {
    const clock = fakeClock();
    const s = new StatsRecorder(clock.now);
    for (let i = 0; i < 10; i++) {
      s.accepted('p_1', 'GetGroup', 1000);
      clock.advance(200); // exactly 5 per second
    }
    expect(s.snapshot(1000).peakPerWindow['p_1']?.['GetGroup']).toBe(5);
    clock.advance(1000);
    for (let i = 0; i < 7; i++) {
      s.accepted('p_1', 'GetGroup', 1000);
      clock.advance(100);
    }
    expect(s.snapshot(1000).peakPerWindow['p_1']?.['GetGroup']).toBe(7);
    s.reset();
    expect(s.snapshot(1000).peakPerWindow).toEqual({});
  });
});

describe('quotas through the API', () => {
  it('throttles over the per-pool rate with TooManyRequestsException (HTTP 400) and counts it', async () => {
    // scale 0.01 → 0.05 requests/s per pool and operation (no refill during the test); burstSeconds 100 → a bucket of 5.
    const { client, emulator } = await harness({ quotas: { enabled: true, scale: 0.01, burstSeconds: 100 } });
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => outcome(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))));
    expect(count(outcomes)).toEqual({ ok: 5, TooManyRequestsException: 5 });
    const f = await failure(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' })));
    expect(f).toEqual({ name: 'TooManyRequestsException', message: 'Too many requests', status: 400 });
    const stats = emulator.stats();
    expect(stats.operations['GetGroup']).toEqual({ calls: 11, ok: 5, throttled: 6, faults: 0, errors: 0 });
    expect(stats.peakPerWindow[POOL]?.['GetGroup']).toBe(5);
    expect(stats.windowMs).toBe(100_000);
    // Another operation on the same pool has its own budget.
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('ok');
  });

  it('applies the scale and burst, and can be changed at run time', async () => {
    const { client, emulator } = await harness({ quotas: { enabled: true, scale: 0.01, burstSeconds: 200 } });
    const creates = await Promise.all(
      Array.from({ length: 15 }, (_, i) => outcome(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: `g${i}` })))),
    );
    expect(count(creates)).toEqual({ ok: 10, TooManyRequestsException: 5 });
    emulator.setQuotas({ enabled: false });
    const more = await Promise.all(Array.from({ length: 20 }, () => outcome(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g0' })))));
    expect(more.every((o) => o === 'ok')).toBe(true);
    expect(() => emulator.setQuotas({ scale: 0 })).toThrow(/scale/);
  });

  it('applies the account-wide read rate across pools', async () => {
    // scale 0.01, burst 100: 0.2 reads/s account-wide → 20 tokens; 0.05/s per pool → 5 tokens.
    const { client, emulator } = await harness({ quotas: { enabled: true, scale: 0.01, burstSeconds: 100 } });
    const pools = ['eu-west-1_P1', 'eu-west-1_P2', 'eu-west-1_P3', 'eu-west-1_P4', 'eu-west-1_P5'];
    for (const p of pools) emulator.ensureUserPool(p);
    const outcomes = await Promise.all(
      pools.flatMap((p) => Array.from({ length: 5 }, () => outcome(client.send(new ListGroupsCommand({ UserPoolId: p }))))),
    );
    expect(count(outcomes)).toEqual({ ok: 20, TooManyRequestsException: 5 });
  });

  it('does not limit pool-management operations', async () => {
    const { client } = await harness({ quotas: { enabled: true, scale: 0.01, burstSeconds: 100 } });
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => outcome(client.send(new DescribeUserPoolCommand({ UserPoolId: POOL })))));
    expect(outcomes.every((o) => o === 'ok')).toBe(true);
  });

  it('records the peak within 1/scale seconds so pacing can be asserted without timing', async () => {
    // scale 0.01: the window is 100 s, so the three calls surely share it however slow the machine.
    const { client, emulator } = await harness({ quotas: { enabled: true, scale: 0.01, burstSeconds: 100 } });
    for (let i = 0; i < 3; i++) await client.send(new ListGroupsCommand({ UserPoolId: POOL }));
    const stats = emulator.stats();
    expect(stats.windowMs).toBe(100_000);
    expect(stats.peakPerWindow[POOL]?.['ListGroups']).toBe(3);
    emulator.resetStats();
    expect(emulator.stats().operations).toEqual({});
  });
});
