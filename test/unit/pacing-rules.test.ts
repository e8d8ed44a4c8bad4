// Budgets and retries (src/edge/pacing): which lanes a call is paced in (per pool and operation for group
// operations only, per user for a user's calls, per account and region by quota category, the run's
// --max-rps), where a late start keeps or leaves its lane's grid, how throttling slows a lane and
// success speeds it up, when retrying stops, and what a stop says. On the fake clock: nothing waits.
import { describe, expect, it } from 'vitest';
import type { Operation, PoolRef, QuotaCategory } from '../../src/edge/cognito/port.js';
import { CgError } from '../../src/core/errors.js';
import { interrupted, systemClock, type Clock } from '../../src/edge/pacing/clock.js';
import { PacedGroupsApi } from '../../src/edge/pacing/paced-api.js';
import { GRID_TOLERANCE_MS, PACING_MARGIN, Pacer } from '../../src/edge/pacing/pacer.js';
import { accountRate, COGNITO_RATES, type Rates } from '../../src/edge/pacing/rates.js';
import { FakeClock } from './fake-clock.js';
import { FakeGroupsApi } from './fake-groups-api.js';
import { rejection } from './rejection.js';

const POOL: PoolRef = { id: 'eu-west-1_Pace1', region: 'eu-west-1' };
const OTHER: PoolRef = { id: 'eu-west-1_Pace2', region: 'eu-west-1' };
const step = (rate: number): number => 1000 / (rate * PACING_MARGIN);
/** Rates so high that pacing never waits: every sleep is a backoff. */
const UNPACED: Rates = { perPoolOperation: 1e6, accountRead: 1e6, accountWrite: 1e6, userList: 1e6, userRead: 1e6, userUpdate: 1e6, poolRead: 1e6, perUser: 1e6 };


describe('Pacer: the grid of a lane', () => {
  it('keeps the grid for a start late by up to GRID_TOLERANCE_MS (about 15 ms), the boundary included', () => {
    expect(GRID_TOLERANCE_MS).toBeGreaterThan(15);
    expect(GRID_TOLERANCE_MS).toBeLessThan(16);
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    expect(pacer.tryAcquire(POOL, 'CreateGroup')).toBe(0);
    clock.advanceTo(step(5) + GRID_TOLERANCE_MS);
    expect(pacer.tryAcquire(POOL, 'CreateGroup')).toBe(0);
    expect(pacer.tryAcquire(POOL, 'CreateGroup')).toBeCloseTo(step(5) - GRID_TOLERANCE_MS, 9);
  });

  it('starts a new grid for a start later than that', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    expect(pacer.tryAcquire(POOL, 'CreateGroup')).toBe(0);
    clock.advanceTo(step(5) + 20);
    expect(pacer.tryAcquire(POOL, 'CreateGroup')).toBe(0);
    expect(pacer.tryAcquire(POOL, 'CreateGroup')).toBeCloseTo(step(5), 9);
  });
});

describe('Pacer: the lanes of a call', () => {
  it('paces member calls by the account quota, not the per-pool group quota', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    expect(pacer.tryAcquire(POOL, 'AdminAddUserToGroup', 'u1')).toBe(0);
    expect(pacer.tryAcquire(POOL, 'AdminAddUserToGroup', 'u2')).toBeCloseTo(step(25), 9);
    expect(pacer.tryAcquire(POOL, 'ListUsersInGroup')).toBe(0);
    expect(pacer.tryAcquire(POOL, 'ListUsersInGroup')).toBeCloseTo(step(30), 9);
  });

  it('paces one user\'s writes at the per-user rate, ignoring case, apart from the user\'s reads and from other pools', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    expect(pacer.tryAcquire(POOL, 'AdminAddUserToGroup', 'Alice')).toBe(0);
    expect(pacer.tryAcquire(POOL, 'AdminGetUser', 'alice')).toBe(0);
    clock.advance(step(25));
    expect(pacer.tryAcquire(POOL, 'AdminRemoveUserFromGroup', 'ALICE')).toBeCloseTo(step(10) - step(25), 9);
    expect(pacer.tryAcquire(OTHER, 'AdminRemoveUserFromGroup', 'alice')).toBe(0);
    clock.advance(step(50));
    expect(pacer.tryAcquire(POOL, 'AdminGetUser', 'alice')).toBeCloseTo(step(10) - clock.now(), 9);
  });

  it('uses the account rate of each quota category', () => {
    const rates: Rates = { perPoolOperation: 1e6, accountRead: 21, accountWrite: 22, userList: 23, userRead: 24, userUpdate: 26, poolRead: 27, perUser: 1e6 };
    const expected: Record<QuotaCategory, number> = { UserPoolResourceRead: 21, UserPoolResourceUpdate: 22, UserList: 23, UserResourceRead: 24, UserResourceUpdate: 26, UserPoolRead: 27 };
    for (const [category, rate] of Object.entries(expected)) expect(accountRate(rates, category as QuotaCategory), category).toBe(rate);
    const pacer = new Pacer(rates, new FakeClock());
    const byOp: Array<[Operation, number]> = [
      ['ListGroups', 21],
      ['GetGroup', 21],
      ['CreateGroup', 22],
      ['UpdateGroup', 22],
      ['DeleteGroup', 22],
      ['ListUsersInGroup', 23],
      ['AdminGetUser', 24],
      ['AdminAddUserToGroup', 26],
      ['AdminRemoveUserFromGroup', 26],
      ['DescribeUserPool', 27],
    ];
    for (const [op, rate] of byOp) expect(pacer.currentRate(POOL, op), op).toBeCloseTo(rate * PACING_MARGIN, 9);
  });
});

describe('PacedGroupsApi: every call', () => {
  it('goes to the port as the operation it is, counted under its name', async () => {
    const clock = new FakeClock();
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id, [{ name: 'g' }]).addMembers(POOL.id, 'g', ['alice']);
    const api = new PacedGroupsApi(fake, new Pacer(COGNITO_RATES, clock), clock, { faultAttempts: 1, baseBackoffMs: 1, maxBackoffMs: 1, maxThrottledMs: 1 });
    expect(await api.listGroupsPage(POOL)).toEqual({ groups: [{ name: 'g' }] });
    expect(await api.getGroup(POOL, 'g')).toEqual({ name: 'g' });
    await api.createGroup(POOL, { name: 'h' });
    await api.updateGroup(POOL, { name: 'h', description: 'd' });
    expect(await api.listMembersPage(POOL, 'g')).toEqual({ usernames: ['alice'] });
    await api.addMember(POOL, 'h', 'ALICE');
    await api.removeMember(POOL, 'g', 'alice');
    expect(await api.getUser(POOL, 'Alice')).toBe('alice');
    expect(await api.describePool(POOL)).toEqual({ caseSensitiveUsernames: false });
    expect(await api.listUserGroupsPage(POOL, 'alice')).toEqual({ groups: ['h'] });
    await api.deleteGroup(POOL, 'g');
    expect(fake.calls.map((c) => `${c.op} ${c.name ?? ''} ${c.user ?? ''} ${c.outcome}`)).toEqual([
      'ListGroups   ok',
      'GetGroup g  ok',
      'CreateGroup h  ok',
      'UpdateGroup h  ok',
      'ListUsersInGroup g  ok',
      'AdminAddUserToGroup h ALICE ok',
      'AdminRemoveUserFromGroup g alice ok',
      'AdminGetUser  Alice ok',
      'DescribeUserPool   ok',
      'AdminListGroupsForUser  alice ok',
      'DeleteGroup g  ok',
    ]);
    expect(api.counts.calls).toEqual({
      ListGroups: 1, GetGroup: 1, CreateGroup: 1, UpdateGroup: 1, DeleteGroup: 1, ListUsersInGroup: 1, AdminAddUserToGroup: 1, AdminRemoveUserFromGroup: 1, AdminGetUser: 1, AdminListGroupsForUser: 1, DescribeUserPool: 1,
    });
    expect(fake.members(POOL.id, 'h')).toEqual(['alice']);
    expect(fake.groupsOf(POOL.id)).toEqual([{ name: 'h', description: 'd' }]);
  });

  it('paces a user\'s calls in that user\'s lane', async () => {
    const clock = new FakeClock();
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id, [{ name: 'a' }, { name: 'b' }]).addUsers(POOL.id, ['alice']);
    const api = new PacedGroupsApi(fake, new Pacer(COGNITO_RATES, clock), clock, { faultAttempts: 1, baseBackoffMs: 1, maxBackoffMs: 1, maxThrottledMs: 1 });
    await Promise.all([api.addMember(POOL, 'a', 'alice'), api.addMember(POOL, 'b', 'alice')]);
    await Promise.all([api.getUser(POOL, 'alice'), api.getUser(POOL, 'alice')]);
    const at = fake.calls.map((c) => c.at as number);
    expect(at[1]).toBeCloseTo(step(10), 6);
    expect((at[3] as number) - (at[2] as number)).toBeCloseTo(step(10), 6);
  });
});

describe('PacedGroupsApi: throttling', () => {
  it('slows the lane on a throttle and speeds it up on the success that follows', async () => {
    const clock = new FakeClock();
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id);
    const pacer = new Pacer(COGNITO_RATES, clock);
    const api = new PacedGroupsApi(fake, pacer, clock, { faultAttempts: 3, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs: 300_000 }, undefined, () => 0);
    fake.fail({ op: 'CreateGroup', code: 'AWS_THROTTLED', times: 1 });
    await api.createGroup(POOL, { name: 'g' });
    expect(pacer.currentRate(POOL, 'CreateGroup')).toBeCloseTo(5 * PACING_MARGIN * (0.7 + 0.05), 9);
    await api.createGroup(POOL, { name: 'h' });
    expect(pacer.currentRate(POOL, 'CreateGroup')).toBeCloseTo(5 * PACING_MARGIN * (0.7 + 0.1), 9);
  });

  /** Throttled at every try, on a clock that starts at 1000, backoffs of 50, 100, 200, 400 ms. */
  async function throttledFor(maxThrottledMs: number, op: 'ListGroups' | 'CreateGroup' = 'ListGroups') {
    const clock = new FakeClock(1000);
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id);
    fake.fail({ op, code: 'AWS_THROTTLED' });
    const api = new PacedGroupsApi(fake, new Pacer(UNPACED, clock), clock, { faultAttempts: 3, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs }, undefined, () => 0);
    const err = await rejection(op === 'ListGroups' ? api.listGroupsPage(POOL) : api.createGroup(POOL, { name: 'g' }));
    return { err, calls: fake.calls.length, clock };
  }

  it('gives up once a call has met nothing but throttling for maxThrottledMs, not a try sooner or later', async () => {
    const { err, calls, clock } = await throttledFor(350);
    expect(calls).toBe(4);
    expect(clock.now()).toBe(1350);
    expect(err.code).toBe('AWS_THROTTLED');
    expect(err.operation).toBe('ListGroups');
    expect(err.cause).toBeInstanceOf(CgError);
    expect(err.message).toBe(
      "fake: scripted AWS_THROTTLED for ListGroups, and at every try for 350 ms: other clients are using the account's Cognito quota; try again later, or with a lower --max-rps",
    );
    expect((await throttledFor(351)).calls).toBe(5);
  });

  it('says minutes from one minute on', async () => {
    expect((await throttledFor(60_000)).err.message).toContain('at every try for 1 minute(s):');
    expect((await throttledFor(29_000)).err.message).toContain('at every try for 29000 ms:');
  });
});

describe('PacedGroupsApi: faults and stops', () => {
  it('gives up after faultAttempts with the operation and the last fault as its cause', async () => {
    const clock = new FakeClock();
    const fake = new FakeGroupsApi({ clock }).addPool(POOL.id);
    fake.fail({ code: 'AWS_UNAVAILABLE' });
    const api = new PacedGroupsApi(fake, new Pacer(UNPACED, clock), clock, { faultAttempts: 2, baseBackoffMs: 10, maxBackoffMs: 10, maxThrottledMs: 1000 });
    const err = await rejection(api.deleteGroup(POOL, 'g'));
    expect(err).toMatchObject({ code: 'AWS_UNAVAILABLE', operation: 'DeleteGroup', message: 'fake: scripted AWS_UNAVAILABLE for DeleteGroup (gave up after 2 attempts)' });
    expect((err.cause as CgError).code).toBe('AWS_UNAVAILABLE');
    expect(fake.calls).toHaveLength(2);
  });

  /** A clock that aborts the run when the `n`th sleep starts (that sleep then rejects, as a stop does). */
  function abortingClock(inner: FakeClock, controller: AbortController, n: number): Clock {
    let sleeps = 0;
    return {
      now: () => inner.now(),
      sleep: (ms, signal) => {
        if (++sleeps === n) controller.abort();
        return inner.sleep(ms, signal);
      },
    };
  }

  /** A call that meets one fault and is stopped while it waits for pacing before trying again. */
  async function stoppedAfterFault(op: 'CreateGroup' | 'GetGroup'): Promise<{ err: CgError; calls: number }> {
    const fakeClock = new FakeClock();
    const controller = new AbortController();
    const clock = abortingClock(fakeClock, controller, 2);
    const fake = new FakeGroupsApi({ clock: fakeClock }).addPool(POOL.id);
    fake.fail({ op, code: 'AWS_UNAVAILABLE', times: 1 });
    // Sleep 1 is the 50 ms backoff; sleep 2 is the wait for the lane (a step of 204 ms at 5/s).
    const api = new PacedGroupsApi(fake, new Pacer(COGNITO_RATES, clock), clock, { faultAttempts: 5, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs: 300_000 }, controller.signal, () => 0);
    const err = await rejection(op === 'CreateGroup' ? api.createGroup(POOL, { name: 'g' }) : api.getGroup(POOL, 'g'));
    return { err, calls: fake.calls.length };
  }

  it('says a write stopped after a fault may or may not have taken effect, also when stopped while waiting for pacing', async () => {
    const { err, calls } = await stoppedAfterFault('CreateGroup');
    expect(calls).toBe(1);
    expect(err).toMatchObject({
      code: 'AWS_UNAVAILABLE',
      operation: 'CreateGroup',
      message: 'fake: scripted AWS_UNAVAILABLE for CreateGroup; interrupted before trying again, so whether it took effect is unknown: run plan to see',
    });
  });

  it('says only "interrupted" for a read stopped after a fault: a read changes nothing', async () => {
    const { err, calls } = await stoppedAfterFault('GetGroup');
    expect(calls).toBe(1);
    expect(err).toMatchObject({ code: 'INTERRUPTED', message: 'interrupted: no new calls were started' });
  });
});

describe('systemClock', () => {
  it('tells the time in milliseconds, going forward', async () => {
    const t0 = systemClock.now();
    await systemClock.sleep(25);
    const elapsed = systemClock.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(20);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('resolves a sleep of 0 at once, without a timer', async () => {
    let done = false;
    void systemClock.sleep(0).then(() => {
      done = true;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(true);
  });

  it('rejects with INTERRUPTED at once when the signal has aborted, and as soon as it aborts', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await expect(systemClock.sleep(60_000, aborted.signal)).rejects.toMatchObject({ code: 'INTERRUPTED' });
    const later = new AbortController();
    const t0 = systemClock.now();
    const sleeping = systemClock.sleep(60_000, later.signal);
    setTimeout(() => later.abort(), 5);
    await expect(sleeping).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(systemClock.now() - t0).toBeLessThan(5_000);
    // A sleep that ended is not disturbed by a later abort.
    const after = new AbortController();
    await systemClock.sleep(1, after.signal);
    after.abort();
    expect(interrupted()).toMatchObject({ code: 'INTERRUPTED', message: 'interrupted: no new calls were started' });
  });
});
