// Edges of the Cognito pacing layer: PacedGroupsApi.userSub (only when the port underneath can look a
// sub up, then paced and counted as AdminGetUser in the user's lane), a failure of the clock itself passed
// on as it is rather than taken for a stop, one user's lane for the names the plan takes for one user,
// and the real clock leaving neither a timer nor a listener on the signal behind once a sleep is over.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PoolRef, UserSubs } from '../../src/edge/cognito/port.js';
import { CgError } from '../../src/core/errors.js';
import { usernameKey } from '../../src/core/plan/member-changes.js';
import { systemClock, type Clock } from '../../src/edge/pacing/clock.js';
import { PacedGroupsApi } from '../../src/edge/pacing/paced-api.js';
import { PACING_MARGIN, Pacer } from '../../src/edge/pacing/pacer.js';
import { COGNITO_RATES, type Rates } from '../../src/edge/pacing/rates.js';
import type { RetryPolicy } from '../../src/edge/pacing/retry.js';
import { FakeClock } from './fake-clock.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const POOL: PoolRef = { id: 'eu-west-1_Edges', region: 'eu-west-1' };
const POLICY: RetryPolicy = { faultAttempts: 3, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs: 300_000 };
const step = (rate: number): number => 1000 / (rate * PACING_MARGIN);
/** Rates so high that pacing never waits: every sleep is a backoff. */
const UNPACED: Rates = { perPoolOperation: 1e6, accountRead: 1e6, accountWrite: 1e6, userList: 1e6, userRead: 1e6, userUpdate: 1e6, poolRead: 1e6, perUser: 1e6 };

describe('PacedGroupsApi.userSub', () => {
  it('answers undefined without a call when the port underneath cannot look subs up', async () => {
    const clock = new FakeClock();
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id).addUsers(POOL.id, ['alice']);
    const api = new PacedGroupsApi(fake.asPort(), new Pacer(COGNITO_RATES, clock), clock, POLICY);
    await expect(api.userSub(POOL, 'alice')).resolves.toBeUndefined();
    expect(fake.calls).toEqual([]);
    expect(api.counts.calls.AdminGetUser).toBe(0);
  });

  it("asks the port's userSub when it has one, paced in the user's lane and counted as AdminGetUser", async () => {
    const clock = new FakeClock();
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id);
    const asked: Array<{ user: string; at: number }> = [];
    const port = {
      ...fake.asPort(),
      userSub: async (pool: PoolRef, username: string): Promise<string | undefined> => {
        asked.push({ user: `${pool.id} ${username}`, at: clock.now() });
        return username === 'ghost' ? undefined : `sub-of-${username.toLowerCase()}`;
      },
    } satisfies UserSubs;
    const api = new PacedGroupsApi(port, new Pacer(COGNITO_RATES, clock), clock, POLICY);
    const subs = await Promise.all([api.userSub(POOL, 'Alice'), api.userSub(POOL, 'alice'), api.userSub(POOL, 'ghost')]);
    expect(subs).toEqual(['sub-of-alice', 'sub-of-alice', undefined]);
    expect(asked.map((a) => a.user)).toEqual([`${POOL.id} Alice`, `${POOL.id} ghost`, `${POOL.id} alice`]);
    // The second look-up of alice waits for her lane (10/s); ghost's goes one step of the account's 50/s after the first.
    expect(asked.map((a) => a.at)).toEqual([0, expect.closeTo(step(50), 6), expect.closeTo(step(10), 6)]);
    expect(api.counts).toEqual({
      calls: { ListGroups: 0, GetGroup: 0, CreateGroup: 0, UpdateGroup: 0, DeleteGroup: 0, ListUsersInGroup: 0, AdminAddUserToGroup: 0, AdminRemoveUserFromGroup: 0, AdminGetUser: 3, AdminListGroupsForUser: 0, DescribeUserPool: 0 },
      throttled: 0,
      faults: 0,
    });
  });
});

describe('PacedGroupsApi: a clock that fails', () => {
  /** The fake clock, but the first `times` sleeps fail with the given error (not a stop). */
  function failingClock(err: Error, times = Infinity): { clock: Clock; fake: FakeClock } {
    const fake = new FakeClock();
    let failures = 0;
    return { fake, clock: { now: () => fake.now(), sleep: (ms, signal) => (failures++ < times ? Promise.reject(err) : fake.sleep(ms, signal)) } };
  }

  it('passes on a failure of the wait for pacing as it is, not as a stop', async () => {
    const broken = new CgError('INTERNAL', 'the clock broke');
    const { clock } = failingClock(broken);
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id);
    const api = new PacedGroupsApi(fake, new Pacer(COGNITO_RATES, clock), clock, POLICY);
    await api.createGroup(POOL, { name: 'a' });
    // The second create must wait for the pool's lane: that wait fails.
    await expect(api.createGroup(POOL, { name: 'b' })).rejects.toBe(broken);
    expect(fake.calls.map((c) => c.name)).toEqual(['a']);
  });

  it('passes on a failure of the wait before a retry as it is, not as a stop, and tries no more', async () => {
    const broken = new CgError('INTERNAL', 'the clock broke');
    // Only the backoff fails: a retry after it would go through.
    const { clock } = failingClock(broken, 1);
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id);
    fake.fail({ op: 'CreateGroup', code: 'AWS_THROTTLED', times: 1 });
    const api = new PacedGroupsApi(fake, new Pacer(UNPACED, clock), clock, POLICY);
    await expect(api.createGroup(POOL, { name: 'a' })).rejects.toBe(broken);
    expect(fake.calls.map((c) => c.outcome)).toEqual(['AWS_THROTTLED']);
  });

  it('passes on a failure that is not the project\'s own just the same', async () => {
    const broken = new RangeError('timer overflow');
    const { clock } = failingClock(broken);
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id);
    const api = new PacedGroupsApi(fake, new Pacer(COGNITO_RATES, clock), clock, POLICY);
    await api.getGroup(POOL, 'a');
    await expect(api.getGroup(POOL, 'b')).rejects.toBe(broken);
  });
});

describe('Pacer: one lane per user', () => {
  it('paces names the plan takes for one user (K, the Kelvin sign, and k) in one lane', () => {
    expect(usernameKey('\u212A', false)).toBe(usernameKey('k', false));
    const pacer = new Pacer(COGNITO_RATES, new FakeClock());
    expect(pacer.tryAcquire(POOL, 'AdminGetUser', '\u212A')).toBe(0);
    // The account's 50/s would allow the next read after 20 ms; the user's 10/s only after 102 ms.
    expect(pacer.tryAcquire(POOL, 'AdminGetUser', 'k')).toBeCloseTo(step(10), 9);
  });
});

describe('systemClock: what a sleep leaves behind', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leaves no listener on the signal once a sleep has run its time', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = systemClock.sleep(1_000, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(sleeping).resolves.toBeUndefined();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timer and leaves no listener when a sleep is aborted', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
