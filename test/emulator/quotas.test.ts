import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
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

describe('user and membership quotas (fake clock)', () => {
  it('applies each account-wide category at its documented rate', () => {
    const cases: Array<[Parameters<QuotaLimiter['admit']>[0], number]> = [
      ['ListUsers', 30],
      ['ListUsersInGroup', 30],
      ['AdminCreateUser', 50],
    ];
    for (const [op, rate] of cases) {
      const q = new QuotaLimiter({ enabled: true, scale: 1, burstSeconds: 1 }, fakeClock().now);
      expect(Array.from({ length: rate + 5 }, () => q.admit(op, 'p_1')).filter(Boolean)).toHaveLength(rate);
    }
    // Different users, so the per-user budget never binds: the account-wide one does.
    const reads = new QuotaLimiter({ enabled: true, scale: 1, burstSeconds: 1 }, fakeClock().now);
    expect(Array.from({ length: 60 }, (_, i) => reads.admit(i % 2 === 0 ? 'AdminGetUser' : 'AdminListGroupsForUser', 'p_1', `u${i}`)).filter(Boolean)).toHaveLength(50);
    const writes = new QuotaLimiter({ enabled: true, scale: 1, burstSeconds: 1 }, fakeClock().now);
    const ops = ['AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'AdminDeleteUser'] as const;
    expect(Array.from({ length: 40 }, (_, i) => writes.admit(ops[i % 3] as (typeof ops)[number], 'p_1', `u${i}`)).filter(Boolean)).toHaveLength(25);
  });

  it('shares a category across pools and keeps categories apart; user operations have no per-pool cap', () => {
    const q = new QuotaLimiter({ enabled: true, scale: 1, burstSeconds: 1 }, fakeClock().now);
    const lists = ['p_1', 'p_2', 'p_3'].flatMap((p) => Array.from({ length: 12 }, () => q.admit('ListUsersInGroup', p)));
    expect(lists.filter(Boolean)).toHaveLength(30);
    expect(q.admit('ListGroups', 'p_1')).toBe(true);
    expect(q.admit('AdminAddUserToGroup', 'p_1', 'u')).toBe(true);
  });

  it('allows each user 10 reads and 10 writes per second, apart from other users', () => {
    const clock = fakeClock();
    const q = new QuotaLimiter({ enabled: true, scale: 1, burstSeconds: 1 }, clock.now);
    expect(Array.from({ length: 12 }, () => q.admit('AdminAddUserToGroup', 'p_1', 'alice'))).toEqual([...Array(10).fill(true), false, false]);
    expect(q.admit('AdminGetUser', 'p_1', 'alice')).toBe(true);
    expect(q.admit('AdminAddUserToGroup', 'p_1', 'bob')).toBe(true);
    expect(q.admit('AdminAddUserToGroup', 'p_2', 'alice')).toBe(true);
    clock.advance(100);
    // 100 ms at 10/s is one token, although throttled requests kept coming.
    expect(q.admit('AdminRemoveUserFromGroup', 'p_1', 'alice')).toBe(true);
    expect(q.admit('AdminDeleteUser', 'p_1', 'alice')).toBe(false);
  });

  it('forgets idle per-user buckets without losing the state of busy ones', () => {
    const clock = fakeClock();
    const q = new QuotaLimiter({ enabled: true, scale: 1000, burstSeconds: 1 }, clock.now);
    for (let i = 0; i < 10_000; i++) q.admit('AdminAddUserToGroup', 'p_1', 'busy');
    expect(q.admit('AdminAddUserToGroup', 'p_1', 'busy')).toBe(false);
    // Thousands of other users come and go; the busy user's empty bucket is not dropped and refilled.
    for (let i = 0; i < 3000; i++) q.admit('AdminGetUser', 'p_1', `reader-${i}`);
    for (let i = 0; i < 3000; i++) q.admit('AdminRemoveUserFromGroup', 'p_1', `writer-${i}`);
    expect(q.admit('AdminAddUserToGroup', 'p_1', 'busy')).toBe(false);
  });
});

describe('peaks per category and per user (fake clock)', () => {
  it('records the most accepted requests in a window per category and for the busiest user', () => {
    const clock = fakeClock();
    const s = new StatsRecorder(clock.now);
    for (let i = 0; i < 4; i++) s.accepted('p_1', 'AdminAddUserToGroup', 1000, { category: 'UserResourceUpdate', user: { access: 'write', key: 'a' } });
    for (let i = 0; i < 3; i++) s.accepted('p_1', 'AdminGetUser', 1000, { category: 'UserResourceRead', user: { access: 'read', key: 'b' } });
    s.accepted('p_1', 'AdminRemoveUserFromGroup', 1000, { category: 'UserResourceUpdate', user: { access: 'write', key: 'c' } });
    clock.advance(1000);
    s.accepted('p_1', 'AdminAddUserToGroup', 1000, { category: 'UserResourceUpdate', user: { access: 'write', key: 'a' } });
    const snap = s.snapshot(1000);
    expect(snap.peakPerCategory).toEqual({ UserResourceUpdate: 5, UserResourceRead: 3 });
    expect(snap.peakPerUser).toEqual({ reads: 3, writes: 4 });
    expect(snap.peakPerWindow['p_1']).toEqual({ AdminAddUserToGroup: 4, AdminGetUser: 3, AdminRemoveUserFromGroup: 1 });
    s.reset();
    expect(s.snapshot(1000)).toMatchObject({ peakPerCategory: {}, peakPerUser: { reads: 0, writes: 0 } });
  });
});

describe('user and membership quotas through the API', () => {
  // scale 0.01, burst 100: every bucket holds 1 s worth of the documented rate and refills in 100 s.
  const slow = { quotas: { enabled: true, scale: 0.01, burstSeconds: 100 } } as const;

  it('throttles one user\'s writes after 10, counting a username and its sub as one user', async () => {
    const { client, emulator } = await harness(slow);
    emulator.seedGroups(POOL, Array.from({ length: 12 }, (_, i) => ({ GroupName: `g${i}` })));
    emulator.seedUsers(POOL, [{ Username: 'alice' }]);
    const sub = (await client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }))).UserAttributes?.[0]?.Value ?? '';
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const Username = i % 2 === 0 ? 'ALICE' : sub;
      outcomes.push(await outcome(client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username, GroupName: `g${i}` }))));
    }
    expect(count(outcomes)).toEqual({ ok: 10, TooManyRequestsException: 2 });
    const f = await failure(client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'alice', GroupName: 'g11' })));
    expect(f).toEqual({ name: 'TooManyRequestsException', message: 'Too many requests', status: 400 });
    const stats = emulator.stats();
    expect(stats.operations['AdminAddUserToGroup']).toEqual({ calls: 13, ok: 10, throttled: 3, faults: 0, errors: 0 });
    expect(stats.peakPerUser).toEqual({ reads: 1, writes: 10 });
    expect(stats.peakPerCategory).toEqual({ UserResourceRead: 1, UserResourceUpdate: 10 });
  });

  it('throttles one user\'s reads after 10, apart from its writes', async () => {
    const { client, emulator } = await harness(slow);
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    emulator.seedUsers(POOL, [{ Username: 'alice' }, { Username: 'bob' }]);
    const reads: string[] = [];
    for (let i = 0; i < 12; i++) {
      const call = i % 2 === 0 ? new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }) : new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'alice' });
      reads.push(await outcome(client.send(call as never)));
    }
    expect(count(reads)).toEqual({ ok: 10, TooManyRequestsException: 2 });
    expect(await outcome(client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'alice', GroupName: 'g' })))).toBe('ok');
    expect(await outcome(client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'bob' })))).toBe('ok');
    expect(emulator.stats().peakPerUser).toEqual({ reads: 10, writes: 1 });
    expect(emulator.stats().peakPerCategory.UserResourceRead).toBe(11);
  });

  it('throttles membership writes across users at 25 per second for the account', async () => {
    const { client, emulator } = await harness(slow);
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    const users = Array.from({ length: 30 }, (_, i) => `u${i}`);
    emulator.seedUsers(POOL, users.map((Username) => ({ Username })));
    const outcomes = await Promise.all(users.map((Username) => outcome(client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username, GroupName: 'g' })))));
    expect(count(outcomes)).toEqual({ ok: 25, TooManyRequestsException: 5 });
    const listed = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'g' }));
    expect(listed.Users).toHaveLength(25);
    const stats = emulator.stats();
    expect(stats.peakPerCategory.UserResourceUpdate).toBe(25);
    expect(stats.peakPerUser.writes).toBe(1);
  });

  it('throttles listings of users at 30 per second and creations at 50, and leaves group budgets alone', async () => {
    const { client, emulator } = await harness(slow);
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    const lists = await Promise.all(
      Array.from({ length: 35 }, (_, i) =>
        outcome(client.send(i % 2 === 0 ? new ListUsersCommand({ UserPoolId: POOL }) : (new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'g' }) as never))),
      ),
    );
    expect(count(lists)).toEqual({ ok: 30, TooManyRequestsException: 5 });
    const creates = await Promise.all(Array.from({ length: 55 }, (_, i) => outcome(client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: `new${i}` })))));
    expect(count(creates)).toEqual({ ok: 50, TooManyRequestsException: 5 });
    expect(emulator.listUserPools()[0]?.users).toBe(50);
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('ok');
    expect(emulator.stats().peakPerCategory).toMatchObject({ UserList: 30, UserCreation: 50, UserPoolResourceRead: 1 });
  });
});
