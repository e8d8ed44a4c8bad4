// Membership as code in the pure core and the executor: exact and include lists, the pool's way of
// comparing usernames, the removal policy, and adds and removes with per-user failures.
import { describe, expect, it } from 'vitest';
import { executeChanges } from '../../src/run/apply/execute.js';
import { policyViolations } from '../../src/run/apply/policy.js';
import { refusalMessage } from '../../src/faces/render/refusal.js';
import type { DesiredConfig, DesiredGroup, DesiredPool } from '../../src/core/config/model.js';
import { computePoolPlan, memberReadsOf } from '../../src/core/plan/compute.js';
import type { Plan } from '../../src/core/plan/model.js';
import { countPlan } from '../../src/core/plan/summary.js';
import { summaryLine } from '../../src/faces/render/summary.js';
import { planWith } from '../../src/run/plan.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const A = 'eu-west-1_Managed1';

function pool(groups: DesiredGroup[]): DesiredPool {
  return { id: A, region: 'eu-west-1', unmanagedGroups: 'keep', groups };
}
const config = (groups: DesiredGroup[]): DesiredConfig => ({ version: 1, settings: {}, userPools: [pool(groups)] });
const read = (entries: Record<string, string[]>) => new Map(Object.entries(entries));
const exact = (...users: string[]) => ({ mode: 'exact' as const, users });
const include = (...users: string[]) => ({ mode: 'include' as const, users });

describe('member changes in the plan', () => {
  it('an exact list adds who is missing and removes who is not listed; include only adds', () => {
    const plan = computePoolPlan(pool([{ name: 'admins', members: exact('alice', 'bob') }, { name: 'beta', members: include('carol') }]), [{ name: 'admins' }, { name: 'beta' }], {
      members: read({ admins: ['bob', 'mallory'], beta: ['dave'] }),
      caseSensitive: true,
    });
    expect(plan.changes).toEqual([
      { action: 'update', name: 'admins', before: {}, after: {}, fields: [], members: { add: ['alice'], remove: ['mallory'], had: 2 } },
      { action: 'update', name: 'beta', before: {}, after: {}, fields: [], members: { add: ['carol'], remove: [], had: 1 } },
    ]);
    expect(countPlan({ pools: [plan] })).toMatchObject({ change: 2, memberAdds: 2, memberRemovals: 1 });
    expect(summaryLine({ pools: [plan] })).toBe('Plan: 0 to add, 2 to change, 0 to replace, 0 to delete. Members: 2 to add, 1 to remove.');
  });

  it('leaves a group alone whose members are as listed, and never reads a group without members:', () => {
    const desired = pool([{ name: 'admins', members: exact('alice') }, { name: 'customers' }]);
    const plan = computePoolPlan(desired, [{ name: 'admins' }, { name: 'customers' }], { members: read({ admins: ['alice'] }), caseSensitive: true });
    expect(plan.changes).toEqual([]);
    expect(memberReadsOf(plan, desired)).toEqual(['admins']);
  });

  it('compares usernames as the pool does: ignoring case unless it is case-sensitive', () => {
    const desired = pool([{ name: 'admins', members: exact('Alice') }]);
    const insensitive = computePoolPlan(desired, [{ name: 'admins' }], { members: read({ admins: ['alice'] }), caseSensitive: false });
    expect(insensitive.changes).toEqual([]);
    const sensitive = computePoolPlan(desired, [{ name: 'admins' }], { members: read({ admins: ['alice'] }), caseSensitive: true });
    expect(sensitive.changes).toEqual([expect.objectContaining({ members: { add: ['Alice'], remove: ['alice'], had: 1 } })]);
  });

  it('refuses one user listed twice as the pool compares usernames', () => {
    const desired = pool([{ name: 'admins', members: exact('alice', 'ALICE') }]);
    expect(() => computePoolPlan(desired, [{ name: 'admins' }], { members: read({ admins: [] }), caseSensitive: false })).toThrow(
      expect.objectContaining({ code: 'MEMBERS_INVALID', message: expect.stringContaining('lists "alice" and "ALICE", one user in this pool') }),
    );
    expect(computePoolPlan(desired, [{ name: 'admins' }], { members: read({ admins: [] }), caseSensitive: true }).changes[0]).toMatchObject({ members: { add: ['alice', 'ALICE'] } });
  });

  it('a new group gets every listed member; a replace that keeps members, or drops them, starts from what it will have', () => {
    const created = computePoolPlan(pool([{ name: 'new', members: exact('a', 'b') }]), [], { members: read({}), caseSensitive: true });
    expect(created.changes).toEqual([{ action: 'create', name: 'new', after: {}, members: { add: ['a', 'b'], remove: [], had: 0 } }]);
    const role = 'arn:aws:iam::123456789012:role/R';
    const keeping = computePoolPlan(pool([{ name: 'ops', members: exact('a', 'c') }]), [{ name: 'ops', roleArn: role }], { members: read({ ops: ['a', 'b'] }), caseSensitive: true });
    expect(keeping.changes[0]).toMatchObject({ action: 'replace', members: { add: ['c'], remove: ['b'], had: 2 } });
    const dropping = computePoolPlan(pool([{ name: 'ops', members: exact('a', 'c') }]), [{ name: 'ops', roleArn: role }], { members: read({ ops: ['a', 'b'] }), caseSensitive: true, dropMembers: true });
    expect(dropping.changes[0]).toMatchObject({ action: 'replace', members: { add: ['a', 'c'], remove: [], had: 0 } });
  });

  it('a rename starts from the old group\'s members', () => {
    const plan = computePoolPlan(pool([{ name: 'editors', previously: ['writers'], members: exact('a') }]), [{ name: 'writers' }], { members: read({ writers: ['a', 'z'] }), caseSensitive: true });
    expect(plan.changes[0]).toMatchObject({ action: 'rename', members: { add: [], remove: ['z'], had: 2 } });
  });
});

describe('the removal policy', () => {
  const planOf = (had: string[], listed: string[]): Plan => ({
    pools: [computePoolPlan(pool([{ name: 'admins', members: exact(...listed) }]), [{ name: 'admins' }], { members: read({ admins: had }), caseSensitive: true })],
  });

  it('needs --allow-member-removals to remove anyone, named with the count', () => {
    const plan = planOf(['alice', 'mallory'], ['alice']);
    const v = policyViolations(plan, {});
    expect(v?.memberRemovals).toEqual([{ poolId: A, name: 'admins', count: 1 }]);
    expect(refusalMessage({ kind: 'policy', violations: v! })).toBe(
      `refusing to apply: the plan removes 1 member(s) from 1 group(s) (${A}/admins: 1); re-run with --allow-member-removals if that is intended. Nothing was changed.`,
    );
    expect(policyViolations(plan, { allowMemberRemovals: true })).toBeUndefined();
  });

  it('refuses more than --max-member-removals in all (default 25), even when allowed', () => {
    const had = Array.from({ length: 27 }, (_, i) => `u${i}`);
    const plan = planOf(had, ['u0']);
    expect(policyViolations(plan, { allowMemberRemovals: true })?.overMaxMemberRemovals).toEqual({ removals: 26, maxMemberRemovals: 25 });
    expect(policyViolations(plan, { allowMemberRemovals: true, maxMemberRemovals: 26 })).toBeUndefined();
    expect(policyViolations(planOf(had.slice(0, 26), ['u0']), { allowMemberRemovals: true })).toBeUndefined();
  });

  it('never removes every member of a group that has some, whatever the flags', () => {
    const plan = planOf(['alice', 'bob'], []);
    const v = policyViolations(plan, { allowMemberRemovals: true, maxMemberRemovals: 1000 });
    expect(v?.emptiedGroups).toEqual([{ poolId: A, name: 'admins', count: 2 }]);
    expect(refusalMessage({ kind: 'policy', violations: v! })).toBe(
      `refusing to apply: the plan would remove every member of ${A}/admins: 2, which is never done: a list that leaves out all of a group's members is taken for a mistake in the file; list who stays, or take \`members\` out of the group to stop managing them. Nothing was changed.`,
    );
    // Swapping every member for others is not emptying it.
    expect(policyViolations(planOf(['alice', 'bob'], ['carol']), { allowMemberRemovals: true })).toBeUndefined();
  });
});

describe('applying member changes', () => {
  it('adds and removes through the executor, and a user at the 100-group limit fails only its change', async () => {
    const fake = new FakeGroupsApi({ maxGroupsPerUser: 1 }).addPool(A, [{ name: 'admins' }, { name: 'beta' }, { name: 'other' }]);
    fake.addMembers(A, 'admins', ['bob', 'mallory']).addMembers(A, 'other', ['full']).addUsers(A, ['alice', 'carol']);
    const { plan } = await planWith(fake, config([{ name: 'admins', members: exact('alice', 'bob') }, { name: 'beta', members: include('carol', 'full') }, { name: 'other' }]));
    const report = await executeChanges(fake, fake, plan.pools);
    expect(report.results.map((r) => [r.change.name, r.status, r.membersAdded, r.membersRemoved])).toEqual([
      ['admins', 'done', 1, 1],
      ['beta', 'failed', 1, undefined],
    ]);
    expect(report.results[1]?.message).toMatch(/^1 member change\(s\) failed \(add "full": .*\); 1 added, 0 removed$/);
    expect(fake.members(A, 'admins')).toEqual(['alice', 'bob']);
    expect(fake.members(A, 'beta')).toEqual(['carol']);
    // Nothing but member calls: the groups' fields are as the file says.
    expect(fake.callsOf('UpdateGroup')).toEqual([]);
  });

  it('never removes anyone from an exact list when an add failed: the group keeps its members until the new ones are in', async () => {
    const fake = new FakeGroupsApi({ maxGroupsPerUser: 1 }).addPool(A, [{ name: 'admins' }, { name: 'other' }]);
    fake.addMembers(A, 'admins', ['alice', 'bob']).addMembers(A, 'other', ['carol']);
    const { plan } = await planWith(fake, config([{ name: 'admins', members: exact('carol') }, { name: 'other' }]));
    expect(plan.pools[0]?.changes[0]).toMatchObject({ members: { add: ['carol'], remove: ['alice', 'bob'], had: 2 } });
    const report = await executeChanges(fake, fake, plan.pools);
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([['admins', 'failed']]);
    expect(report.results[0]?.message).toMatch(/; 0 added, 0 removed; the 2 removal\(s\) were not made, since not every add went through$/);
    expect(fake.members(A, 'admins')).toEqual(['alice', 'bob']);
    expect(fake.callsOf('AdminRemoveUserFromGroup')).toEqual([]);
  });

  it('refuses to plan users the pool does not have, and names written another way than the username', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'admins' }]).addUsers(A, ['alice']);
    await expect(planWith(fake, config([{ name: 'admins', members: exact('alice', 'ghost', 'nobody') }]))).rejects.toMatchObject({
      code: 'MEMBERS_INVALID',
      message: "the groups file lists 2 member(s) the pools do not know by that username; nothing was planned (to try a file's members without AWS, --local creates the users the file names in its local emulator)",
      details: [`  ${A}: no user "ghost"`, `  ${A}: no user "nobody"`],
    });
    expect(fake.writeCalls()).toEqual([]);
  });
});
