// The lease's pure parts (its description, expiry, durations) and its rules against the in-memory fake:
// a fixed order over pools, refusing or waiting for a held lease, taking over an expired one only when
// it reads back as this run's, confirming from a listing, and never releasing a lease it lost.
import { describe, expect, it } from 'vitest';
import { CgError } from '../../src/core/errors.js';
import { isExpired, isLockGroup, leaseDescription, lockStateOf, LOCK_GROUP, newLease, parseDuration, type LeaseRecord } from '../../src/core/plan/lease.js';
import { computePoolPlan } from '../../src/core/plan/compute.js';
import { Leases, type LockEvent } from '../../src/run/lease/leases.js';
import { heldLeaseLines } from '../../src/faces/render/lease.js';
import { FakeClock } from './fake-clock.js';
import { FakeGroupsApi } from './fake-groups-api.js';
import { rejection } from './rejection.js';

const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
const A = { id: 'eu-west-1_A', region: 'eu-west-1' };
const B = { id: 'eu-west-1_B', region: 'eu-west-1' };
const C = { id: 'us-east-1_C', region: 'us-east-1' };

function record(id: string, sinceMs: number, seconds: number): LeaseRecord {
  return newLease({ id, host: 'h', user: 'u', version: '1.0.0' }, sinceMs, seconds);
}

function setup(pools = [A, B, C]) {
  const api = new FakeGroupsApi();
  for (const p of pools) api.addPool(p.id);
  const clock = new FakeClock();
  const events: LockEvent[] = [];
  const ctx = { api, finishing: api, clock, now: () => EPOCH + clock.now() };
  const options = (extra: Partial<Parameters<typeof Leases.take>[2]> = {}) => ({ lockSeconds: 600, holder: { id: 'mine', host: 'here', user: 'me', version: '9.9.9' }, onLock: (e: LockEvent) => events.push(e), ...extra });
  return { api, clock, events, ctx, options };
}

describe('the lease description', () => {
  it('says who holds the lease and until when, and reads back as itself', () => {
    const r: LeaseRecord = { ...record('id-1', EPOCH, 300), ci: 'https://ci/1', plan: 'sha256:ab' };
    const text = leaseDescription(r);
    expect(JSON.parse(text)).toEqual({ 'cognito-groups-lock': 1, id: 'id-1', host: 'h', user: 'u', ci: 'https://ci/1', version: '1.0.0', plan: 'sha256:ab', since: '2026-01-01T00:00:00.000Z', until: '2026-01-01T00:05:00.000Z' });
    expect(lockStateOf({ name: LOCK_GROUP, description: text })).toEqual({ kind: 'lease', record: r });
    expect(lockStateOf({ name: 'COGNITO-GROUPS.LOCK', description: text })).toEqual({ kind: 'lease', record: r });
  });

  it('fits Cognito\'s 2048 characters however long the host, user and CI URL are', () => {
    const r: LeaseRecord = { ...record('id-2', EPOCH, 300), host: '\u0001'.repeat(5000), user: 'x'.repeat(5000), ci: '"'.repeat(5000) };
    const text = leaseDescription(r);
    expect(text.length).toBeLessThanOrEqual(2048);
    expect(lockStateOf({ name: LOCK_GROUP, description: text })).toMatchObject({ kind: 'lease', record: { id: 'id-2', until: r.until } });
  });

  it.each([undefined, 'hand-made', '{"cognito-groups-lock":1,"id":"x"}', '{"cognito-groups-lock":2,"id":"x","host":"h","user":"u","version":"v","since":"2026-01-01T00:00:00Z","until":"2026-01-01T00:00:00Z"}', '{"cognito-groups-lock":1,"id":"x","host":"h","user":"u","version":"v","since":"soon","until":"later"}'])(
    'is foreign when the lock group says %s',
    (description) => {
      expect(lockStateOf({ name: LOCK_GROUP, ...(description === undefined ? {} : { description }) })).toEqual({ kind: 'foreign', description });
    },
  );

  it('belongs to the lock group only', () => {
    expect(lockStateOf({ name: 'cognito-groups.locks', description: leaseDescription(record('x', EPOCH, 1)) })).toBeUndefined();
    expect(isLockGroup('Cognito-Groups.Lock')).toBe(true);
    expect(isLockGroup('cognito-groups.hold.0')).toBe(false);
  });

  it('runs out at its until, not a millisecond earlier', () => {
    const r = record('x', EPOCH, 10);
    expect(isExpired(r, EPOCH + 9_999)).toBe(false);
    expect(isExpired(r, EPOCH + 10_000)).toBe(true);
  });
});

describe('durations', () => {
  it.each([
    ['0', 0],
    ['60', 60_000],
    ['2.5', 2_500],
    ['60s', 60_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    [' 5m ', 300_000],
  ])('reads %j as %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'm', '5 m', '-1s', '5x', '1h-', 'five', '1e3'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('the planner and the lock group', () => {
  it('never plans, counts or shows the lock group, even in a pool that deletes unmanaged groups', () => {
    const observed = [{ name: LOCK_GROUP, description: leaseDescription(record('x', EPOCH, 60)) }, { name: 'stray' }];
    const plan = computePoolPlan({ id: A.id, region: A.region, unmanagedGroups: 'delete', groups: [] }, observed);
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual(['delete stray']);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.listed).toBe(1);
  });
});

describe('taking leases', () => {
  it('creates them one by one, by region then pool id, whatever order the pools come in', async () => {
    const { api, ctx, options, events } = setup();
    const leases = await Leases.take(ctx, [C, B, A, B], options());
    expect(api.callsOf('CreateGroup').map((c) => `${c.poolId} ${c.name}`)).toEqual([`${A.id} ${LOCK_GROUP}`, `${B.id} ${LOCK_GROUP}`, `${C.id} ${LOCK_GROUP}`]);
    expect(events.map((e) => e.kind)).toEqual(['taken', 'taken', 'taken']);
    expect(leases.lockId()).toBe('mine');
    const held = lockStateOf(api.groupsOf(A.id)[0] as { name: string });
    expect(held).toMatchObject({ kind: 'lease', record: { id: 'mine', host: 'here', user: 'me', version: '9.9.9', since: '2026-01-01T00:00:00.000Z', until: '2026-01-01T00:10:00.000Z' } });
    await leases.release();
    expect(api.callsOf('DeleteGroup')).toHaveLength(3);
    for (const p of [A, B, C]) expect(api.groupsOf(p.id)).toEqual([]);
  });

  it('refuses a lease another run holds, naming it, and lets go of the ones it took first', async () => {
    const { api, ctx, options } = setup();
    api.addPool(B.id, [{ name: LOCK_GROUP, description: leaseDescription({ ...record('theirs', EPOCH - 1000, 600), ci: 'https://ci/7' }) }]);
    const err = await rejection(Leases.take(ctx, [A, B, C], options()));
    expect(err).toBeInstanceOf(CgError);
    expect((err as CgError).code).toBe('LOCKED');
    expect((err as CgError).message).toBe(
      `user pool ${B.id} is locked by an apply by u@h (https://ci/7), version 1.0.0, since 2025-12-31T23:59:59.000Z, until 2026-01-01T00:09:59.000Z; nothing was changed. Wait for it (--lock-timeout 5m), or, if that run is gone, cognito-groups unlock --pool ${B.id} --lock-id theirs`,
    );
    // A's lease was released; C's never taken; B's left alone.
    expect(api.groupsOf(A.id)).toEqual([]);
    expect(api.callsOf('CreateGroup').map((c) => c.poolId)).toEqual([A.id, B.id]);
    expect(lockStateOf(api.groupsOf(B.id)[0] as { name: string })).toMatchObject({ record: { id: 'theirs' } });
  });

  it('names the saved plan the holder applies, when it applies one', async () => {
    const { api, ctx, options } = setup([A]);
    api.addPool(A.id, [{ name: LOCK_GROUP, description: leaseDescription({ ...record('theirs', EPOCH, 600), plan: 'sha256:0123abcd' }) }]);
    const err = await rejection(Leases.take(ctx, [A], options()));
    expect((err as CgError).message).toContain('is locked by an apply by u@h, version 1.0.0 (of the saved plan sha256:0123abcd), since 2026-01-01T00:00:00.000Z,');
  });

  it('refuses a lock group it did not write, which never runs out', async () => {
    const { api, ctx, options } = setup([A]);
    api.addPool(A.id, [{ name: LOCK_GROUP, description: 'made by hand' }]);
    const err = await rejection(Leases.take(ctx, [A], options({ lockTimeoutMs: 5_000 })));
    expect((err as CgError).message).toBe(`user pool ${A.id} is locked by a group ${LOCK_GROUP} that cognito-groups did not write after waiting 5s; nothing was changed. Delete that group if nothing else uses it`);
  });

  it('waits up to the timeout for a held lease, saying so, and takes it once it is released', async () => {
    const { ctx, options, events, clock } = setup([]);
    // The holder releases its lease 7 s in (the fake empties the pool before the create that follows).
    const api = new FakeGroupsApi({ onCall: (call, fake) => void (call.op === 'CreateGroup' && clock.now() >= 7_000 && fake.addPool(A.id)) });
    api.addPool(A.id, [{ name: LOCK_GROUP, description: leaseDescription(record('theirs', EPOCH, 600)) }]);
    const leases = await Leases.take({ ...ctx, api, finishing: api }, [A], options({ lockTimeoutMs: 60_000 }));
    expect(leases.lockId()).toBe('mine');
    const waits = events.filter((e): e is Extract<LockEvent, { kind: 'waiting' }> => e.kind === 'waiting');
    expect(waits.length).toBeGreaterThan(1);
    expect(waits[0]).toMatchObject({ poolId: A.id, held: { kind: 'lease', record: { id: 'theirs' } }, waitedMs: 0, timeoutMs: 60_000 });
    expect(events.at(-1)).toMatchObject({ kind: 'taken', poolId: A.id });
    // It looked again every 2 s at most: taken within one look of the release.
    expect(clock.now()).toBeGreaterThanOrEqual(7_000);
    expect(clock.now()).toBeLessThanOrEqual(9_000);
  });

  it('gives up at the timeout, never later', async () => {
    const { api, ctx, options, clock } = setup([A]);
    api.addPool(A.id, [{ name: LOCK_GROUP, description: leaseDescription(record('theirs', EPOCH, 600)) }]);
    const err = await rejection(Leases.take(ctx, [A], options({ lockTimeoutMs: 10_000 })));
    expect((err as CgError).code).toBe('LOCKED');
    expect((err as CgError).message).toContain('after waiting 10s; nothing was changed');
    expect(clock.now()).toBe(10_000);
  });

  it('takes over a lease that ran out once it reads back as its own, and says whose it was', async () => {
    const { api, ctx, options, events } = setup([A]);
    const old = record('gone', EPOCH - 700_000, 600);
    api.addPool(A.id, [{ name: LOCK_GROUP, description: leaseDescription(old) }]);
    const leases = await Leases.take(ctx, [A], options());
    expect(api.calls.map((c) => c.op)).toEqual(['CreateGroup', 'GetGroup', 'UpdateGroup', 'GetGroup']);
    expect(events).toEqual([{ kind: 'taken-over', poolId: A.id, previous: old, lease: expect.objectContaining({ id: 'mine' }) }]);
    expect(leases.lockId()).toBe('mine');
  });

  it('does not go on with a take-over another run overwrote meanwhile: the rival holds it, and this run refuses', async () => {
    const { api, ctx, options } = setup([A]);
    api.addPool(A.id, [{ name: LOCK_GROUP, description: leaseDescription(record('gone', EPOCH - 700_000, 600)) }]);
    const rival = record('rival', EPOCH, 600);
    const port = api.asPort({
      updateGroup: async (p, g) => {
        await api.updateGroup(p, g);
        // The rival's take-over lands just after this run's.
        await api.updateGroup(p, { name: LOCK_GROUP, description: leaseDescription(rival) });
      },
    });
    const err = await rejection(Leases.take({ ...ctx, api: port }, [A], options()));
    expect((err as CgError).code).toBe('LOCKED');
    expect((err as CgError).message).toContain('--lock-id rival');
  });

  it('takes none with lock: false, and says so', async () => {
    const { api, ctx, options, events } = setup([A]);
    const leases = await Leases.take(ctx, [A], options({ lock: false }));
    expect(api.calls).toEqual([]);
    expect(events).toEqual([{ kind: 'skipped' }]);
    await leases.release();
    expect(api.calls).toEqual([]);
  });

  it('explains a pool too full to hold the lease, pointing at --lock=false', async () => {
    const api = new FakeGroupsApi({ maxGroupsPerPool: 1 }).addPool(A.id, [{ name: 'only' }]);
    const clock = new FakeClock();
    const err = await rejection(Leases.take({ api, finishing: api, clock }, [A], {}));
    expect((err as CgError).code).toBe('AWS_LIMIT_EXCEEDED');
    expect((err as CgError).message).toContain('apply with --lock=false if you make sure no two applies run at once');
  });
});

describe('a held lease', () => {
  it('is confirmed from a listing that shows it as this run\'s, with no call', async () => {
    const { api, ctx, options } = setup([A]);
    const leases = await Leases.take(ctx, [A], options());
    const calls = api.calls.length;
    leases.confirm(new Map([[A.id, api.groupsOf(A.id)]]));
    expect(api.calls.length).toBe(calls);
    expect(leases.lost()).toBeUndefined();
  });

  it.each([
    ['gone', () => [], 'this run lost its lease on user pool eu-west-1_A: its lock group is gone; nothing was changed'],
    ['another run\'s', () => [{ name: LOCK_GROUP, description: leaseDescription(record('other', EPOCH, 60)) }], 'this run lost its lease on user pool eu-west-1_A: it is now held by an apply by u@h (lock id other); nothing was changed'],
  ])('is lost when the listing shows it %s: LEASE_LOST, and it is never released', async (_what, listed, message) => {
    const { api, ctx, options } = setup([A]);
    const leases = await Leases.take(ctx, [A], options());
    const err = (() => {
      try {
        leases.confirm(new Map([[A.id, listed()]]));
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toMatchObject({ code: 'LEASE_LOST', message });
    expect(leases.lost()).toBe(message.replace('; nothing was changed', ''));
    await leases.release();
    expect(api.callsOf('DeleteGroup')).toEqual([]);
  });

  it('that ran out before the run ended is deleted only where it still reads back as this run\'s', async () => {
    const { api, clock, ctx, options } = setup([A, B]);
    const leases = await Leases.take(ctx, [A, B], options({ lockSeconds: 60 }));
    // Past its expiry (a renewal that waited too long), and in B another run took it over meanwhile.
    clock.advance(120_000);
    await api.updateGroup(B, { name: LOCK_GROUP, description: leaseDescription(record('other', EPOCH + 90_000, 600)) });
    const before = api.calls.length;
    await leases.release();
    expect(api.calls.slice(before).map((c) => `${c.op} ${c.poolId}`)).toEqual([`GetGroup ${A.id}`, `DeleteGroup ${A.id}`, `GetGroup ${B.id}`]);
    expect(api.groupsOf(A.id).map((g) => g.name)).toEqual([]);
    expect(lockStateOf(api.groupsOf(B.id)[0] ?? { name: '' })).toMatchObject({ kind: 'lease', record: { id: 'other' } });
  });

  it('lost in one pool, is still released in the others', async () => {
    const { api, ctx, options } = setup([A, B]);
    const leases = await Leases.take(ctx, [A, B], options());
    expect(() => leases.confirm(new Map([[A.id, api.groupsOf(A.id)], [B.id, []]]))).toThrow(/lost its lease on user pool eu-west-1_B: its lock group is gone/);
    await leases.release();
    expect(api.callsOf('DeleteGroup').map((c) => c.poolId)).toEqual([A.id]);
  });
});

describe('a lock group in another case', () => {
  it('is refused as one this tool did not write, after a few looks, never looped on', async () => {
    const { ctx, options } = setup([]);
    // CreateGroup compares names ignoring case; this GetGroup finds only the exact name.
    const api = new FakeGroupsApi().addPool(A.id, [{ name: 'Cognito-Groups.Lock', description: 'x' }]);
    const port = api.asPort({ getGroup: async () => undefined });
    const err = await rejection(Leases.take({ ...ctx, api: port, finishing: port }, [A], options()));
    expect((err as CgError).message).toBe(`user pool ${A.id} has a group named ${LOCK_GROUP} in another case, which cognito-groups did not write; nothing was changed. Delete that group if nothing else uses it`);
    expect(api.callsOf('CreateGroup')).toHaveLength(3);
  });
});

describe('what plan and drift say of a lease in the listing', () => {
  it('names a running apply, one that left its lease to run out, and a lock group this tool did not write; nothing for a pool without one', () => {
    const running = record('run-1', EPOCH, 600);
    const left = record('left-1', EPOCH - 900_000, 600);
    const lines = heldLeaseLines(
      new Map([
        [A.id, [{ name: 'admins' }, { name: LOCK_GROUP, description: leaseDescription(running) }]],
        [B.id, [{ name: LOCK_GROUP, description: leaseDescription(left) }]],
        [C.id, [{ name: LOCK_GROUP, description: 'mine, says a person' }]],
        ['eu-west-1_D', [{ name: 'admins' }]],
      ]),
      EPOCH + 1_000,
    );
    expect(lines).toEqual([
      `user pool ${A.id}: an apply by u@h has been running since 2026-01-01T00:00:00.000Z (lease until 2026-01-01T00:10:00.000Z, lock id run-1); this listing may show its work half done`,
      `user pool ${B.id}: an apply by u@h left its lease (lock id left-1, since 2025-12-31T23:45:00.000Z), which ran out at 2025-12-31T23:55:00.000Z; it may have stopped half-way, and the next apply takes the lease over`,
      `user pool ${C.id} has a group ${LOCK_GROUP} that cognito-groups did not write: apply refuses to run until it is deleted`,
    ]);
  });
});

