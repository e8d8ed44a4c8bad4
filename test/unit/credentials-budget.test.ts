// Apply's role budget where an identity pool is known: it counts whose AWS credentials change (a
// rename that breaks a Rules mapping changes no preferred role, but does change credentials), and a
// credential change to a sensitive role is refused; where no identity pool federates the pool, the
// claim changes count as before. The refusal names the largest credential transitions.
import { describe, expect, it } from 'vitest';
import type { AccessTransition, PoolAccess } from '../../src/core/access/model.js';
import type { PoolCredentials } from '../../src/core/credentials/plan-model.js';
import type { CredentialTransition } from '../../src/core/credentials/transitions.js';
import type { Plan } from '../../src/core/plan/model.js';
import { accessRefusalLines } from '../../src/faces/render/access-text.js';
import { policyViolations } from '../../src/run/apply/policy.js';

const ROLE = (n: string): string => `arn:aws:iam::1:role/${n}`;
const IP = 'eu-west-1:11111111-2222-3333-4444-555555555555';
const users = (n: number): string[] => Array.from({ length: n }, (_, i) => `u${i}`);

function credential(count: number, after: string, sensitive = false): CredentialTransition {
  return {
    identityPoolId: IP,
    identityPoolName: 'prod-app',
    clientId: 'web',
    before: { kind: 'role', roleArn: ROLE('AppAdmin'), via: { from: 'rule', rule: 1 } },
    after: { kind: 'role', roleArn: ROLE(after), via: { from: 'authenticated-role', reason: 'ambiguous' } },
    count,
    usernames: users(count),
    ...(sensitive ? { sensitive: true as const } : {}),
  };
}

const groupNames = (n: number): AccessTransition => ({ claim: 'groups', change: 'lose', group: 'admins', count: n, usernames: users(n) });
const preferred = (n: number): AccessTransition => ({ claim: 'preferred_role', before: ROLE('A'), after: ROLE('B'), count: n, usernames: users(n) });
const access = (...transitions: AccessTransition[]): PoolAccess => ({ checked: true, via: 'plan-reads', reads: 0, users: 0, transitions });

function plan(a: PoolAccess, credentials?: PoolCredentials): Plan {
  return { pools: [{ userPoolId: 'eu-west-1_P0', region: 'eu-west-1', listed: 1, changes: [], unchanged: [], unmanaged: [], access: a, ...(credentials === undefined ? {} : { credentials }) }] };
}

const known = (...transitions: CredentialTransition[]): PoolCredentials => ({
  checked: true,
  identityPools: [{ id: IP, name: 'prod-app', clientIds: ['web'] }],
  transitions,
  users: new Set(transitions.flatMap((t) => t.usernames)).size,
});

describe('the role budget with identity pools', () => {
  it('counts users whose credentials change where an identity pool is known, not their preferred role', () => {
    // 30 users lose a group name a Rules mapping reads: no preferred role changes, 30 credentials do.
    const v = policyViolations(plan(access(groupNames(30)), known(credential(30, 'AppReader'))), {});
    expect(v?.access?.overMaxRoleChanges).toMatchObject({ users: 30, maxRoleChanges: 25, credentials: true });
    expect(accessRefusalLines(v?.access ?? {})).toContain(`  eu-west-1_P0: identity pool prod-app (${IP}): 30 users: AppAdmin -> AppReader`);
    // 30 preferred-role changes the identity pool ignores (it hands everyone its authenticated role) are within the budget.
    expect(policyViolations(plan(access(preferred(30)), known()), {})).toBeUndefined();
  });

  it('counts claim changes where no identity pool federates the pool, or the credentials were not read', () => {
    const none: PoolCredentials = { checked: true, identityPools: [], transitions: [], users: 0 };
    expect(policyViolations(plan(access(preferred(30)), none), {})?.access?.overMaxRoleChanges?.users).toBe(30);
    expect(policyViolations(plan(access(preferred(30)), { checked: false, why: 'denied' }), {})?.access?.overMaxRoleChanges?.users).toBe(30);
  });

  it('refuses a credential change to a sensitive role, unless --allow-role-changes', () => {
    const p = plan(access(groupNames(2)), known(credential(2, 'Root', true)));
    expect(policyViolations(p, {})?.access?.sensitive?.users).toBe(2);
    expect(policyViolations(p, { allowRoleChanges: true })).toBeUndefined();
  });
});
