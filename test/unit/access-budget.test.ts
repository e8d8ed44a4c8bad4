// Apply's access budget as data: preferred-role changes over --max-role-changes, sensitive roles
// given, access not checked; all allowed by --allow-role-changes, none named by neverApplied.
import { describe, expect, it } from 'vitest';
import type { AccessTransition, PoolAccess } from '../../src/core/access/model.js';
import type { Plan } from '../../src/core/plan/model.js';
import { neverApplied, policyViolations } from '../../src/run/apply/policy.js';

const A = 'arn:aws:iam::1:role/a';
const B = 'arn:aws:iam::1:role/b';

const users = (n: number, p = 'u'): string[] => Array.from({ length: n }, (_, i) => `${p}${i}`);
const preferred = (n: number, extra: Partial<AccessTransition> = {}): AccessTransition => ({ claim: 'preferred_role', before: A, after: B, count: n, usernames: users(n), ...extra } as AccessTransition);

function planWith(...access: PoolAccess[]): Plan {
  return { pools: access.map((a, i) => ({ userPoolId: `eu-west-1_P${i}`, region: 'eu-west-1', listed: 1, changes: [], unchanged: [], unmanaged: [], access: a })) };
}

const checked = (...transitions: AccessTransition[]): PoolAccess => ({ checked: true, via: 'plan-reads', reads: 0, users: 0, transitions });

describe('the access budget', () => {
  it('allows up to --max-role-changes preferred-role changes, counted over every pool', () => {
    expect(policyViolations(planWith(checked(preferred(10)), checked(preferred(15))), {})).toBeUndefined();
    const v = policyViolations(planWith(checked(preferred(10)), checked(preferred(16))), {});
    expect(v?.access?.overMaxRoleChanges).toEqual({
      users: 26,
      maxRoleChanges: 25,
      largest: [
        { poolId: 'eu-west-1_P1', change: { claim: 'preferred_role', before: A, after: B }, count: 16 },
        { poolId: 'eu-west-1_P0', change: { claim: 'preferred_role', before: A, after: B }, count: 10 },
      ],
    });
    expect(policyViolations(planWith(checked(preferred(26))), { maxRoleChanges: 26 })).toBeUndefined();
  });

  it('does not count roles or group names against the budget', () => {
    const roles: AccessTransition = { claim: 'roles', change: 'gain', role: B, count: 100, usernames: users(100) };
    const groups: AccessTransition = { claim: 'groups', change: 'lose', group: 'g', count: 100, usernames: users(100) };
    expect(policyViolations(planWith(checked(roles, groups)), {})).toBeUndefined();
  });

  it('refuses any user given a sensitive role, counting each user once', () => {
    const v = policyViolations(planWith(checked(preferred(1, { sensitive: true }), { claim: 'roles', change: 'gain', role: B, count: 1, usernames: ['u0'], sensitive: true })), {});
    expect(v?.access?.sensitive?.users).toBe(1);
  });

  it('refuses a plan whose access was not checked where claims can change', () => {
    expect(policyViolations(planWith({ checked: false }), {})?.access).toEqual({ unchecked: ['eu-west-1_P0'] });
  });

  it('lets --allow-role-changes through, and never names the budget as something no flag allows', () => {
    const plan = planWith(checked(preferred(100, { sensitive: true })), { checked: false });
    expect(policyViolations(plan, { allowRoleChanges: true })).toBeUndefined();
    expect(neverApplied(plan)).toBeUndefined();
  });
});
