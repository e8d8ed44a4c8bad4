// The planner's rules for `members:` (src/core/plan/compute.ts, member-changes.ts): a group's members
// after its change include the members a rename under way already moved and those a stopped run
// holds; an unknown pool is taken to ignore case; the groups whose members a plan reads; and the
// order of what it records. Pure.
import { describe, expect, it } from 'vitest';
import type { DesiredGroup, DesiredPool } from '../../src/core/config/model.js';
import { computePoolPlan, memberReadsOf } from '../../src/core/plan/compute.js';
import { holdDescription, holdName } from '../../src/core/plan/holding.js';
import { memberChangeOf, usernameKey } from '../../src/core/plan/member-changes.js';
import type { ObservedGroup, PoolPlan } from '../../src/core/plan/model.js';

const A = 'eu-west-1_PlanMembers1';
const ROLE = 'arn:aws:iam::123456789012:role/R';

const pool = (groups: DesiredGroup[]): DesiredPool => ({ id: A, region: 'eu-west-1', unmanagedGroups: 'keep', groups });
const read = (entries: Record<string, string[]>) => new Map(Object.entries(entries));
const exact = (...users: string[]) => ({ mode: 'exact' as const, users });
const held = (group: string, op: 'replace' | 'rename' = 'replace', from = group): ObservedGroup => ({ name: holdName(group), description: holdDescription({ op, group, from }) });

describe('the members a group has after its change', () => {
  it('for a rename under way: the old group\'s, the new group\'s and the held ones', () => {
    const desired = pool([{ name: 'new', previously: ['old'], members: exact('o', 'n', 'h') }]);
    const observed = [{ name: 'old' }, { name: 'new' }, held('new', 'rename', 'old')];
    const plan = computePoolPlan(desired, observed, { members: read({ old: ['o'], new: ['n'], [holdName('new')]: ['h'] }), caseSensitive: true });
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'rename', name: 'new' })]);
    expect(plan.changes[0]).not.toHaveProperty('members');
  });

  it('for a group made again after a stopped replace: the held ones', () => {
    const desired = pool([{ name: 'ops', members: exact('h') }]);
    const plan = computePoolPlan(desired, [held('ops')], { members: read({ [holdName('ops')]: ['h'] }), caseSensitive: true });
    expect(plan.changes).toStrictEqual([{ action: 'create', name: 'ops', after: {}, hold: { group: holdName('ops'), resuming: true, memberCount: 1, usernames: ['h'] } }]);
  });

  it('for a group whose held members go back: its own and the held ones, a restore with the member changes left', () => {
    const desired = pool([{ name: 'ops', members: exact('a', 'h', 'new') }]);
    const plan = computePoolPlan(desired, [{ name: 'ops' }, held('ops')], { members: read({ ops: ['a'], [holdName('ops')]: ['h'] }), caseSensitive: true });
    expect(plan.changes).toStrictEqual([{ action: 'restore', name: 'ops', hold: { group: holdName('ops'), resuming: true, memberCount: 1, usernames: ['h'] }, members: { add: ['new'], remove: [], had: 2 } }]);
  });

  it('names the held usernames in name order', () => {
    const plan = computePoolPlan(pool([{ name: 'ops' }]), [held('ops')], { members: read({ [holdName('ops')]: ['zed', 'amy', 'Bob'] }) });
    expect(plan.changes[0]).toMatchObject({ action: 'create', hold: { usernames: ['Bob', 'amy', 'zed'] } });
  });

  it('takes a pool not known to be case-sensitive for one that ignores case', () => {
    const plan = computePoolPlan(pool([{ name: 'ops', members: exact('alice') }]), [{ name: 'ops' }], { members: read({ ops: ['Alice'] }) });
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toEqual(['ops']);
  });

  it('records no member change for a group that needs none', () => {
    const plan = computePoolPlan(pool([{ name: 'new', members: exact() }, { name: 'ops', description: 'd', members: exact('a') }]), [{ name: 'ops' }], { members: read({ ops: ['a'] }), caseSensitive: true });
    expect(plan.changes).toStrictEqual([
      { action: 'create', name: 'new', after: {} },
      { action: 'update', name: 'ops', before: {}, after: { description: 'd' }, fields: [{ field: 'description', before: null, after: 'd' }] },
    ]);
  });

  it('removes the unlisted members of an exact list in name order, and takes "ß" and "SS" for different users', () => {
    const change = memberChangeOf(A, { name: 'g', members: exact('a') }, ['z', 'b', 'a', 'm'], true);
    expect(change).toStrictEqual({ add: [], remove: ['b', 'm', 'z'], had: 4 });
    expect(usernameKey('Straße', false)).not.toBe(usernameKey('STRASSE', false));
    expect(usernameKey('Alice', false)).toBe(usernameKey('aLICE', false));
    expect(() => memberChangeOf(A, { name: 'g', members: exact('Bob', 'bob') }, [], false)).toThrow(expect.objectContaining({ code: 'MEMBERS_INVALID' }));
    // A group without members: needs no member change, whatever it has.
    expect(memberChangeOf(A, { name: 'g' }, ['a'], false)).toBeUndefined();
  });
});

describe('the groups whose members a plan reads, with the file\'s pool', () => {
  it('are every group with members: as the pool has it now, and the groups changes start from', () => {
    const desired = pool([
      { name: 'upd', description: 'd', members: exact('a') },
      { name: 'back', members: exact('a') },
      { name: 'moving', previously: ['was-moving'], members: exact('a') },
      { name: 'moved', previously: ['was-moved'], members: exact('a') },
      { name: 'fresh', members: exact('a') },
      { name: 'same', members: exact('a') },
      { name: 'plain', description: 'd' },
      { name: 'quiet' },
    ]);
    const observed: ObservedGroup[] = [
      { name: 'upd' },
      { name: 'back' },
      held('back'),
      { name: 'was-moving' },
      { name: 'was-moved' },
      { name: 'moved' },
      held('moved', 'rename', 'was-moved'),
      { name: 'same' },
      { name: 'plain' },
      { name: 'quiet' },
    ];
    const plan = computePoolPlan(desired, observed);
    expect(plan.changes.map((c) => [c.action, c.name])).toEqual([
      ['restore', 'back'],
      ['create', 'fresh'],
      ['rename', 'moved'],
      ['rename', 'moving'],
      ['update', 'plain'],
      ['update', 'upd'],
    ]);
    expect(plan.unchanged).toEqual(['quiet', 'same']);
    expect(memberReadsOf(plan, desired)).toEqual(['back', holdName('back'), holdName('moved'), 'moved', 'same', 'upd', 'was-moved', 'was-moving'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Without the file's pool, only the groups changes start from and holding groups.
    expect(memberReadsOf(plan)).toEqual([holdName('back'), holdName('moved'), 'was-moved', 'was-moving'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('never reads a group for a pool whose file has no members:', () => {
    const plan: PoolPlan = { userPoolId: A, region: 'eu-west-1', listed: 1, changes: [{ action: 'update', name: 'u', before: {}, after: { description: 'd' }, fields: [] }], unchanged: ['same'], unmanaged: [] };
    expect(memberReadsOf(plan, pool([{ name: 'u', description: 'd' }, { name: 'same' }]))).toEqual([]);
  });

  it('reads a group whose update changes its role, and not one whose update only changes its description', () => {
    const plan = computePoolPlan(pool([{ name: 'r', roleArn: ROLE }, { name: 'd', description: 'x' }]), [{ name: 'r' }, { name: 'd' }]);
    expect(memberReadsOf(plan)).toEqual(['r']);
  });
});
