// The planner's side of keeping members: holding groups (never planned as groups, always finished),
// renames from `previously`, restores, member counts, and --drop-members. Pure, no I/O.
import { describe, expect, it } from 'vitest';
import type { DesiredGroup, DesiredPool } from '../../src/core/config/model.js';
import { computePoolPlan, memberReadsOf } from '../../src/core/plan/compute.js';
import { holdDescription, holdName, holdRecordOf, HOLD_PREFIX, isReserved } from '../../src/core/plan/holding.js';
import { countPlan } from '../../src/core/plan/summary.js';
import { summaryLine } from '../../src/faces/render/summary.js';
import { desired as poolOf, hold, members } from './plan-fixtures.js';

const POOL = 'eu-west-1_AbC123';
const ROLE = 'arn:aws:iam::123456789012:role/A';

const desired = (groups: DesiredGroup[], unmanagedGroups: 'keep' | 'delete' = 'keep'): DesiredPool => poolOf(POOL, groups, unmanagedGroups);

describe('holding groups', () => {
  it('names one per group, whatever the case, under the reserved prefix and within the 128-character limit', () => {
    expect(holdName('Admins')).toBe(holdName('admins'));
    expect(holdName('admins')).not.toBe(holdName('admin'));
    expect(holdName('x'.repeat(128)).startsWith(HOLD_PREFIX)).toBe(true);
    expect(holdName('x'.repeat(128)).length).toBeLessThanOrEqual(128);
  });

  it('recognises only its own: the marker, the operation, and the name that matches the record', () => {
    expect(holdRecordOf(hold('ops', 'replace', 'ops'))).toEqual({ op: 'replace', group: 'ops', from: 'ops' });
    expect(holdRecordOf({ name: holdName('ops'), description: 'handmade' })).toBeUndefined();
    // A copied description under another name is not ours.
    expect(holdRecordOf({ name: holdName('other'), description: holdDescription({ op: 'replace', group: 'ops', from: 'ops' }) })).toBeUndefined();
    expect(holdRecordOf({ name: holdName('ops'), description: JSON.stringify({ 'cognito-groups-hold': 1, op: 'steal', group: 'ops', from: 'ops' }) })).toBeUndefined();
  });
});

describe('computePoolPlan: replaces keep members', () => {
  it('keeps the members in the group\'s holding group by default, and counts them when read', () => {
    const plan = computePoolPlan(desired([{ name: 'ops' }]), [{ name: 'ops', roleArn: ROLE }], { members: members({ ops: ['a', 'b', 'c'] }) });
    expect(plan.changes).toEqual([
      expect.objectContaining({ action: 'replace', name: 'ops', hold: { group: holdName('ops'), resuming: false }, memberCount: 3 }),
    ]);
  });

  it('drops them when planned with dropMembers: no holding group', () => {
    const [change] = computePoolPlan(desired([{ name: 'ops' }]), [{ name: 'ops', roleArn: ROLE }], { dropMembers: true }).changes;
    expect(change).toMatchObject({ action: 'replace' });
    expect(change && 'hold' in change ? change.hold : undefined).toBeUndefined();
  });

  it('finishes a replace that stopped before its delete: the holding group is taken over, even with dropMembers', () => {
    const observed = [{ name: 'ops', roleArn: ROLE }, hold('ops', 'replace', 'ops')];
    const plan = computePoolPlan(desired([{ name: 'ops' }]), observed, { dropMembers: true, members: members({ ops: ['a'], [holdName('ops')]: ['a'] }) });
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'replace', hold: { group: holdName('ops'), resuming: true, memberCount: 1, usernames: ['a'] }, memberCount: 1 })]);
    expect(plan.unmanaged).toEqual([]);
  });

  it('finishes a replace that stopped after its delete: a create that puts the held members back', () => {
    const plan = computePoolPlan(desired([{ name: 'ops' }]), [hold('ops', 'replace', 'ops')], { members: members({ [holdName('ops')]: ['a', 'b'] }) });
    expect(plan.changes).toEqual([{ action: 'create', name: 'ops', after: {}, hold: { group: holdName('ops'), resuming: true, memberCount: 2, usernames: ['a', 'b'] } }]);
    expect(countPlan({ pools: [plan] })).toMatchObject({ add: 1, membersKept: 2, membersDropped: 0 });
  });

  it('finishes a replace that stopped while putting members back: a restore', () => {
    const plan = computePoolPlan(desired([{ name: 'ops' }]), [{ name: 'ops' }, hold('ops', 'replace', 'ops')]);
    expect(plan.changes).toEqual([{ action: 'restore', name: 'ops', hold: { group: holdName('ops'), resuming: true } }]);
    expect(plan.unchanged).toEqual([]);
    expect(summaryLine({ pools: [plan] })).toContain('1 to finish');
  });

  it('never plans a holding group as a group: not unmanaged, never deleted; one whose group left the file is an orphan', () => {
    const plan = computePoolPlan(desired([], 'delete'), [hold('gone', 'replace', 'gone')], { members: members({ [holdName('gone')]: ['u'] }) });
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.orphanHolds).toEqual([{ group: holdName('gone'), for: 'gone', memberCount: 1 }]);
    expect(countPlan({ pools: [plan] }).orphanHolds).toBe(1);
    expect(memberReadsOf(plan)).toEqual([holdName('gone')]);
  });

  it('never deletes a reserved name that is not one of its holding groups', () => {
    const plan = computePoolPlan(desired([], 'delete'), [{ name: 'cognito-groups.hold.handmade' }]);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.map((g) => g.name)).toEqual(['cognito-groups.hold.handmade']);
  });
});

describe('computePoolPlan: renames', () => {
  it('renames from a previous name the pool has: its own action, members counted, no replace', () => {
    const plan = computePoolPlan(desired([{ name: 'editors', previously: ['writers'], precedence: 2 }]), [{ name: 'writers', precedence: 1 }], {
      members: members({ writers: ['a', 'b'] }),
    });
    expect(plan.changes).toEqual([
      {
        action: 'rename',
        name: 'editors',
        previousName: 'writers',
        before: { precedence: 1 },
        after: { precedence: 2 },
        fields: [{ field: 'precedence', before: 1, after: 2 }],
        hold: { group: holdName('editors'), resuming: false },
        memberCount: 2,
      },
    ]);
    expect(plan.unmanaged).toEqual([]);
    expect(summaryLine({ pools: [plan] })).toBe('Plan: 0 to add, 0 to change, 0 to replace, 0 to delete, 1 to rename. Members: 2 kept, 0 dropped.');
  });

  it('creates (saying the previous name has no group) when no previous name exists, and does nothing when the rename is done', () => {
    expect(computePoolPlan(desired([{ name: 'editors', previously: ['writers'] }]), []).changes).toEqual([{ action: 'create', name: 'editors', after: {}, previouslyMissing: ['writers'] }]);
    expect(computePoolPlan(desired([{ name: 'editors', previously: ['writers'] }]), [{ name: 'editors' }]).unchanged).toEqual(['editors']);
  });

  it('refuses to guess when the group and a previous name both exist and no rename is under way', () => {
    expect(() => computePoolPlan(desired([{ name: 'editors', previously: ['writers'] }]), [{ name: 'editors' }, { name: 'writers' }])).toThrow(
      expect.objectContaining({ code: 'PLAN_CONFLICT', message: expect.stringContaining('both "editors" and its previous name "writers" exist') }),
    );
  });

  it('refuses to guess between several previous names that exist', () => {
    expect(() => computePoolPlan(desired([{ name: 'editors', previously: ['writers', 'authors'] }]), [{ name: 'writers' }, { name: 'authors' }])).toThrow(
      expect.objectContaining({ code: 'PLAN_CONFLICT' }),
    );
  });

  it('finishes a rename under way (both exist, its holding group says so)', () => {
    const plan = computePoolPlan(desired([{ name: 'editors', previously: ['writers'] }]), [{ name: 'editors' }, { name: 'writers' }, hold('editors', 'rename', 'writers')]);
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'rename', previousName: 'writers', hold: { group: holdName('editors'), resuming: true } })]);
  });
});

describe('computePoolPlan: member counts', () => {
  it('counts the members a delete drops and the members whose tokens an update of role or precedence changes', () => {
    const plan = computePoolPlan(desired([{ name: 'a', precedence: 2 }, { name: 'b', description: 'new' }], 'delete'), [{ name: 'a', precedence: 1 }, { name: 'b' }, { name: 'old' }], {
      members: members({ a: ['x'], old: ['y', 'z'] }),
    });
    expect(plan.changes).toEqual([
      expect.objectContaining({ action: 'update', name: 'a', memberCount: 1 }),
      { action: 'update', name: 'b', before: {}, after: { description: 'new' }, fields: [{ field: 'description', before: null, after: 'new' }] },
      expect.objectContaining({ action: 'delete', name: 'old', memberCount: 2 }),
    ]);
    expect(memberReadsOf(plan)).toEqual(['a', 'old']);
    expect(summaryLine({ pools: [plan] })).toBe('Plan: 0 to add, 2 to change, 0 to replace, 1 to delete. Members: 0 kept, 2 dropped.');
  });
});

describe('the reserved prefix, in any case', () => {
  it('is reserved whatever the case: never planned for deletion as unmanaged', () => {
    expect(isReserved('Cognito-Groups.other')).toBe(true);
    const plan = computePoolPlan(desired([], 'delete'), [{ name: 'Cognito-Groups.other' }, { name: holdName('ops').toUpperCase() }]);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.map((g) => g.name)).toEqual([holdName('ops').toUpperCase(), 'Cognito-Groups.other'].sort());
  });
});
