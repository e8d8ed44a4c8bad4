import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../src/run/apply/change-steps.js';
import { isRead, OPERATIONS, type Operation } from '../../src/edge/cognito/port.js';
import type { DesiredConfig, DesiredGroup, DesiredPool, UnmanagedPolicy } from '../../src/core/config/model.js';
import { CgError } from '../../src/core/errors.js';
import { policyDocument } from '../../src/edge/iam/document.js';
import { needsOf, operationsFor, POLICY_COMMANDS, type PolicyCommand } from '../../src/edge/iam/needs.js';
import { computePoolPlan, memberReadsOf } from '../../src/core/plan/compute.js';
import type { ObservedGroup } from '../../src/core/plan/model.js';
import { pick, randomInt, seededRandom } from './seeded-random.js';

const POOL = 'eu-west-1_Iam1';
const OTHER = 'us-east-2_Iam2';
const ACCOUNT = '111122223333';
const ROLE_A = 'arn:aws:iam::111122223333:role/A';
const ROLE_B = 'arn:aws:iam::111122223333:role/B';

/** A group that can only ever be created or updated: it has a role and a precedence, no previous names, no members. */
function full(name: string, extra: Partial<DesiredGroup> = {}): DesiredGroup {
  return { name, precedence: 1, roleArn: ROLE_A, ...extra };
}

function pool(groups: DesiredGroup[], unmanagedGroups: UnmanagedPolicy = 'keep', id = POOL): DesiredPool {
  return { id, region: id.slice(0, id.indexOf('_')), unmanagedGroups, groups };
}

function config(...userPools: DesiredPool[]): DesiredConfig {
  return { version: 1, settings: {}, userPools };
}

const READS: Operation[] = ['ListGroups', 'ListUsersInGroup'];
/** What the access check of plan and apply reads: the pool's trigger and the groups of users whose role claims may change. */
const ACCESS: Operation[] = ['AdminListGroupsForUser', 'DescribeUserPool'];
/** Every apply creates, updates and deletes: its lease is the group cognito-groups.lock, taken and released (IAM cannot scope a permission to one group). */
const BASIC_APPLY: Operation[] = ['ListGroups', 'GetGroup', 'CreateGroup', 'UpdateGroup', 'DeleteGroup', 'ListUsersInGroup', ...ACCESS];

describe('iam needs: plan and drift only read', () => {
  it.each<[PolicyCommand, Operation[]]>([
    ['plan', ['ListGroups', 'ListUsersInGroup', ...ACCESS]],
    ['drift', READS],
  ])('%s lists groups and members (plan: and checks access), and nothing else, whatever the file can change', (command, reads) => {
    const file = config(pool([{ name: 'bare', previously: ['old'] }, full('roles', { roleArn: ROLE_B })], 'delete'));
    const needs = needsOf(file, command);
    expect(needs.pools).toEqual([{ poolId: POOL, region: 'eu-west-1', operations: reads }]);
    expect(needs.passRoles).toEqual([]);
    expect(needs.pools[0]?.operations.every(isRead)).toBe(true);
  });

  it.each<PolicyCommand>(['plan', 'drift', 'apply'])('%s also reads the pool and its users when a group of the pool has members:', (command) => {
    const file = config(pool([full('team', { members: { mode: 'include', users: ['ann'] } })]), pool([full('plain')], 'keep', OTHER));
    const [withMembers, without] = needsOf(file, command).pools;
    expect(withMembers?.operations).toEqual(expect.arrayContaining(['DescribeUserPool', 'AdminGetUser']));
    if (command === 'drift') expect(without?.operations).not.toContain('DescribeUserPool');
    expect(without?.operations).not.toContain('AdminGetUser');
  });

  it("plan needs what drift needs and the access check's reads, and apply needs at least what plan needs", () => {
    const file = config(pool([full('a', { members: { mode: 'exact', users: [] } }), { name: 'b' }], 'delete'));
    const drift = needsOf(file, 'drift').pools[0]?.operations ?? [];
    expect(needsOf(file, 'plan').pools[0]?.operations).toEqual(OPERATIONS.filter((op) => drift.includes(op) || ACCESS.includes(op)));
    const apply = needsOf(file, 'apply').pools[0]?.operations ?? [];
    for (const op of needsOf(file, 'plan').pools[0]?.operations ?? []) expect(apply).toContain(op);
  });
});

describe('iam needs: apply', () => {
  it('creates, updates and deletes (the lease), and moves no members, when every group has a role and a precedence and the pool keeps unmanaged groups', () => {
    expect(operationsFor(pool([full('a'), full('b')]), 'apply')).toEqual(BASIC_APPLY);
  });

  it('grants DeleteGroup but moves no members for a pool that deletes unmanaged groups', () => {
    const ops = operationsFor(pool([full('a')], 'delete'), 'apply');
    expect(ops).toContain('DeleteGroup');
    expect(ops).not.toContain('AdminAddUserToGroup');
    expect(ops).not.toContain('AdminRemoveUserFromGroup');
  });

  it.each([
    ['a roleArn', { name: 'g', precedence: 1 }],
    ['a precedence', { name: 'g', roleArn: ROLE_A }],
    ['both', { name: 'g' }],
  ])('grants DeleteGroup and AdminAddUserToGroup when a group lacks %s (removing one is a replace, which keeps the members)', (_what, group) => {
    const ops = operationsFor(pool([full('other'), group]), 'apply');
    expect(ops).toEqual([...BASIC_APPLY.slice(0, 6), 'AdminAddUserToGroup', ...ACCESS]);
  });

  it('grants DeleteGroup and AdminAddUserToGroup for a rename (previously:)', () => {
    const ops = operationsFor(pool([full('new', { previously: ['old'] })]), 'apply');
    expect(ops).toContain('DeleteGroup');
    expect(ops).toContain('AdminAddUserToGroup');
    expect(ops).not.toContain('AdminRemoveUserFromGroup');
    expect(operationsFor(pool([full('new', { previously: [] })]), 'apply')).toEqual(BASIC_APPLY);
  });

  it('adds members but never removes them for members: include', () => {
    const ops = operationsFor(pool([full('team', { members: { mode: 'include', users: ['ann'] } })]), 'apply');
    expect(ops).toEqual(['ListGroups', 'GetGroup', 'CreateGroup', 'UpdateGroup', 'DeleteGroup', 'ListUsersInGroup', 'AdminAddUserToGroup', 'AdminGetUser', ...ACCESS]);
  });

  it('adds and removes members for an exact members: list (even an empty one)', () => {
    const ops = operationsFor(pool([full('team', { members: { mode: 'exact', users: [] } })]), 'apply');
    expect(ops).toContain('AdminAddUserToGroup');
    expect(ops).toContain('AdminRemoveUserFromGroup');
  });

  it('decides per pool: one pool that moves members does not give AdminAddUserToGroup to another', () => {
    const needs = needsOf(config(pool([{ name: 'a' }]), pool([full('b')], 'keep', OTHER)), 'apply');
    expect(needs.pools.map((p) => [p.poolId, p.operations.includes('AdminAddUserToGroup'), p.operations.includes('DeleteGroup')])).toEqual([
      [POOL, true, true],
      [OTHER, false, true],
    ]);
  });

  it('passes exactly the roles the file names, each once and sorted, for apply only', () => {
    const file = config(pool([full('a', { roleArn: ROLE_B }), full('b', { roleArn: ROLE_A }), { name: 'c' }]), pool([full('d', { roleArn: ROLE_B })], 'keep', OTHER));
    expect(needsOf(file, 'apply').passRoles).toEqual([ROLE_A, ROLE_B]);
    expect(needsOf(file, 'plan').passRoles).toEqual([]);
    expect(needsOf(config(pool([{ name: 'no-role' }])), 'apply').passRoles).toEqual([]);
  });

  it('names only operations the port has', () => {
    const file = config(pool([{ name: 'x', previously: ['y'], members: { mode: 'exact', users: ['u'] } }], 'delete'));
    for (const command of POLICY_COMMANDS) for (const op of needsOf(file, command).pools[0]?.operations ?? []) expect(OPERATIONS).toContain(op);
    expect(new Set(needsOf(file, 'apply').pools[0]?.operations)).toEqual(new Set(OPERATIONS));
  });
});

describe('iam needs: every plan the file can lead to stays within them', () => {
  // Random files (with members: lists) and random pools (no holding groups left by a stopped run, no
  // names differing only in case: both need what the file cannot foresee, see the README). Every
  // change the planner makes must call only operations apply is granted, and every member read one
  // plan is granted.
  const NAMES = ['a', 'b', 'c', 'd', 'e'];
  const ROLES = [undefined, ROLE_A, ROLE_B];
  const PRECEDENCES = [undefined, 0, 5];
  const USERS = ['u1', 'u2', 'u3'];

  function randomFields(random: () => number): Partial<DesiredGroup> {
    const out: Partial<DesiredGroup> = {};
    const role = pick(random, ROLES);
    const precedence = pick(random, PRECEDENCES);
    if (role !== undefined) out.roleArn = role;
    if (precedence !== undefined) out.precedence = precedence;
    if (random() < 0.5) out.description = pick(random, ['x', 'y']);
    return out;
  }

  it('holds for 2,000 random files and pools, and meets every kind of change', () => {
    const random = seededRandom(13);
    const seen = new Set<string>();
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const names = NAMES.filter(() => random() < 0.5);
      const groups: DesiredGroup[] = names.map((name) => {
        const g: DesiredGroup = { name, ...randomFields(random) };
        if (random() < 0.2) g.previously = [pick(random, NAMES.filter((n) => !names.includes(n)).concat(['zz']))];
        if (random() < 0.3) g.members = { mode: random() < 0.5 ? 'exact' : 'include', users: USERS.filter(() => random() < 0.5) };
        return g;
      });
      const desired = pool(groups, random() < 0.3 ? 'delete' : 'keep');
      const observed: ObservedGroup[] = NAMES.filter(() => random() < 0.5).map((name) => ({ name, ...randomFields(random) }));
      // What the pool's groups hold, as the plan would have read it.
      const members = new Map(observed.map((g) => [g.name, USERS.filter(() => random() < 0.5)]));
      let planned;
      try {
        planned = computePoolPlan(desired, observed, { members });
      } catch (err) {
        // A group and its previous name both present: the planner refuses, and nothing is called.
        if (err instanceof CgError && err.code === 'PLAN_CONFLICT') continue;
        throw err;
      }
      const apply = new Set(operationsFor(desired, 'apply'));
      const plan = new Set(operationsFor(desired, 'plan'));
      for (const change of planned.changes) {
        seen.add(change.action);
        for (const op of operationsOf(change)) {
          if (op.startsWith('AdminAdd') || op.startsWith('AdminRemove')) seen.add(op);
          expect(apply.has(op), `${change.action} ${change.name} calls ${op}`).toBe(true);
        }
      }
      if (memberReadsOf(planned).length > 0) expect(plan.has('ListUsersInGroup')).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(1500);
    expect([...seen].sort()).toEqual(['AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'create', 'delete', 'rename', 'replace', 'update']);
  });

  it('never grants a member write to a file whose plans can only create and update', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 200; i++) {
      const groups = NAMES.filter(() => random() < 0.6).map((name) => full(name, { precedence: randomInt(random, 9) }));
      expect(operationsFor(pool(groups), 'apply')).toEqual(BASIC_APPLY);
    }
  });
});

describe('iam policy document', () => {
  it('scopes each statement to the pools that need exactly those actions, sorted, with the pool region and account', () => {
    const file = config(pool([full('a')], 'keep', OTHER), pool([{ name: 'b' }]), pool([full('c')], 'keep', 'eu-west-1_Iam3'));
    const doc = policyDocument(needsOf(file, 'apply'), ACCOUNT);
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CognitoGroupsApply1',
          Effect: 'Allow',
          Action: ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:CreateGroup', 'cognito-idp:DeleteGroup', 'cognito-idp:DescribeUserPool', 'cognito-idp:GetGroup', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup', 'cognito-idp:UpdateGroup'],
          Resource: [`arn:aws:cognito-idp:eu-west-1:${ACCOUNT}:userpool/${POOL}`],
        },
        {
          Sid: 'CognitoGroupsApply2',
          Effect: 'Allow',
          Action: ['cognito-idp:AdminListGroupsForUser', 'cognito-idp:CreateGroup', 'cognito-idp:DeleteGroup', 'cognito-idp:DescribeUserPool', 'cognito-idp:GetGroup', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup', 'cognito-idp:UpdateGroup'],
          Resource: [`arn:aws:cognito-idp:eu-west-1:${ACCOUNT}:userpool/eu-west-1_Iam3`, `arn:aws:cognito-idp:us-east-2:${ACCOUNT}:userpool/${OTHER}`],
        },
        { Sid: 'CognitoGroupsPassGroupRoles', Effect: 'Allow', Action: ['iam:PassRole'], Resource: [ROLE_A] },
        { Sid: 'CognitoGroupsListIdentityPools', Effect: 'Allow', Action: ['cognito-identity:ListIdentityPools'], Resource: ['*'] },
        {
          Sid: 'CognitoGroupsReadIdentityPools',
          Effect: 'Allow',
          Action: ['cognito-identity:DescribeIdentityPool', 'cognito-identity:GetIdentityPoolRoles'],
          Resource: [`arn:aws:cognito-identity:eu-west-1:${ACCOUNT}:identitypool/*`, `arn:aws:cognito-identity:us-east-2:${ACCOUNT}:identitypool/*`],
        },
        { Sid: 'CognitoGroupsGetGroupRoles', Effect: 'Allow', Action: ['iam:GetRole'], Resource: [ROLE_A] },
      ],
    });
  });

  it('gives the same document whatever order the file lists its pools in', () => {
    const a = pool([full('a')], 'keep', OTHER);
    const b = pool([{ name: 'b' }]);
    expect(policyDocument(needsOf(config(a, b), 'apply'), ACCOUNT)).toEqual(policyDocument(needsOf(config(b, a), 'apply'), ACCOUNT));
  });

  it('uses the region the file gives a pool, where its requests go', () => {
    const p: DesiredPool = { ...pool([full('a')]), region: 'eu-central-1' };
    expect(policyDocument(needsOf(config(p), 'plan'), ACCOUNT).Statement[0]?.Resource).toEqual([`arn:aws:cognito-idp:eu-central-1:${ACCOUNT}:userpool/${POOL}`]);
  });

  it('has one read statement and no iam:PassRole for plan, named after the command, then the credentials check: identity pools of its regions, iam:GetRole on exactly the roles the file names', () => {
    const doc = policyDocument(needsOf(config(pool([full('a'), full('b', { roleArn: ROLE_B }), full('d'), { name: 'c' }])), 'plan'), '*');
    expect(doc.Statement).toEqual([
      { Sid: 'CognitoGroupsPlan', Effect: 'Allow', Action: ['cognito-idp:AdminListGroupsForUser', 'cognito-idp:DescribeUserPool', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup'], Resource: [`arn:aws:cognito-idp:eu-west-1:*:userpool/${POOL}`] },
      { Sid: 'CognitoGroupsListIdentityPools', Effect: 'Allow', Action: ['cognito-identity:ListIdentityPools'], Resource: ['*'] },
      { Sid: 'CognitoGroupsReadIdentityPools', Effect: 'Allow', Action: ['cognito-identity:DescribeIdentityPool', 'cognito-identity:GetIdentityPoolRoles'], Resource: ['arn:aws:cognito-identity:eu-west-1:*:identitypool/*'] },
      { Sid: 'CognitoGroupsGetGroupRoles', Effect: 'Allow', Action: ['iam:GetRole'], Resource: [ROLE_A, ROLE_B] },
    ]);
    expect(needsOf(config(pool([full('a')])), 'drift').getRoles).toEqual([ROLE_A]);
  });

  it('leaves iam:PassRole out when the file names no role', () => {
    const doc = policyDocument(needsOf(config(pool([{ name: 'a', precedence: 1 }])), 'apply'), ACCOUNT);
    expect(doc.Statement.flatMap((s) => s.Action)).not.toContain('iam:PassRole');
  });

  it.each(['12345678901', '1234567890123', 'abcdefghijkl', '', '**'])('refuses the account %j', (account) => {
    expect(() => policyDocument(needsOf(config(pool([full('a')])), 'plan'), account)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
