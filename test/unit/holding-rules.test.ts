// Holding groups and the planner's replace, rename and delete decisions around them
// (src/core/plan/holding.ts, compute.ts, fields.ts, summary.ts): a holding group's name and description
// are how a later run, on any machine, finds what a killed run left, so they are pinned byte for byte;
// a holding group is never planned as a group; a resumed rename never deletes the group it made;
// provider groups are left alone; the counts say how many members are kept and dropped.
import { describe, expect, it } from 'vitest';
import type { DesiredGroup, DesiredPool } from '../../src/core/config/model.js';
import { compareNames, lookalikeKey, nameKey } from '../../src/core/config/names.js';
import { computePoolPlan, memberReadsOf, providerAlert } from '../../src/core/plan/compute.js';
import { diffFields, normalFields, replaceReasons, sameFields } from '../../src/core/plan/fields.js';
import { HOLD_PREFIX, holdDescription, holdName, holdRecordOf, isReserved } from '../../src/core/plan/holding.js';
import type { GroupChange, ObservedGroup, Plan, PoolPlan } from '../../src/core/plan/model.js';
import { countPlan, hasChanges } from '../../src/core/plan/summary.js';
import { summaryLine } from '../../src/faces/render/summary.js';
import { desired as poolOf, hold, members } from './plan-fixtures.js';

const POOL = 'eu-west-1_Hold1';
const ROLE = 'arn:aws:iam::123456789012:role/A';

const desired = (groups: DesiredGroup[], unmanagedGroups: 'keep' | 'delete' = 'keep'): DesiredPool => poolOf(POOL, groups, unmanagedGroups);

describe('holding groups: the names and descriptions a later run looks for', () => {
  it('never changes how a holding group is named (a run of another version must find what this one left)', () => {
    expect(HOLD_PREFIX).toBe('cognito-groups.hold.');
    expect(holdName('ops')).toBe('cognito-groups.hold.b822999beff4246d');
    expect(holdName('admins')).toBe('cognito-groups.hold.7e2da425cfee3623');
    expect(holdName('ADMINS')).toBe('cognito-groups.hold.7e2da425cfee3623');
    // Each half is eight hex digits, leading zeros kept.
    expect(holdName('g2881')).toBe('cognito-groups.hold.091f2bf7006f2b41');
  });

  it('never changes how a holding group says what it holds', () => {
    expect(holdDescription({ op: 'replace', group: 'ops', from: 'OPS' })).toBe('{"cognito-groups-hold":1,"op":"replace","group":"ops","from":"OPS"}');
    expect(holdRecordOf({ name: holdName('ops'), description: '{"cognito-groups-hold":1,"op":"rename","group":"ops","from":"writers"}' })).toStrictEqual({ op: 'rename', group: 'ops', from: 'writers' });
  });

  it('takes a group for one of its own only with the marker, a known operation, a group and a from, under the name of that group', () => {
    const name = holdName('ops');
    const record = (o: unknown): ObservedGroup => ({ name, description: JSON.stringify(o) });
    expect(holdRecordOf(record({ 'cognito-groups-hold': 1, op: 'replace', group: 'ops', from: 'ops' }))).toStrictEqual({ op: 'replace', group: 'ops', from: 'ops' });
    expect(holdRecordOf(record({ op: 'replace', group: 'ops', from: 'ops' }))).toBeUndefined();
    expect(holdRecordOf(record({ 'cognito-groups-hold': 2, op: 'replace', group: 'ops', from: 'ops' }))).toBeUndefined();
    expect(holdRecordOf(record({ 'cognito-groups-hold': '1', op: 'replace', group: 'ops', from: 'ops' }))).toBeUndefined();
    expect(holdRecordOf(record({ 'cognito-groups-hold': 1, group: 'ops', from: 'ops' }))).toBeUndefined();
    expect(holdRecordOf(record({ 'cognito-groups-hold': 1, op: 'replace', from: 'ops' }))).toBeUndefined();
    expect(holdRecordOf(record({ 'cognito-groups-hold': 1, op: 'replace', group: 5, from: 'ops' }))).toBeUndefined();
    expect(holdRecordOf(record({ 'cognito-groups-hold': 1, op: 'replace', group: 'ops' }))).toBeUndefined();
    expect(holdRecordOf(record({ 'cognito-groups-hold': 1, op: 'replace', group: 'ops', from: 5 }))).toBeUndefined();
    for (const description of ['null', '5', '"text"', '[1]', 'not json', '']) expect(holdRecordOf({ name, description }), description).toBeUndefined();
    expect(holdRecordOf({ name })).toBeUndefined();
    // The right record under a name that is not its group's.
    expect(holdRecordOf({ name: 'ops', description: holdDescription({ op: 'replace', group: 'ops', from: 'ops' }) })).toBeUndefined();
    expect(holdRecordOf({ name: `${HOLD_PREFIX}x`, description: holdDescription({ op: 'replace', group: 'ops', from: 'ops' }) })).toBeUndefined();
  });

  it('reserves every name under "cognito-groups." and nothing else', () => {
    expect(isReserved('cognito-groups.hold.x')).toBe(true);
    expect(isReserved('cognito-groups.anything')).toBe(true);
    expect(isReserved('cognito-groups')).toBe(false);
    expect(isReserved('cognito-groupsx')).toBe(false);
    expect(isReserved('my.cognito-groups.x')).toBe(false);
  });
});

describe('planner: holding groups are finished, never planned as groups', () => {
  it('does not list a holding group whose group the file names as an orphan too', () => {
    const plan = computePoolPlan(desired([{ name: 'ops' }]), [{ name: 'ops', roleArn: ROLE }, hold('ops', 'replace', 'ops')]);
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'replace', name: 'ops', hold: { group: holdName('ops'), resuming: true } })]);
    expect(plan.orphanHolds).toBeUndefined();
    expect(plan.unmanaged).toEqual([]);
  });

  it('finishes an update whose group a stopped replace left held: the update puts the members back', () => {
    const plan = computePoolPlan(desired([{ name: 'ops', description: 'new' }]), [{ name: 'ops', description: 'old' }, hold('ops', 'replace', 'ops')], {
      members: members({ [holdName('ops')]: ['a', 'b', 'c'] }),
    });
    expect(plan.changes).toStrictEqual([
      {
        action: 'update',
        name: 'ops',
        before: { description: 'old' },
        after: { description: 'new' },
        fields: [{ field: 'description', before: 'old', after: 'new' }],
        hold: { group: holdName('ops'), resuming: true, memberCount: 3, usernames: ['a', 'b', 'c'] },
      },
    ]);
    expect(countPlan({ pools: [plan] })).toMatchObject({ change: 1, membersKept: 3, membersDropped: 0 });
    expect(memberReadsOf(plan)).toEqual([holdName('ops')]);
  });

  it('lists orphaned holding groups sorted by name, each with its members counted', () => {
    // Listed in the reverse of name order, so the order of the result is the planner's.
    const listed = [hold('zeta', 'replace', 'zeta'), hold('alpha', 'rename', 'old')].sort((a, b) => compareNames(b.name, a.name));
    const plan = computePoolPlan(desired([]), [...listed, { name: 'other' }], {
      members: members({ [holdName('zeta')]: ['u'], [holdName('alpha')]: ['u', 'v'] }),
    });
    const expected = [
      { group: holdName('alpha'), for: 'alpha', memberCount: 2 },
      { group: holdName('zeta'), for: 'zeta', memberCount: 1 },
    ].sort((a, b) => compareNames(a.group, b.group));
    expect(plan.orphanHolds).toStrictEqual(expected);
    expect(memberReadsOf(plan)).toEqual(expected.map((h) => h.group));
    expect(summaryLine({ pools: [plan] })).toBe('No changes. 1 unmanaged group left alone. 2 holding groups of groups the file no longer lists kept.');
  });

  it('never deletes the group a resumed rename already made, even with unmanagedGroups: delete', () => {
    const plan = computePoolPlan(desired([{ name: 'editors', previously: ['writers'] }], 'delete'), [{ name: 'editors' }, { name: 'writers' }, hold('editors', 'rename', 'writers')]);
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'rename', name: 'editors', previousName: 'writers', hold: { group: holdName('editors'), resuming: true } })]);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.orphanHolds).toBeUndefined();
  });

  it('refuses to guess when the holding group records another rename or a replace', () => {
    const observed = [{ name: 'editors' }, { name: 'writers' }];
    expect(() => computePoolPlan(desired([{ name: 'editors', previously: ['writers'] }]), [...observed, hold('editors', 'rename', 'authors')])).toThrow(expect.objectContaining({ code: 'PLAN_CONFLICT' }));
    expect(() => computePoolPlan(desired([{ name: 'editors', previously: ['writers'] }]), [...observed, hold('editors', 'replace', 'editors')])).toThrow(expect.objectContaining({ code: 'PLAN_CONFLICT' }));
    // The record's from is compared ignoring case, as names are.
    expect(computePoolPlan(desired([{ name: 'editors', previously: ['writers'] }]), [...observed, hold('editors', 'rename', 'WRITERS')]).changes).toEqual([
      expect.objectContaining({ action: 'rename', previousName: 'writers' }),
    ]);
  });

  it('names every previous name that exists when there are several', () => {
    expect(() => computePoolPlan(desired([{ name: 'editors', previously: ['writers', 'authors'] }]), [{ name: 'writers' }, { name: 'authors' }])).toThrow(
      `${POOL}: "editors" could be renamed from "writers" and "authors", which all exist; keep one of them in previously (or delete the others) and plan again`,
    );
  });
});

describe('planner: members counted and read', () => {
  it('counts the members whose tokens an update changes only when it changes the role or precedence', () => {
    const observed = [{ name: 'd' }, { name: 'p', precedence: 1 }, { name: 'dp', precedence: 1 }, { name: 'r', roleArn: ROLE }];
    const want = [{ name: 'd', description: 'x' }, { name: 'p', precedence: 2 }, { name: 'dp', description: 'x', precedence: 2 }, { name: 'r', roleArn: 'arn:aws:iam::123456789012:role/B' }];
    const plan = computePoolPlan(desired(want), observed, { members: members({ d: ['1'], p: ['1', '2'], dp: ['1', '2', '3'], r: ['1', '2', '3', '4'] }) });
    expect(plan.changes.map((c) => [c.name, 'memberCount' in c ? c.memberCount : 'none'])).toEqual([
      ['d', 'none'],
      ['dp', 3],
      ['p', 2],
      ['r', 4],
    ]);
    expect(memberReadsOf(plan)).toEqual(['dp', 'p', 'r']);
  });

  it('reads the group a change starts from, never a holding group still to be made, sorted as the pool names them', () => {
    const plan = computePoolPlan(desired([{ name: 'editors', previously: ['zeta'] }, { name: 'ops' }, { name: 'Admins' }], 'delete'), [{ name: 'zeta' }, { name: 'ops', roleArn: ROLE }, { name: 'admins' }, { name: 'old' }]);
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual(['replace Admins', 'rename editors', 'delete old', 'replace ops']);
    expect(memberReadsOf(plan)).toEqual(['admins', 'old', 'ops', 'zeta']);
  });
});

describe('planner: provider and unmanaged groups', () => {
  it('alerts on a provider group carrying a precedence, a role, or both, and on nothing else', () => {
    expect(providerAlert({ name: 'x', precedence: 0 })).toStrictEqual({ carries: ['precedence'] });
    expect(providerAlert({ name: 'x', roleArn: ROLE })).toStrictEqual({ carries: ['roleArn'] });
    expect(providerAlert({ name: 'x', roleArn: ROLE, precedence: 3 })).toStrictEqual({ carries: ['roleArn', 'precedence'] });
    expect(providerAlert({ name: 'x', description: 'd' })).toBeUndefined();
  });

  it('lists unmanaged groups with exactly their fields, an alert only where there is one', () => {
    const google = `${POOL}_Google`;
    const plan = computePoolPlan(desired([], 'delete'), [{ name: google, precedence: 2 }, { name: `${POOL}_SAML`, description: 'd' }]);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged).toStrictEqual([
      { name: google, precedence: 2, provider: true, alert: { carries: ['precedence'] } },
      { name: `${POOL}_SAML`, description: 'd', provider: true },
    ]);
    const counts = countPlan({ pools: [plan] });
    expect(counts).toMatchObject({ unmanaged: 0, providerGroups: 2, alerts: 1 });
    expect(summaryLine({ pools: [plan] })).toBe('No changes. 2 provider groups left alone. 1 provider-group alert.');
  });

  it('lists look-alike names sorted by the file name, then the pool name', () => {
    const plan = computePoolPlan(desired([{ name: 'zoé' }, { name: 'café' }]), [{ name: 'zoe\u0301' }, { name: 'caf\u034fé' }, { name: 'cafe\u0301' }]);
    expect(plan.lookalikes).toStrictEqual([
      { inFile: 'café', inPool: 'cafe\u0301' },
      { inFile: 'café', inPool: 'caf\u034fé' },
      { inFile: 'zoé', inPool: 'zoe\u0301' },
    ]);
  });
});

describe('fields: what a group has, and what cannot change in place', () => {
  it('leaves out the fields a group does not have, empty descriptions and nulls included, in a fixed order', () => {
    expect(normalFields({})).toStrictEqual({});
    expect(normalFields({ description: '' })).toStrictEqual({});
    const nulls = { description: null, precedence: null, roleArn: null } as unknown as Parameters<typeof normalFields>[0];
    expect(normalFields(nulls)).toStrictEqual({});
    expect(Object.keys(normalFields({ roleArn: ROLE, precedence: 0, description: 'd' }))).toEqual(['description', 'precedence', 'roleArn']);
    expect(normalFields({ precedence: 0 })).toStrictEqual({ precedence: 0 });
  });

  it('needs a replace to remove a role or a precedence or to change a name\'s case, never to add or change one', () => {
    expect(replaceReasons({ name: 'g', roleArn: ROLE, precedence: 1 }, { name: 'g' })).toEqual(['roleArn-removed', 'precedence-removed']);
    expect(replaceReasons({ name: 'g', precedence: 0 }, { name: 'g' })).toEqual(['precedence-removed']);
    expect(replaceReasons({ name: 'G' }, { name: 'g', roleArn: ROLE, precedence: 1 })).toEqual(['case-rename']);
    expect(replaceReasons({ name: 'g', roleArn: ROLE }, { name: 'g', roleArn: 'arn:aws:iam::123456789012:role/B', precedence: 4 })).toEqual([]);
    expect(diffFields({ precedence: 0 }, {})).toEqual([{ field: 'precedence', before: 0, after: null }]);
    expect(sameFields({ description: '' }, {})).toBe(true);
    expect(sameFields({ precedence: 0 }, {})).toBe(false);
  });
});

describe('names', () => {
  it('compares names in code-point order, equal names as equal', () => {
    expect(compareNames('a', 'a')).toBe(0);
    expect(compareNames('a', 'b')).toBe(-1);
    expect(compareNames('b', 'a')).toBe(1);
    expect(compareNames('B', 'a')).toBe(-1);
    expect(['b', 'c', 'a', 'B'].sort(compareNames)).toEqual(['B', 'a', 'b', 'c']);
  });

  it('takes names that differ only in case as one name, and no others', () => {
    expect(nameKey('Admins')).toBe(nameKey('ADMINS'));
    expect(nameKey('straße')).not.toBe(nameKey('STRASSE'));
    expect(lookalikeKey('straße')).not.toBe(lookalikeKey('strasse'));
    expect(lookalikeKey('Café')).toBe(lookalikeKey('cafe\u0301'));
  });
});

describe('counts and the summary line', () => {
  const pool = (changes: GroupChange[], extra: Partial<PoolPlan> = {}): Plan => ({ pools: [{ userPoolId: POOL, region: 'eu-west-1', listed: 0, changes, unchanged: [], unmanaged: [], ...extra }] });
  const held = (name: string, memberCount?: number) => ({ group: holdName(name), resuming: true, ...(memberCount === undefined ? {} : { memberCount }) });
  const create: GroupChange = { action: 'create', name: 'c', after: {} };
  const update: GroupChange = { action: 'update', name: 'u', before: {}, after: {}, fields: [] };
  const replace: GroupChange = { action: 'replace', name: 'r', previousName: 'r', before: {}, after: {}, fields: [], reasons: ['roleArn-removed'], hold: { group: holdName('r'), resuming: false } };
  const remove: GroupChange = { action: 'delete', name: 'd', before: {} };
  const rename: GroupChange = { action: 'rename', name: 'n', previousName: 'o', before: {}, after: {}, fields: [], hold: { group: holdName('n'), resuming: false } };
  const restore: GroupChange = { action: 'restore', name: 's', hold: held('s') };

  it('counts the members kept and dropped by each kind of change', () => {
    expect(countPlan(pool([{ ...create, hold: held('c', 3) }]))).toMatchObject({ membersKept: 3, membersDropped: 0 });
    expect(countPlan(pool([{ ...update, hold: held('u', 4) }]))).toMatchObject({ membersKept: 4, membersDropped: 0 });
    expect(countPlan(pool([{ ...replace, memberCount: 5 }]))).toMatchObject({ membersKept: 5, membersDropped: 0 });
    expect(countPlan(pool([{ ...replace, memberCount: 5, hold: held('r', 2) }]))).toMatchObject({ membersKept: 7, membersDropped: 0 });
    expect(countPlan(pool([{ ...replace, memberCount: 5, hold: { group: holdName('r'), resuming: false, memberCount: 2 } }]))).toMatchObject({ membersKept: 5 });
    const { hold: _dropped, ...dropping } = replace as Extract<GroupChange, { action: 'replace' }>;
    expect(countPlan(pool([{ ...dropping, memberCount: 6 }]))).toMatchObject({ membersKept: 0, membersDropped: 6 });
    expect(countPlan(pool([{ ...remove, memberCount: 7 }]))).toMatchObject({ membersKept: 0, membersDropped: 7 });
    expect(countPlan(pool([{ ...rename, memberCount: 8 }]))).toMatchObject({ membersKept: 8, membersDropped: 0 });
    expect(countPlan(pool([{ ...restore, hold: held('s', 9) }]))).toMatchObject({ restore: 1, membersKept: 9, membersDropped: 0 });
    expect(countPlan(pool([create, update, replace, remove, rename, restore]))).toMatchObject({ add: 1, change: 1, replace: 1, delete: 1, rename: 1, restore: 1, membersKept: 0, membersDropped: 0 });
  });

  it('says there are changes whenever any kind of change is planned, in any pool', () => {
    for (const [a, b] of [[create, update], [update, replace], [replace, remove], [remove, rename], [rename, restore]] as const) {
      expect(summaryLine(pool([a, b])), `${a.action} and ${b.action}`).not.toBe('No changes.');
    }
    expect(summaryLine(pool([rename, restore]))).toBe('Plan: 0 to add, 0 to change, 0 to replace, 0 to delete, 1 to rename, 1 to finish (members held by a run that stopped).');
    expect(hasChanges({ pools: [...pool([]).pools, ...pool([create]).pools] })).toBe(true);
    expect(hasChanges({ pools: [...pool([]).pools, ...pool([]).pools] })).toBe(false);
    expect(hasChanges({ pools: [] })).toBe(false);
  });

  it('refuses to count a change of an action it does not know', () => {
    expect(() => countPlan(pool([{ action: 'purge', name: 'x' } as unknown as GroupChange]))).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('shows member adds and removes, one of each too, next to the members kept and dropped', () => {
    const swap: GroupChange = { ...update, members: { add: ['a'], remove: ['b'], had: 1 } };
    expect(summaryLine(pool([swap]))).toBe('Plan: 0 to add, 1 to change, 0 to replace, 0 to delete. Members: 1 to add, 1 to remove.');
    expect(summaryLine(pool([swap, { ...rename, memberCount: 2 }]))).toBe('Plan: 0 to add, 1 to change, 0 to replace, 0 to delete, 1 to rename. Members: 1 to add, 1 to remove, 2 kept, 0 dropped.');
  });

  it('shows the members line when any member is kept or dropped', () => {
    const { hold: _dropped, ...dropping } = replace as Extract<GroupChange, { action: 'replace' }>;
    expect(summaryLine(pool([{ ...rename, memberCount: 2 }, { ...dropping, name: 'x', memberCount: 2 }]))).toBe(
      'Plan: 0 to add, 0 to change, 1 to replace, 0 to delete, 1 to rename. Members: 2 kept, 2 dropped.',
    );
  });
});
