// Keeping members through replaces, moving them with renames, and finishing what a killed run left:
// the executor against the in-memory fake. A "kill" is simulated by a port that stops answering after
// its Nth call (that call taking effect or not), so nothing of the run survives but the pool itself;
// then a new run plans from the pool alone and must end with every member where it belongs.
import { describe, expect, it } from 'vitest';
import { executeChanges } from '../../src/run/apply/execute.js';
import type { GroupsApi } from '../../src/edge/cognito/port.js';
import type { DesiredConfig, DesiredGroup } from '../../src/core/config/model.js';
import { HOLD_PREFIX, holdDescription, holdName } from '../../src/core/plan/holding.js';
import { countPlan } from '../../src/core/plan/summary.js';
import { apply } from '../../src/run/apply.js';
import { planWith } from '../../src/run/plan.js';
import { FakeClock } from './fake-clock.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const A = 'eu-west-1_Members1';
const ROLE = 'arn:aws:iam::123456789012:role/Ops';

function config(groups: DesiredGroup[]): DesiredConfig {
  return { version: 1, settings: {}, userPools: [{ id: A, region: 'eu-west-1', unmanagedGroups: 'keep', groups }] };
}

const users = (n: number, prefix = 'user'): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

/** Plans the file against the fake and applies the plan; the report. */
async function planAndApply(api: GroupsApi, finishing: GroupsApi, desired: DesiredConfig, dropMembers = false) {
  const { plan } = await planWith(api, desired, { dropMembers });
  const report = await executeChanges(api, finishing, plan.pools);
  return { plan, report };
}

/** The fake's port, answering until its `killAt`th call (0-based), then never again: that call takes effect when `landed`. */
function killable(fake: FakeGroupsApi, killAt: number, landed: boolean): GroupsApi {
  let calls = 0;
  const never = new Promise<never>(() => undefined);
  const gate = <T>(run: () => Promise<T>): Promise<T> => {
    const n = calls++;
    if (n < killAt) return run();
    if (n === killAt && landed) void run().catch(() => undefined);
    return never;
  };
  return {
    listGroupsPage: (p, t) => gate(() => fake.listGroupsPage(p, t)),
    getGroup: (p, n) => gate(() => fake.getGroup(p, n)),
    createGroup: (p, g) => gate(() => fake.createGroup(p, g)),
    updateGroup: (p, g) => gate(() => fake.updateGroup(p, g)),
    deleteGroup: (p, n) => gate(() => fake.deleteGroup(p, n)),
    listMembersPage: (p, g, t) => gate(() => fake.listMembersPage(p, g, t)),
    addMember: (p, g, u) => gate(() => fake.addMember(p, g, u)),
    removeMember: (p, g, u) => gate(() => fake.removeMember(p, g, u)),
    getUser: (p, u) => gate(() => fake.getUser(p, u)),
    describePool: (p) => gate(() => fake.describePool(p)),
    listUserGroupsPage: (p, u, t) => gate(() => fake.listUserGroupsPage(p, u, t)),
  };
}

/** Lets every pending promise of a killed run settle as far as it can. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('a replace keeps the members', () => {
  it('has the same users in the group after it is deleted and created again, and leaves no holding group', async () => {
    const members = users(130);
    const fake = new FakeGroupsApi({ pageSize: 60 }).addPool(A, [{ name: 'ops', roleArn: ROLE, precedence: 1 }]).addMembers(A, 'ops', members);
    const { plan, report } = await planAndApply(fake, fake, config([{ name: 'ops', precedence: 1 }]));
    expect(plan.pools[0]?.changes).toEqual([expect.objectContaining({ action: 'replace', memberCount: 130, hold: { group: holdName('ops'), resuming: false } })]);
    expect(report.results.map((r) => [r.status, r.membersMoved])).toEqual([['done', 130]]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'ops', precedence: 1 }]);
    expect(fake.members(A, 'ops')).toEqual(members);
    // Deleted strictly after the members were held: no add to the holding group comes after the delete.
    const deleteAt = fake.calls.findIndex((c) => c.op === 'DeleteGroup' && c.name === 'ops');
    const lastHoldAdd = fake.calls.findLastIndex((c) => c.op === 'AdminAddUserToGroup' && c.name === holdName('ops'));
    expect(lastHoldAdd).toBeLessThan(deleteAt);
  });

  it('drops them when the plan was made with dropMembers', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]).addMembers(A, 'ops', users(5));
    const { plan, report } = await planAndApply(fake, fake, config([{ name: 'ops' }]), true);
    expect(countPlan(plan)).toMatchObject({ replace: 1, membersDropped: 5, membersKept: 0 });
    expect(report.results.map((r) => r.status)).toEqual(['done']);
    expect(fake.members(A, 'ops')).toEqual([]);
    expect(fake.callsOf('AdminAddUserToGroup')).toEqual([]);
  });

  it('keeps a case-only rename\'s members under the new name', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ADMINS' }]).addMembers(A, 'ADMINS', users(3));
    await planAndApply(fake, fake, config([{ name: 'admins' }]));
    expect(fake.groupsOf(A)).toEqual([{ name: 'admins' }]);
    expect(fake.members(A, 'admins')).toEqual(users(3));
  });

  it('fails without deleting anything when a member cannot be held (a user in 100 groups), and removes the holding group it made', async () => {
    const fake = new FakeGroupsApi({ maxGroupsPerUser: 2 }).addPool(A, [{ name: 'ops', roleArn: ROLE }, { name: 'other' }]);
    fake.addMembers(A, 'ops', ['full', 'ok']).addMembers(A, 'other', ['full']);
    const { report } = await planAndApply(fake, fake, config([{ name: 'ops' }, { name: 'other' }]));
    expect(report.results.map((r) => [r.status, r.code])).toEqual([['failed', 'AWS_USER_GROUP_LIMIT']]);
    expect(report.results[0]?.message).toMatch(/its members could not be held .*; "ops" is unchanged: remove that user from a group, or apply with --drop-members/);
    expect(fake.groupsOf(A)).toEqual([{ name: 'ops', roleArn: ROLE }, { name: 'other' }]);
    expect(fake.members(A, 'ops')).toEqual(['full', 'ok']);
  });

  it('says where the members are when the group cannot be created again, and the next run puts them back', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]).addMembers(A, 'ops', users(4));
    fake.fail({ op: 'CreateGroup', name: 'ops', code: 'AWS_INVALID_PARAMETER', times: 1 });
    const first = await planAndApply(fake, fake, config([{ name: 'ops' }]));
    expect(first.report.results[0]?.status).toBe('failed');
    expect(first.report.results[0]?.message).toContain(`its members are held in "${holdName('ops')}": run apply again to finish`);
    expect(fake.members(A, holdName('ops'))).toEqual(users(4));

    const second = await planAndApply(fake, fake, config([{ name: 'ops' }]));
    expect(second.plan.pools[0]?.changes).toEqual([{ action: 'create', name: 'ops', after: {}, hold: { group: holdName('ops'), resuming: true, memberCount: 4, usernames: users(4) } }]);
    expect(second.report.results.map((r) => [r.status, r.membersMoved])).toEqual([['done', 4]]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'ops' }]);
    expect(fake.members(A, 'ops')).toEqual(users(4));
  });
});

describe('a rename moves the members', () => {
  it('creates the new group, copies every member, then deletes the old one', async () => {
    const fake = new FakeGroupsApi({ pageSize: 25 }).addPool(A, [{ name: 'writers', precedence: 3 }]).addMembers(A, 'writers', users(70));
    const { plan, report } = await planAndApply(fake, fake, config([{ name: 'editors', precedence: 3, previously: ['writers'] }]));
    expect(plan.pools[0]?.changes).toEqual([expect.objectContaining({ action: 'rename', previousName: 'writers', memberCount: 70 })]);
    expect(report.results.map((r) => [r.status, r.membersMoved])).toEqual([['done', 70]]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'editors', precedence: 3 }]);
    expect(fake.members(A, 'editors')).toEqual(users(70));
    // Make before break: the old group is deleted only after the last member was added to the new one.
    const deleteAt = fake.calls.findIndex((c) => c.op === 'DeleteGroup' && c.name === 'writers');
    const lastAdd = fake.calls.findLastIndex((c) => c.op === 'AdminAddUserToGroup' && c.name === 'editors');
    expect(lastAdd).toBeLessThan(deleteAt);
  });
});

describe('a rename into a group whose replace a stopped run left held', () => {
  it('puts the held members back as well as moving the old group\'s, before the holding group goes', async () => {
    const hold = { name: holdName('X'), description: holdDescription({ op: 'replace', group: 'X', from: 'X' }) };
    const fake = new FakeGroupsApi().addPool(A, [hold, { name: 'W' }]).addMembers(A, hold.name, ['alice', 'bob']).addMembers(A, 'W', ['carol']);
    const { plan, report } = await planAndApply(fake, fake, config([{ name: 'X', previously: ['W'] }]));
    expect(plan.pools[0]?.changes).toEqual([expect.objectContaining({ action: 'rename', previousName: 'W', memberCount: 1, hold: { group: hold.name, resuming: true, memberCount: 2, usernames: ['alice', 'bob'] } })]);
    expect(countPlan(plan)).toMatchObject({ rename: 1, membersKept: 3 });
    expect(report.results.map((r) => [r.status, r.membersMoved])).toEqual([['done', 3]]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'X' }]);
    expect(fake.members(A, 'X')).toEqual(['alice', 'bob', 'carol']);
  });
});

describe('killed at any call, the next run finishes with every member in place', () => {
  const scenarios = [
    {
      what: 'a member-keeping replace',
      seed: (f: FakeGroupsApi) => f.addPool(A, [{ name: 'ops', roleArn: ROLE }, { name: 'bystander' }]).addMembers(A, 'ops', users(7)).addMembers(A, 'bystander', users(2, 'b')),
      desired: config([{ name: 'ops', description: 'no role' }, { name: 'bystander' }]),
      end: [{ name: 'bystander' }, { name: 'ops', description: 'no role' }],
      group: 'ops',
    },
    {
      what: 'a rename',
      seed: (f: FakeGroupsApi) => f.addPool(A, [{ name: 'writers', precedence: 2 }, { name: 'bystander' }]).addMembers(A, 'writers', users(7)).addMembers(A, 'bystander', users(2, 'b')),
      desired: config([{ name: 'editors', precedence: 2, previously: ['writers'] }, { name: 'bystander' }]),
      end: [{ name: 'bystander' }, { name: 'editors', precedence: 2 }],
      group: 'editors',
    },
  ];

  for (const s of scenarios) {
    it(`${s.what}: every call, answered or lost`, async () => {
      // How many calls a whole run makes, so every point of it is tried.
      const whole = s.seed(new FakeGroupsApi({ pageSize: 3 }));
      await planAndApply(whole, whole, s.desired);
      const total = whole.calls.length;
      expect(total).toBeGreaterThan(15);

      for (let killAt = 0; killAt <= total; killAt++) {
        for (const landed of [false, true]) {
          const fake = s.seed(new FakeGroupsApi({ pageSize: 3 }));
          const dying = killable(fake, killAt, landed);
          void planAndApply(dying, dying, s.desired);
          await settle();
          // A new process on another machine: nothing but the pool.
          const again = await planAndApply(fake, fake, s.desired);
          const where = `killed at call ${killAt} (${landed ? 'answer lost' : 'never sent'})`;
          expect(again.report.results.filter((r) => r.status !== 'done'), where).toEqual([]);
          expect(fake.groupsOf(A), where).toEqual(s.end);
          expect(fake.members(A, s.group), where).toEqual(users(7));
          expect(fake.members(A, 'bystander'), where).toEqual(users(2, 'b'));
          expect(fake.groupsOf(A).some((g) => g.name.startsWith(HOLD_PREFIX)), where).toBe(false);
          // And a third run has nothing left to do.
          const third = await planWith(fake, s.desired);
          expect(third.plan.pools[0]?.changes, where).toEqual([]);
        }
      }
    });
  }
});

describe('the check after applying', () => {
  it('fails a run whose group lacks members it was to keep, naming them', async () => {
    // Someone removes a member from the group while the run deletes its holding group.
    const fake = new FakeGroupsApi({
      onCall: (call, api) => {
        if (call.op === 'DeleteGroup' && call.name === holdName('ops')) void api.removeMember({ id: A, region: 'eu-west-1' }, 'ops', 'user-0002');
      },
    })
      .addPool(A, [{ name: 'ops', roleArn: ROLE }])
      .addMembers(A, 'ops', users(4));
    const result = await apply({ config: config([{ name: 'ops' }]), api: fake, clock: new FakeClock(), allowReplace: true });
    expect(result.outcome?.check).toEqual({ ran: true, remaining: [], elsewhere: [], membersMissing: [{ poolId: A, group: 'ops', expected: 4, missing: ['user-0002'], unexpected: [] }] });
  });

  it('finds nothing missing when every member is back', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]).addMembers(A, 'ops', users(4));
    const result = await apply({ config: config([{ name: 'ops' }]), api: fake, clock: new FakeClock(), allowReplace: true });
    expect(result.outcome?.check).toEqual({ ran: true, remaining: [], elsewhere: [], membersMissing: [] });
    expect(result.outcome?.report.results.map((r) => r.membersMoved)).toEqual([4]);
  });
});
