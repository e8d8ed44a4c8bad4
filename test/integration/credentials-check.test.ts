// The run layer's credentials check (src/run/credentials.ts) against the emulator over HTTP with the
// real SDK clients: which calls a plan makes (none of the identity pool reads for a plan that changes
// no claim, only the roles it sets), credential transitions per identity pool, role warnings at the
// roleArn's line, denied reads said and gone past, the switch that skips it all, and what a saved plan
// records to notice a changed mapping.
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';
import type { DesiredConfig } from '../../src/core/config/model.js';
import type { PoolPlan } from '../../src/core/plan/model.js';
import { SdkCredentialsApi } from '../../src/edge/identity/sdk-api.js';
import { systemClock } from '../../src/edge/pacing/clock.js';
import { PacedCredentialsApi } from '../../src/edge/pacing/paced-credentials.js';
import { DEFAULT_RETRY } from '../../src/edge/pacing/retry.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { checkCredentials, credentialsChanged, readIdentityPoolsAgain } from '../../src/run/credentials.js';

const ACCOUNT = '123456789012';
const POOL = 'eu-west-1_Check1';
const PROVIDER = `cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
const ARN = (n: string): string => `arn:aws:iam::${ACCOUNT}:role/${n}`;
const TEXT = ['version: 1', 'userPools:', `  - id: ${POOL}`, '    groups:', '      - name: admins', '        precedence: 0', `        roleArn: ${ARN('AppAdmin')}`, '      - name: readers', '        precedence: 10', `        roleArn: ${ARN('Gone')}`, ''].join('\n');

function config(): DesiredConfig {
  const parsed = parseConfig(TEXT, 'groups.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.config;
}

const trust = (aud: string): object => ({ Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': aud } } }] });

async function setUp(): Promise<{ e: RunningEmulator; api: PacedCredentialsApi; identityPoolId: string }> {
  const e = await startEmulator({ account: ACCOUNT, region: 'eu-west-1' });
  onTestFinished(() => e.close());
  const identityPoolId = e.createIdentityPool('prod-app', { userPools: [{ userPoolId: POOL, clientId: 'web' }] });
  e.setIdentityPoolRoles(identityPoolId, { Roles: { authenticated: ARN('AppReader') }, RoleMappings: { [`${PROVIDER}:web`]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } } });
  e.createRole('AppAdmin', trust(identityPoolId));
  const sdk = new SdkCredentialsApi({ endpoint: e.url, credentials: { accessKeyId: 'planner', secretAccessKey: 's' } });
  onTestFinished(() => sdk.destroy());
  return { e, api: new PacedCredentialsApi(sdk, systemClock, DEFAULT_RETRY), identityPoolId };
}

const poolPlan = (changes: PoolPlan['changes']): PoolPlan => ({ userPoolId: POOL, region: 'eu-west-1', listed: 2, changes, unchanged: [], unmanaged: [] });
const claims = (groups: string[], role?: string) => ({ groups, roles: role === undefined ? [] : [role], ...(role === undefined ? {} : { preferredRole: role }) });

describe('the credentials check of a plan', () => {
  it('a plan that changes no claim reads no identity pool, and checks only the role it sets', async () => {
    const { api } = await setUp();
    const plan = poolPlan([{ action: 'create', name: 'readers', after: { precedence: 10, roleArn: ARN('Gone') } }]);
    const checked = await checkCredentials(api, config(), [plan], new Map(), { check: true, file: 'groups.yaml', text: TEXT });
    expect(api.counts.calls).toEqual({ ListIdentityPools: 0, DescribeIdentityPool: 0, GetIdentityPoolRoles: 0, GetRole: 1 });
    expect(checked.pools.size).toBe(0);
    expect(checked.plan).toEqual({
      checked: true,
      roleWarnings: [{ poolId: POOL, group: 'readers', roleArn: ARN('Gone'), problem: 'missing', file: 'groups.yaml', line: 10, column: 18 }],
      unchecked: [],
      rolesChecked: [ARN('Gone')],
    });
  });

  it('a plan that changes claims: transitions per identity pool, every role of the file checked once, the mapping recorded', async () => {
    const { api, identityPoolId, e } = await setUp();
    const plan = poolPlan([{ action: 'delete', name: 'admins', before: { precedence: 0, roleArn: ARN('AppAdmin') }, memberCount: 2 }]);
    const users = ['ann', 'bob'].map((username) => ({ username, before: claims(['admins'], ARN('AppAdmin')), after: claims([]) }));
    const checked = await checkCredentials(api, config(), [plan], new Map([[POOL, users]]), { check: true, file: 'groups.yaml', text: TEXT });
    expect(api.counts.calls).toEqual({ ListIdentityPools: 1, DescribeIdentityPool: 1, GetIdentityPoolRoles: 1, GetRole: 2 });
    const pc = checked.pools.get(POOL);
    expect(pc).toMatchObject({ checked: true, identityPools: [{ id: identityPoolId, name: 'prod-app', clientIds: ['web'] }], users: 2 });
    expect(pc?.checked === true ? pc.transitions.map((t) => [t.count, t.before, t.after]) : []).toEqual([
      [2, { kind: 'role', roleArn: ARN('AppAdmin'), via: { from: 'preferred-role' } }, { kind: 'role', roleArn: ARN('AppReader'), via: { from: 'authenticated-role', reason: 'ambiguous' } }],
    ]);
    expect(checked.plan.checked === true ? checked.plan.roleWarnings.map((w) => [w.group, w.problem, w.line]) : []).toEqual([['readers', 'missing', 10]]);

    // A saved plan notices a mapping changed between plan and apply.
    expect(checked.read.regions.map((r) => [r.region, r.userPools, r.identityPools.map((ip) => ip.id)])).toEqual([['eu-west-1', [POOL], [identityPoolId]]]);
    expect(credentialsChanged(checked.read, await readIdentityPoolsAgain(api, checked.read))).toEqual([]);
    e.setIdentityPoolRoles(identityPoolId, { Roles: { authenticated: ARN('AppReader') }, RoleMappings: { [`${PROVIDER}:web`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } });
    expect(credentialsChanged(checked.read, await readIdentityPoolsAgain(api, checked.read))).toEqual(['the identity pools of eu-west-1 or their role mappings changed since the plan']);
    // An identity pool that starts federating the user pool changes the prediction too.
    const fresh = await checkCredentials(api, config(), [plan], new Map([[POOL, users]]), { check: true });
    e.createIdentityPool('late-app', { userPools: [{ userPoolId: POOL, clientId: 'web' }] });
    expect(credentialsChanged(fresh.read, await readIdentityPoolsAgain(api, fresh.read))).toHaveLength(1);
  });

  it('denied reads are said, and the plan goes on; --no-credentials-check reads nothing', async () => {
    const { api, e } = await setUp();
    e.setPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cognito-idp:*', Resource: '*' }] });
    const plan = poolPlan([{ action: 'delete', name: 'admins', before: { precedence: 0, roleArn: ARN('AppAdmin') }, memberCount: 1 }]);
    const users = new Map([[POOL, [{ username: 'ann', before: claims(['admins'], ARN('AppAdmin')), after: claims([]) }]]]);
    const checked = await checkCredentials(api, config(), [plan], users, { check: true });
    expect(checked.pools.get(POOL)).toEqual({ checked: false, why: expect.stringContaining('ListIdentityPools (eu-west-1): access denied') });
    expect(checked.plan.checked === true ? checked.plan.unchecked.length : -1).toBe(3);
    expect(checked.plan.checked === true ? checked.plan.roleWarnings : undefined).toEqual([]);
    const calls = { ...api.counts.calls };
    const skipped = await checkCredentials(api, config(), [plan], users, { check: false });
    expect(skipped.plan).toEqual({ checked: false });
    expect(api.counts.calls).toEqual(calls);
  });
});
