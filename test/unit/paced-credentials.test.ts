// The credentials reads paced and retried (src/edge/pacing/paced-credentials.ts): each read goes to the
// port and its answer comes back, counted under its operation; identity pool reads are paced per region
// and operation, IAM's GetRole in one lane for the account, on a grid of 1/rate less the margin;
// throttling is retried until a call has met nothing else for maxThrottledMs, faults up to faultAttempts
// calls, anything else fails at once; the stop signal ends a wait. On the fake clock: nothing waits.
import { describe, expect, it } from 'vitest';
import { CgError, type ErrorCode } from '../../src/core/errors.js';
import type { CredentialOperation, CredentialsApi } from '../../src/edge/identity/port.js';
import type { Clock } from '../../src/edge/pacing/clock.js';
import { newCredentialCounts, PacedCredentialsApi } from '../../src/edge/pacing/paced-credentials.js';
import { GRID_TOLERANCE_MS, PACING_MARGIN } from '../../src/edge/pacing/pacer.js';
import { CREDENTIAL_RATE } from '../../src/edge/pacing/rates.js';
import type { RetryPolicy } from '../../src/edge/pacing/retry.js';
import { FakeClock } from './fake-clock.js';

const step = (rate: number): number => 1000 / (rate * PACING_MARGIN);
/** Backoffs of 50, 100, 200, 400 ms with a random of 0. */
const POLICY: RetryPolicy = { faultAttempts: 3, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs: 300_000 };
/** A rate so high that pacing never waits: every sleep is a backoff. */
const UNPACED = 1e6;

/** One call the fake port received. */
interface Call {
  op: CredentialOperation;
  region: string;
  arg: string;
  at: number;
}

/**
 * A credentials port answering from fixed data, recording each call with the time it started; `script`
 * says what the calls fail with, in order ('ok' for an answer), and then every call answers.
 */
function fakePort(clock: Clock, script: Array<'ok' | (() => unknown)> = [], onCall?: (call: Call) => void): { port: CredentialsApi; calls: Call[] } {
  const calls: Call[] = [];
  const record = (op: CredentialOperation, region: string, arg: string): void => {
    const call = { op, region, arg, at: clock.now() };
    calls.push(call);
    onCall?.(call);
    const next = script.shift();
    if (next !== undefined && next !== 'ok') throw next();
  };
  const port: CredentialsApi = {
    listIdentityPoolsPage: async (region, nextToken) => {
      record('ListIdentityPools', region, nextToken ?? '');
      return { pools: [{ id: `${region}:pool`, name: 'pool' }], ...(nextToken === undefined ? { nextToken: 'page2' } : {}) };
    },
    describeIdentityPool: async (region, id) => {
      record('DescribeIdentityPool', region, id);
      return id.endsWith(':gone') ? undefined : { id, name: `name of ${id}`, providers: [] };
    },
    getIdentityPoolRoles: async (region, id) => {
      record('GetIdentityPoolRoles', region, id);
      return { authenticatedRole: `arn:aws:iam::123456789012:role/auth-${id}`, mappings: {} };
    },
    getRole: async (region, roleName) => {
      record('GetRole', region, roleName);
      return { arn: `arn:aws:iam::123456789012:role/${roleName}`, trustPolicy: '{}' };
    },
  };
  return { port, calls };
}

/** The fake clock, failing a run that keeps sleeping without end (a retry or pacing loop that never stops). */
function boundedClock(start = 0, maxSleeps = 200): { clock: Clock; fake: FakeClock } {
  const fake = new FakeClock(start);
  const clock: Clock = {
    now: () => fake.now(),
    sleep: (ms, signal) => {
      if (fake.sleeps.length >= maxSleeps) return Promise.reject(new Error(`more than ${maxSleeps} sleeps: the call never ends`));
      return fake.sleep(ms, signal);
    },
  };
  return { clock, fake };
}

const throttled = (op = 'ListIdentityPools'): (() => CgError) => () => new CgError('AWS_THROTTLED', `${op} in eu-west-1 was throttled (TooManyRequestsException)`);
const fault = (op = 'ListIdentityPools'): (() => CgError) => () => new CgError('AWS_UNAVAILABLE', `${op} in eu-west-1 failed: InternalErrorException`);

describe('newCredentialCounts', () => {
  it('starts every credentials operation, the throttles and the faults at zero, in a fresh object each time', () => {
    expect(newCredentialCounts()).toEqual({ calls: { ListIdentityPools: 0, DescribeIdentityPool: 0, GetIdentityPoolRoles: 0, GetRole: 0 }, throttled: 0, faults: 0 });
    expect(newCredentialCounts()).not.toBe(newCredentialCounts());
  });
});

describe('PacedCredentialsApi: every read', () => {
  it('goes to the port as the operation it is and answers what the port answered, counted under its name', async () => {
    const { clock } = boundedClock();
    const { port, calls } = fakePort(clock);
    const api = new PacedCredentialsApi(port, clock, POLICY);
    expect(await api.listIdentityPoolsPage('eu-west-1')).toEqual({ pools: [{ id: 'eu-west-1:pool', name: 'pool' }], nextToken: 'page2' });
    expect(await api.listIdentityPoolsPage('eu-west-1', 'page2')).toEqual({ pools: [{ id: 'eu-west-1:pool', name: 'pool' }] });
    expect(await api.describeIdentityPool('eu-west-1', 'eu-west-1:a')).toEqual({ id: 'eu-west-1:a', name: 'name of eu-west-1:a', providers: [] });
    expect(await api.describeIdentityPool('eu-west-1', 'eu-west-1:gone')).toBeUndefined();
    expect(await api.getIdentityPoolRoles('us-east-1', 'us-east-1:b')).toEqual({ authenticatedRole: 'arn:aws:iam::123456789012:role/auth-us-east-1:b', mappings: {} });
    // GetRole is paced for the account, but the port still gets the region (it picks the partition's endpoint).
    expect(await api.getRole('cn-north-1', 'admin')).toEqual({ arn: 'arn:aws:iam::123456789012:role/admin', trustPolicy: '{}' });
    expect(calls.map((c) => `${c.op} ${c.region} ${c.arg}`)).toEqual([
      'ListIdentityPools eu-west-1 ',
      'ListIdentityPools eu-west-1 page2',
      'DescribeIdentityPool eu-west-1 eu-west-1:a',
      'DescribeIdentityPool eu-west-1 eu-west-1:gone',
      'GetIdentityPoolRoles us-east-1 us-east-1:b',
      'GetRole cn-north-1 admin',
    ]);
    expect(api.counts).toEqual({ calls: { ListIdentityPools: 2, DescribeIdentityPool: 2, GetIdentityPoolRoles: 1, GetRole: 1 }, throttled: 0, faults: 0 });
  });

  it('adds to the counts it is given', async () => {
    const { clock } = boundedClock();
    const counts = newCredentialCounts();
    counts.calls.GetRole = 4;
    const api = new PacedCredentialsApi(fakePort(clock).port, clock, POLICY, UNPACED, undefined, () => 0, counts);
    await api.getRole('eu-west-1', 'admin');
    expect(api.counts).toBe(counts);
    expect(counts).toEqual({ calls: { ListIdentityPools: 0, DescribeIdentityPool: 0, GetIdentityPoolRoles: 0, GetRole: 5 }, throttled: 0, faults: 0 });
  });
});

describe('PacedCredentialsApi: pacing', () => {
  it('spaces the calls of one region and operation at CREDENTIAL_RATE less the margin, by default', async () => {
    expect(CREDENTIAL_RATE).toBe(5);
    const { clock } = boundedClock(1000);
    const { port, calls } = fakePort(clock);
    const api = new PacedCredentialsApi(port, clock, POLICY);
    await Promise.all([api.describeIdentityPool('eu-west-1', 'a'), api.describeIdentityPool('eu-west-1', 'b'), api.describeIdentityPool('eu-west-1', 'c'), api.describeIdentityPool('eu-west-1', 'd')]);
    const at = calls.map((c) => c.at);
    expect(at).toHaveLength(4);
    at.forEach((t, i) => expect(t).toBeCloseTo(1000 + i * step(5), 6));
  });

  it('gives each region and each operation a lane of its own', async () => {
    const { clock } = boundedClock(1000);
    const { port, calls } = fakePort(clock);
    const api = new PacedCredentialsApi(port, clock, POLICY);
    await Promise.all([
      api.listIdentityPoolsPage('eu-west-1'),
      api.listIdentityPoolsPage('us-east-1'),
      api.describeIdentityPool('eu-west-1', 'a'),
      api.getIdentityPoolRoles('eu-west-1', 'a'),
      api.getRole('eu-west-1', 'admin'),
      api.listIdentityPoolsPage('eu-west-1'),
    ]);
    expect(calls.map((c) => `${c.op} ${c.region}`)).toEqual([
      'ListIdentityPools eu-west-1',
      'ListIdentityPools us-east-1',
      'DescribeIdentityPool eu-west-1',
      'GetIdentityPoolRoles eu-west-1',
      'GetRole eu-west-1',
      'ListIdentityPools eu-west-1',
    ]);
    expect(calls.slice(0, 5).map((c) => c.at)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(calls[5]?.at).toBeCloseTo(1000 + step(5), 6);
  });

  it('paces GetRole in one lane for the account, whatever the region it is asked in', async () => {
    const { clock } = boundedClock();
    const { port, calls } = fakePort(clock);
    const api = new PacedCredentialsApi(port, clock, POLICY);
    await Promise.all([api.getRole('eu-west-1', 'a'), api.getRole('us-east-1', 'b'), api.getRole('ap-south-1', 'c')]);
    expect(calls.map((c) => `${c.region} ${c.arg}`)).toEqual(['eu-west-1 a', 'us-east-1 b', 'ap-south-1 c']);
    calls.forEach((c, i) => expect(c.at).toBeCloseTo(i * step(5), 6));
  });

  it('paces at the rate it is given', async () => {
    const { clock } = boundedClock(500);
    const { port, calls } = fakePort(clock);
    const api = new PacedCredentialsApi(port, clock, POLICY, 2);
    await Promise.all([api.getIdentityPoolRoles('eu-west-1', 'a'), api.getIdentityPoolRoles('eu-west-1', 'b'), api.getIdentityPoolRoles('eu-west-1', 'c')]);
    calls.forEach((c, i) => expect(c.at).toBeCloseTo(500 + i * step(2), 6));
  });

  it('keeps the grid for a start late by up to GRID_TOLERANCE_MS, the boundary included', async () => {
    const { clock, fake } = boundedClock();
    const { port, calls } = fakePort(clock);
    const api = new PacedCredentialsApi(port, clock, POLICY);
    await api.listIdentityPoolsPage('eu-west-1');
    fake.advanceTo(step(5) + GRID_TOLERANCE_MS);
    await api.listIdentityPoolsPage('eu-west-1');
    await api.listIdentityPoolsPage('eu-west-1');
    expect(calls[1]?.at).toBe(step(5) + GRID_TOLERANCE_MS);
    // The next slot is two steps after the first start, not a whole step after the late one.
    expect(calls[2]?.at).toBeCloseTo(2 * step(5), 6);
  });

  it('starts a new grid for a start later than that, and after an idle spell', async () => {
    const { clock, fake } = boundedClock();
    const { port, calls } = fakePort(clock);
    const api = new PacedCredentialsApi(port, clock, POLICY);
    await api.describeIdentityPool('eu-west-1', 'a');
    fake.advanceTo(step(5) + 20);
    await api.describeIdentityPool('eu-west-1', 'b');
    await api.describeIdentityPool('eu-west-1', 'c');
    expect(calls[2]?.at).toBeCloseTo(2 * step(5) + 20, 6);
    fake.advanceTo(10_000);
    await api.describeIdentityPool('eu-west-1', 'd');
    await api.describeIdentityPool('eu-west-1', 'e');
    expect(calls[3]?.at).toBe(10_000);
    expect(calls[4]?.at).toBeCloseTo(10_000 + step(5), 6);
  });
});

describe('PacedCredentialsApi: throttling', () => {
  it('retries throttling, backing off longer each time, counting each throttle and no fault', async () => {
    const { clock, fake } = boundedClock();
    const { port, calls } = fakePort(clock, [throttled(), throttled(), throttled()]);
    const api = new PacedCredentialsApi(port, clock, POLICY, UNPACED, undefined, () => 0);
    expect(await api.listIdentityPoolsPage('eu-west-1')).toEqual({ pools: [{ id: 'eu-west-1:pool', name: 'pool' }], nextToken: 'page2' });
    expect(calls).toHaveLength(4);
    expect(fake.sleeps).toEqual([50, 100, 200]);
    expect(calls.map((c) => c.at)).toEqual([0, 50, 150, 350]);
    expect(api.counts).toEqual({ calls: { ListIdentityPools: 4, DescribeIdentityPool: 0, GetIdentityPoolRoles: 0, GetRole: 0 }, throttled: 3, faults: 0 });
  });

  /** Throttled at every try, on a clock that starts at 1000: tries at 1000, 1050, 1150, 1350, 1750... */
  async function throttledFor(maxThrottledMs: number) {
    const { clock, fake } = boundedClock(1000);
    const errors: CgError[] = [];
    const script = Array.from({ length: 50 }, () => () => {
      const err = throttled('GetRole')();
      errors.push(err);
      return err;
    });
    const { port, calls } = fakePort(clock, script);
    const api = new PacedCredentialsApi(port, clock, { ...POLICY, maxThrottledMs }, UNPACED, undefined, () => 0);
    const outcome = await api.getRole('eu-west-1', 'admin').then(
      () => undefined,
      (err: unknown) => err,
    );
    return { outcome, errors, calls, fake, api };
  }

  it('gives up with the last throttle once a call has met nothing but throttling for maxThrottledMs, not a try sooner or later', async () => {
    const { outcome, errors, calls, fake, api } = await throttledFor(350);
    expect(calls.map((c) => c.at)).toEqual([1000, 1050, 1150, 1350]);
    expect(fake.now()).toBe(1350);
    expect(outcome).toBe(errors[3]);
    expect(api.counts).toEqual({ calls: { ListIdentityPools: 0, DescribeIdentityPool: 0, GetIdentityPoolRoles: 0, GetRole: 4 }, throttled: 4, faults: 0 });
    expect((await throttledFor(351)).calls).toHaveLength(5);
    expect((await throttledFor(50)).calls).toHaveLength(2);
  });

  it('counts the time throttled afresh after a fault', async () => {
    const { clock } = boundedClock(1000);
    const { port, calls } = fakePort(clock, [throttled(), throttled(), fault(), ...Array.from({ length: 20 }, () => throttled())]);
    const api = new PacedCredentialsApi(port, clock, { ...POLICY, maxThrottledMs: 350 }, UNPACED, undefined, () => 0);
    await expect(api.listIdentityPoolsPage('eu-west-1')).rejects.toMatchObject({ code: 'AWS_THROTTLED' });
    // Throttled from 1350 on, after the fault at 1150: it gives up at 1750, not at 1350.
    expect(calls.map((c) => c.at)).toEqual([1000, 1050, 1150, 1350, 1750]);
    expect(api.counts).toMatchObject({ throttled: 4, faults: 1 });
  });
});

describe('PacedCredentialsApi: faults and other errors', () => {
  it('retries a fault and answers when it clears before the last attempt', async () => {
    const { clock, fake } = boundedClock();
    const { port, calls } = fakePort(clock, [fault('GetIdentityPoolRoles'), fault('GetIdentityPoolRoles')]);
    const api = new PacedCredentialsApi(port, clock, POLICY, UNPACED, undefined, () => 0);
    expect(await api.getIdentityPoolRoles('eu-west-1', 'p')).toEqual({ authenticatedRole: 'arn:aws:iam::123456789012:role/auth-p', mappings: {} });
    expect(calls).toHaveLength(3);
    expect(fake.sleeps).toEqual([50, 100]);
    expect(api.counts).toEqual({ calls: { ListIdentityPools: 0, DescribeIdentityPool: 0, GetIdentityPoolRoles: 3, GetRole: 0 }, throttled: 0, faults: 2 });
  });

  it('gives up after faultAttempts calls with AWS_UNAVAILABLE, naming the attempts and the operation, the last fault as its cause', async () => {
    const { clock } = boundedClock();
    const faults: CgError[] = [];
    const script = Array.from({ length: 10 }, () => () => {
      const err = fault('DescribeIdentityPool')();
      faults.push(err);
      return err;
    });
    const { port, calls } = fakePort(clock, script);
    const api = new PacedCredentialsApi(port, clock, POLICY, UNPACED, undefined, () => 0);
    const err = await api.describeIdentityPool('eu-west-1', 'p').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CgError);
    expect(err).toMatchObject({ code: 'AWS_UNAVAILABLE', operation: 'DescribeIdentityPool', message: 'DescribeIdentityPool in eu-west-1 failed: InternalErrorException (gave up after 3 attempts)' });
    expect((err as CgError).cause).toBe(faults[2]);
    expect(calls).toHaveLength(3);
    expect(api.counts).toEqual({ calls: { ListIdentityPools: 0, DescribeIdentityPool: 3, GetIdentityPoolRoles: 0, GetRole: 0 }, throttled: 0, faults: 3 });
  });

  it('gives up after one call when faultAttempts is 1', async () => {
    const { clock } = boundedClock();
    const { port, calls } = fakePort(clock, [fault('GetRole'), fault('GetRole')]);
    const api = new PacedCredentialsApi(port, clock, { ...POLICY, faultAttempts: 1 }, UNPACED, undefined, () => 0);
    await expect(api.getRole('eu-west-1', 'admin')).rejects.toMatchObject({ code: 'AWS_UNAVAILABLE', message: 'GetRole in eu-west-1 failed: InternalErrorException (gave up after 1 attempts)' });
    expect(calls).toHaveLength(1);
  });

  it.each<ErrorCode>(['AWS_ACCESS_DENIED', 'AWS_CREDENTIALS', 'AWS_ERROR', 'AWS_BAD_RESPONSE'])('does not retry %s: it fails at once, as it was raised', async (code) => {
    const { clock, fake } = boundedClock();
    const err = new CgError(code, `GetRole: ${code}`);
    const { port, calls } = fakePort(clock, [() => err]);
    const api = new PacedCredentialsApi(port, clock, POLICY, UNPACED, undefined, () => 0);
    await expect(api.getRole('eu-west-1', 'admin')).rejects.toBe(err);
    expect(calls).toHaveLength(1);
    expect(fake.sleeps).toEqual([]);
    expect(api.counts).toEqual({ calls: { ListIdentityPools: 0, DescribeIdentityPool: 0, GetIdentityPoolRoles: 0, GetRole: 1 }, throttled: 0, faults: 0 });
  });

  it('does not retry an error that is not the project\'s own', async () => {
    const { clock } = boundedClock();
    const err = new TypeError('not a function');
    const { port, calls } = fakePort(clock, [() => err]);
    const api = new PacedCredentialsApi(port, clock, POLICY, UNPACED, undefined, () => 0);
    await expect(api.listIdentityPoolsPage('eu-west-1')).rejects.toBe(err);
    expect(calls).toHaveLength(1);
  });
});

describe('PacedCredentialsApi: the stop signal', () => {
  it('stops retrying with INTERRUPTED when the signal aborts during a backoff', async () => {
    const { clock } = boundedClock();
    const controller = new AbortController();
    const { port, calls } = fakePort(clock, Array.from({ length: 10 }, () => throttled()), (call) => {
      if (call.at > 0) controller.abort();
    });
    const api = new PacedCredentialsApi(port, clock, POLICY, UNPACED, controller.signal, () => 0);
    await expect(api.listIdentityPoolsPage('eu-west-1')).rejects.toMatchObject({ code: 'INTERRUPTED', message: 'interrupted: no new calls were started' });
    expect(calls.map((c) => c.at)).toEqual([0, 50]);
  });

  it('lets the call in flight finish but starts none of those waiting for their lane after an abort', async () => {
    const { clock } = boundedClock();
    const controller = new AbortController();
    const { port, calls } = fakePort(clock, [], () => controller.abort());
    const api = new PacedCredentialsApi(port, clock, POLICY, CREDENTIAL_RATE, controller.signal);
    const outcomes = await Promise.allSettled([api.getRole('eu-west-1', 'a'), api.getRole('eu-west-1', 'b'), api.getRole('eu-west-1', 'c')]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as CgError).code))).toEqual(['ok', 'INTERRUPTED', 'INTERRUPTED']);
    expect(calls.map((c) => c.arg)).toEqual(['a']);
  });

  it('starts no read once the run has stopped, not even one whose lane is free', async () => {
    const { clock } = boundedClock();
    const controller = new AbortController();
    controller.abort();
    const { port, calls } = fakePort(clock);
    const api = new PacedCredentialsApi(port, clock, POLICY, CREDENTIAL_RATE, controller.signal);
    await expect(api.describeIdentityPool('eu-west-1', 'eu-west-1:a')).rejects.toMatchObject({ code: 'INTERRUPTED' });
    await expect(api.getRole('eu-west-1', 'a')).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(calls).toEqual([]);
    expect(api.counts.calls.GetRole).toBe(0);
  });
});
