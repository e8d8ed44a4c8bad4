// The executor's rules for a group's `members:` (src/run/apply/change-steps.ts, execute.ts): which
// operations a member change may call (so a denied one stops the changes that would meet it again),
// no member call before the group's own change went through, which failures stop the other member
// calls of a change and which do not, what a failed member change says, and the progress it counts.
// Against the in-memory fake.
import { describe, expect, it } from 'vitest';
import { applyOne, operationsOf } from '../../src/run/apply/change-steps.js';
import { checkAfterApply, memberTargets } from '../../src/run/apply/converged.js';
import { executeChanges } from '../../src/run/apply/execute.js';
import type { ApplyProgress } from '../../src/run/apply/report.js';
import type { GroupsApi, PoolRef } from '../../src/edge/cognito/port.js';
import { CgError, type ErrorCode } from '../../src/core/errors.js';
import { holdDescription, holdName } from '../../src/core/plan/holding.js';
import type { GroupChange, MemberChange, PoolPlan } from '../../src/core/plan/model.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const A = 'eu-west-1_Members1';
const POOL_A: PoolRef = { id: A, region: 'eu-west-1' };

const members = (add: string[], remove: string[] = [], had = remove.length): MemberChange => ({ add, remove, had });
type DescriptionChange = { field: 'description'; before: null; after: string };
const updateMembers = (name: string, m: MemberChange, fields: DescriptionChange[] = []): GroupChange => ({
  action: 'update',
  name,
  before: {},
  after: fields[0] === undefined ? {} : { description: fields[0].after },
  fields,
  members: m,
});
const users = (n: number, prefix = 'u'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);

function poolPlan(changes: GroupChange[]): PoolPlan {
  return { userPoolId: A, region: 'eu-west-1', listed: 0, changes, unchanged: [], unmanaged: [] };
}

/** The fake's methods as a port, with some replaced. */
const port = (fake: FakeGroupsApi, overrides: Partial<GroupsApi> = {}): GroupsApi => fake.asPort(overrides);

describe('the operations a member change may call', () => {
  it('adds AdminAddUserToGroup only for adds and AdminRemoveUserFromGroup only for removes', () => {
    expect(operationsOf(updateMembers('g', members(['a'])))).toEqual(['AdminAddUserToGroup']);
    expect(operationsOf(updateMembers('g', members([], ['b'])))).toEqual(['AdminRemoveUserFromGroup']);
    expect(operationsOf(updateMembers('g', members(['a'], ['b'])))).toEqual(['AdminAddUserToGroup', 'AdminRemoveUserFromGroup']);
    expect(operationsOf({ action: 'create', name: 'g', after: {}, members: members(['a']) })).toEqual(['CreateGroup', 'AdminAddUserToGroup']);
  });

  it('calls UpdateGroup for an update with fields, or without members, never for one of the members alone', () => {
    const description = [{ field: 'description' as const, before: null, after: 'd' }];
    expect(operationsOf(updateMembers('g', members(['a']), description))).toEqual(['UpdateGroup', 'AdminAddUserToGroup']);
    expect(operationsOf({ action: 'update', name: 'g', before: {}, after: {}, fields: [] })).toEqual(['UpdateGroup']);
    expect(operationsOf({ action: 'update', name: 'g', before: {}, after: { description: 'd' }, fields: description })).toEqual(['UpdateGroup']);
  });

  it('after adding members is denied, starts no later change that adds members, and goes on with one that only removes', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g1' }, { name: 'g2' }, { name: 'g3' }]).addUsers(A, ['a', 'b', 'c']).addMembers(A, 'g3', ['c']);
    fake.fail({ op: 'AdminAddUserToGroup', code: 'AWS_ACCESS_DENIED' });
    const report = await executeChanges(fake, fake, [poolPlan([updateMembers('g1', members(['a'])), updateMembers('g2', members(['b'])), updateMembers('g3', members([], ['c'], 1))])], { concurrency: 1 });
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['g1', 'failed'],
      ['g2', 'not-started'],
      ['g3', 'done'],
    ]);
    expect(fake.members(A, 'g3')).toEqual([]);
  });
});

describe('member calls come after the group\'s own change', () => {
  it('makes no member call when the group could not be made', async () => {
    const fake = new FakeGroupsApi({ maxGroupsPerPool: 0 }).addPool(A).addUsers(A, ['a']);
    const result = await applyOne(fake, fake, POOL_A, { action: 'create', name: 'g', after: {}, members: members(['a']) }, {});
    expect(result.status).toBe('failed');
    expect(fake.callsOf('AdminAddUserToGroup')).toEqual([]);
  });

  it('sends the fields of an update that also changes members, and then the members', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }]).addUsers(A, ['a']);
    const change = updateMembers('g', members(['a']), [{ field: 'description', before: null, after: 'new' }]);
    expect(await applyOne(fake, fake, POOL_A, change, {})).toStrictEqual({ status: 'done', membersAdded: 1 });
    expect(fake.groupsOf(A)).toEqual([{ name: 'g', description: 'new' }]);
    expect(fake.members(A, 'g')).toEqual(['a']);
  });

  it('puts back held members for an update of the members alone, then removes the holding group', async () => {
    const hold = holdName('g');
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }, { name: hold, description: holdDescription({ op: 'replace', group: 'g', from: 'g' }) }]).addUsers(A, ['a']).addMembers(A, hold, ['h']);
    const change = { ...updateMembers('g', members(['a'])), hold: { group: hold, resuming: true } } as GroupChange;
    const result = await applyOne(fake, fake, POOL_A, change, {});
    expect(result).toMatchObject({ status: 'done', membersMoved: 1, membersAdded: 1 });
    expect(fake.members(A, 'g')).toEqual(['a', 'h']);
    expect(fake.groupsOf(A).map((g) => g.name)).toEqual(['g']);
  });

  it('reports only the member counts it has, and works without a progress callback', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }]).addUsers(A, ['a', 'b']).addMembers(A, 'g', ['b']);
    expect(await applyOne(fake, fake, POOL_A, updateMembers('g', members([], ['b'], 1)), {})).toStrictEqual({ status: 'done', membersRemoved: 1 });
    expect(await applyOne(fake, fake, POOL_A, updateMembers('g', members(['a'])), {})).toStrictEqual({ status: 'done', membersAdded: 1 });
  });
});

describe('a rename moves members from where they are', () => {
  it('reads the old group\'s members, and a holding group\'s only when an earlier run left one', async () => {
    const hold = holdName('new');
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'old' }]).addMembers(A, 'old', ['a']);
    const rename = (resuming: boolean): GroupChange => ({ action: 'rename', name: 'new', previousName: 'old', before: {}, after: {}, fields: [], hold: { group: hold, resuming } });
    expect(await applyOne(fake, fake, POOL_A, rename(false), {})).toStrictEqual({ status: 'done', membersMoved: 1 });
    expect(fake.callsOf('ListUsersInGroup').map((c) => c.name)).toEqual(['old']);
    const left = new FakeGroupsApi().addPool(A, [{ name: 'old' }, { name: hold, description: holdDescription({ op: 'rename', group: 'new', from: 'old' }) }]).addMembers(A, 'old', ['a']).addMembers(A, hold, ['h']);
    expect(await applyOne(left, left, POOL_A, rename(true), {})).toStrictEqual({ status: 'done', membersMoved: 2 });
    expect(left.callsOf('ListUsersInGroup').map((c) => c.name)).toEqual(['old', hold]);
    expect(left.members(A, 'new')).toEqual(['a', 'h']);
  });
});

describe('which member failures stop the others', () => {
  // 20 adds, 16 at a time: a failure that stops the change leaves the last 4 unstarted.
  const addsAfterFailure = async (code: ErrorCode): Promise<number> => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }]).addUsers(A, users(20));
    fake.fail({ op: 'AdminAddUserToGroup', code });
    const result = await applyOne(fake, fake, POOL_A, updateMembers('g', members(users(20))), {});
    expect(result.status).toBe('failed');
    return fake.callsOf('AdminAddUserToGroup').length;
  };

  it('starts no new member call after a stop, bad credentials, a denial or a missing group', async () => {
    for (const code of ['INTERRUPTED', 'AWS_CREDENTIALS', 'AWS_ACCESS_DENIED', 'AWS_GROUP_NOT_FOUND'] as const) {
      expect(await addsAfterFailure(code), code).toBe(16);
    }
  });

  it('goes on with the other users after one user\'s own failure', async () => {
    expect(await addsAfterFailure('AWS_USER_GROUP_LIMIT')).toBe(20);
    expect(await addsAfterFailure('AWS_USER_NOT_FOUND')).toBe(20);
  });
});

describe('what a failed member change says', () => {
  it('names the first five failures, how many more there were, and what went through', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }]).addUsers(A, ['ok']);
    const seven = users(7, 'x');
    const result = await applyOne(fake, fake, POOL_A, updateMembers('g', members(['ok', ...seven])), {});
    const named = seven.slice(0, 5).map((u) => `add "${u}": fake: no user ${u} in ${A}`).join('; ');
    expect(result).toStrictEqual({
      status: 'failed',
      message: `7 member change(s) failed (${named} and 2 more); 1 added, 0 removed`,
      membersAdded: 1,
      failure: { code: 'AWS_USER_NOT_FOUND', operation: undefined, message: `7 member change(s) failed (${named} and 2 more); 1 added, 0 removed`, deletedNotCreated: false },
    });
  });

  it('names all of five failures and no more; a removal as a removal', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }]);
    const five = users(5, 'x');
    const result = await applyOne(fake, fake, POOL_A, updateMembers('g', members(five)), {});
    expect(result.message).toBe(`5 member change(s) failed (${five.map((u) => `add "${u}": fake: no user ${u} in ${A}`).join('; ')}); 0 added, 0 removed`);
    fake.addUsers(A, ['y']).addMembers(A, 'g', ['y']).fail({ op: 'AdminRemoveUserFromGroup', code: 'AWS_ERROR' });
    const removal = await applyOne(fake, fake, POOL_A, updateMembers('g', members([], ['y'], 1)), {});
    expect(removal.message).toBe(`1 member change(s) failed (remove "y": fake: scripted AWS_ERROR for AdminRemoveUserFromGroup); 0 added, 0 removed`);
  });

  it('says a stop while changing members left the change to the next apply, with the counts so far', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }]).addUsers(A, ['a', 'b']);
    let calls = 0;
    const api = port(fake, {
      addMember: async (p, g, u) => {
        calls++;
        if (calls > 1) throw new CgError('INTERRUPTED', 'interrupted: no new calls were started');
        return fake.addMember(p, g, u);
      },
    });
    const result = await applyOne(api, fake, POOL_A, updateMembers('g', members(['a', 'b'])), {});
    expect(result).toStrictEqual({
      status: 'failed',
      message: 'stopped while changing members: 1 added, 0 removed; run apply again to finish',
      membersAdded: 1,
      failure: { code: 'INTERRUPTED', operation: undefined, message: 'interrupted: no new calls were started', deletedNotCreated: false },
    });
  });

  it('still reports the members it moved when its member changes fail after', async () => {
    const hold = holdName('g');
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }, { name: hold, description: holdDescription({ op: 'replace', group: 'g', from: 'g' }) }]).addMembers(A, hold, ['h']);
    const change: GroupChange = { action: 'restore', name: 'g', hold: { group: hold, resuming: true }, members: members(['nobody']) };
    const result = await applyOne(fake, fake, POOL_A, change, {});
    expect(result).toMatchObject({ status: 'failed', membersMoved: 1, failure: { code: 'AWS_USER_NOT_FOUND' } });
    const plain = await applyOne(fake, fake, POOL_A, updateMembers('g', members(['nobody'])), {});
    expect(Object.keys(plain).sort()).toEqual(['failure', 'message', 'status']);
  });

  it('gives the failure of a create that cannot adopt the group made meanwhile its message', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'G', roleArn: 'arn:aws:iam::123456789012:role/R' }]);
    const result = await applyOne(fake, fake, POOL_A, { action: 'create', name: 'g', after: {} }, {});
    expect(result.failure).toEqual({ code: 'AWS_GROUP_EXISTS', operation: undefined, message: result.message, deletedNotCreated: false });
    expect(result.message).toMatch(/created meanwhile/);
  });
});

describe('progress of member changes', () => {
  it('counts the adds and removes of a change among the members to move, and each as it is made', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'g' }]).addUsers(A, ['a', 'b', 'c']).addMembers(A, 'g', ['c']);
    const seen: ApplyProgress[] = [];
    await executeChanges(fake, fake, [poolPlan([updateMembers('g', members(['a', 'b'], ['c'], 1))])], { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.members)).toEqual([
      { copied: 1, total: 3 },
      { copied: 2, total: 3 },
      { copied: 3, total: 3 },
      { copied: 3, total: 3 },
    ]);
  });

  it('counts the members a resumed rename puts back from its holding group, and only then', async () => {
    const hold = { group: holdName('n'), resuming: true, memberCount: 2 };
    const rename = (resuming: boolean): GroupChange => ({ action: 'rename', name: 'n', previousName: 'o', before: {}, after: {}, fields: [], hold: { ...hold, resuming }, memberCount: 3 });
    const totals = async (change: GroupChange): Promise<number | undefined> => {
      const seen: ApplyProgress[] = [];
      await executeChanges(new FakeGroupsApi(), new FakeGroupsApi(), [poolPlan([change])], { onProgress: (p) => seen.push(p) });
      return seen[0]?.members?.total;
    };
    expect(await totals(rename(true))).toBe(5);
    expect(await totals(rename(false))).toBe(3);
    expect(await totals({ action: 'rename', name: 'n', previousName: 'o', before: {}, after: {}, fields: [], hold: { group: holdName('n'), resuming: true }, memberCount: 3 })).toBe(3);
  });
});

describe('the groups a change puts members in', () => {
  const hold = (name: string, resuming: boolean) => ({ group: holdName(name), resuming });
  const base = { before: {}, after: {}, fields: [] };

  it('are where a kept replace, a rename or held members put them, with the adds and removes of the file', () => {
    const plan = poolPlan([
      { action: 'replace', name: 'kept', previousName: 'KEPT', ...base, reasons: ['case-rename'], hold: hold('kept', false) },
      { action: 'replace', name: 'kept2', previousName: 'kept2', ...base, reasons: ['roleArn-removed'], hold: hold('kept2', true) },
      { action: 'replace', name: 'dropped', previousName: 'dropped', ...base, reasons: ['roleArn-removed'] },
      { action: 'rename', name: 'new', previousName: 'old', ...base, hold: hold('new', false) },
      { action: 'rename', name: 'new2', previousName: 'old2', ...base, hold: hold('new2', true) },
      { action: 'create', name: 'made', after: {}, hold: hold('made', true) },
      { action: 'create', name: 'plain', after: {} },
      { action: 'update', name: 'held', ...base, hold: hold('held', true) },
      { action: 'update', name: 'swap', ...base, members: members(['a'], ['b'], 1) },
      { action: 'restore', name: 'back', hold: hold('back', true) },
      { action: 'delete', name: 'gone', before: {} },
    ]);
    expect(memberTargets(plan)).toStrictEqual([
      { group: 'kept', sources: ['KEPT'], add: [], remove: [] },
      { group: 'kept2', sources: ['kept2', holdName('kept2')], add: [], remove: [] },
      { group: 'new', sources: ['old'], add: [], remove: [] },
      { group: 'new2', sources: ['old2', holdName('new2')], add: [], remove: [] },
      { group: 'made', sources: [holdName('made')], add: [], remove: [] },
      { group: 'held', sources: [holdName('held')], add: [], remove: [] },
      { group: 'swap', sources: [], add: ['a'], remove: ['b'] },
      { group: 'back', sources: [holdName('back')], add: [], remove: [] },
    ]);
  });

  it('include a group whose rename also adds a member, and one a dropping replace adds members to', () => {
    const plan = poolPlan([
      { action: 'replace', name: 'dropped', previousName: 'dropped', ...base, reasons: ['roleArn-removed'], members: members(['a']) },
      { action: 'update', name: 'only-removes', ...base, members: members([], ['b'], 1) },
    ]);
    expect(memberTargets(plan).map((t) => t.group)).toEqual(['dropped', 'only-removes']);
  });
});

describe('the member check after applying', () => {
  const base = { before: {}, after: {}, fields: [] };
  const rename = (m?: MemberChange): GroupChange => ({ action: 'rename', name: 'new', previousName: 'old', ...base, hold: { group: holdName('new'), resuming: false }, ...(m === undefined ? {} : { members: m }) });
  const listed = new Map([[A, [{ name: 'new' }]]]);
  const read = (groups: Record<string, string[]>) => new Map([[A, new Map(Object.entries(groups))]]);

  it('names the members a group lacks and those it still has that the run removed, sorted', () => {
    const plan = { pools: [poolPlan([rename(members([], ['x', 'w'], 5))])] };
    const result = checkAfterApply(plan, listed, undefined, { then: read({ old: ['d', 'c', 'b', 'x', 'w'] }), now: read({ new: ['x', 'c', 'w'] }) });
    expect(result.membersMissing).toStrictEqual([{ poolId: A, group: 'new', expected: 3, missing: ['b', 'd'], unexpected: ['w', 'x'] }]);
  });

  it('finds nothing when the group has every member it should and none the run removed', () => {
    const plan = { pools: [poolPlan([rename(members(['z'], ['x'], 2))])] };
    const result = checkAfterApply(plan, listed, undefined, { then: read({ old: ['a', 'x'] }), now: read({ new: ['a', 'z'] }) });
    expect(result.membersMissing).toEqual([]);
  });

  it('reports one member missing and one left in, which do not cancel out', () => {
    const plan = { pools: [poolPlan([rename(members([], ['x'], 2))])] };
    const result = checkAfterApply(plan, listed, undefined, { then: read({ old: ['a', 'x'] }), now: read({ new: ['x'] }) });
    expect(result.membersMissing).toStrictEqual([{ poolId: A, group: 'new', expected: 1, missing: ['a'], unexpected: ['x'] }]);
  });

  it('compares usernames as the pool does: ignoring case unless it is known to be case-sensitive', () => {
    const plan = { pools: [poolPlan([rename()])] };
    const then = read({ old: ['Bob'] });
    const now = read({ new: ['bob'] });
    expect(checkAfterApply(plan, listed, undefined, { then, now }).membersMissing).toEqual([]);
    expect(checkAfterApply(plan, listed, undefined, { then, now, caseSensitive: new Map([[A, false]]) }).membersMissing).toEqual([]);
    expect(checkAfterApply(plan, listed, undefined, { then, now, caseSensitive: new Map([[A, true]]) }).membersMissing).toStrictEqual([{ poolId: A, group: 'new', expected: 1, missing: ['Bob'], unexpected: [] }]);
  });

  it('expects no members from a group the plan did not read, and checks no pool it did not read again', () => {
    const plan = { pools: [poolPlan([rename(members(['a']))])] };
    expect(checkAfterApply(plan, listed, undefined, { then: new Map(), now: read({ new: ['a'] }) }).membersMissing).toEqual([]);
    expect(checkAfterApply(plan, listed, undefined, { then: read({}), now: read({ new: [] }) }).membersMissing).toStrictEqual([{ poolId: A, group: 'new', expected: 1, missing: ['a'], unexpected: [] }]);
    expect(checkAfterApply(plan, listed, undefined, { then: read({ old: ['b'] }), now: new Map() }).membersMissing).toEqual([]);
  });
});
