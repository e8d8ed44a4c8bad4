// Edges of applying (src/run/apply/execute.ts, converged.ts, policy.ts) against the in-memory fake:
// a lease lost mid-run stops the changes not yet started, naming why, and the report says so (and
// says nothing of a lease when none was lost); a denied iam:PassRole stops only the changes giving that
// role, even when the call names its operation; a change whose members or holding group are written as
// undefined counts as one without; a group with no members is never "emptied".
import { describe, expect, it } from 'vitest';
import { executeChanges } from '../../src/run/apply/execute.js';
import { memberTargets } from '../../src/run/apply/converged.js';
import { neverApplied, policyViolations } from '../../src/run/apply/policy.js';
import type { GroupsApi } from '../../src/edge/cognito/port.js';
import type { DesiredGroup } from '../../src/core/config/model.js';
import { CgError } from '../../src/core/errors.js';
import type { GroupChange, PoolPlan } from '../../src/core/plan/model.js';
import type { ApplyProgress } from '../../src/run/apply/report.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const A = 'eu-west-1_EdgeA';
const B = 'eu-west-1_EdgeB';
const ROLE_1 = 'arn:aws:iam::123456789012:role/One';
const ROLE_2 = 'arn:aws:iam::123456789012:role/Two';

function poolPlan(id: string, changes: GroupChange[]): PoolPlan {
  return { userPoolId: id, region: 'eu-west-1', listed: 0, changes, unchanged: [], unmanaged: [] };
}

const create = (name: string, after: Omit<DesiredGroup, 'name'> = {}): GroupChange => ({ action: 'create', name, after });

describe('executeChanges when the run loses its lease', () => {
  it('starts no change once mayNotWrite names a reason, in any pool, and reports the lease lost', async () => {
    const fake = new FakeGroupsApi().addPool(A).addPool(B);
    let lost: string | undefined;
    const api = fake.asPort({
      createGroup: async (pool, group) => {
        await fake.createGroup(pool, group);
        if (group.name === 'a1') lost = `the lease on ${A} was taken over`;
      },
    });
    const report = await executeChanges(api, api, [poolPlan(A, [create('a1'), create('a2')]), poolPlan(B, [create('b1'), create('b2')])], { concurrency: 1, mayNotWrite: () => lost });
    expect(report.results.map((r) => [r.poolId, r.change.name, r.status, r.message])).toEqual([
      [A, 'a1', 'done', undefined],
      [A, 'a2', 'not-started', `not started: the lease on ${A} was taken over`],
      [B, 'b1', 'done', undefined],
      [B, 'b2', 'not-started', `not started: the lease on ${A} was taken over`],
    ]);
    expect(report.leaseLost).toBe(`the lease on ${A} was taken over`);
    expect(fake.writeCalls().map((c) => c.name)).toEqual(['a1', 'b1']);
  });

  it('names the first reason given, not a later one', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const reasons = ['lost first', 'lost second', 'lost third', 'lost at the end'];
    let asked = 0;
    const report = await executeChanges(fake, fake, [poolPlan(A, [create('a'), create('b'), create('c')])], { concurrency: 1, mayNotWrite: () => reasons[asked++] });
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['not-started', 'not started: lost first'],
      ['not-started', 'not started: lost first'],
      ['not-started', 'not started: lost first'],
    ]);
    expect(report.leaseLost).toBe('lost at the end');
    expect(fake.calls).toEqual([]);
  });

  it('names the lease only when it was lost', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const kept = await executeChanges(fake, fake, [poolPlan(A, [create('a')])], { mayNotWrite: () => undefined });
    expect(kept).toStrictEqual({ results: [{ poolId: A, change: create('a'), status: 'done' }], interrupted: false });
    expect('leaseLost' in kept).toBe(false);
    const unasked = await executeChanges(fake, fake, [poolPlan(A, [])]);
    expect(unasked).toStrictEqual({ results: [], interrupted: false });
  });
});

describe('executeChanges after a denied iam:PassRole', () => {
  /** A port whose CreateGroup of groups giving `role` is denied iam:PassRole, with `message`, naming CreateGroup. */
  function denying(fake: FakeGroupsApi, role: string, message: string): GroupsApi {
    return fake.asPort({
      createGroup: async (pool, group) => {
        if (group.roleArn === role) throw new CgError('AWS_ACCESS_DENIED', message, { operation: 'CreateGroup' });
        return fake.createGroup(pool, group);
      },
    });
  }

  it.each([
    ['the action alone', 'CreateGroup: access denied (User: x is not authorized to perform: iam:PassRole on resource: r)'],
    ['the action at the end of a sentence', 'CreateGroup: access denied. User: x is not authorized to perform: iam:PassRole.'],
    ['the action followed by more of the message', 'CreateGroup: access denied. User: x is not authorized to perform: iam:PassRole,because no policy allows it'],
  ])('stops only the changes giving that role when the message names %s', async (_what, message) => {
    const fake = new FakeGroupsApi().addPool(A);
    const api = denying(fake, ROLE_1, message);
    const report = await executeChanges(api, api, [poolPlan(A, [create('c1', { roleArn: ROLE_1 }), create('c2', { roleArn: ROLE_2 }), create('c3', { roleArn: ROLE_1 }), create('c4')])], { concurrency: 1 });
    expect(report.results.map((r) => [r.change.name, r.status, r.status === 'failed' ? undefined : r.message])).toEqual([
      ['c1', 'failed', undefined],
      ['c2', 'done', undefined],
      ['c3', 'not-started', `not started: passing the role ${ROLE_1} was denied (AWS_ACCESS_DENIED)`],
      ['c4', 'done', undefined],
    ]);
    expect(fake.groupsOf(A).map((g) => g.name)).toEqual(['c2', 'c4']);
  });

  it('stops the operation in the pool when another action was denied', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const api = denying(fake, ROLE_1, 'CreateGroup: access denied (User: x is not authorized to perform: cognito-idp:CreateGroup on resource: p)');
    const report = await executeChanges(api, api, [poolPlan(A, [create('c1', { roleArn: ROLE_1 }), create('c2', { roleArn: ROLE_2 })])], { concurrency: 1 });
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['c1', 'failed'],
      ['c2', 'not-started'],
    ]);
    expect(report.results[1]?.message).toBe('not started: CreateGroup was denied in this pool (AWS_ACCESS_DENIED)');
  });
});

describe('changes whose optional parts are written as undefined', () => {
  it('applies a change with members: undefined as one without members, and counts no member calls', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const change: GroupChange = { action: 'create', name: 'a', after: {}, members: undefined };
    const progress: ApplyProgress[] = [];
    const report = await executeChanges(fake, fake, [poolPlan(A, [change])], { onProgress: (p) => progress.push({ ...p }) });
    expect(report.results.map((r) => r.status)).toEqual(['done']);
    expect(progress).toStrictEqual([{ total: 1, done: 1, failed: 0 }]);
  });

  it('counts the member calls of a change with members, for the progress', async () => {
    const fake = new FakeGroupsApi().addPool(A).addUsers(A, ['u1', 'u2']);
    const change: GroupChange = { action: 'create', name: 'a', after: {}, members: { add: ['u1', 'u2'], remove: [], had: 0 } };
    const progress: ApplyProgress[] = [];
    await executeChanges(fake, fake, [poolPlan(A, [change])], { onProgress: (p) => progress.push({ ...p }) });
    expect(progress.at(-1)).toStrictEqual({ total: 1, done: 1, failed: 0, members: { copied: 2, total: 2 } });
    expect(fake.members(A, 'a')).toEqual(['u1', 'u2']);
  });

  it('puts no members in a group whose replace has hold: undefined (its members are dropped)', () => {
    const replace: GroupChange = { action: 'replace', name: 'r', previousName: 'r', before: { roleArn: ROLE_1 }, after: {}, fields: [], reasons: ['roleArn-removed'], hold: undefined };
    const update: GroupChange = { action: 'update', name: 'u', before: {}, after: { precedence: 1 }, fields: [], hold: undefined };
    expect(memberTargets(poolPlan(A, [replace, update]))).toStrictEqual([]);
  });
});

describe('groups a plan empties', () => {
  const removing = (had: number, remove: string[]): GroupChange => ({ action: 'update', name: 'g', before: {}, after: {}, fields: [], members: { add: [], remove, had } });

  it('never names a group that had no members as emptied', () => {
    const plan = { pools: [poolPlan(A, [removing(0, ['ghost'])])] };
    expect(policyViolations(plan, { allowMemberRemovals: true })).toBeUndefined();
    expect(neverApplied(plan)).toBeUndefined();
  });

  it('names a group with members whose every member the plan removes', () => {
    const plan = { pools: [poolPlan(A, [removing(1, ['only'])])] };
    expect(policyViolations(plan, { allowMemberRemovals: true })).toStrictEqual({ providerGroups: [], replaces: [], deletes: [], emptiedGroups: [{ poolId: A, name: 'g', count: 1 }] });
    expect(neverApplied(plan)).toStrictEqual({ providerGroups: [], emptiedGroups: [{ poolId: A, name: 'g', count: 1 }] });
  });
});
