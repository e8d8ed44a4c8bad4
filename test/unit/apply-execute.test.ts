import { describe, expect, it } from 'vitest';
import { executeChanges } from '../../src/run/apply/execute.js';
import { policyViolations } from '../../src/run/apply/policy.js';
import { checkApplyPolicy, RefusedError } from '../../src/run/apply/refusal.js';
import { refusalMessage } from '../../src/faces/render/refusal.js';
import type { ApplyProgress, ApplyReport, ChangeResult } from '../../src/run/apply/report.js';
import type { GroupPage, GroupsApi, PoolRef } from '../../src/edge/cognito/port.js';
import type { DesiredConfig, DesiredGroup, DesiredPool, UnmanagedPolicy } from '../../src/core/config/model.js';
import { CgError, type ErrorCode } from '../../src/core/errors.js';
import { PacedGroupsApi } from '../../src/edge/pacing/paced-api.js';
import { Pacer } from '../../src/edge/pacing/pacer.js';
import { COGNITO_RATES } from '../../src/edge/pacing/rates.js';
import type { GroupChange, ObservedGroup, Plan, PoolPlan } from '../../src/core/plan/model.js';
import { listPool, listPools, type ReadProgress } from '../../src/edge/read/list-pool.js';
import { apply } from '../../src/run/apply.js';
import { planWith } from '../../src/run/plan.js';
import { FakeClock } from './fake-clock.js';
import { FakeGroupsApi, type RecordedCall } from './fake-groups-api.js';

const A = 'eu-west-1_PoolA';
const B = 'eu-west-1_PoolB';
const POOL_A: PoolRef = { id: A, region: 'eu-west-1' };
const ROLE = 'arn:aws:iam::123456789012:role/Admins';

function pool(id: string, groups: DesiredGroup[], unmanagedGroups: UnmanagedPolicy = 'keep'): DesiredPool {
  return { id, region: 'eu-west-1', unmanagedGroups, groups };
}

function config(...pools: DesiredPool[]): DesiredConfig {
  return { version: 1, settings: {}, userPools: pools };
}

/** A pool plan made by hand, for changes that disagree with the pool on purpose (someone changed it meanwhile). */
function poolPlan(id: string, changes: GroupChange[]): PoolPlan {
  return { userPoolId: id, region: 'eu-west-1', listed: 0, changes, unchanged: [], unmanaged: [] };
}

const create = (name: string, after: Omit<DesiredGroup, 'name'> = {}): GroupChange => ({ action: 'create', name, after });
const update = (name: string, after: Omit<DesiredGroup, 'name'>): GroupChange => ({ action: 'update', name, before: {}, after, fields: [] });
const remove = (name: string): GroupChange => ({ action: 'delete', name, before: {} });

/** status and message of each result, by group name, in report order. */
function outcomes(report: ApplyReport): Array<[string, string, ChangeResult['status'], string | undefined]> {
  return report.results.map((r) => [r.poolId, r.change.name, r.status, r.message]);
}

/** The fake's methods, bound, to build a port that changes one of them. */
const bind = (fake: FakeGroupsApi): GroupsApi => fake.asPort();

/** The rest of a port whose listing a test scripts: every other call answers nothing. */
const NO_OTHER_CALLS: Omit<GroupsApi, 'listGroupsPage'> = {
  getGroup: async () => undefined,
  createGroup: async () => undefined,
  updateGroup: async () => undefined,
  deleteGroup: async () => undefined,
  listMembersPage: async () => ({ usernames: [] }),
  addMember: async () => undefined,
  removeMember: async () => undefined,
  getUser: async () => undefined,
  describePool: async () => ({ caseSensitiveUsernames: false }),
  listUserGroupsPage: async () => ({ groups: [] }),
};

function callLog(calls: readonly RecordedCall[]): string[] {
  return calls.map((c) => `${c.op} ${c.name ?? ''} ${c.outcome}`.replace('  ', ' '));
}

describe('executeChanges', () => {
  it('applies every kind of change, after which planning again finds nothing to do', async () => {
    const fake = new FakeGroupsApi({ pageSize: 2, seed: 42 }).addPool(A, [
      { name: 'admins', description: 'old', precedence: 1 },
      { name: 'EDITORS', precedence: 5 },
      { name: 'ops', roleArn: ROLE, precedence: 3 },
      { name: 'legacy', description: 'gone soon' },
      { name: `${A}_Google` },
    ]);
    const cfg = config(
      pool(
        A,
        [
          { name: 'admins', description: 'new', precedence: 1 },
          { name: 'editors', precedence: 5 },
          { name: 'ops', precedence: 3 },
          { name: 'viewers', description: 'read only' },
        ],
        'delete',
      ),
    );
    const { plan } = await planWith(fake, cfg);
    expect(plan.pools[0]?.changes.map((c) => `${c.action} ${c.name}`)).toEqual(['update admins', 'replace editors', 'delete legacy', 'replace ops', 'create viewers']);

    const progress: ApplyProgress[] = [];
    const report = await executeChanges(fake, fake, plan.pools, { onProgress: (p) => progress.push({ ...p }) });

    expect(report.interrupted).toBe(false);
    expect(outcomes(report)).toEqual([
      [A, 'admins', 'done', undefined],
      [A, 'editors', 'done', undefined],
      [A, 'legacy', 'done', undefined],
      [A, 'ops', 'done', undefined],
      [A, 'viewers', 'done', undefined],
    ]);
    expect(progress.at(-1)).toEqual({ total: 5, done: 5, failed: 0 });
    expect(fake.groupsOf(A)).toEqual([
      { name: 'admins', description: 'new', precedence: 1 },
      { name: 'editors', precedence: 5 },
      { name: `${A}_Google` },
      { name: 'ops', precedence: 3 },
      { name: 'viewers', description: 'read only' },
    ]);
    const again = await planWith(fake, cfg);
    expect(again.plan.pools[0]?.changes).toEqual([]);
    expect(again.plan.pools[0]?.unmanaged).toEqual([{ name: `${A}_Google`, provider: true }]);
  });

  it('replaces by deleting the old group and then creating the new one, dropping its members when the plan says so', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ADMINS', precedence: 1 }]);
    const { plan } = await planWith(fake, config(pool(A, [{ name: 'admins', precedence: 1 }])), { dropMembers: true });
    fake.calls.length = 0;
    const report = await executeChanges(fake, fake, plan.pools);
    expect(outcomes(report)).toEqual([[A, 'admins', 'done', undefined]]);
    expect(callLog(fake.calls)).toEqual(['DeleteGroup ADMINS ok', 'CreateGroup admins ok']);
    expect(fake.groupsOf(A)).toEqual([{ name: 'admins', precedence: 1 }]);
  });

  it('reports a replace whose create fails after the delete, saying the group is gone', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]);
    fake.fail({ op: 'CreateGroup', code: 'AWS_INVALID_PARAMETER' });
    const change: GroupChange = { action: 'replace', name: 'ops', previousName: 'ops', before: { roleArn: ROLE }, after: {}, fields: [], reasons: ['roleArn-removed'] };
    const report = await executeChanges(fake, fake, [poolPlan(A, [change])]);
    expect(outcomes(report)).toEqual([
      [A, 'ops', 'failed', 'deleted "ops" but could not create "ops": fake: scripted AWS_INVALID_PARAMETER for CreateGroup; run apply again to create it'],
    ]);
    expect(fake.groupsOf(A)).toEqual([]);
  });

  it('goes on with independent changes when one fails, and reports it failed', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'd' }]);
    fake.fail({ op: 'CreateGroup', name: 'b', code: 'AWS_INVALID_PARAMETER' });
    const progress: ApplyProgress[] = [];
    const report = await executeChanges(fake, fake, [poolPlan(A, [create('a'), create('b'), create('c'), update('d', { precedence: 2 })])], {
      onProgress: (p) => progress.push({ ...p }),
    });
    expect(outcomes(report)).toEqual([
      [A, 'a', 'done', undefined],
      [A, 'b', 'failed', 'fake: scripted AWS_INVALID_PARAMETER for CreateGroup'],
      [A, 'c', 'done', undefined],
      [A, 'd', 'done', undefined],
    ]);
    expect(progress.at(-1)).toEqual({ total: 4, done: 3, failed: 1 });
    expect(fake.groupsOf(A).map((g) => g.name)).toEqual(['a', 'c', 'd']);
  });

  it.each<ErrorCode>(['AWS_POOL_NOT_FOUND'])('starts no more changes of a pool after %s, but goes on with other pools', async (code) => {
    const fake = new FakeGroupsApi().addPool(A).addPool(B);
    fake.removePool(A);
    const report = await executeChanges(fake, fake, [poolPlan(A, [create('a1'), create('a2'), create('a3')]), poolPlan(B, [create('b1'), create('b2')])], { concurrency: 1 });
    const stopped = `not started: the user pool was not found (${code})`;
    expect(report.results.map((r) => [r.poolId, r.change.name, r.status])).toEqual([
      [A, 'a1', 'failed'],
      [A, 'a2', 'not-started'],
      [A, 'a3', 'not-started'],
      [B, 'b1', 'done'],
      [B, 'b2', 'done'],
    ]);
    expect(report.results[1]?.message).toBe(stopped);
    expect(report.results[2]?.message).toBe(stopped);
    expect(fake.calls.filter((c) => c.poolId === A)).toHaveLength(1);
    expect(fake.groupsOf(B).map((g) => g.name)).toEqual(['b1', 'b2']);
  });

  it.each<ErrorCode>(['AWS_ACCESS_DENIED', 'AWS_LIMIT_EXCEEDED'])('after %s on a create, starts no more creates in that pool but goes on with its updates', async (code) => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'u1', description: 'old' }, { name: 'u2', description: 'old' }]);
    fake.fail({ poolId: A, op: 'CreateGroup', code });
    const report = await executeChanges(fake, fake, [poolPlan(A, [create('c1'), create('c2'), update('u1', { description: 'new' }), update('u2', { description: 'new' })])], { concurrency: 1 });
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['c1', 'failed'],
      ['c2', 'not-started'],
      ['u1', 'done'],
      ['u2', 'done'],
    ]);
    expect(report.results[1]?.message).toBe(
      code === 'AWS_LIMIT_EXCEEDED' ? 'not started: the pool is at its group limit (AWS_LIMIT_EXCEEDED)' : 'not started: CreateGroup was denied in this pool (AWS_ACCESS_DENIED)',
    );
    expect(fake.calls.filter((c) => c.op === 'CreateGroup')).toHaveLength(1);
  });

  it('goes on with other creates when only iam:PassRole on one role was denied', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const denied: GroupsApi = {
      ...bind(fake),
      createGroup: async (pool, group) => {
        if (group.name === 'c1') throw new CgError('AWS_ACCESS_DENIED', 'CreateGroup: access denied (AccessDeniedException: User: x is not authorized to perform: iam:PassRole on resource: r)');
        return fake.createGroup(pool, group);
      },
    };
    const report = await executeChanges(denied, denied, [poolPlan(A, [create('c1'), create('c2'), create('c3')])], { concurrency: 1 });
    expect(report.results.map((r) => r.status)).toEqual(['failed', 'done', 'done']);
  });

  it('after a replace deleted its group and could not create it (iam:PassRole denied), starts no other replace', async () => {
    const old = 'arn:aws:iam::123456789012:role/Old';
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'R1', roleArn: old }, { name: 'R2', roleArn: old }, { name: 'u', description: 'old' }]);
    const denied: GroupsApi = {
      ...bind(fake),
      createGroup: async () => {
        throw new CgError('AWS_ACCESS_DENIED', 'CreateGroup: access denied (AccessDeniedException: User: x is not authorized to perform: iam:PassRole on resource: r)', { operation: 'CreateGroup' });
      },
    };
    const rename = (from: string, to: string): GroupChange => ({ action: 'replace', name: to, previousName: from, before: { roleArn: old }, after: { roleArn: ROLE }, fields: [], reasons: ['case-rename'] });
    const report = await executeChanges(denied, denied, [poolPlan(A, [rename('R1', 'r1'), rename('R2', 'r2'), update('u', { description: 'new' })])], { concurrency: 1 });
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['r1', 'failed'],
      ['r2', 'not-started'],
      ['u', 'done'],
    ]);
    expect(report.results[0]?.message).toMatch(/^deleted "R1" but could not create "r1": .*iam:PassRole/);
    expect(report.results[1]?.message).toMatch(/^not started: /);
    // Only the first group was lost; the second is untouched.
    expect(fake.groupsOf(A).map((g) => g.name).sort()).toEqual(['R2', 'u']);
  });

  it('a denied GetGroup (needed only when a create meets an existing group) does not stop the other creates', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'exists' }]);
    fake.fail({ poolId: A, op: 'GetGroup', code: 'AWS_ACCESS_DENIED' });
    const report = await executeChanges(fake, fake, [poolPlan(A, [create('exists', { description: 'x' }), create('new1'), create('new2')])], { concurrency: 1 });
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['exists', 'failed'],
      ['new1', 'done'],
      ['new2', 'done'],
    ]);
  });

  it('the group limit met by an update that had to create does not stop the other updates or the deletes', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'u2', description: 'old' }, { name: 'gone' }]);
    fake.fail({ poolId: A, op: 'CreateGroup', code: 'AWS_LIMIT_EXCEEDED' });
    const del: GroupChange = { action: 'delete', name: 'gone', before: {} };
    const report = await executeChanges(fake, fake, [poolPlan(A, [update('u1', { description: 'new' }), update('u2', { description: 'new' }), del])], { concurrency: 1 });
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['u1', 'failed'],
      ['u2', 'done'],
      ['gone', 'done'],
    ]);
  });

  it('completes a replace whose delete is done even when stopped, through the uninterruptible port', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'r', roleArn: 'arn:aws:iam::123456789012:role/Old' }]);
    const controller = new AbortController();
    const stopping: GroupsApi = {
      ...bind(fake),
      deleteGroup: async (pool, name) => {
        await fake.deleteGroup(pool, name);
        controller.abort();
      },
      createGroup: async () => {
        throw new CgError('INTERRUPTED', 'interrupted');
      },
    };
    const change = { action: 'replace' as const, name: 'r', previousName: 'r', before: { roleArn: 'arn:aws:iam::123456789012:role/Old' }, after: {}, fields: [], reasons: ['roleArn-removed' as const] };
    const report = await executeChanges(stopping, fake, [poolPlan(A, [change])], { signal: controller.signal });
    expect(report.results[0]?.status).toBe('done');
    expect(fake.groupsOf(A).map((g) => g.name)).toEqual(['r']);
  });

  it('calls through withoutSignal() after the stop signal, sharing the counts, and says a stop after a fault leaves the outcome unknown', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const controller = new AbortController();
    const clock = new FakeClock();
    const paced = new PacedGroupsApi(fake, new Pacer(COGNITO_RATES, clock), clock, { faultAttempts: 5, baseBackoffMs: 10, maxBackoffMs: 10, maxThrottledMs: 300_000 }, controller.signal);
    fake.fail({ poolId: A, op: 'UpdateGroup', code: 'AWS_UNAVAILABLE', times: 1 });
    const pending = paced.updateGroup(POOL_A, { name: 'x' });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'AWS_UNAVAILABLE', message: expect.stringMatching(/whether it took effect is unknown/) });
    await expect(paced.createGroup(POOL_A, { name: 'x' })).rejects.toMatchObject({ code: 'INTERRUPTED' });
    await paced.withoutSignal().createGroup(POOL_A, { name: 'x' });
    expect(fake.groupsOf(A).map((g) => g.name)).toEqual(['x']);
    expect(paced.counts.calls).toMatchObject({ UpdateGroup: 1, CreateGroup: 1 });
  });

  it('starts no more changes of any pool after bad credentials', async () => {
    const fake = new FakeGroupsApi().addPool(A).addPool(B);
    fake.fail({ code: 'AWS_CREDENTIALS' });
    const report = await executeChanges(fake, fake, [poolPlan(A, [create('a1'), create('a2')]), poolPlan(B, [create('b1'), create('b2')])], { concurrency: 1 });
    expect(report.results.map((r) => r.status)).toEqual(['failed', 'not-started', 'failed', 'not-started']);
    expect(report.results[1]?.message).toBe('not started: an earlier call failed (AWS_CREDENTIALS)');
    expect(report.results[3]?.message).toBe('not started: an earlier call failed (AWS_CREDENTIALS)');
    expect(fake.calls).toHaveLength(2);
  });

  describe('concurrency', () => {
    /** Wraps the fake so each write stays in flight until the event loop turns; records the most in flight at once, per operation. */
    function overlapping(fake: FakeGroupsApi): { api: GroupsApi; most: Map<string, number> } {
      const now = new Map<string, number>();
      const most = new Map<string, number>();
      const hold = async <T>(op: string, call: () => Promise<T>): Promise<T> => {
        now.set(op, (now.get(op) ?? 0) + 1);
        most.set(op, Math.max(most.get(op) ?? 0, now.get(op) ?? 0));
        await new Promise((resolve) => setImmediate(resolve));
        try {
          return await call();
        } finally {
          now.set(op, (now.get(op) ?? 0) - 1);
        }
      };
      const api: GroupsApi = {
        ...bind(fake),
        createGroup: (pool, group) => hold('CreateGroup', () => fake.createGroup(pool, group)),
        updateGroup: (pool, group) => hold('UpdateGroup', () => fake.updateGroup(pool, group)),
        deleteGroup: (pool, name) => hold('DeleteGroup', () => fake.deleteGroup(pool, name)),
      };
      return { api, most };
    }

    it('never has more than `concurrency` changes of one lane in flight, and runs the lanes side by side', async () => {
      const fake = new FakeGroupsApi().addPool(A, Array.from({ length: 10 }, (_, i) => ({ name: `u${i}` })));
      const { api, most } = overlapping(fake);
      const changes = [...Array.from({ length: 10 }, (_, i) => create(`c${i}`)), ...Array.from({ length: 10 }, (_, i) => update(`u${i}`, { precedence: i }))];
      const report = await executeChanges(api, api, [poolPlan(A, changes)], { concurrency: 3 });
      expect(report.results.every((r) => r.status === 'done')).toBe(true);
      expect(most.get('CreateGroup')).toBe(3);
      expect(most.get('UpdateGroup')).toBe(3);
    });

    it('runs one change at a time with concurrency 1', async () => {
      const fake = new FakeGroupsApi().addPool(A);
      const { api, most } = overlapping(fake);
      await executeChanges(api, api, [poolPlan(A, [create('a'), create('b'), create('c')])], { concurrency: 1 });
      expect(most.get('CreateGroup')).toBe(1);
    });

    // execute.ts:89 `for (let i = 0; i < Math.min(concurrency, queue.length); i++) workers.push(worker(queue))`
    // re-reads queue.length after each worker has already taken its first change, so a lane of
    // N < 2 x concurrency changes gets only about N/2 workers: 4 changes run 2 at a time, 2 run one by one.
    it('runs as many changes of a small lane at once as concurrency allows', async () => {
      const fake = new FakeGroupsApi().addPool(A);
      const { api, most } = overlapping(fake);
      await executeChanges(api, api, [poolPlan(A, [create('a'), create('b'), create('c'), create('d')])], { concurrency: 4 });
      expect(most.get('CreateGroup')).toBe(4);
    });

    it('runs two changes of a lane together when concurrency allows it', async () => {
      const fake = new FakeGroupsApi().addPool(A);
      const { api, most } = overlapping(fake);
      await executeChanges(api, api, [poolPlan(A, [create('a'), create('b')])], { concurrency: 4 });
      expect(most.get('CreateGroup')).toBe(2);
    });
  });

  describe('when the pool changed after planning', () => {
    it('adopts a group created meanwhile and updates it when its fields differ', async () => {
      const fake = new FakeGroupsApi().addPool(A, [{ name: 'x', description: 'old' }]);
      const report = await executeChanges(fake, fake, [poolPlan(A, [create('x', { description: 'new', precedence: 2 })])]);
      expect(outcomes(report)).toEqual([[A, 'x', 'done', 'was created meanwhile; updated it to the file']]);
      expect(callLog(fake.calls)).toEqual(['CreateGroup x AWS_GROUP_EXISTS', 'GetGroup x ok', 'UpdateGroup x ok']);
      expect(fake.groupsOf(A)).toEqual([{ name: 'x', description: 'new', precedence: 2 }]);
    });

    it('counts a group created meanwhile with the same fields as done, without updating it', async () => {
      const fake = new FakeGroupsApi().addPool(A, [{ name: 'x', precedence: 2, description: '' }]);
      const report = await executeChanges(fake, fake, [poolPlan(A, [create('x', { precedence: 2 })])]);
      expect(outcomes(report)).toEqual([[A, 'x', 'done', 'already existed with these fields']]);
      expect(callLog(fake.calls)).toEqual(['CreateGroup x AWS_GROUP_EXISTS', 'GetGroup x ok']);
    });

    it('fails, without writing, when the group created meanwhile has a roleArn the file does not', async () => {
      const fake = new FakeGroupsApi().addPool(A, [{ name: 'x', roleArn: ROLE }]);
      const report = await executeChanges(fake, fake, [poolPlan(A, [create('x', { description: 'd' })])]);
      expect(outcomes(report)).toEqual([
        [A, 'x', 'failed', 'was created meanwhile with a roleArn or precedence the file does not have, which needs a replace; run plan again'],
      ]);
      expect(fake.writeCalls().map((c) => c.outcome)).toEqual(['AWS_GROUP_EXISTS']);
      expect(fake.groupsOf(A)).toEqual([{ name: 'x', roleArn: ROLE }]);
    });

    it('fails when a group equal ignoring case was created meanwhile', async () => {
      const fake = new FakeGroupsApi().addPool(A, [{ name: 'X' }]);
      const report = await executeChanges(fake, fake, [poolPlan(A, [create('x')])]);
      expect(outcomes(report)).toEqual([[A, 'x', 'failed', 'a group whose name equals "x" ignoring case was created meanwhile; run plan again']]);
      expect(fake.groupsOf(A)).toEqual([{ name: 'X' }]);
    });

    it('creates a group to be updated that was deleted meanwhile', async () => {
      const fake = new FakeGroupsApi().addPool(A);
      const report = await executeChanges(fake, fake, [poolPlan(A, [update('x', { description: 'd', precedence: 4 })])]);
      expect(outcomes(report)).toEqual([[A, 'x', 'done', 'was deleted meanwhile; created it']]);
      expect(callLog(fake.calls)).toEqual(['UpdateGroup x AWS_GROUP_NOT_FOUND', 'CreateGroup x ok']);
      expect(fake.groupsOf(A)).toEqual([{ name: 'x', description: 'd', precedence: 4 }]);
    });

    it('counts the delete of a group already gone as done', async () => {
      const fake = new FakeGroupsApi().addPool(A);
      const report = await executeChanges(fake, fake, [poolPlan(A, [remove('x')])]);
      expect(outcomes(report)).toEqual([[A, 'x', 'done', 'was already gone']]);
    });
  });

  describe('interruption', () => {
    it('starts nothing when the signal aborted before the run', async () => {
      const fake = new FakeGroupsApi().addPool(A, [{ name: 'd' }]).addPool(B);
      const controller = new AbortController();
      controller.abort();
      const report = await executeChanges(fake, fake, [poolPlan(A, [create('a'), update('d', { precedence: 1 }), remove('d')]), poolPlan(B, [create('b')])], {
        signal: controller.signal,
      });
      expect(report.interrupted).toBe(true);
      expect(report.results.map((r) => [r.change.name, r.status, r.message])).toEqual([
        ['a', 'not-started', 'interrupted before it started'],
        ['d', 'not-started', 'interrupted before it started'],
        ['d', 'not-started', 'interrupted before it started'],
        ['b', 'not-started', 'interrupted before it started'],
      ]);
      expect(fake.calls).toEqual([]);
    });

    it('finishes the change in flight and starts no other after an abort mid-run', async () => {
      const clock = new FakeClock();
      const controller = new AbortController();
      const fake = new FakeGroupsApi({ onCall: () => controller.abort() }).addPool(A);
      const api = new PacedGroupsApi(fake, new Pacer(COGNITO_RATES, clock), clock, { faultAttempts: 3, baseBackoffMs: 100, maxBackoffMs: 5000, maxThrottledMs: 300_000 }, controller.signal);
      const report = await executeChanges(api, api, [poolPlan(A, ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => create(n)))], { signal: controller.signal, concurrency: 4 });
      expect(report.interrupted).toBe(true);
      expect(report.results.map((r) => r.status)).toEqual(['done', 'not-started', 'not-started', 'not-started', 'not-started', 'not-started']);
      // Those waiting for a pacing slot stop there; those not yet picked up never start.
      const messages = report.results.slice(1).map((r) => r.message);
      expect(messages.filter((m) => m === 'interrupted: no new calls were started').length).toBeGreaterThanOrEqual(2);
      expect(messages.filter((m) => m === 'interrupted before it started').length).toBeGreaterThanOrEqual(2);
      expect(messages.every((m) => m === 'interrupted: no new calls were started' || m === 'interrupted before it started')).toBe(true);
      expect(fake.calls.map((c) => c.name)).toEqual(['a']);
      expect(fake.groupsOf(A)).toEqual([{ name: 'a' }]);
    });
  });
});

describe('checkApplyPolicy', () => {
  const replace = (name: string, previousName = name): GroupChange => ({
    action: 'replace',
    name,
    previousName,
    before: { roleArn: ROLE },
    after: {},
    fields: [],
    reasons: ['roleArn-removed'],
  });
  const planOf = (...pools: PoolPlan[]): Plan => ({ pools });

  /** The refusal as the views word it. */
  function refusal(plan: Plan, permissions: Parameters<typeof checkApplyPolicy>[1]): { code: string; message: string } {
    try {
      checkApplyPolicy(plan, permissions);
    } catch (err) {
      if (err instanceof RefusedError) return { code: err.code, message: refusalMessage(err.refusal) };
      throw err;
    }
    throw new Error('expected a refusal');
  }

  it('lets creates and updates through without any permission', async () => {
    const plan = planOf(poolPlan(A, [create('a'), update('b', { precedence: 1 })]));
    expect(policyViolations(plan, {})).toBeUndefined();
    // They are not removals: even a --max-delete of 0 lets them through.
    expect(policyViolations(plan, { maxDelete: 0 })).toBeUndefined();

    // And apply() with no permission at all makes them.
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'b' }]);
    const result = await apply({ config: config(pool(A, [{ name: 'a' }, { name: 'b', precedence: 1 }])), api: fake, clock: new FakeClock(), maxDelete: 0 });
    expect(result.outcome?.report.results.map((r) => `${r.change.action} ${r.change.name} ${r.status}`)).toEqual(['create a done', 'update b done']);
    expect(fake.groupsOf(A)).toEqual([{ name: 'a' }, { name: 'b', precedence: 1 }]);
  });

  it('refuses a replace without allowReplace, and allows it with', () => {
    const plan = planOf(poolPlan(A, [replace('ops')]));
    const err = refusal(plan, { allowDelete: true });
    expect(err.code).toBe('APPLY_REFUSED');
    expect(err.message).toBe(
      `refusing to apply: the plan replaces 1 group(s) (${A}/ops), which deletes and creates them again and drops their members (--drop-members); re-run with --allow-replace if that is intended. Nothing was changed.`,
    );
    expect(policyViolations(plan, { allowReplace: true })).toBeUndefined();
    // Allowing deletes is not allowing replaces.
    expect(policyViolations(plan, { allowDelete: true })?.replaces).toEqual([{ poolId: A, name: 'ops', dropsMembers: true }]);
  });

  it('refuses a delete without allowDelete, and allows it with', () => {
    const plan = planOf(poolPlan(A, [remove('legacy')]), poolPlan(B, [remove('old')]));
    const err = refusal(plan, { allowReplace: true });
    expect(err.code).toBe('APPLY_REFUSED');
    expect(err.message).toBe(
      `refusing to apply: the plan deletes 2 group(s) (${A}/legacy, ${B}/old), which drops their members; re-run with --allow-delete if that is intended. Nothing was changed.`,
    );
    expect(policyViolations(plan, { allowDelete: true })).toBeUndefined();
    // Allowing replaces is not allowing deletes.
    expect(policyViolations(plan, { allowReplace: true })?.deletes).toEqual([
      { poolId: A, name: 'legacy' },
      { poolId: B, name: 'old' },
    ]);
  });

  it('shortens a long list of groups', () => {
    const plan = planOf(poolPlan(A, ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(remove)));
    expect(refusal(plan, {}).message).toContain(`(${A}/a, ${A}/b, ${A}/c, ${A}/d, ${A}/e and 2 more)`);
  });

  it('refuses to replace or delete a provider group even with every permission', () => {
    const google = `${A}_Google`;
    const permissions = { allowReplace: true, allowDelete: true };
    expect(refusal(planOf(poolPlan(A, [replace(google)])), permissions).message).toBe(
      `refusing to apply: the plan would delete provider groups that Cognito manages (${A}/${google}); change the file so they are neither replaced nor renamed. Nothing was changed.`,
    );
    expect(refusal(planOf(poolPlan(A, [remove(google)])), permissions).code).toBe('APPLY_REFUSED');
    // A case-only rename away from a provider group deletes it too.
    expect(refusal(planOf(poolPlan(A, [replace(`${A}_google`, google)])), permissions).message).toContain(`(${A}/${google})`);
  });

  describe('through apply(), before any write', () => {
    async function applyAgainst(fake: FakeGroupsApi, desired: DesiredConfig, permissions: { allowReplace?: boolean; allowDelete?: boolean }) {
      return apply({ config: desired, api: fake, clock: new FakeClock(), ...permissions });
    }

    it.each([
      ['a replace without allowReplace', [{ name: 'ops' }], 'keep', {}, 'replaces 1 group(s)'],
      ['a delete without allowDelete', [{ name: 'ops', roleArn: ROLE }], 'delete', { allowReplace: true }, 'deletes 1 group(s)'],
      ['a replace of a provider group', [{ name: 'ops', roleArn: ROLE }, { name: `${A}_Google` }], 'keep', { allowReplace: true, allowDelete: true }, 'provider groups'],
    ] as const)('refuses %s and the pool received no write', async (_what, groups, policy, permissions, wording) => {
      const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }, { name: 'legacy' }, { name: `${A}_Google`, precedence: 1 }]);
      const before = fake.groupsOf(A);
      const err: unknown = await applyAgainst(fake, config(pool(A, [...groups, { name: 'new' }], policy)), permissions).then(() => expect.fail('applied'), (e: unknown) => e);
      expect(err).toBeInstanceOf(RefusedError);
      expect((err as RefusedError).code).toBe('APPLY_REFUSED');
      expect(refusalMessage((err as RefusedError).refusal)).toContain(wording);
      // No write but the lease, taken before the listing and released after the refusal.
      expect(fake.writeCalls().map((c) => `${c.op} ${c.name}`)).toEqual(['CreateGroup cognito-groups.lock', 'DeleteGroup cognito-groups.lock']);
      // Otherwise only reads: the listing, and the members of the groups the plan would replace or delete (to count them).
      expect(new Set(fake.calls.filter((c) => c.name !== 'cognito-groups.lock').map((c) => c.op))).toEqual(new Set(['ListGroups', 'ListUsersInGroup']));
      expect(fake.groupsOf(A)).toEqual(before);
    });

    it('applies and converges once the replace and delete are allowed', async () => {
      const fake = new FakeGroupsApi({ pageSize: 1 }).addPool(A, [{ name: 'ops', roleArn: ROLE }, { name: 'legacy' }, { name: `${A}_Google`, precedence: 1 }]);
      const result = await applyAgainst(fake, config(pool(A, [{ name: 'ops' }, { name: 'new' }], 'delete')), { allowReplace: true, allowDelete: true });
      expect(result.outcome?.report.results.map((r) => `${r.change.action} ${r.change.name} ${r.status}`)).toEqual(['delete legacy done', 'create new done', 'replace ops done']);
      expect(result.outcome?.check).toEqual({ ran: true, remaining: [], elsewhere: [], membersMissing: [] });
      expect(fake.groupsOf(A)).toEqual([{ name: `${A}_Google`, precedence: 1 }, { name: 'new' }, { name: 'ops' }]);
      // Pages of one group: the lease is one more group in the listing before and in the one after.
      expect(result.counts.calls.ListGroups).toBe(8);
      // The lease costs two calls: its create and its delete.
      expect(fake.calls.filter((c) => c.name === 'cognito-groups.lock').map((c) => c.op)).toEqual(['CreateGroup', 'DeleteGroup']);
    });
  });
});

describe('listPool', () => {
  it('follows NextToken to the last page and returns every group sorted by name', async () => {
    const names = ['kilo', 'alpha', 'Zulu', 'echo', 'bravo', 'juliet', 'delta', 'charlie', 'golf', 'hotel'];
    const fake = new FakeGroupsApi({ pageSize: 3, seed: 5 }).addPool(A, names.map((name) => ({ name })));
    const progress: ReadProgress[] = [];
    const groups = await listPool(fake, POOL_A, (p) => progress.push(p));
    expect(groups.map((g) => g.name)).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    expect(fake.calls.map((c) => c.nextToken)).toEqual([undefined, `page.${A}.3`, `page.${A}.6`, `page.${A}.9`]);
    expect(progress.map((p) => [p.pages, p.groups, p.done])).toEqual([
      [1, 3, false],
      [2, 6, false],
      [3, 9, false],
      [4, 10, true],
    ]);
  });

  it('reads an empty pool with one call', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    expect(await listPool(fake, POOL_A)).toEqual([]);
    expect(fake.calls).toHaveLength(1);
  });

  it.each([
    ['the same token twice in a row', ['t1', 't1']],
    ['a token seen two pages earlier', ['t1', 't2', 't1']],
  ])('refuses %s rather than looping', async (_what, tokens) => {
    const seen: Array<string | undefined> = [];
    const looping: GroupsApi = {
      listGroupsPage: async (_pool: PoolRef, nextToken?: string): Promise<GroupPage> => {
        seen.push(nextToken);
        const token = tokens[seen.length - 1];
        return { groups: [{ name: `g${seen.length}` }], ...(token === undefined ? {} : { nextToken: token }) };
      },
      ...NO_OTHER_CALLS,
    };
    await expect(listPool(looping, POOL_A)).rejects.toMatchObject({
      code: 'AWS_BAD_RESPONSE',
      message: `ListGroups on user pool ${A} (eu-west-1) returned the same NextToken twice; the listing cannot be trusted, so nothing was planned from it`,
    });
    expect(seen).toHaveLength(tokens.length);
  });

  /** A server that hands out a new NextToken forever, with pages of `pageSize` new groups. */
  function endless(pageSize: number): GroupsApi & { pages: number } {
    const api = {
      pages: 0,
      listGroupsPage: async (): Promise<GroupPage> => {
        api.pages++;
        return { groups: Array.from({ length: pageSize }, (_, i) => ({ name: `g${api.pages}-${i}` })), nextToken: `t${api.pages}` };
      },
      ...NO_OTHER_CALLS,
    };
    return api;
  }

  it('ends a listing that hands out new NextTokens forever, past the 10,000 groups a pool can hold', async () => {
    const api = endless(60);
    await expect(listPool(api, POOL_A)).rejects.toMatchObject({ code: 'AWS_BAD_RESPONSE', message: expect.stringContaining('went on past 10,000 groups, more than a pool can hold') });
    expect(api.pages).toBe(167);
  });

  it('ends a listing of empty pages with new NextTokens after 100 of them', async () => {
    const api = endless(0);
    await expect(listPool(api, POOL_A)).rejects.toMatchObject({ code: 'AWS_BAD_RESPONSE', message: expect.stringContaining('returned 100 empty pages in a row') });
    expect(api.pages).toBe(100);
  });

  it('ends a listing of one group per page after 10,001 pages', async () => {
    let pages = 0;
    const api: GroupsApi = { ...endless(1), listGroupsPage: async () => ({ groups: pages % 2 === 0 ? [] : [{ name: `g${pages}` }], nextToken: `t${++pages}` }) };
    await expect(listPool(api, POOL_A)).rejects.toMatchObject({ code: 'AWS_BAD_RESPONSE', message: expect.stringContaining('went on past 10,001 pages') });
    expect(pages).toBe(10_001);
  });

  it('lists several pools, keyed by pool id', async () => {
    const fake = new FakeGroupsApi({ pageSize: 1 }).addPool(A, [{ name: 'a2' }, { name: 'a1' }]).addPool(B, [{ name: 'b1', precedence: 3 }]);
    const byPool = await listPools(fake, [POOL_A, { id: B, region: 'eu-west-1' }]);
    expect([...byPool.entries()]).toEqual([
      [A, [{ name: 'a1' }, { name: 'a2' }]],
      [B, [{ name: 'b1', precedence: 3 }]],
    ]);
  });

  it('fails with AWS_POOL_NOT_FOUND for a missing pool', async () => {
    const fake = new FakeGroupsApi();
    await expect(listPool(fake, POOL_A)).rejects.toMatchObject({ code: 'AWS_POOL_NOT_FOUND' });
  });
});

describe('FakeGroupsApi', () => {
  it('enforces names unique ignoring case and reports missing groups', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'Admins' }]);
    await expect(fake.createGroup(POOL_A, { name: 'ADMINS' })).rejects.toMatchObject({ code: 'AWS_GROUP_EXISTS' });
    await expect(fake.updateGroup(POOL_A, { name: 'nope' })).rejects.toMatchObject({ code: 'AWS_GROUP_NOT_FOUND' });
    await expect(fake.deleteGroup(POOL_A, 'nope')).rejects.toMatchObject({ code: 'AWS_GROUP_NOT_FOUND' });
    expect(await fake.getGroup(POOL_A, 'nope')).toBeUndefined();
    expect(callLog(fake.calls)).toEqual(['CreateGroup ADMINS AWS_GROUP_EXISTS', 'UpdateGroup nope AWS_GROUP_NOT_FOUND', 'DeleteGroup nope AWS_GROUP_NOT_FOUND', 'GetGroup nope ok']);
  });

  it('lists groups in an order other than by name', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `g${String(i).padStart(2, '0')}`);
    const fake = new FakeGroupsApi({ pageSize: 60 }).addPool(A, names.map((name) => ({ name })));
    const page = await fake.listGroupsPage(POOL_A);
    const listed: ObservedGroup[] = page.groups;
    expect(listed.map((g) => g.name)).not.toEqual(names);
    expect([...listed.map((g) => g.name)].sort()).toEqual(names);
  });

  it('fails CreateGroup with AWS_LIMIT_EXCEEDED when the pool is full', async () => {
    const fake = new FakeGroupsApi({ maxGroupsPerPool: 1 }).addPool(A, [{ name: 'a' }]);
    await expect(fake.createGroup(POOL_A, { name: 'b' })).rejects.toMatchObject({ code: 'AWS_LIMIT_EXCEEDED' });
  });
});
