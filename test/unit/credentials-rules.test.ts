// The credentials a user gets from an identity pool (src/core/credentials/): which identity pools
// federate a user pool, Token and Rules mappings with both ambiguous resolutions, rules on claims the
// tool cannot predict, transitions largest first, the roles' trust, and where the file writes a roleArn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roleArnSites } from '../../src/core/config/role-sites.js';
import { federationsOf, mappingKey, providerNameOf } from '../../src/core/credentials/federation.js';
import type { IdentityPoolInfo, MappingRule, RoleMapping, TokenClaims } from '../../src/core/credentials/model.js';
import { credentialLabel, credentialOf, roleName, ruleMatches } from '../../src/core/credentials/resolve.js';
import { distinctRoles, roleWarnings, type RoleLookup } from '../../src/core/credentials/role-checks.js';
import { credentialKey, credentialTransitions, usersWithCredentialChanges } from '../../src/core/credentials/transitions.js';
import { judgeTrust } from '../../src/core/credentials/trust.js';

const REGION = 'eu-west-1';
const POOL = 'eu-west-1_Cred1';
const PROVIDER = providerNameOf(REGION, POOL);
const ROLE = (name: string): string => `arn:aws:iam::123456789012:role/${name}`;
const AUTH = ROLE('AppReader');

function identityPool(mapping: RoleMapping | undefined, over: Partial<IdentityPoolInfo> = {}): IdentityPoolInfo {
  return {
    id: 'eu-west-1:11111111-2222-3333-4444-555555555555',
    name: 'prod-app',
    providers: [{ providerName: PROVIDER, clientId: 'client1' }],
    authenticatedRole: AUTH,
    mappings: mapping === undefined ? {} : { [mappingKey(PROVIDER, 'client1')]: mapping },
    ...over,
  };
}

const claims = (groups: string[], roles: string[] = [], preferredRole?: string): TokenClaims => ({ groups, roles, ...(preferredRole === undefined ? {} : { preferredRole }) });

describe('which identity pools federate a user pool', () => {
  it('matches the provider name cognito-idp.<region>.amazonaws.com/<poolId> exactly, with every client, sorted by name', () => {
    expect(PROVIDER).toBe('cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Cred1');
    const a = identityPool(undefined, { id: 'eu-west-1:a', name: 'zeta', providers: [{ providerName: PROVIDER, clientId: 'c2' }, { providerName: PROVIDER, clientId: 'c1' }, { providerName: PROVIDER, clientId: 'c1' }] });
    const b = identityPool(undefined, { id: 'eu-west-1:b', name: 'alpha' });
    const other = identityPool(undefined, { id: 'eu-west-1:c', name: 'other', providers: [{ providerName: providerNameOf(REGION, 'eu-west-1_Other'), clientId: 'c1' }, { providerName: `${PROVIDER}/`, clientId: 'c1' }] });
    const found = federationsOf([a, other, b], REGION, POOL);
    expect(found.map((f) => [f.pool.name, f.clientIds])).toEqual([
      ['alpha', ['client1']],
      ['zeta', ['c1', 'c2']],
    ]);
    expect(federationsOf([other], REGION, POOL)).toEqual([]);
  });
});

describe('the credential of one user', () => {
  it('without a mapping for the client: the authenticated role, or none when the pool has none', () => {
    expect(credentialOf(claims(['admins'], [ROLE('Admin')], ROLE('Admin')), identityPool(undefined), PROVIDER, 'client1')).toEqual({ kind: 'role', roleArn: AUTH, via: { from: 'authenticated-role', reason: 'no-mapping' } });
    // A mapping for another client does not apply.
    expect(credentialOf(claims([]), identityPool({ type: 'Token', ambiguous: 'Deny' }), PROVIDER, 'client2').kind).toBe('role');
    const { authenticatedRole: _, ...noAuth } = identityPool(undefined);
    expect(credentialOf(claims([]), noAuth, PROVIDER, 'client1')).toEqual({ kind: 'denied', why: 'no-authenticated-role' });
  });

  it('Token: the preferred role; without one, the authenticated role (AuthenticatedRole) or no credentials (Deny)', () => {
    const withRole = claims(['admins'], [ROLE('Admin')], ROLE('Admin'));
    const tie = claims(['a', 'b'], [ROLE('A'), ROLE('B')]);
    const tolerant = identityPool({ type: 'Token', ambiguous: 'AuthenticatedRole' });
    const strict = identityPool({ type: 'Token', ambiguous: 'Deny' });
    expect(credentialOf(withRole, tolerant, PROVIDER, 'client1')).toEqual({ kind: 'role', roleArn: ROLE('Admin'), via: { from: 'preferred-role' } });
    expect(credentialOf(tie, tolerant, PROVIDER, 'client1')).toEqual({ kind: 'role', roleArn: AUTH, via: { from: 'authenticated-role', reason: 'ambiguous' } });
    expect(credentialOf(tie, strict, PROVIDER, 'client1')).toEqual({ kind: 'denied', why: 'deny' });
    expect(credentialOf(claims([]), strict, PROVIDER, 'client1')).toEqual({ kind: 'denied', why: 'deny' });
  });

  it('Rules: the first matching rule wins; none matching, the ambiguous resolution', () => {
    const rules: MappingRule[] = [
      { claim: 'cognito:groups', matchType: 'Contains', value: 'admins', roleArn: ROLE('AppAdmin') },
      { claim: 'cognito:groups', matchType: 'Equals', value: 'readers', roleArn: ROLE('Reader') },
    ];
    const pool = identityPool({ type: 'Rules', ambiguous: 'Deny', rules });
    expect(credentialOf(claims(['admins', 'readers']), pool, PROVIDER, 'client1')).toEqual({ kind: 'role', roleArn: ROLE('AppAdmin'), via: { from: 'rule', rule: 1 } });
    expect(credentialOf(claims(['readers']), pool, PROVIDER, 'client1')).toEqual({ kind: 'role', roleArn: ROLE('Reader'), via: { from: 'rule', rule: 2 } });
    expect(credentialOf(claims(['writers']), pool, PROVIDER, 'client1')).toEqual({ kind: 'denied', why: 'deny' });
  });

  it('a rule on a claim the tool does not predict decides the credential, unless an earlier rule matched', () => {
    const rules: MappingRule[] = [
      { claim: 'cognito:groups', matchType: 'Equals', value: 'admins', roleArn: ROLE('AppAdmin') },
      { claim: 'custom:tier', matchType: 'Equals', value: 'gold', roleArn: ROLE('Gold') },
      { claim: 'cognito:groups', matchType: 'Equals', value: 'readers', roleArn: ROLE('Reader') },
    ];
    const pool = identityPool({ type: 'Rules', ambiguous: 'AuthenticatedRole', rules });
    expect(credentialOf(claims(['admins']), pool, PROVIDER, 'client1').kind).toBe('role');
    const undecided = credentialOf(claims(['readers']), pool, PROVIDER, 'client1');
    expect(undecided).toEqual({ kind: 'unpredicted', claim: 'custom:tier' });
    expect(credentialLabel(undecided)).toBe('decided by a rule on custom:tier, not predicted');
  });

  it('match types on list claims: any value; an absent claim matches no rule, NotEqual included', () => {
    const rule = (matchType: MappingRule['matchType'], value: string, claim = 'cognito:groups'): MappingRule => ({ claim, matchType, value, roleArn: ROLE('X') });
    const c = claims(['team-admins', 'readers'], [ROLE('R')], ROLE('R'));
    expect(ruleMatches(rule('Equals', 'readers'), c)).toBe(true);
    expect(ruleMatches(rule('Equals', 'admins'), c)).toBe(false);
    expect(ruleMatches(rule('Contains', 'admin'), c)).toBe(true);
    expect(ruleMatches(rule('StartsWith', 'team-'), c)).toBe(true);
    expect(ruleMatches(rule('StartsWith', 'admins'), c)).toBe(false);
    expect(ruleMatches(rule('NotEqual', 'writers'), c)).toBe(true);
    expect(ruleMatches(rule('NotEqual', 'readers'), c)).toBe(false);
    expect(ruleMatches(rule('Equals', ROLE('R'), 'cognito:roles'), c)).toBe(true);
    expect(ruleMatches(rule('Equals', ROLE('R'), 'cognito:preferred_role'), c)).toBe(true);
    expect(ruleMatches(rule('NotEqual', 'x'), claims([]))).toBe(false);
    expect(ruleMatches(rule('NotEqual', 'x', 'cognito:roles'), claims(['a']))).toBe(false);
  });

  it('names roles by their last path segment', () => {
    expect(roleName('arn:aws:iam::123456789012:role/service/path/AppAdmin')).toBe('AppAdmin');
    expect(roleName('arn:aws-cn:iam::123456789012:role/R')).toBe('R');
    expect(roleName('arn:aws:s3:::bucket')).toBe('arn:aws:s3:::bucket');
  });
});

describe('credential transitions', () => {
  const rulesPool = identityPool({ type: 'Rules', ambiguous: 'AuthenticatedRole', rules: [{ claim: 'cognito:groups', matchType: 'Equals', value: 'admins', roleArn: ROLE('AppAdmin') }] });

  it('a rename breaks a rule on cognito:groups: its users fall back to the authenticated role, grouped and largest first', () => {
    const users = [
      ...['u3', 'u1', 'u2'].map((username) => ({ username, before: claims(['admins']), after: claims(['administrators']) })),
      { username: 'v1', before: claims(['readers']), after: claims(['admins']) },
      { username: 'w1', before: claims(['readers']), after: claims(['writers']) },
    ];
    const t = credentialTransitions(users, federationsOf([rulesPool], REGION, POOL), REGION, POOL);
    expect(t.map((x) => [x.identityPoolName, x.count, credentialLabel(x.before), credentialLabel(x.after), x.usernames])).toEqual([
      ['prod-app', 3, 'AppAdmin', 'AppReader', ['u1', 'u2', 'u3']],
      ['prod-app', 1, 'AppReader', 'AppAdmin', ['v1']],
    ]);
    expect(usersWithCredentialChanges(t)).toBe(4);
  });

  it('two identity pools federating one user pool each get their own transitions', () => {
    const second = identityPool({ type: 'Token', ambiguous: 'Deny' }, { id: 'eu-west-1:22222222-0000-0000-0000-000000000000', name: 'partner-app' });
    const users = [{ username: 'a', before: claims(['admins'], [ROLE('AppAdmin')], ROLE('AppAdmin')), after: claims([]) }];
    const t = credentialTransitions(users, federationsOf([rulesPool, second], REGION, POOL), REGION, POOL);
    expect(t.map((x) => [x.identityPoolName, credentialLabel(x.before), credentialLabel(x.after)])).toEqual([
      ['partner-app', 'AppAdmin', 'no credentials (Deny)'],
      ['prod-app', 'AppAdmin', 'AppReader'],
    ]);
    expect(credentialTransitions(users, [], REGION, POOL)).toEqual([]);
  });

  it('property: every user with a changed credential is in exactly one transition per identity pool and client, counts match and are sorted', () => {
    const group = fc.constantFrom('admins', 'readers', 'writers', 'x');
    const claimArb = fc.record({ groups: fc.uniqueArray(group, { maxLength: 3 }), roles: fc.constant([] as string[]), preferredRole: fc.option(fc.constantFrom(ROLE('A'), ROLE('B')), { nil: undefined }) }).map((c) => (c.preferredRole === undefined ? { groups: c.groups, roles: c.roles } : c));
    const mappingArb: fc.Arbitrary<RoleMapping | undefined> = fc.oneof(
      fc.constant(undefined),
      fc.record({ type: fc.constant('Token' as const), ambiguous: fc.constantFrom('AuthenticatedRole' as const, 'Deny' as const) }),
      fc.record({
        type: fc.constant('Rules' as const),
        ambiguous: fc.constantFrom('AuthenticatedRole' as const, 'Deny' as const),
        rules: fc.array(fc.record({ claim: fc.constantFrom('cognito:groups', 'cognito:roles', 'email'), matchType: fc.constantFrom('Equals' as const, 'Contains' as const, 'StartsWith' as const, 'NotEqual' as const), value: group, roleArn: fc.constantFrom(ROLE('A'), ROLE('B'), ROLE('C')) }), { maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ before: claimArb, after: claimArb }), { maxLength: 12 }), mappingArb, (pairs, mapping) => {
        const users = pairs.map((p, i) => ({ username: `u${i}`, ...p }));
        const pool = identityPool(mapping);
        const t = credentialTransitions(users, federationsOf([pool], REGION, POOL), REGION, POOL);
        const changed = users.filter((u) => credentialKey(credentialOf(u.before, pool, PROVIDER, 'client1')) !== credentialKey(credentialOf(u.after, pool, PROVIDER, 'client1')));
        expect(t.reduce((n, x) => n + x.count, 0)).toBe(changed.length);
        expect(t.flatMap((x) => x.usernames).sort()).toEqual(changed.map((u) => u.username).sort());
        for (const x of t) {
          expect(x.usernames.length).toBe(x.count);
          expect(credentialKey(x.before)).not.toBe(credentialKey(x.after));
        }
        for (let i = 1; i < t.length; i++) expect((t[i - 1] as { count: number }).count).toBeGreaterThanOrEqual((t[i] as { count: number }).count);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a role's trust", () => {
  const IP = 'eu-west-1:11111111-2222-3333-4444-555555555555';
  const policy = (statement: Record<string, unknown>): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  const cognito = (condition?: Record<string, unknown>, over: Record<string, unknown> = {}): string =>
    policy({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition === undefined ? {} : { Condition: condition }), ...over });

  it('trusts: the aud condition names one of the identity pools found (StringEquals, StringLike, a list, an action list)', () => {
    expect(judgeTrust(cognito({ StringEquals: { 'cognito-identity.amazonaws.com:aud': IP }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }), [IP])).toEqual({ ok: true });
    expect(judgeTrust(cognito({ StringLike: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:*' } }), [IP])).toEqual({ ok: true });
    expect(judgeTrust(cognito({ StringEquals: { 'cognito-identity.amazonaws.com:aud': ['eu-west-1:other', IP] } }, { Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'] }), [IP])).toEqual({ ok: true });
    // No identity pool found: only Cognito's trust is checked.
    expect(judgeTrust(cognito({ StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:other' } }), [])).toEqual({ ok: true });
  });

  it('does not trust: another identity pool, no aud condition, another principal or action, a deny, not JSON', () => {
    expect(judgeTrust(cognito({ StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:other' } }), [IP])).toEqual({ ok: false, problem: 'other-identity-pools', audiences: ['eu-west-1:other'] });
    expect(judgeTrust(cognito(), [IP])).toEqual({ ok: false, problem: 'no-aud-condition' });
    expect(judgeTrust(cognito(undefined, { Principal: { Service: 'lambda.amazonaws.com' } }), [IP])).toEqual({ ok: false, problem: 'no-cognito-trust' });
    expect(judgeTrust(cognito(undefined, { Action: 'sts:AssumeRole' }), [])).toEqual({ ok: false, problem: 'no-cognito-trust' });
    const denied = JSON.stringify({ Statement: [JSON.parse(cognito({ StringEquals: { 'cognito-identity.amazonaws.com:aud': IP } })).Statement[0], { Effect: 'Deny', Principal: '*', Action: 'sts:*' }] });
    expect(judgeTrust(denied, [IP])).toEqual({ ok: false, problem: 'no-cognito-trust' });
    expect(judgeTrust('%7B', [IP])).toEqual({ ok: false, problem: 'unreadable' });
  });
});

describe('roles the file names', () => {
  const FILE = ['version: 1', 'userPools:', `  - id: ${POOL}`, '    groups:', '      - name: admins', `        roleArn: ${ROLE('AppAdmin')}`, '      - name: readers', `        roleArn: ${ROLE('Gone')}`, '      - name: plain', ''].join('\n');
  const IP = 'eu-west-1:11111111-2222-3333-4444-555555555555';
  const trusting = JSON.stringify({ Statement: { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': IP } } } });

  it('places each roleArn at its line and column', () => {
    expect(roleArnSites(FILE)).toEqual([
      { poolIndex: 0, group: 'admins', line: 6, column: 18 },
      { poolIndex: 0, group: 'readers', line: 8, column: 18 },
    ]);
    expect(roleArnSites(': not yaml [')).toEqual([]);
  });

  it('warns of a missing role and an untrusting one, naming group, role, file and line; a role not read is no warning', () => {
    const pools = [{ poolIndex: 0, poolId: POOL, groups: [{ name: 'admins', roleArn: ROLE('AppAdmin') }, { name: 'readers', roleArn: ROLE('Gone') }, { name: 'plain' }], identityPoolIds: [IP] }];
    expect(distinctRoles(pools)).toEqual([ROLE('AppAdmin'), ROLE('Gone')]);
    const lookups = new Map<string, RoleLookup>([
      [ROLE('AppAdmin'), { status: 'found', trustPolicy: trusting }],
      [ROLE('Gone'), { status: 'missing' }],
    ]);
    expect(roleWarnings(pools, lookups, roleArnSites(FILE), 'groups.yaml')).toEqual([{ poolId: POOL, group: 'readers', roleArn: ROLE('Gone'), problem: 'missing', file: 'groups.yaml', line: 8, column: 18 }]);
    const other = new Map<string, RoleLookup>([
      [ROLE('AppAdmin'), { status: 'found', trustPolicy: trusting }],
      [ROLE('Gone'), { status: 'unchecked', why: 'access denied' }],
    ]);
    expect(roleWarnings([{ ...pools[0]!, identityPoolIds: ['eu-west-1:99999999-0000-0000-0000-000000000000'] }], other)).toEqual([
      { poolId: POOL, group: 'admins', roleArn: ROLE('AppAdmin'), problem: 'other-identity-pools', audiences: [IP] },
    ]);
  });
});
