// The executor's safety rules (src/run/apply/execute.ts, change-steps.ts, member-moves.ts, converged.ts):
// which later changes a failure rules out (a missing pool, a denied operation, a denied role, a
// replace that deleted and could not create) and which it must not; the lanes changes run in; a
// replace that keeps members never deletes before they are held and never deletes a holding group an
// earlier run left; a rename never deletes its old group unless the new one was made; a delete is
// done only when the group is gone; and the check after applying. Against the in-memory fake.
import { describe, expect, it } from 'vitest';
import { applyOne, operationsOf } from '../../src/run/apply/change-steps.js';
import { checkAfterApply } from '../../src/run/apply/converged.js';
import { executeChanges, type ExecuteOptions } from '../../src/run/apply/execute.js';
import { copyMembers, ensureHold } from '../../src/run/apply/member-moves.js';
import type { ApplyProgress, ApplyReport } from '../../src/run/apply/report.js';
import type { GroupsApi, Operation, PoolRef } from '../../src/edge/cognito/port.js';
import type { DesiredConfig, DesiredGroup } from '../../src/core/config/model.js';
import { nameKey } from '../../src/core/config/names.js';
import { CgError } from '../../src/core/errors.js';
import { holdDescription, holdName } from '../../src/core/plan/holding.js';
import type { GroupChange, ObservedGroup, PoolPlan } from '../../src/core/plan/model.js';
import { planWith } from '../../src/run/plan.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const A = 'eu-west-1_Apply1';
const B = 'eu-west-1_Apply2';
const C = 'eu-west-1_Apply3';
const POOL_A: PoolRef = { id: A, region: 'eu-west-1' };
const ROLE = 'arn:aws:iam::123456789012:role/R';
const ROLE_2 = 'arn:aws:iam::123456789012:role/S';

function poolPlan(id: string, changes: GroupChange[]): PoolPlan {
  return { userPoolId: id, region: 'eu-west-1', listed: 0, changes, unchanged: [], unmanaged: [] };
}

function config(groups: DesiredGroup[], id = A): DesiredConfig {
  return { version: 1, settings: {}, userPools: [{ id, region: 'eu-west-1', unmanagedGroups: 'keep', groups }] };
}

const create = (name: string, after: Omit<DesiredGroup, 'name'> = {}): GroupChange => ({ action: 'create', name, after });
const update = (name: string, after: Omit<DesiredGroup, 'name'>): GroupChange => ({ action: 'update', name, before: {}, after, fields: [] });
const remove = (name: string): GroupChange => ({ action: 'delete', name, before: {} });
const replace = (name: string, after: Omit<DesiredGroup, 'name'> = {}, previousName = name): GroupChange => ({ action: 'replace', name, previousName, before: {}, after, fields: [], reasons: ['roleArn-removed'] });
const keeping = (name: string, resuming = false): GroupChange => ({ ...replace(name), hold: { group: holdName(name), resuming } }) as GroupChange;
const rename = (name: string, previousName: string): GroupChange => ({ action: 'rename', name, previousName, before: {}, after: {}, fields: [], hold: { group: holdName(name), resuming: false } });
const restore = (name: string): GroupChange => ({ action: 'restore', name, hold: { group: holdName(name), resuming: true } });

function holdGroup(group: string, op: 'replace' | 'rename' = 'replace', from = group): ObservedGroup {
  return { name: holdName(group), description: holdDescription({ op, group, from }) };
}

/** [name, status, message] of each result. */
const outcomes = (report: ApplyReport) => report.results.map((r) => [r.change.name, r.status, r.message]);

/** The fake's methods as a port, with some replaced. */
const port = (fake: FakeGroupsApi, overrides: Partial<GroupsApi> = {}): GroupsApi => fake.asPort(overrides);

const passRoleDenied = (role: string): CgError =>
  new CgError('AWS_ACCESS_DENIED', `CreateGroup: access denied (AccessDeniedException: User: x is not authorized to perform: iam:PassRole on resource: ${role})`, { operation: 'CreateGroup' });

async function run(api: GroupsApi, plans: PoolPlan[], options: ExecuteOptions = {}): Promise<ApplyReport> {
  return executeChanges(api, api, plans, { concurrency: 1, ...options });
}

describe('what a failure rules out, and what it does not', () => {
  it('after iam:PassRole is denied for a role, starts no other change giving that role, and goes on with the others', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'u1' }, { name: 'u2' }]);
    const api = port(fake, {
      createGroup: async (p, g) => {
        if (g.roleArn === ROLE) throw passRoleDenied(ROLE);
        return fake.createGroup(p, g);
      },
      updateGroup: async (p, g) => {
        if (g.roleArn === ROLE) throw passRoleDenied(ROLE);
        return fake.updateGroup(p, g);
      },
    });
    const report = await run(api, [poolPlan(A, [create('c1', { roleArn: ROLE }), create('c2', { roleArn: ROLE }), create('c3', { roleArn: ROLE_2 }), create('c4'), update('u1', { roleArn: ROLE }), update('u2', { roleArn: ROLE_2 })])]);
    const notStarted = `not started: passing the role ${ROLE} was denied (AWS_ACCESS_DENIED)`;
    expect(outcomes(report)).toEqual([
      ['c1', 'failed', expect.stringContaining('iam:PassRole')],
      ['c2', 'not-started', notStarted],
      ['c3', 'done', undefined],
      ['c4', 'done', undefined],
      ['u1', 'failed', expect.stringContaining('iam:PassRole')],
      ['u2', 'done', undefined],
    ]);
  });

  it('after a cognito-idp operation is denied, starts no other change of the pool that calls it, whatever its role', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'u' }, { name: 'd' }]);
    const api = port(fake, {
      createGroup: async () => {
        throw new CgError('AWS_ACCESS_DENIED', 'CreateGroup: access denied (AccessDeniedException: User: x is not authorized to perform: cognito-idp:CreateGroup on resource: pool)', { operation: 'CreateGroup' });
      },
    });
    const report = await run(api, [poolPlan(A, [create('c1', { roleArn: ROLE }), create('c2'), create('c3', { roleArn: ROLE_2 }), update('u', { description: 'x' }), remove('d')])]);
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['c1', 'failed'],
      ['c2', 'not-started'],
      ['c3', 'not-started'],
      ['u', 'done'],
      ['d', 'done'],
    ]);
    expect(report.results[1]?.message).toBe('not started: CreateGroup was denied in this pool (AWS_ACCESS_DENIED)');
  });

  it('takes a denied iam:PassRole on a change without a role for a denial of its operation', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const api = port(fake, {
      createGroup: async (p, g) => {
        if (g.name === 'c1') throw passRoleDenied(ROLE);
        return fake.createGroup(p, g);
      },
    });
    const report = await run(api, [poolPlan(A, [create('c1'), create('c2', { roleArn: ROLE_2 })])]);
    expect(report.results.map((r) => [r.change.name, r.status, r.message])).toEqual([
      ['c1', 'failed', expect.any(String)],
      ['c2', 'not-started', 'not started: CreateGroup was denied in this pool (AWS_ACCESS_DENIED)'],
    ]);
  });

  it('stops no later change for a failure that says nothing about them', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'x' }, { name: 'y', roleArn: ROLE }]);
    fake.fail({ op: 'CreateGroup', name: 'c1', code: 'AWS_INVALID_PARAMETER' });
    fake.fail({ op: 'DeleteGroup', name: 'x', code: 'AWS_INVALID_PARAMETER' });
    const report = await run(fake, [poolPlan(A, [create('c1', { roleArn: ROLE }), create('c2', { roleArn: ROLE }), remove('x'), replace('y')])]);
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['c1', 'failed'],
      ['c2', 'done'],
      ['x', 'failed'],
      ['y', 'done'],
    ]);
  });

  it('after a replace deleted its group and could not create it, starts no other replace of the pool, but goes on with its deletes', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'r1', roleArn: ROLE }, { name: 'r2', roleArn: ROLE_2 }, { name: 'd' }]);
    fake.fail({ op: 'CreateGroup', name: 'r1', code: 'AWS_INVALID_PARAMETER' });
    const report = await run(fake, [poolPlan(A, [replace('r1'), replace('r2'), remove('d')]), poolPlan(B, [])]);
    expect(outcomes(report)).toEqual([
      ['r1', 'failed', 'deleted "r1" but could not create "r1": fake: scripted AWS_INVALID_PARAMETER for CreateGroup; run apply again to create it'],
      ['r2', 'not-started', 'not started: an earlier replace in this pool deleted "r1" but could not create it again (AWS_INVALID_PARAMETER)'],
      ['d', 'done', undefined],
    ]);
    expect(report.results[0]?.code).toBe('AWS_INVALID_PARAMETER');
    expect(fake.groupsOf(A)).toEqual([{ name: 'r2', roleArn: ROLE_2 }]);
  });

  it('does the same after a member-keeping replace that deleted its group and could not finish', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'r1', roleArn: ROLE }, { name: 'r2', roleArn: ROLE }]).addMembers(A, 'r1', ['a']);
    fake.fail({ op: 'CreateGroup', name: 'r1', code: 'AWS_INVALID_PARAMETER' });
    const report = await run(fake, [poolPlan(A, [keeping('r1'), keeping('r2')])]);
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['r1', 'failed'],
      ['r2', 'not-started'],
    ]);
    expect(report.results[0]?.message).toBe(`deleted "r1" but could not finish: fake: scripted AWS_INVALID_PARAMETER for CreateGroup; its members are held in "${holdName('r1')}": run apply again to finish`);
    expect(fake.members(A, holdName('r1'))).toEqual(['a']);
  });

  it('reports a call that threw something other than a CgError as an internal failure', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const api = port(fake, {
      createGroup: async () => {
        throw new Error('boom');
      },
    });
    const report = await run(api, [poolPlan(A, [create('c')])]);
    expect(report.results).toStrictEqual([{ poolId: A, change: create('c'), status: 'failed', message: 'boom', code: 'INTERNAL' }]);
  });

  it('knows which operations each kind of change may call', () => {
    const moves: Operation[] = ['ListUsersInGroup', 'AdminAddUserToGroup'];
    const held = { group: 'h', resuming: true };
    expect(operationsOf(create('c'))).toEqual(['CreateGroup']);
    expect(operationsOf({ ...create('c'), hold: held } as GroupChange)).toEqual(['CreateGroup', ...moves, 'DeleteGroup']);
    expect(operationsOf(update('u', {}))).toEqual(['UpdateGroup']);
    expect(operationsOf({ ...update('u', {}), hold: held } as GroupChange)).toEqual(['UpdateGroup', ...moves, 'DeleteGroup']);
    expect(operationsOf(remove('d'))).toEqual(['DeleteGroup']);
    expect(operationsOf(keeping('r'))).toEqual(['CreateGroup', ...moves, 'DeleteGroup']);
    // A replace made with --drop-members has no holding group, and moves nobody.
    expect(operationsOf(replace('r'))).toEqual(['CreateGroup', 'DeleteGroup']);
    expect(operationsOf(rename('n', 'o'))).toEqual(['CreateGroup', ...moves, 'DeleteGroup']);
    expect(operationsOf(restore('s'))).toEqual([...moves, 'DeleteGroup']);
  });

  it('after adding members is denied, starts no change of the pool that moves members, and goes on with the rest (a replace that drops them too)', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'k1', roleArn: ROLE }, { name: 'k2', roleArn: ROLE }, { name: 'd1', roleArn: ROLE }]).addMembers(A, 'k1', ['a']).addMembers(A, 'k2', ['b']);
    const api = port(fake, {
      addMember: async () => {
        throw new CgError('AWS_ACCESS_DENIED', 'denied', { operation: 'AdminAddUserToGroup' });
      },
    });
    const report = await run(api, [poolPlan(A, [keeping('k1'), keeping('k2'), replace('d1'), create('c')])]);
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['k1', 'failed'],
      ['k2', 'not-started'],
      ['d1', 'done'],
      ['c', 'done'],
    ]);
    expect(report.results[1]?.message).toBe('not started: AdminAddUserToGroup was denied in this pool (AWS_ACCESS_DENIED)');
    // The groups whose members were to be kept were not deleted: their members are where they were,
    // and the holding group made for k1 is gone.
    expect(fake.groupsOf(A).map((g) => g.name)).toEqual(['c', 'd1', 'k1', 'k2']);
  });
});

/** Holds a change until an earlier change has failed (opened from onProgress). */
function gated() {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, onProgress: (p: ApplyProgress) => (p.failed > 0 ? open() : undefined) };
}

describe('what a failure rules out, in another lane', () => {
  it('starts no replace giving a role whose iam:PassRole was denied: it would delete the group and fail to create it', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'slow' }, { name: 'r', precedence: 1 }, { name: 'u' }]);
    const gate = gated();
    const api = port(fake, {
      updateGroup: async (p, g) => {
        if (g.roleArn === ROLE) throw passRoleDenied(ROLE);
        return fake.updateGroup(p, g);
      },
      deleteGroup: async (p, n) => {
        if (n === 'slow') await gate.wait;
        return fake.deleteGroup(p, n);
      },
    });
    const report = await run(api, [poolPlan(A, [remove('slow'), replace('r', { roleArn: ROLE }), update('u', { roleArn: ROLE })])], { onProgress: gate.onProgress });
    expect(outcomes(report)).toEqual([
      ['slow', 'done', undefined],
      ['r', 'not-started', `not started: passing the role ${ROLE} was denied (AWS_ACCESS_DENIED)`],
      ['u', 'failed', expect.stringContaining('iam:PassRole')],
    ]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'r', precedence: 1 }, { name: 'u' }]);
  });

  it('learns the operation that failed after a replace\'s delete, not CreateGroup', async () => {
    const fake = new FakeGroupsApi()
      .addPool(A, [{ name: 'ops', roleArn: ROLE }, { name: 'slow' }, holdGroup('slow'), { name: 's' }, holdGroup('s')])
      .addMembers(A, 'ops', ['a'])
      .addMembers(A, holdName('slow'), ['b'])
      .addMembers(A, holdName('s'), ['c']);
    const gate = gated();
    const api = port(fake, {
      addMember: async (p, g, u) => {
        if (g === 'ops') throw new CgError('AWS_ACCESS_DENIED', 'denied', { operation: 'AdminAddUserToGroup' });
        return fake.addMember(p, g, u);
      },
      listMembersPage: async (p, g, t) => {
        if (g === holdName('slow')) await gate.wait;
        return fake.listMembersPage(p, g, t);
      },
    });
    const report = await run(api, [poolPlan(A, [keeping('ops'), restore('slow'), restore('s')])], { onProgress: gate.onProgress });
    expect(report.results.map((r) => [r.change.name, r.status, r.code])).toEqual([
      ['ops', 'failed', 'AWS_ACCESS_DENIED'],
      ['slow', 'done', undefined],
      ['s', 'not-started', undefined],
    ]);
    expect(report.results[2]?.message).toBe('not started: AdminAddUserToGroup was denied in this pool (AWS_ACCESS_DENIED)');
    expect(fake.members(A, holdName('ops'))).toEqual(['a']);
  });

  it('learns the operation that failed when a replace dropping members adopts the group made again meanwhile', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'r', roleArn: ROLE }, { name: 'slow' }, { name: 'u' }, { name: 'c0' }]);
    const gate = gated();
    const api = port(fake, {
      deleteGroup: async (p, n) => {
        await fake.deleteGroup(p, n);
        if (n === 'r') fake.addPool(A, [...fake.groupsOf(A), { name: 'r', description: 'theirs' }]);
      },
      updateGroup: async (p, g) => {
        if (g.name === 'r') throw new CgError('AWS_ACCESS_DENIED', 'denied', { operation: 'UpdateGroup' });
        if (g.name === 'slow') await gate.wait;
        return fake.updateGroup(p, g);
      },
    });
    const report = await run(api, [poolPlan(A, [replace('r'), update('slow', { description: 'x' }), update('u', { description: 'x' }), create('c1')])], { onProgress: gate.onProgress });
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['r', 'failed'],
      ['slow', 'done'],
      ['u', 'not-started'],
      ['c1', 'done'],
    ]);
    expect(report.results[2]?.message).toBe('not started: UpdateGroup was denied in this pool (AWS_ACCESS_DENIED)');
  });

  it('takes an access denial without an operation after a replace\'s delete for a denied CreateGroup', async () => {
    for (const keeps of [true, false]) {
      const fake = new FakeGroupsApi().addPool(A, [{ name: 'r', roleArn: ROLE }]);
      const gate = gated();
      const api = port(fake, {
        createGroup: async (p, g) => {
          if (g.name === 'r') throw new CgError('AWS_ACCESS_DENIED', 'denied');
          if (g.name === 'slow') await gate.wait;
          return fake.createGroup(p, g);
        },
      });
      const report = await run(api, [poolPlan(A, [keeps ? keeping('r') : replace('r'), create('slow'), create('c')])], { onProgress: gate.onProgress });
      expect(report.results.map((r) => [r.change.name, r.status]), keeps ? 'keeping members' : 'dropping members').toEqual([
        ['r', 'failed'],
        ['slow', 'done'],
        ['c', 'not-started'],
      ]);
      expect(report.results[2]?.message).toBe('not started: CreateGroup was denied in this pool (AWS_ACCESS_DENIED)');
    }
  });

  it('does not take a rename that could not make its group for a replace that deleted one', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'writers' }, { name: 'slow' }, { name: 'r', roleArn: ROLE }]);
    const gate = gated();
    const api = port(fake, {
      createGroup: async (p, g) => {
        if (g.name === 'editors') fake.addPool(A, [...fake.groupsOf(A), { name: 'editors', roleArn: ROLE }]);
        return fake.createGroup(p, g);
      },
      deleteGroup: async (p, n) => {
        if (n === 'slow') await gate.wait;
        return fake.deleteGroup(p, n);
      },
    });
    const report = await run(api, [poolPlan(A, [remove('slow'), replace('r'), rename('editors', 'writers')])], { onProgress: gate.onProgress });
    expect(report.results.map((r) => [r.change.name, r.status])).toEqual([
      ['slow', 'done'],
      ['r', 'done'],
      ['editors', 'failed'],
    ]);
  });
});

describe('one change, applied directly', () => {
  it('reports only what happened: no message, adoption or member count it does not have', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 's' }, holdGroup('s'), { name: 'k', roleArn: ROLE }, { name: 'd', roleArn: ROLE }]).addMembers(A, holdName('s'), ['a', 'b']);
    expect(await applyOne(fake, fake, POOL_A, restore('s'), {})).toStrictEqual({ status: 'done', membersMoved: 2 });
    expect(await applyOne(fake, fake, POOL_A, keeping('k'), {})).toStrictEqual({ status: 'done', membersMoved: 0 });
    expect(await applyOne(fake, fake, POOL_A, replace('d'), {})).toStrictEqual({ status: 'done' });
    expect(await applyOne(fake, fake, POOL_A, create('c'), {})).toStrictEqual({ status: 'done' });
  });

  it('fails a change of an action it does not know, and knows no operations for it', async () => {
    const bogus = { action: 'purge', name: 'x' } as unknown as GroupChange;
    expect(() => operationsOf(bogus)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    const fake = new FakeGroupsApi().addPool(A);
    expect(await applyOne(fake, fake, POOL_A, bogus, {})).toMatchObject({ status: 'failed', failure: { code: 'INTERNAL' } });
    expect(fake.calls).toEqual([]);
  });
});

describe('lanes', () => {
  it('runs creates, updates, deletes with replaces, and renames with restores side by side, each lane one change at a time', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'b' }, { name: 'c' }, { name: 'd', roleArn: ROLE }, { name: 'o' }, holdGroup('f')]);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first: string[] = [];
    const held = <T>(what: string, call: () => Promise<T>): Promise<T> => {
      first.push(what);
      return gate.then(call);
    };
    const api = port(fake, {
      createGroup: (p, g) => held(`CreateGroup ${g.name}`, () => fake.createGroup(p, g)),
      updateGroup: (p, g) => held(`UpdateGroup ${g.name}`, () => fake.updateGroup(p, g)),
      deleteGroup: (p, n) => held(`DeleteGroup ${n}`, () => fake.deleteGroup(p, n)),
      listMembersPage: (p, g, t) => held(`ListUsersInGroup ${g}`, () => fake.listMembersPage(p, g, t)),
    });
    const running = run(api, [poolPlan(A, [create('a'), update('b', { description: 'x' }), remove('c'), replace('d'), rename('e', 'o'), restore('f')])]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(first.sort()).toEqual(['CreateGroup a', `CreateGroup ${holdName('e')}`, 'DeleteGroup c', 'UpdateGroup b']);
    release();
    const report = await running;
    expect(report.results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
  });
});

describe('results and progress', () => {
  it('reports every result in plan order, pool by pool, however they finished', async () => {
    const fake = new FakeGroupsApi().addPool(A).addPool(B).addPool(C);
    const slow = (id: string): number => (id === A ? 6 : id === B ? 3 : 0);
    const api = port(fake, {
      createGroup: async (p, g) => {
        for (let i = 0; i < slow(p.id); i++) await new Promise((resolve) => setImmediate(resolve));
        return fake.createGroup(p, g);
      },
    });
    const report = await run(api, [poolPlan(A, [create('a1'), create('a2')]), poolPlan(B, [create('b1'), create('b2')]), poolPlan(C, [create('c1'), create('c2')])], { concurrency: 2 });
    expect(report.results.map((r) => `${r.poolId} ${r.change.name}`)).toEqual([`${A} a1`, `${A} a2`, `${B} b1`, `${B} b2`, `${C} c1`, `${C} c2`]);
  });

  it('counts the members to move and those moved in the progress, and says nothing of members when none move', async () => {
    const fake = new FakeGroupsApi()
      .addPool(A, [{ name: 'ops', roleArn: ROLE }, { name: 'writers' }, { name: 'back' }, holdGroup('back'), holdGroup('again'), { name: 'again', precedence: 1 }])
      .addMembers(A, 'ops', ['o1', 'o2', 'o3'])
      .addMembers(A, 'writers', ['w1', 'w2'])
      .addMembers(A, holdName('back'), ['b1', 'b2', 'b3', 'b4'])
      .addMembers(A, 'again', ['x1'])
      .addMembers(A, holdName('again'), ['h1']);
    const cfg = config([{ name: 'ops' }, { name: 'editors', previously: ['writers'] }, { name: 'back' }, { name: 'again' }, { name: 'new' }]);
    const { plan } = await planWith(fake, cfg);
    expect(plan.pools[0]?.changes.map((c) => `${c.action} ${c.name}`)).toEqual(['replace again', 'restore back', 'rename editors', 'create new', 'replace ops']);
    const progress: ApplyProgress[] = [];
    const report = await executeChanges(fake, fake, plan.pools, { onProgress: (p) => progress.push(structuredClone(p)) });
    // ops: 3 held and 3 put back; again: 1 held, 2 put back; editors: 2 moved; back: 4 put back.
    expect(progress.at(-1)).toStrictEqual({ total: 5, done: 5, failed: 0, members: { copied: 6 + 3 + 2 + 4, total: 6 + 3 + 2 + 4 } });
    const copied = progress.map((p) => p.members?.copied ?? 0);
    expect(copied).toEqual([...copied].sort((a, b) => a - b));
    expect(report.results.map((r) => [r.change.name, r.membersMoved])).toEqual([
      ['again', 2],
      ['back', 4],
      ['editors', 2],
      ['new', undefined],
      ['ops', 3],
    ]);
    expect(fake.members(A, 'again')).toEqual(['h1', 'x1']);

    // Reported as each member is copied (15), not only as each change ends (5).
    expect(progress).toHaveLength(15 + 5);

    const resuming = new FakeGroupsApi().addPool(A, [{ name: 'u' }, holdGroup('c'), holdGroup('u'), { name: 'gone' }]).addMembers(A, holdName('c'), ['c1', 'c2']).addMembers(A, holdName('u'), ['u1']);
    const { plan: finishing } = await planWith(resuming, config([{ name: 'c' }, { name: 'u', description: 'new' }]));
    const withDelete = finishing.pools.map((p) => ({ ...p, changes: [...p.changes, remove('gone')] }));
    expect(withDelete[0]?.changes.map((c) => c.action)).toEqual(['create', 'update', 'delete']);
    const last: ApplyProgress[] = [];
    await executeChanges(resuming, resuming, withDelete, { onProgress: (p) => last.push(structuredClone(p)) });
    expect(last.at(-1)).toStrictEqual({ total: 3, done: 3, failed: 0, members: { copied: 3, total: 3 } });

    const plain = new FakeGroupsApi().addPool(A);
    const quiet: ApplyProgress[] = [];
    await executeChanges(plain, plain, [poolPlan(A, [create('a')])], { onProgress: (p) => quiet.push(structuredClone(p)) });
    expect(quiet).toStrictEqual([{ total: 1, done: 1, failed: 0 }]);
  });

  it('does not count a change stopped before it started as failed', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const api = port(fake, {
      createGroup: async () => {
        throw new CgError('INTERRUPTED', 'interrupted: no new calls were started');
      },
    });
    const progress: ApplyProgress[] = [];
    const report = await run(api, [poolPlan(A, [create('a')])], { onProgress: (p) => progress.push({ ...p }) });
    expect(report.results).toStrictEqual([{ poolId: A, change: create('a'), status: 'not-started', message: 'interrupted: no new calls were started' }]);
    expect(progress.at(-1)).toStrictEqual({ total: 1, done: 0, failed: 0 });
  });
});

describe('creates and updates meeting a pool that changed meanwhile', () => {
  /** A port on which a group is created by someone else just before our CreateGroup of it. */
  function racing(fake: FakeGroupsApi, group: ObservedGroup): GroupsApi {
    return port(fake, {
      createGroup: async (p, g) => {
        if (nameKey(g.name) === nameKey(group.name) && !fake.groupsOf(p.id).some((x) => nameKey(x.name) === nameKey(group.name))) fake.addPool(p.id, [...fake.groupsOf(p.id), group]);
        return fake.createGroup(p, g);
      },
    });
  }

  it('adopts a group created meanwhile with the file\'s fields, and marks only a create as adopted', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const report = await run(racing(fake, { name: 'c', description: 'd' }), [poolPlan(A, [create('c', { description: 'd' })])]);
    expect(report.results).toStrictEqual([{ poolId: A, change: create('c', { description: 'd' }), status: 'done', message: 'already existed with these fields', adopted: true }]);
  });

  it('updates a group created meanwhile with other fields that an update can change', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const report = await run(racing(fake, { name: 'c', description: 'theirs' }), [poolPlan(A, [create('c', { description: 'ours', precedence: 1 })])]);
    expect(outcomes(report)).toEqual([['c', 'done', 'was created meanwhile; updated it to the file']]);
    expect(report.results[0]?.adopted).toBe(true);
    expect(fake.groupsOf(A)).toEqual([{ name: 'c', description: 'ours', precedence: 1 }]);
  });

  it('marks no update as adopted, even one whose group was deleted and made again meanwhile', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const report = await run(racing(fake, { name: 'u', description: 'd' }), [poolPlan(A, [update('u', { description: 'd' })])]);
    expect(report.results).toStrictEqual([{ poolId: A, change: update('u', { description: 'd' }), status: 'done', message: 'already existed with these fields' }]);
  });

  it('refuses to adopt a group created meanwhile with a role the file does not give it', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const report = await run(racing(fake, { name: 'c', roleArn: ROLE }), [poolPlan(A, [create('c')])]);
    expect(report.results).toStrictEqual([
      { poolId: A, change: create('c'), status: 'failed', message: 'was created meanwhile with a roleArn or precedence the file does not have, which needs a replace; run plan again', code: 'AWS_GROUP_EXISTS' },
    ]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'c', roleArn: ROLE }]);
  });

  it('fails a create whose name was taken meanwhile in another case', async () => {
    const fake = new FakeGroupsApi().addPool(A);
    const report = await run(racing(fake, { name: 'C' }), [poolPlan(A, [create('c')])]);
    expect(outcomes(report)).toEqual([['c', 'failed', 'a group whose name equals "c" ignoring case was created meanwhile; run plan again']]);
    expect(report.results[0]?.code).toBe('AWS_GROUP_EXISTS');
  });

  it('creates a group to update that was deleted meanwhile, and fails an update that fails otherwise', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'x' }]);
    fake.fail({ op: 'UpdateGroup', name: 'x', code: 'AWS_INVALID_PARAMETER', times: 1 });
    const report = await run(fake, [poolPlan(A, [update('gone', { description: 'd' }), update('x', { description: 'd' })])]);
    expect(report.results).toStrictEqual([
      { poolId: A, change: update('gone', { description: 'd' }), status: 'done', message: 'was deleted meanwhile; created it' },
      { poolId: A, change: update('x', { description: 'd' }), status: 'failed', message: 'fake: scripted AWS_INVALID_PARAMETER for UpdateGroup', code: 'AWS_INVALID_PARAMETER' },
    ]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'gone', description: 'd' }, { name: 'x' }]);
  });

  it('does a delete only when the group is gone', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'd' }, { name: 'e' }]);
    fake.fail({ op: 'DeleteGroup', name: 'e', code: 'AWS_ACCESS_DENIED' });
    const report = await run(fake, [poolPlan(A, [remove('d'), remove('gone'), remove('e')])]);
    expect(report.results.map((r) => [r.change.name, r.status, r.message])).toEqual([
      ['d', 'done', undefined],
      ['gone', 'done', 'was already gone'],
      ['e', 'failed', 'fake: scripted AWS_ACCESS_DENIED for DeleteGroup'],
    ]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'e' }]);
  });

  it('puts back members a stopped run held when it makes the group, then removes the holding group', async () => {
    const fake = new FakeGroupsApi().addPool(A, [holdGroup('c')]).addMembers(A, holdName('c'), ['u1', 'u2']);
    const report = await run(fake, [poolPlan(A, [{ ...create('c'), hold: { group: holdName('c'), resuming: true, memberCount: 2 } } as GroupChange])]);
    expect(outcomes(report)).toEqual([['c', 'done', `put back the members held in "${holdName('c')}"`]]);
    expect(report.results[0]?.membersMoved).toBe(2);
    expect(fake.groupsOf(A)).toEqual([{ name: 'c' }]);
    expect(fake.members(A, 'c')).toEqual(['u1', 'u2']);
  });

  it('leaves the held members where they are when the group cannot be made', async () => {
    const fake = new FakeGroupsApi().addPool(A, [holdGroup('c')]).addMembers(A, holdName('c'), ['u1']);
    const report = await run(racing(fake, { name: 'c', roleArn: ROLE }), [poolPlan(A, [{ ...create('c'), hold: { group: holdName('c'), resuming: true } } as GroupChange])]);
    expect(report.results[0]?.status).toBe('failed');
    expect(fake.members(A, holdName('c'))).toEqual(['u1']);
    expect(fake.members(A, 'c')).toEqual([]);
  });
});

describe('a replace that keeps members', () => {
  it('never deletes a holding group an earlier run left when it cannot hold the members again', async () => {
    const fake = new FakeGroupsApi({ maxGroupsPerUser: 2 }).addPool(A, [{ name: 'ops', roleArn: ROLE }, holdGroup('ops'), { name: 'other' }]);
    fake.addMembers(A, holdName('ops'), ['kept']).addMembers(A, 'ops', ['full']).addMembers(A, 'other', ['full']);
    const report = await run(fake, [poolPlan(A, [keeping('ops', true)])]);
    expect(report.results.map((r) => [r.status, r.code])).toEqual([['failed', 'AWS_USER_GROUP_LIMIT']]);
    expect(fake.groupsOf(A).map((g) => g.name)).toEqual([holdName('ops'), 'ops', 'other']);
    expect(fake.members(A, holdName('ops'))).toEqual(['kept']);
  });

  it('says a stop before the delete changed nothing, and removes the holding group it made', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]).addMembers(A, 'ops', ['a']);
    const api = port(fake, {
      addMember: async () => {
        throw new CgError('INTERRUPTED', 'interrupted: no new calls were started');
      },
    });
    const report = await run(api, [poolPlan(A, [keeping('ops')])]);
    expect(report.results).toStrictEqual([{ poolId: A, change: keeping('ops'), status: 'not-started', message: 'stopped before the group was deleted; "ops" is unchanged' }]);
    expect(fake.groupsOf(A)).toEqual([{ name: 'ops', roleArn: ROLE }]);
  });

  it('counts no member as moved when it fails after holding them but before its delete', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]).addMembers(A, 'ops', ['a', 'b']);
    fake.fail({ op: 'DeleteGroup', name: 'ops', code: 'AWS_INVALID_PARAMETER' });
    const report = await run(fake, [poolPlan(A, [keeping('ops')])]);
    expect(report.results).toStrictEqual([{ poolId: A, change: keeping('ops'), status: 'failed', message: 'fake: scripted AWS_INVALID_PARAMETER for DeleteGroup', code: 'AWS_INVALID_PARAMETER' }]);
    expect(fake.members(A, 'ops')).toEqual(['a', 'b']);
    expect(fake.members(A, holdName('ops'))).toEqual(['a', 'b']);
  });

  it('adopts the group when someone made it again meanwhile with the file\'s fields, saying so', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]).addMembers(A, 'ops', ['a']);
    const api = port(fake, {
      deleteGroup: async (p, n) => {
        await fake.deleteGroup(p, n);
        if (n === 'ops') fake.addPool(A, [...fake.groupsOf(A), { name: 'ops' }]);
      },
    });
    const report = await run(api, [poolPlan(A, [keeping('ops')])]);
    expect(report.results).toStrictEqual([{ poolId: A, change: keeping('ops'), status: 'done', message: 'already existed with these fields', membersMoved: 1 }]);
    const plain = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]);
    expect((await run(plain, [poolPlan(A, [keeping('ops')])])).results).toStrictEqual([{ poolId: A, change: keeping('ops'), status: 'done', membersMoved: 0 }]);
  });

  it('holds the members when the group made again meanwhile needs a replace itself', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'ops', roleArn: ROLE }]).addMembers(A, 'ops', ['a']);
    const api = port(fake, {
      deleteGroup: async (p, n) => {
        await fake.deleteGroup(p, n);
        if (n === 'ops') fake.addPool(A, [...fake.groupsOf(A), { name: 'ops', roleArn: ROLE_2 }]);
      },
    });
    const report = await run(api, [poolPlan(A, [keeping('ops')])]);
    expect(outcomes(report)).toEqual([
      ['ops', 'failed', `deleted "ops" but could not finish: was created meanwhile with a roleArn or precedence the file does not have, which needs a replace; run plan again; its members are held in "${holdName('ops')}": run apply again to finish`],
    ]);
    expect(report.results[0]?.code).toBe('AWS_GROUP_EXISTS');
    expect(fake.members(A, holdName('ops'))).toEqual(['a']);
  });
});

describe('a replace that drops members', () => {
  it('adopts the group made again meanwhile with the file\'s fields, and reports one that needs a replace itself', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'r1', roleArn: ROLE }, { name: 'r2', roleArn: ROLE }]);
    const api = port(fake, {
      deleteGroup: async (p, n) => {
        await fake.deleteGroup(p, n);
        fake.addPool(A, [...fake.groupsOf(A), n === 'r1' ? { name: 'r1' } : { name: 'r2', precedence: 1 }]);
      },
    });
    const report = await executeChanges(api, api, [poolPlan(A, [replace('r1')]), poolPlan(B, [])]);
    expect(report.results).toStrictEqual([{ poolId: A, change: replace('r1'), status: 'done', message: 'already existed with these fields' }]);
    const second = await executeChanges(api, api, [poolPlan(A, [replace('r2')])]);
    expect(outcomes(second)).toEqual([
      ['r2', 'failed', 'deleted "r2" but could not create "r2": was created meanwhile with a roleArn or precedence the file does not have, which needs a replace; run plan again; run apply again to create it'],
    ]);
    expect(second.results[0]?.code).toBe('AWS_GROUP_EXISTS');
  });
});

describe('a rename', () => {
  it('never deletes the old group when the new one could not be made', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'writers' }]).addMembers(A, 'writers', ['w1']);
    const api = port(fake, {
      createGroup: async (p, g) => {
        if (g.name === 'editors') fake.addPool(A, [...fake.groupsOf(A), { name: 'editors', roleArn: ROLE }]);
        return fake.createGroup(p, g);
      },
    });
    const report = await run(api, [poolPlan(A, [rename('editors', 'writers')])]);
    expect(report.results[0]?.status).toBe('failed');
    expect(fake.members(A, 'writers')).toEqual(['w1']);
    expect(fake.groupsOf(A).map((g) => g.name)).toContain('writers');
  });

  it('reports the members it moved when it fails after moving them', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'writers' }]).addMembers(A, 'writers', ['w1', 'w2']);
    fake.fail({ op: 'DeleteGroup', name: 'writers', code: 'AWS_INVALID_PARAMETER' });
    const report = await run(fake, [poolPlan(A, [rename('editors', 'writers')])]);
    expect(report.results).toStrictEqual([
      { poolId: A, change: rename('editors', 'writers'), status: 'failed', message: 'fake: scripted AWS_INVALID_PARAMETER for DeleteGroup', code: 'AWS_INVALID_PARAMETER', membersMoved: 2 },
    ]);
    expect(fake.members(A, 'editors')).toEqual(['w1', 'w2']);
  });

  it('reports no members moved for a restore of an empty holding group', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 's' }, holdGroup('s')]);
    const report = await run(fake, [poolPlan(A, [restore('s')])]);
    expect(report.results).toStrictEqual([{ poolId: A, change: restore('s'), status: 'done' }]);
    expect(fake.groupsOf(A)).toEqual([{ name: 's' }]);
  });
});

describe('member moves', () => {
  it('stops adding after the first failure once the adds in flight settle, and throws it', async () => {
    const fake = new FakeGroupsApi().addPool(A, [{ name: 'from' }, { name: 'to' }]).addMembers(A, 'from', Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`));
    fake.fail({ op: 'AdminAddUserToGroup', code: 'AWS_INVALID_PARAMETER', times: 1 });
    await expect(copyMembers(fake, POOL_A, 'from', 'to')).rejects.toMatchObject({ code: 'AWS_INVALID_PARAMETER' });
    // The 16 adds started at once (the failed one among them), and none after.
    expect(fake.callsOf('AdminAddUserToGroup')).toHaveLength(16);
  });

  it('copies every member, reporting the running count', async () => {
    const fake = new FakeGroupsApi({ pageSize: 3 }).addPool(A, [{ name: 'from' }, { name: 'to' }]).addMembers(A, 'from', ['a', 'b', 'c', 'd', 'e']);
    expect(await copyMembers(fake, POOL_A, 'from', 'to')).toBe(5);
    const seen: number[] = [];
    expect(await copyMembers(fake, POOL_A, 'from', 'to', (n) => seen.push(n))).toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(fake.members(A, 'to')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('takes over a holding group left for the same group, and refuses one that is not', async () => {
    const record = { op: 'replace' as const, group: 'ops', from: 'ops' };
    const fake = new FakeGroupsApi().addPool(A, [holdGroup('ops')]);
    await expect(ensureHold(fake, fake, POOL_A, holdName('ops'), record)).resolves.toBeUndefined();
    // The same name (one per group ignoring case) holding members of "OPS" is another group's.
    const other = new FakeGroupsApi().addPool(A, [{ name: holdName('ops'), description: holdDescription({ op: 'replace', group: 'OPS', from: 'OPS' }) }]);
    await expect(ensureHold(other, other, POOL_A, holdName('ops'), record)).rejects.toMatchObject({
      code: 'AWS_GROUP_EXISTS',
      message: `the holding group "${holdName('ops')}" exists but does not hold members of "ops"; delete it by hand if nothing needs it, then run apply again`,
    });
    const handmade = new FakeGroupsApi().addPool(A, [{ name: holdName('ops'), description: 'mine' }]);
    await expect(ensureHold(handmade, handmade, POOL_A, holdName('ops'), record)).rejects.toMatchObject({ code: 'AWS_GROUP_EXISTS' });
  });

  it('refuses a holding group that existed but is gone when read, and passes other errors on', async () => {
    const record = { op: 'replace' as const, group: 'ops', from: 'ops' };
    const fake = new FakeGroupsApi().addPool(A);
    const vanished = port(fake, {
      createGroup: async () => {
        throw new CgError('AWS_GROUP_EXISTS', 'exists');
      },
    });
    await expect(ensureHold(vanished, vanished, POOL_A, holdName('ops'), record)).rejects.toMatchObject({ code: 'AWS_GROUP_EXISTS', message: expect.stringContaining('exists but does not hold members of "ops"') });
    const reads = fake.callsOf('GetGroup').length;
    fake.fail({ op: 'CreateGroup', code: 'AWS_LIMIT_EXCEEDED' });
    await expect(ensureHold(fake, fake, POOL_A, holdName('ops'), record)).rejects.toMatchObject({ code: 'AWS_LIMIT_EXCEEDED' });
    expect(fake.callsOf('GetGroup')).toHaveLength(reads);
  });
});

describe('the check after applying', () => {
  const listed = (groups: ObservedGroup[]) => new Map([[A, groups]]);

  it('finds nothing when every change holds', () => {
    const plan = { pools: [poolPlan(A, [create('c', { description: 'd' }), update('u', { precedence: 1 }), remove('d'), keeping('r'), rename('n', 'o'), restore('s')])] };
    expect(checkAfterApply(plan, listed([{ name: 'c', description: 'd' }, { name: 'u', precedence: 1 }, { name: 'r' }, { name: 'n' }, { name: 's' }]))).toStrictEqual({ remaining: [], elsewhere: [], membersMissing: [] });
  });

  it('names each change that does not hold, as the change still needed', () => {
    const plan = { pools: [poolPlan(A, [create('c', { description: 'd' }), update('u', { precedence: 1 }), remove('d'), keeping('r'), rename('n', 'o'), restore('s')])] };
    const after = listed([{ name: 'u', precedence: 2, description: 'x' }, { name: 'd', description: 'still' }, { name: 'r' }, { name: 'n' }, { name: 'o', precedence: 4 }, { name: 's' }, { name: holdName('r') }, { name: holdName('s') }]);
    expect(checkAfterApply(plan, after).remaining).toStrictEqual([
      { poolId: A, change: { action: 'create', name: 'c', after: { description: 'd' } } },
      {
        poolId: A,
        change: { action: 'update', name: 'u', before: { description: 'x', precedence: 2 }, after: { precedence: 1 }, fields: [{ field: 'description', before: 'x', after: null }, { field: 'precedence', before: 2, after: 1 }] },
      },
      { poolId: A, change: { action: 'delete', name: 'd', before: { description: 'still' } } },
      { poolId: A, change: { action: 'restore', name: 'r', hold: { group: holdName('r'), resuming: false } } },
      { poolId: A, change: { action: 'delete', name: 'o', before: { precedence: 4 } } },
      { poolId: A, change: { action: 'restore', name: 's', hold: { group: holdName('s'), resuming: true } } },
    ]);
  });

  it('leaves a change from a group the run touched to the remaining check, not to elsewhere', () => {
    // The run was to delete "legacy", which is still there; a file renaming "legacy" into "archive"
    // plans a change from it: the run's own business (remaining), not someone else's.
    const file = config([{ name: 'archive', previously: ['legacy'] }]);
    const { remaining, elsewhere } = checkAfterApply({ pools: [poolPlan(A, [remove('legacy')])] }, listed([{ name: 'legacy' }]), file);
    expect(remaining).toStrictEqual([{ poolId: A, change: { action: 'delete', name: 'legacy', before: {} } }]);
    expect(elsewhere).toEqual([]);
    // The same for the group a rename of the run started from.
    const renamed = checkAfterApply({ pools: [poolPlan(A, [rename('n', 'o')])] }, listed([{ name: 'n' }, { name: 'o' }]), config([{ name: 'n' }, { name: 'archive', previously: ['o'] }]));
    expect(renamed.remaining).toStrictEqual([{ poolId: A, change: { action: 'delete', name: 'o', before: {} } }]);
    expect(renamed.elsewhere).toEqual([]);
  });

  it('compares the other groups of a changed pool with the file, apart, and leaves pools without changes alone', () => {
    const file: DesiredConfig = {
      version: 1,
      settings: {},
      userPools: [
        { id: A, region: 'eu-west-1', unmanagedGroups: 'keep', groups: [{ name: 'c' }, { name: 'N' }, { name: 'other', description: 'file' }, { name: 'missing' }] },
        { id: B, region: 'eu-west-1', unmanagedGroups: 'keep', groups: [{ name: 'b', description: 'file' }] },
      ],
    };
    const plan = { pools: [poolPlan(A, [create('c'), rename('n', 'O')]), poolPlan(B, [])] };
    const after = new Map([
      [A, [{ name: 'c' }, { name: 'n' }, { name: 'other' }]],
      [B, [{ name: 'b' }]],
    ]);
    const { remaining, elsewhere } = checkAfterApply(plan, after, file);
    expect(remaining).toEqual([]);
    expect(elsewhere).toStrictEqual([
      { poolId: A, change: { action: 'create', name: 'missing', after: {} } },
      { poolId: A, change: { action: 'update', name: 'other', before: {}, after: { description: 'file' }, fields: [{ field: 'description', before: null, after: 'file' }] } },
    ]);
    expect(checkAfterApply(plan, after).elsewhere).toEqual([]);
    // Each pool is compared with its own entry of the file.
    const onlyB = checkAfterApply({ pools: [poolPlan(A, []), poolPlan(B, [create('x')])] }, new Map([[A, []], [B, [{ name: 'x' }, { name: 'b' }]]]), file);
    expect(onlyB.elsewhere).toStrictEqual([{ poolId: B, change: { action: 'update', name: 'b', before: {}, after: { description: 'file' }, fields: [{ field: 'description', before: null, after: 'file' }] } }]);
    // A pool the file does not have, or one not listed again, is not judged.
    expect(checkAfterApply({ pools: [poolPlan(C, [create('x')])] }, after, file)).toStrictEqual({ remaining: [], elsewhere: [], membersMissing: [] });
  });
});
