// The access prediction: each affected user's claims before and after a plan, grouped into
// transitions. Pure: a plan from the planner, the members and groups the reads would give.
import { describe, expect, it } from 'vitest';
import { accessNeeds, predictAccess } from '../../src/core/access/transitions.js';
import { isSensitiveRole } from '../../src/core/access/sensitive.js';
import type { DesiredGroup } from '../../src/core/config/model.js';
import { computePoolPlan, memberReadsOf } from '../../src/core/plan/compute.js';
import type { ObservedGroup } from '../../src/core/plan/model.js';
import { desired, members as membersOf } from './plan-fixtures.js';

const POOL = 'eu-west-1_AbC123';
const READER = 'arn:aws:iam::123456789012:role/reader';
const ADMIN = 'arn:aws:iam::123456789012:role/admin';
const OPS = 'arn:aws:iam::123456789012:role/ops';

/** Plans `want` against `pool` with `groupMembers` as every group's members, then predicts, reading role groups' members (the group-members path). */
function predict(want: DesiredGroup[], pool: ObservedGroup[], groupMembers: Record<string, string[]>, options: { unmanaged?: 'keep' | 'delete'; dropMembers?: boolean; sensitive?: string[] } = {}) {
  const file = desired(POOL, want, options.unmanaged ?? 'keep');
  const first = computePoolPlan(file, pool, { dropMembers: options.dropMembers === true });
  const read = membersOf(Object.fromEntries(memberReadsOf(first, file).map((g) => [g, groupMembers[g] ?? []])));
  const plan = computePoolPlan(file, pool, { dropMembers: options.dropMembers === true, members: read });
  const needs = accessNeeds(plan, pool, read, true);
  // What the reads give: each role user's groups, from every group's members.
  const groupsOf = new Map(needs.roleUsers.map((u) => [u, Object.entries(groupMembers).filter(([, us]) => us.includes(u)).map(([g]) => g)]));
  return { needs, plan, ...predictAccess({ pool: plan, observed: pool, members: read, caseSensitive: true, groupsOf, sensitiveRoles: options.sensitive ?? [] }) };
}

describe('accessNeeds', () => {
  it('needs nothing for a plan that changes no claim', () => {
    const pool = [{ name: 'docs', description: 'old' }, { name: 'r', roleArn: READER, precedence: 1 }];
    const plan = computePoolPlan(desired(POOL, [{ name: 'docs', description: 'new' }, { name: 'r', roleArn: READER, precedence: 1 }]), pool);
    expect(accessNeeds(plan, pool, new Map(), true)).toEqual({ changesClaims: false, roleUsers: [], roleGroups: ['r'] });
  });

  it('names the members of a role group whose precedence changes, and not those of an untouched one', () => {
    const { needs } = predict(
      [{ name: 'a', roleArn: ADMIN, precedence: 1 }, { name: 'r', roleArn: READER, precedence: 5 }],
      [{ name: 'a', roleArn: ADMIN, precedence: 9 }, { name: 'r', roleArn: READER, precedence: 5 }],
      { a: ['ann', 'bob'], r: ['bob', 'cy'] },
    );
    expect(needs).toEqual({ changesClaims: true, roleUsers: ['ann', 'bob'], roleGroups: ['a', 'r'] });
  });
});

describe('predictAccess', () => {
  it('moves the preferred role of the users in both groups when two role groups swap precedence', () => {
    const { transitions, users } = predict(
      [{ name: 'a', roleArn: ADMIN, precedence: 1 }, { name: 'r', roleArn: READER, precedence: 5 }],
      [{ name: 'a', roleArn: ADMIN, precedence: 5 }, { name: 'r', roleArn: READER, precedence: 1 }],
      { a: ['ann', 'bob', 'cy'], r: ['bob', 'cy', 'dee'] },
    );
    expect(transitions).toEqual([{ claim: 'preferred_role', before: READER, after: ADMIN, count: 2, usernames: ['bob', 'cy'] }]);
    expect(users).toBe(2);
  });

  it('says who loses the preferred role to a tie, with the tied roles', () => {
    const { transitions } = predict(
      [{ name: 'a', roleArn: ADMIN, precedence: 1 }, { name: 'r', roleArn: READER, precedence: 1 }],
      [{ name: 'a', roleArn: ADMIN, precedence: 3 }, { name: 'r', roleArn: READER, precedence: 1 }],
      { a: ['ann', 'bob'], r: ['bob'] },
    );
    expect(transitions).toEqual([{ claim: 'preferred_role', before: READER, after: null, tie: [ADMIN, READER].sort(), count: 1, usernames: ['bob'] }]);
  });

  it('takes every role group of a user in three into account', () => {
    const { transitions } = predict(
      [{ name: 'a', roleArn: ADMIN, precedence: 2 }, { name: 'o', roleArn: OPS, precedence: 3 }, { name: 'r', roleArn: READER, precedence: 1 }],
      [{ name: 'a', roleArn: ADMIN, precedence: 2 }, { name: 'o', roleArn: OPS, precedence: 0 }, { name: 'r', roleArn: READER, precedence: 1 }],
      { a: ['tri'], o: ['tri', 'solo'], r: ['tri'] },
    );
    expect(transitions).toEqual([{ claim: 'preferred_role', before: OPS, after: READER, count: 1, usernames: ['tri'] }]);
    // solo is in no other group: precedence alone changes nothing for them.
    expect(transitions.some((t) => t.usernames.includes('solo'))).toBe(false);
  });

  it('drops role and group name for every member of a replace without members', () => {
    const { transitions } = predict([{ name: 'a', precedence: 1 }], [{ name: 'a', roleArn: ADMIN, precedence: 1 }, { name: 'r', roleArn: READER, precedence: 4 }], { a: ['ann', 'bob'], r: ['bob'] }, { dropMembers: true });
    expect(transitions).toEqual([
      { claim: 'roles', change: 'lose', role: ADMIN, count: 2, usernames: ['ann', 'bob'] },
      { claim: 'groups', change: 'lose', group: 'a', count: 2, usernames: ['ann', 'bob'] },
      { claim: 'preferred_role', before: ADMIN, after: READER, count: 1, usernames: ['bob'] },
      { claim: 'preferred_role', before: ADMIN, after: null, count: 1, usernames: ['ann'] },
    ]);
  });

  it("takes the role away from the kept members of a replace that removes the group's role", () => {
    const { transitions } = predict([{ name: 'a', precedence: 1 }], [{ name: 'a', roleArn: ADMIN, precedence: 1 }], { a: ['ann'] });
    expect(transitions).toEqual([
      { claim: 'preferred_role', before: ADMIN, after: null, count: 1, usernames: ['ann'] },
      { claim: 'roles', change: 'lose', role: ADMIN, count: 1, usernames: ['ann'] },
    ]);
  });

  it('marks a member added to a sensitive-role group as gaining that role', () => {
    const { transitions } = predict(
      [{ name: 'a', roleArn: ADMIN, precedence: 1, members: { mode: 'include', users: ['eve'] } }],
      [{ name: 'a', roleArn: ADMIN, precedence: 1 }],
      { a: ['ann'] },
      { sensitive: ['arn:aws:iam::*:role/admin'] },
    );
    expect(transitions).toEqual([
      { claim: 'preferred_role', before: null, after: ADMIN, count: 1, usernames: ['eve'], sensitive: true },
      { claim: 'roles', change: 'gain', role: ADMIN, count: 1, usernames: ['eve'], sensitive: true },
      { claim: 'groups', change: 'gain', group: 'a', count: 1, usernames: ['eve'] },
    ]);
  });

  it('counts the users whose cognito:groups lose the old name of a renamed group', () => {
    const { transitions } = predict([{ name: 'staff', previously: ['employees'] }], [{ name: 'employees' }], { employees: ['ann', 'bob', 'cy'] });
    expect(transitions).toEqual([
      { claim: 'groups', change: 'gain', group: 'staff', count: 3, usernames: ['ann', 'bob', 'cy'] },
      { claim: 'groups', change: 'lose', group: 'employees', count: 3, usernames: ['ann', 'bob', 'cy'] },
    ]);
  });

  it('counts the members of a deleted group', () => {
    const { transitions } = predict([], [{ name: 'old', roleArn: READER }], { old: ['ann'] }, { unmanaged: 'delete' });
    expect(transitions).toEqual([
      { claim: 'preferred_role', before: READER, after: null, count: 1, usernames: ['ann'] },
      { claim: 'roles', change: 'lose', role: READER, count: 1, usernames: ['ann'] },
      { claim: 'groups', change: 'lose', group: 'old', count: 1, usernames: ['ann'] },
    ]);
  });
});

describe('sensitive roles', () => {
  it('matches exact ARNs and patterns with *, nothing else', () => {
    expect(isSensitiveRole(ADMIN, [ADMIN])).toBe(true);
    expect(isSensitiveRole(ADMIN, ['arn:aws:iam::*:role/adm*'])).toBe(true);
    expect(isSensitiveRole(READER, ['arn:aws:iam::*:role/adm*'])).toBe(false);
    expect(isSensitiveRole(`${ADMIN}x`, [ADMIN])).toBe(false);
    expect(isSensitiveRole('arn:aws:iam::123456789012:role/a.b', ['arn:aws:iam::123456789012:role/a?b'])).toBe(false);
  });
});
