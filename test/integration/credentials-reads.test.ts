// The credentials check end to end against the emulator over HTTP, with the real SDK clients
// (@aws-sdk/client-cognito-identity, @aws-sdk/client-iam) behind the port, paced and counted: which
// identity pools federate a user pool and what their mappings make of predicted claims (Token with
// AuthenticatedRole and with Deny, a Rules mapping a rename breaks, two identity pools, none), roles
// that do not exist or trust another identity pool, and denied reads that leave things unchecked.
import { describe, expect, it, onTestFinished } from 'vitest';
import { federationsOf } from '../../src/core/credentials/federation.js';
import { credentialLabel } from '../../src/core/credentials/resolve.js';
import { roleWarnings } from '../../src/core/credentials/role-checks.js';
import { credentialTransitions } from '../../src/core/credentials/transitions.js';
import { SdkCredentialsApi } from '../../src/edge/identity/sdk-api.js';
import { PacedCredentialsApi } from '../../src/edge/pacing/paced-credentials.js';
import { DEFAULT_RETRY } from '../../src/edge/pacing/retry.js';
import { systemClock } from '../../src/edge/pacing/clock.js';
import { federationsFor, readCredentialFacts } from '../../src/edge/read/credentials.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

const ACCOUNT = '123456789012';
const POOL = 'eu-west-1_Creds1';
const PROVIDER = `cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
const ARN = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

function trust(identityPoolId: string): object {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }],
  };
}

async function emulator(): Promise<RunningEmulator> {
  const e = await startEmulator({ account: ACCOUNT, region: 'eu-west-1', quotas: { enabled: true } });
  e.ensureUserPool(POOL);
  onTestFinished(() => e.close());
  return e;
}

function port(url: string, accessKeyId = 'planner'): PacedCredentialsApi {
  const sdk = new SdkCredentialsApi({ endpoint: url, credentials: { accessKeyId, secretAccessKey: 's' } });
  onTestFinished(() => sdk.destroy());
  return new PacedCredentialsApi(sdk, systemClock, { ...DEFAULT_RETRY, baseBackoffMs: 1 });
}

const claims = (groups: string[], preferredRole?: string) => ({ groups, roles: preferredRole === undefined ? [] : [preferredRole], ...(preferredRole === undefined ? {} : { preferredRole }) });

describe('credentials through identity pools, read from the emulator', () => {
  it('Token mappings: users losing their preferred role get the authenticated role (AuthenticatedRole) or nothing (Deny); two identity pools', async () => {
    const e = await emulator();
    const tolerant = e.createIdentityPool('prod-app', { userPools: [{ userPoolId: POOL, clientId: 'web' }] });
    const strict = e.createIdentityPool('partner', { userPools: [{ userPoolId: POOL, clientId: 'web' }] });
    e.createIdentityPool('unrelated', { userPools: [{ userPoolId: 'eu-west-1_Other', clientId: 'web' }] });
    e.setIdentityPoolRoles(tolerant, { Roles: { authenticated: ARN('AppReader') }, RoleMappings: { [`${PROVIDER}:web`]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } } });
    e.setIdentityPoolRoles(strict, { Roles: { authenticated: ARN('AppReader') }, RoleMappings: { [`${PROVIDER}:web`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } });
    const api = port(e.url);
    const facts = await readCredentialFacts(api, { userPools: [{ id: POOL, region: 'eu-west-1' }], roles: [], iamRegion: 'eu-west-1' });
    expect(facts.unchecked).toEqual([]);
    // One listing, one DescribeIdentityPool per identity pool, GetIdentityPoolRoles only for the two federating ones.
    expect(api.counts.calls).toEqual({ ListIdentityPools: 1, DescribeIdentityPool: 3, GetIdentityPoolRoles: 2, GetRole: 0 });
    const feds = federationsFor(facts, 'eu-west-1', POOL) ?? [];
    expect(feds.map((f) => f.pool.name)).toEqual(['partner', 'prod-app']);
    const users = ['ann', 'bob', 'cy'].map((username) => ({ username, before: claims(['admins'], ARN('AppAdmin')), after: claims([]) }));
    const lines = credentialTransitions(users, feds, 'eu-west-1', POOL).map((t) => `${t.identityPoolName}: ${t.count}: ${credentialLabel(t.before)} -> ${credentialLabel(t.after)}`);
    expect(lines).toEqual(['partner: 3: AppAdmin -> no credentials (Deny)', 'prod-app: 3: AppAdmin -> AppReader']);
  });

  it('a Rules mapping on cognito:groups that a rename breaks; a user pool no identity pool federates', async () => {
    const e = await emulator();
    const id = e.createIdentityPool('prod-app', { userPools: [{ userPoolId: POOL, clientId: 'web' }] });
    e.setIdentityPoolRoles(id, {
      Roles: { authenticated: ARN('AppReader') },
      RoleMappings: { [`${PROVIDER}:web`]: { Type: 'Rules', AmbiguousRoleResolution: 'AuthenticatedRole', RulesConfiguration: { Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: ARN('AppAdmin') }] } } },
    });
    const facts = await readCredentialFacts(port(e.url), { userPools: [{ id: POOL, region: 'eu-west-1' }, { id: 'eu-west-1_Lonely', region: 'eu-west-1' }], roles: [], iamRegion: 'eu-west-1' });
    const users = Array.from({ length: 4 }, (_, i) => ({ username: `u${i}`, before: claims(['admins']), after: claims(['administrators']) }));
    const t = credentialTransitions(users, federationsFor(facts, 'eu-west-1', POOL) ?? [], 'eu-west-1', POOL);
    expect(t.map((x) => [x.identityPoolId, x.count, credentialLabel(x.before), credentialLabel(x.after)])).toEqual([[id, 4, 'AppAdmin', 'AppReader']]);
    expect(federationsFor(facts, 'eu-west-1', 'eu-west-1_Lonely')).toEqual([]);
  });

  it('roles: one GetRole per distinct role; a roleArn naming no role, a role trusting another identity pool, a role of another account', async () => {
    const e = await emulator();
    const id = e.createIdentityPool('prod-app', { userPools: [{ userPoolId: POOL, clientId: 'web' }] });
    const other = e.createIdentityPool('other-app', { userPools: [{ userPoolId: 'eu-west-1_Other', clientId: 'web' }] });
    e.createRole('AppAdmin', trust(id));
    e.createRole('AppEditor', trust(other));
    const api = port(e.url);
    const roles = [ARN('AppAdmin'), ARN('AppEditor'), ARN('Gone'), ARN('AppAdmin'), 'arn:aws:iam::999999999999:role/Theirs'];
    const facts = await readCredentialFacts(api, { userPools: [{ id: POOL, region: 'eu-west-1' }], roles, account: ACCOUNT, iamRegion: 'eu-west-1' });
    expect(api.counts.calls.GetRole).toBe(3);
    expect(facts.roles.get(ARN('Gone'))).toEqual({ status: 'missing' });
    expect(facts.roles.get('arn:aws:iam::999999999999:role/Theirs')).toEqual({ status: 'unchecked', why: `the role is in account 999999999999; these credentials read account ${ACCOUNT}` });
    const ids = (federationsFor(facts, 'eu-west-1', POOL) ?? []).map((f) => f.pool.id);
    expect(ids).toEqual([id]);
    const groups = [
      { name: 'admins', roleArn: ARN('AppAdmin') },
      { name: 'editors', roleArn: ARN('AppEditor') },
      { name: 'ghosts', roleArn: ARN('Gone') },
    ];
    const warnings = roleWarnings([{ poolIndex: 0, poolId: POOL, groups, identityPoolIds: ids }], facts.roles);
    expect(warnings.map((w) => [w.group, w.problem, w.audiences ?? []])).toEqual([
      ['editors', 'other-identity-pools', [other]],
      ['ghosts', 'missing', []],
    ]);
  });

  it('denied reads leave things unchecked and say so; nothing fails', async () => {
    const e = await emulator();
    const id = e.createIdentityPool('prod-app', { userPools: [{ userPoolId: POOL, clientId: 'web' }] });
    e.createRole('AppAdmin', trust(id));
    e.setPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cognito-identity:ListIdentityPools', 'cognito-identity:DescribeIdentityPool'], Resource: '*' }] });
    const facts = await readCredentialFacts(port(e.url), { userPools: [{ id: POOL, region: 'eu-west-1' }], roles: [ARN('AppAdmin')], iamRegion: 'eu-west-1' });
    expect(facts.unchecked).toEqual([
      expect.stringMatching(new RegExp(`^the roles of identity pool prod-app \\(${id}\\) \\(GetIdentityPoolRoles ${id} \\(eu-west-1\\): access denied \\(AccessDeniedException: .*cognito-identity:GetIdentityPoolRoles`)),
      expect.stringMatching(/^role arn:aws:iam::123456789012:role\/AppAdmin \(GetRole AppAdmin \(IAM\): access denied \(AccessDenied: .*iam:GetRole/),
    ]);
    expect(facts.roles.get(ARN('AppAdmin'))?.status).toBe('unchecked');
    e.setPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cognito-idp:*', Resource: '*' }] });
    const none = await readCredentialFacts(port(e.url), { userPools: [{ id: POOL, region: 'eu-west-1' }], roles: [], iamRegion: 'eu-west-1' });
    expect(none.regions).toEqual([{ region: 'eu-west-1', status: 'unchecked', why: expect.stringContaining('access denied') }]);
    expect(federationsFor(none, 'eu-west-1', POOL)).toBeUndefined();
  });

  it('retries throttled reads within the pacing and counts them', async () => {
    const e = await emulator();
    e.setFaults({ throttleRate: 0.5, seed: 7, operations: ['ListIdentityPools'] });
    const api = port(e.url);
    for (let i = 0; i < 4; i++) await readCredentialFacts(api, { userPools: [{ id: POOL, region: 'eu-west-1' }], roles: [], iamRegion: 'eu-west-1' });
    expect(api.counts.throttled).toBeGreaterThan(0);
    expect(api.counts.calls.ListIdentityPools).toBe(4 + api.counts.throttled);
    expect(federationsOf([], 'eu-west-1', POOL)).toEqual([]);
  });
});
