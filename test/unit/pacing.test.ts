import { describe, expect, it } from 'vitest';
import { callError, isRetryable } from '../../src/edge/cognito/call-error.js';
import type { Operation, PoolRef } from '../../src/edge/cognito/port.js';
import { regionOfPoolId } from '../../src/core/config/model.js';
import { CgError, type ErrorCode } from '../../src/core/errors.js';
import { PacedGroupsApi } from '../../src/edge/pacing/paced-api.js';
import { PACING_MARGIN, Pacer } from '../../src/edge/pacing/pacer.js';
import { COGNITO_RATES, scaleRates, type Rates } from '../../src/edge/pacing/rates.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from '../../src/edge/pacing/retry.js';
import { FakeClock } from './fake-clock.js';
import { FakeGroupsApi, type RecordedCall } from './fake-groups-api.js';
import { pick, seededRandom } from './seeded-random.js';
import { rejection } from './rejection.js';

const POOL_A: PoolRef = { id: 'eu-west-1_A', region: 'eu-west-1' };
const POOL_B: PoolRef = { id: 'eu-west-1_B', region: 'eu-west-1' };
const POLICY: RetryPolicy = { faultAttempts: 3, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs: 300_000 };
const READS: readonly Operation[] = ['ListGroups', 'GetGroup'];
const WRITES: readonly Operation[] = ['CreateGroup', 'UpdateGroup', 'DeleteGroup'];

/** The most start times inside any window [t, t + windowMs); a nanosecond of float error is forgiven. */
function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    let n = 0;
    for (let j = i; j < sorted.length && (sorted[j] as number) < (sorted[i] as number) + windowMs - 1e-6; j++) n++;
    best = Math.max(best, n);
  }
  return best;
}

/** Requests a token bucket of `rate`/s holding one second of tokens would have refused. */
function overdraws(times: readonly number[], rate: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let tokens = rate;
  let last = sorted[0] ?? 0;
  let refused = 0;
  for (const t of sorted) {
    tokens = Math.min(rate, tokens + ((t - last) / 1000) * rate);
    last = t;
    if (tokens < 1 - 1e-9) refused++;
    else tokens -= 1;
  }
  return refused;
}

interface Request {
  pool: string;
  op: Operation;
  arrive: number;
}

interface Start extends Request {
  at: number;
}

/** Runs requests through tryAcquire as acquire() does: each asks when it arrives, and again after every wait it is told. */
function run(pacer: Pacer, clock: FakeClock, requests: readonly Request[]): Start[] {
  let seq = 0;
  const queue = requests.map((r) => ({ r, t: r.arrive, seq: seq++ }));
  const starts: Start[] = [];
  while (queue.length > 0) {
    queue.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const next = queue.shift() as (typeof queue)[number];
    clock.advanceTo(Math.max(clock.now(), next.t));
    const wait = pacer.tryAcquire({ id: next.r.pool, region: regionOfPoolId(next.r.pool) }, next.r.op);
    if (wait === 0) starts.push({ ...next.r, at: clock.now() });
    else queue.push({ r: next.r, t: clock.now() + wait, seq: seq++ });
  }
  return starts;
}

function burst(pool: string, op: Operation, n: number, arrive = 0): Request[] {
  return Array.from({ length: n }, () => ({ pool, op, arrive }));
}

/** Requests arriving at random times over `spanMs`, for random pools and operations. */
function randomRequests(seed: number, pools: readonly string[], ops: readonly Operation[], count: number, spanMs: number): Request[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => ({ pool: pick(random, pools), op: pick(random, ops), arrive: Math.floor(random() * spanMs) }));
}

function startsOf(starts: readonly Start[], filter: (s: Start) => boolean = () => true): number[] {
  return starts.filter(filter).map((s) => s.at);
}

const STEP_5 = 1000 / (5 * PACING_MARGIN);
const STEP_15 = 1000 / (15 * PACING_MARGIN);
const STEP_20 = 1000 / (20 * PACING_MARGIN);

describe('Pacer', () => {
  it('spaces requests of one pool and operation at the per-pool rate, less the margin', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    const times = startsOf(run(pacer, clock, burst(POOL_A.id, 'CreateGroup', 12)));
    expect(times).toHaveLength(12);
    times.forEach((t, i) => expect(t).toBeCloseTo(i * STEP_5, 6));
    expect(maxInWindow(times)).toBe(5);
  });

  it('takes nothing when it answers with a wait', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    expect(pacer.tryAcquire(POOL_A, 'CreateGroup')).toBe(0);
    expect(pacer.tryAcquire(POOL_A, 'CreateGroup')).toBeCloseTo(STEP_5, 9);
    expect(pacer.tryAcquire(POOL_A, 'CreateGroup')).toBeCloseTo(STEP_5, 9);
    // Another write of the same pool waits only for the account lane, which the refusals did not move.
    expect(pacer.tryAcquire(POOL_A, 'UpdateGroup')).toBeCloseTo(STEP_15, 9);
    clock.advance(STEP_15);
    expect(pacer.tryAcquire(POOL_A, 'UpdateGroup')).toBe(0);
  });

  it('lets the first request of another pool or of a read go at once', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    expect(pacer.tryAcquire(POOL_A, 'CreateGroup')).toBe(0);
    expect(pacer.tryAcquire(POOL_A, 'GetGroup')).toBe(0);
    expect(pacer.tryAcquire(POOL_B, 'ListGroups')).toBeCloseTo(STEP_20, 9);
  });

  it("paces a pool against the account quota of its own region, which may not be the one its id starts with", () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ...COGNITO_RATES, perPoolOperation: 100 }, clock);
    const moved: PoolRef = { id: 'eu-west-1_Moved', region: 'us-east-1' };
    const usEast: PoolRef = { id: 'us-east-1_Other', region: 'us-east-1' };
    // 20 reads/s for the account in a region: POOL_A (eu-west-1) never shares it with the pools in us-east-1.
    expect(pacer.tryAcquire(moved, 'ListGroups')).toBe(0);
    expect(pacer.tryAcquire(POOL_A, 'ListGroups')).toBe(0);
    expect(pacer.tryAcquire(usEast, 'ListGroups')).toBeCloseTo(STEP_20, 9);
  });

  it('starts a new grid after an idle spell, and keeps the grid for a start that comes a little late', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    expect(pacer.tryAcquire(POOL_A, 'DeleteGroup')).toBe(0);
    clock.advanceTo(5000);
    expect(pacer.tryAcquire(POOL_A, 'DeleteGroup')).toBe(0);
    expect(pacer.tryAcquire(POOL_A, 'DeleteGroup')).toBeCloseTo(STEP_5, 9);
    clock.advanceTo(5000 + STEP_5 + 10);
    expect(pacer.tryAcquire(POOL_A, 'DeleteGroup')).toBe(0);
    // The next slot is on the grid (2 steps after 5000), not a whole step after the late start.
    expect(pacer.tryAcquire(POOL_A, 'DeleteGroup')).toBeCloseTo(STEP_5 - 10, 6);
  });

  it('never lets more than the rate start in any 1-second window per pool and operation, for requests arriving in bursts', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    const requests = [...burst(POOL_A.id, 'CreateGroup', 30), ...burst(POOL_A.id, 'UpdateGroup', 30, 100), ...burst(POOL_B.id, 'CreateGroup', 30, 3000)];
    const starts = run(pacer, clock, requests);
    for (const [pool, op] of [[POOL_A.id, 'CreateGroup'], [POOL_A.id, 'UpdateGroup'], [POOL_B.id, 'CreateGroup']] as const) {
      expect(maxInWindow(startsOf(starts, (s) => s.pool === pool && s.op === op)), `${pool} ${op}`).toBe(5);
    }
    expect(maxInWindow(startsOf(starts))).toBeLessThanOrEqual(15);
  });

  it('caps reads across pools at the account read rate (20/s)', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    const pools = Array.from({ length: 10 }, (_, i) => `eu-west-1_P${i}`);
    const starts = run(pacer, clock, pools.flatMap((p) => burst(p, 'ListGroups', 10)));
    expect(starts).toHaveLength(100);
    expect(maxInWindow(startsOf(starts))).toBe(20);
    for (const p of pools) expect(maxInWindow(startsOf(starts, (s) => s.pool === p))).toBeLessThanOrEqual(5);
    // The account lane is the binding one, and pacing wastes none of it.
    expect(Math.max(...startsOf(starts))).toBeCloseTo(99 * STEP_20, 6);
  });

  it('caps writes across pools at the account write rate (15/s), whatever the operation', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    const pools = Array.from({ length: 6 }, (_, i) => `eu-west-1_P${i}`);
    const starts = run(pacer, clock, pools.flatMap((p) => WRITES.flatMap((op) => burst(p, op, 4))));
    expect(starts).toHaveLength(72);
    expect(maxInWindow(startsOf(starts))).toBe(15);
    expect(Math.max(...startsOf(starts))).toBeCloseTo(71 * STEP_15, 6);
  });

  it('keeps the read and write budgets apart', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    const starts = run(pacer, clock, [...burst(POOL_A.id, 'ListGroups', 5), ...burst(POOL_B.id, 'ListGroups', 5), ...burst(POOL_A.id, 'CreateGroup', 5), ...burst(POOL_B.id, 'DeleteGroup', 5)]);
    expect(startsOf(starts, (s) => s.op === 'CreateGroup')[0]).toBe(0);
    expect(startsOf(starts, (s) => s.op === 'ListGroups')[0]).toBe(0);
  });

  it('caps the whole run at maxRps, across pools and operations', () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ...COGNITO_RATES, maxRps: 3 }, clock);
    const starts = startsOf(run(pacer, clock, randomRequests(9, [POOL_A.id, POOL_B.id], [...READS, ...WRITES], 60, 2000)));
    expect(starts).toHaveLength(60);
    expect(maxInWindow(starts)).toBe(3);
    const sorted = [...starts].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect((sorted[i] as number) - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(1000 / (3 * PACING_MARGIN) - 1e-6);
  });

  it('lowers the rate of the lanes involved on throttling, down to a floor', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    expect(pacer.currentRate(POOL_A, 'CreateGroup')).toBeCloseTo(4.9, 9);
    pacer.throttled(POOL_A, 'CreateGroup');
    expect(pacer.currentRate(POOL_A, 'CreateGroup')).toBeCloseTo(4.9 * 0.7, 9);
    // The next requests are spaced at the lower rate.
    const times = startsOf(run(pacer, clock, burst(POOL_A.id, 'CreateGroup', 3)));
    expect((times[2] as number) - (times[1] as number)).toBeCloseTo(1000 / (4.9 * 0.7), 6);
    for (let i = 0; i < 20; i++) pacer.throttled(POOL_A, 'CreateGroup');
    expect(pacer.currentRate(POOL_A, 'CreateGroup')).toBeCloseTo(4.9 * 0.2, 9);
    // The account write lane was lowered too (to 20% of 14.7/s), so another pool's writes slow down...
    expect(pacer.currentRate(POOL_B, 'UpdateGroup')).toBeCloseTo(14.7 * 0.2, 9);
    // ...but not its reads.
    expect(pacer.currentRate(POOL_B, 'GetGroup')).toBeCloseTo(4.9, 9);
  });

  it('raises the rate back on success, never above the nominal rate', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    pacer.throttled(POOL_A, 'GetGroup');
    pacer.succeeded(POOL_A, 'GetGroup');
    expect(pacer.currentRate(POOL_A, 'GetGroup')).toBeCloseTo(4.9 * 0.75, 9);
    const seen: number[] = [];
    for (let i = 0; i < 50; i++) {
      pacer.succeeded(POOL_A, 'GetGroup');
      seen.push(pacer.currentRate(POOL_A, 'GetGroup'));
    }
    expect(Math.max(...seen)).toBe(5 * PACING_MARGIN);
    expect(seen.at(-1)).toBe(5 * PACING_MARGIN);
  });

  it('never lowers the maxRps budget on throttling (it is a user cap, not an estimate)', () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ...COGNITO_RATES, maxRps: 0.5 }, clock);
    for (let i = 0; i < 10; i++) pacer.throttled(POOL_A, 'ListGroups');
    expect(pacer.currentRate(POOL_A, 'ListGroups')).toBeCloseTo(0.5 * PACING_MARGIN, 9);
  });

  it('waits in acquire() until a slot is free, and stops waiting with INTERRUPTED on abort', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    await pacer.acquire(POOL_A, 'GetGroup');
    await pacer.acquire(POOL_A, 'GetGroup');
    expect(clock.now()).toBeCloseTo(STEP_5, 6);
    const controller = new AbortController();
    const waiting = pacer.acquire(POOL_A, 'GetGroup', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'INTERRUPTED' });
  });

  it('scales every rate, maxRps and the credentials reads included', () => {
    expect(scaleRates({ ...COGNITO_RATES, maxRps: 2 }, 10)).toEqual({ perPoolOperation: 50, accountRead: 200, accountWrite: 150, userList: 300, userRead: 500, userUpdate: 250, poolRead: 50, perUser: 100, credentialRead: 50, maxRps: 20 });
    expect(scaleRates(COGNITO_RATES, 0.5)).toEqual({ perPoolOperation: 2.5, accountRead: 10, accountWrite: 7.5, userList: 15, userRead: 25, userUpdate: 12.5, poolRead: 2.5, perUser: 5, credentialRead: 2.5 });
    // Rates that leave the credentials reads unset get the default (5/s) scaled, as the emulator's quotas are.
    const { credentialRead: _unset, ...withoutCredentials } = COGNITO_RATES;
    expect(scaleRates(withoutCredentials, 4).credentialRead).toBe(20);
  });

  // Pacer.tryAcquire (src/edge/pacing/pacer.ts, `lane.next = now - lane.next < step ? lane.next + step : now + step`)
  // keeps the grid for a start that is late by anything up to a whole step, not just timer lateness.
  // A request that arrives 196 ms after its grid slot starts at once, and the next may start 8 ms
  // later on the old grid: 6 starts in [400, 1400) for a 5/s quota, against the class comment
  // ("never lets two starts come closer than the grid allows in any window longer than one step").
  it('never lets more than the rate start in a 1-second window when a request arrives late for its grid slot', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    const starts = startsOf(run(pacer, clock, [{ pool: POOL_A.id, op: 'CreateGroup', arrive: 0 }, ...burst(POOL_A.id, 'CreateGroup', 6, 400)]));
    expect(maxInWindow(starts)).toBeLessThanOrEqual(5);
  });

  // The same defect, met by requests arriving at random times: 6 ListGroups of one pool, and 16
  // writes across pools, start within one second.
  it('never lets more than the rate start in any 1-second window per pool and operation, for requests arriving at random times', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    const starts = run(pacer, clock, randomRequests(11, [POOL_A.id, POOL_B.id], [...READS, ...WRITES], 400, 20_000));
    expect(starts).toHaveLength(400);
    expect(maxInWindow(startsOf(starts, (s) => WRITES.includes(s.op)))).toBeLessThanOrEqual(15);
    expect(maxInWindow(startsOf(starts, (s) => READS.includes(s.op)))).toBeLessThanOrEqual(20);
    for (const pool of [POOL_A.id, POOL_B.id]) {
      for (const op of [...READS, ...WRITES]) {
        expect(maxInWindow(startsOf(starts, (s) => s.pool === pool && s.op === op)), `${pool} ${op}`).toBeLessThanOrEqual(5);
      }
    }
  });

  it('stays within a token bucket of one second of each quota (what the emulator enforces), for requests arriving at random times', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    const starts = run(pacer, clock, randomRequests(11, [POOL_A.id, POOL_B.id], [...READS, ...WRITES], 400, 20_000));
    expect(overdraws(startsOf(starts, (s) => WRITES.includes(s.op)), 15)).toBe(0);
    expect(overdraws(startsOf(starts, (s) => READS.includes(s.op)), 20)).toBe(0);
    for (const pool of [POOL_A.id, POOL_B.id]) {
      for (const op of [...READS, ...WRITES]) expect(overdraws(startsOf(starts, (s) => s.pool === pool && s.op === op), 5), `${pool} ${op}`).toBe(0);
    }
  });
});

describe('backoffMs', () => {
  it('doubles from the base with each attempt and stops at the maximum', () => {
    const top = [1, 2, 3, 4, 5, 6, 7, 8, 30, 1000].map((n) => backoffMs(POLICY, n, () => 1));
    expect(top).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000]);
    const bottom = [1, 2, 3, 7].map((n) => backoffMs(POLICY, n, () => 0));
    expect(bottom).toEqual([50, 100, 200, 2500]);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    const random = seededRandom(3);
    for (let attempt = 1; attempt < 12; attempt++) {
      const ceiling = Math.min(5000, 100 * 2 ** (attempt - 1));
      const ms = backoffMs(POLICY, attempt, random);
      expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
      expect(ms).toBeLessThanOrEqual(ceiling);
    }
  });

  it('defaults to five fault attempts and 100 ms .. 5 s', () => {
    expect(DEFAULT_RETRY).toEqual({ faultAttempts: 5, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs: 300_000 });
  });
});

interface Setup {
  clock: FakeClock;
  fake: FakeGroupsApi;
  pacer: Pacer;
  api: PacedGroupsApi;
}

function setup(options: { rates?: Rates; policy?: RetryPolicy; signal?: AbortSignal; onCall?: (c: RecordedCall) => void; random?: () => number } = {}): Setup {
  const clock = new FakeClock();
  const fake = new FakeGroupsApi({ clock, ...(options.onCall === undefined ? {} : { onCall: options.onCall }) });
  fake.addPool(POOL_A.id).addPool(POOL_B.id);
  const pacer = new Pacer(options.rates ?? COGNITO_RATES, clock);
  const api = new PacedGroupsApi(fake, pacer, clock, options.policy ?? POLICY, options.signal, options.random ?? (() => 0.5));
  return { clock, fake, pacer, api };
}


describe('PacedGroupsApi', () => {
  /** 20 creates and 20 reads of each of three pools, all issued at once. */
  async function burstOfThreePools(): Promise<{ fake: FakeGroupsApi; api: PacedGroupsApi; pools: PoolRef[] }> {
    const { fake, api } = setup();
    const pools: PoolRef[] = [POOL_A, POOL_B, { id: 'eu-west-1_C', region: 'eu-west-1' }];
    fake.addPool('eu-west-1_C');
    const work: Promise<unknown>[] = [];
    for (const pool of pools) {
      for (let i = 0; i < 20; i++) {
        work.push(api.createGroup(pool, { name: `g${i}` }));
        work.push(api.getGroup(pool, `g${i}`));
      }
    }
    await Promise.all(work);
    return { fake, api, pools };
  }

  const startTimes = (fake: FakeGroupsApi, f: (c: RecordedCall) => boolean): number[] => fake.calls.filter(f).map((c) => c.at as number);

  it('keeps concurrent calls of several pools within every rate', async () => {
    const { fake, api, pools } = await burstOfThreePools();
    for (const pool of pools) {
      for (const op of ['CreateGroup', 'GetGroup'] as const) {
        expect(maxInWindow(startTimes(fake, (c) => c.poolId === pool.id && c.op === op)), `${pool.id} ${op}`).toBeLessThanOrEqual(5);
      }
    }
    expect(maxInWindow(startTimes(fake, (c) => c.op === 'CreateGroup'))).toBeLessThanOrEqual(15);
    expect(maxInWindow(startTimes(fake, (c) => c.op === 'GetGroup'))).toBeLessThanOrEqual(20);
    expect(api.counts.calls).toMatchObject({ ListGroups: 0, GetGroup: 60, CreateGroup: 60, UpdateGroup: 0, DeleteGroup: 0, ListUsersInGroup: 0, AdminAddUserToGroup: 0 });
    for (const pool of pools) expect(fake.groupsOf(pool.id)).toHaveLength(20);
  });

  it('works on several pools at once, using the whole account write rate', async () => {
    const { fake } = await burstOfThreePools();
    const creates = startTimes(fake, (c) => c.op === 'CreateGroup');
    expect(maxInWindow(creates)).toBeGreaterThanOrEqual(14);
    // 60 creates at 14.7/s: the last may start at 59 steps; pacing adds no more than that.
    expect(Math.max(...creates)).toBeCloseTo(59 * STEP_15, 3);
  });

  it('retries throttling until the call goes through, counting each throttle, without using fault attempts', async () => {
    const { fake, api, pacer } = setup();
    fake.fail({ op: 'CreateGroup', code: 'AWS_THROTTLED', times: 7 });
    await api.createGroup(POOL_A, { name: 'admins', precedence: 1 });
    expect(fake.callsOf('CreateGroup').map((c) => c.outcome)).toEqual([...Array<string>(7).fill('AWS_THROTTLED'), 'ok']);
    expect(api.counts.throttled).toBe(7);
    expect(api.counts.faults).toBe(0);
    expect(api.counts.calls.CreateGroup).toBe(8);
    expect(fake.groupsOf(POOL_A.id)).toEqual([{ name: 'admins', precedence: 1 }]);
    expect(pacer.currentRate(POOL_A, 'CreateGroup')).toBeLessThan(5);
  });

  it('gives up on a call that met nothing but throttling for maxThrottledMs, saying why', async () => {
    const { fake, api, clock } = setup();
    fake.fail({ op: 'ListGroups', code: 'AWS_THROTTLED' });
    await expect(api.listGroupsPage(POOL_A)).rejects.toMatchObject({
      code: 'AWS_THROTTLED',
      message: expect.stringMatching(/, and at every try for 5 minute\(s\): other clients are using the account's Cognito quota; try again later, or with a lower --max-rps$/),
    });
    expect(clock.now()).toBeGreaterThanOrEqual(300_000);
    expect(clock.now()).toBeLessThan(300_000 + 5_000 + 1_000);
    expect(fake.callsOf('ListGroups').every((c) => c.outcome === 'AWS_THROTTLED')).toBe(true);
  });

  it('backs off longer after each throttle, up to the maximum', async () => {
    // Rates so high that pacing never waits: every sleep is a backoff.
    const { fake, api, clock } = setup({ random: () => 0, rates: { ...COGNITO_RATES, perPoolOperation: 1e6, accountRead: 1e6, accountWrite: 1e6 } });
    fake.fail({ op: 'ListGroups', code: 'AWS_THROTTLED', times: 8 });
    await api.listGroupsPage(POOL_A);
    expect(clock.sleeps).toEqual([50, 100, 200, 400, 800, 1600, 2500, 2500]);
    // Successive attempts are further and further apart.
    const times = fake.calls.map((c) => c.at as number);
    for (let i = 2; i < 8; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThan((times[i - 1] as number) - (times[i - 2] as number));
  });

  it('retries a fault and succeeds when it clears before the last attempt', async () => {
    const { fake, api } = setup();
    fake.fail({ op: 'UpdateGroup', code: 'AWS_UNAVAILABLE', times: 2 });
    fake.addPool(POOL_A.id, [{ name: 'g', description: 'old' }]);
    await api.updateGroup(POOL_A, { name: 'g', description: 'new' });
    expect(fake.callsOf('UpdateGroup').map((c) => c.outcome)).toEqual(['AWS_UNAVAILABLE', 'AWS_UNAVAILABLE', 'ok']);
    expect(api.counts.faults).toBe(2);
    expect(fake.groupsOf(POOL_A.id)).toEqual([{ name: 'g', description: 'new' }]);
  });

  it('gives up on faults after faultAttempts calls with AWS_UNAVAILABLE', async () => {
    const { fake, api } = setup();
    fake.fail({ code: 'AWS_UNAVAILABLE' });
    const err = await rejection(api.deleteGroup(POOL_A, 'g'));
    expect(err.code).toBe('AWS_UNAVAILABLE');
    expect(err.message).toBe('fake: scripted AWS_UNAVAILABLE for DeleteGroup (gave up after 3 attempts)');
    expect(fake.calls).toHaveLength(3);
    expect(api.counts.faults).toBe(3);
  });

  it('counts fault attempts apart from throttles', async () => {
    const { fake, api } = setup();
    fake.fail({ code: 'AWS_THROTTLED', times: 2 });
    fake.fail({ code: 'AWS_UNAVAILABLE', times: 2 });
    fake.fail({ code: 'AWS_THROTTLED', times: 3 });
    await api.createGroup(POOL_A, { name: 'g' });
    expect(fake.calls.map((c) => c.outcome)).toEqual(['AWS_THROTTLED', 'AWS_THROTTLED', 'AWS_UNAVAILABLE', 'AWS_UNAVAILABLE', 'AWS_THROTTLED', 'AWS_THROTTLED', 'AWS_THROTTLED', 'ok']);
  });

  it.each<ErrorCode>(['AWS_LIMIT_EXCEEDED', 'AWS_ACCESS_DENIED', 'AWS_POOL_NOT_FOUND', 'AWS_GROUP_EXISTS', 'AWS_INVALID_PARAMETER', 'AWS_ERROR', 'AWS_CREDENTIALS'])(
    'does not retry %s',
    async (code) => {
      const { fake, api, clock } = setup();
      fake.fail({ op: 'CreateGroup', code });
      const err = await rejection(api.createGroup(POOL_A, { name: 'g' }));
      expect(err.code).toBe(code);
      expect(fake.calls).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    },
  );

  it('reports a missing group on GetGroup as undefined, without retrying', async () => {
    const { fake, api } = setup();
    expect(await api.getGroup(POOL_A, 'missing')).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
  });

  it('starts no call once the signal has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fake, api } = setup({ signal: controller.signal });
    const err = await rejection(api.listGroupsPage(POOL_A));
    expect(err.code).toBe('INTERRUPTED');
    expect(fake.calls).toHaveLength(0);
  });

  it('stops retrying with INTERRUPTED when the signal aborts during a backoff', async () => {
    const controller = new AbortController();
    let calls = 0;
    const { fake, api } = setup({
      signal: controller.signal,
      onCall: () => {
        calls++;
        if (calls === 3) controller.abort();
      },
    });
    fake.fail({ code: 'AWS_THROTTLED' });
    const err = await rejection(api.createGroup(POOL_A, { name: 'g' }));
    expect(err.code).toBe('INTERRUPTED');
    expect(fake.calls).toHaveLength(3);
  });

  it('lets the call in flight finish but starts none of those waiting for pacing after an abort', async () => {
    const controller = new AbortController();
    const { fake, api } = setup({
      signal: controller.signal,
      onCall: () => controller.abort(),
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => api.createGroup(POOL_A, { name: `g${i}` })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(outcomes.slice(1).map((o) => (o.status === 'rejected' ? (o.reason as CgError).code : 'ok'))).toEqual(Array(5).fill('INTERRUPTED'));
    expect(fake.calls.map((c) => c.name)).toEqual(['g0']);
    expect(fake.groupsOf(POOL_A.id)).toEqual([{ name: 'g0' }]);
  });
});

describe('callError and isRetryable', () => {
  const cases: Array<[string, string, ErrorCode, boolean]> = [
    ['TooManyRequestsException', 'Too many requests', 'AWS_THROTTLED', true],
    ['InternalErrorException', 'oops', 'AWS_UNAVAILABLE', true],
    ['LimitExceededException', 'limit', 'AWS_LIMIT_EXCEEDED', false],
    ['ResourceNotFoundException', 'User pool eu-west-1_A does not exist.', 'AWS_POOL_NOT_FOUND', false],
    ['ResourceNotFoundException', 'Group not found.', 'AWS_GROUP_NOT_FOUND', false],
    ['GroupExistsException', 'A group with the name already exists', 'AWS_GROUP_EXISTS', false],
    ['AccessDeniedException', 'denied', 'AWS_ACCESS_DENIED', false],
    ['InvalidParameterException', 'bad', 'AWS_INVALID_PARAMETER', false],
    ['SomethingElse', 'odd', 'AWS_ERROR', false],
  ];

  it.each(cases)('maps %s (%s) to %s', (name, message, code, retryable) => {
    const err = callError('CreateGroup', POOL_A, { name, message }, 'g');
    expect(err.code).toBe(code);
    expect(isRetryable(err)).toBe(retryable);
    expect(err.message.startsWith('CreateGroup on user pool eu-west-1_A (eu-west-1) for group "g"')).toBe(true);
  });

  it('treats 5xx answers and dropped connections as faults worth retrying', () => {
    expect(callError('ListGroups', POOL_A, { name: 'Weird', message: '', status: 503 }).code).toBe('AWS_UNAVAILABLE');
    expect(callError('ListGroups', POOL_A, { name: 'Error', message: 'socket hang up', errno: 'ECONNRESET' }).message).toBe(
      'ListGroups on user pool eu-west-1_A (eu-west-1) failed: Error: socket hang up (ECONNRESET)',
    );
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});
