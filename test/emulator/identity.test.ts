// Cognito Identity and IAM on the emulator's one endpoint, driven with the real SDK clients
// (@aws-sdk/client-cognito-identity over JSON 1.1, @aws-sdk/client-iam over the Query protocol): the
// identity pool reads and the writes that make them, roles with their trust policy URL-encoded as IAM
// returns it, the errors, IAM enforcement, quotas, and the state file keeping both.
import { CognitoIdentityClient, CreateIdentityPoolCommand, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, ListIdentityPoolsCommand, SetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { failure, harness, POOL } from './fixture.js';

function identityClient(url: string, accessKeyId = 'test'): CognitoIdentityClient {
  const c = new CognitoIdentityClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId, secretAccessKey: 's' }, maxAttempts: 1 });
  onTestFinished(() => c.destroy());
  return c;
}

function iamClient(url: string, accessKeyId = 'test'): IAMClient {
  const c = new IAMClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 's' }, maxAttempts: 1 });
  onTestFinished(() => c.destroy());
  return c;
}

const PROVIDER = `cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:x' } } }],
};

describe('Cognito Identity', () => {
  it('creates, lists (paged, per region), describes and maps roles of identity pools', async () => {
    const { emulator } = await harness();
    const client = identityClient(emulator.url);
    const created = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'prod-app', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: 'client1' }] }));
    expect(created.IdentityPoolId).toMatch(/^eu-west-1:[0-9a-f-]{36}$/);
    expect(created).toMatchObject({ IdentityPoolName: 'prod-app', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: 'client1' }] });
    const second = emulator.createIdentityPool('partner', { userPools: [{ userPoolId: POOL, clientId: 'c2' }], region: 'eu-west-1' });
    emulator.createIdentityPool('elsewhere', { region: 'us-east-1' });

    const page1 = await client.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    expect(page1.IdentityPools).toEqual([{ IdentityPoolId: created.IdentityPoolId, IdentityPoolName: 'prod-app' }]);
    const page2 = await client.send(new ListIdentityPoolsCommand({ MaxResults: 1, NextToken: page1.NextToken }));
    expect(page2.IdentityPools).toEqual([{ IdentityPoolId: second, IdentityPoolName: 'partner' }]);
    expect(page2.NextToken).toBeUndefined();

    const described = await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: second }));
    expect(described.CognitoIdentityProviders).toEqual([{ ProviderName: PROVIDER, ClientId: 'c2' }]);

    const id = created.IdentityPoolId as string;
    expect(await client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).toMatchObject({ IdentityPoolId: id, Roles: {}, RoleMappings: {} });
    const mappings = {
      [`${PROVIDER}:client1`]: { Type: 'Rules' as const, AmbiguousRoleResolution: 'Deny' as const, RulesConfiguration: { Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains' as const, Value: 'admins', RoleARN: 'arn:aws:iam::000000000000:role/AppAdmin' }] } },
    };
    await client.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: 'arn:aws:iam::000000000000:role/AppReader' }, RoleMappings: mappings }));
    const roles = await client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(roles.Roles).toEqual({ authenticated: 'arn:aws:iam::000000000000:role/AppReader' });
    expect(roles.RoleMappings).toEqual(mappings);
  });

  it('answers a missing identity pool with ResourceNotFoundException and bad input with InvalidParameterException', async () => {
    const { emulator } = await harness();
    const client = identityClient(emulator.url);
    const missing = await failure(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: 'eu-west-1:00000000-0000-0000-0000-000000000000' })));
    expect(missing).toEqual({ name: 'ResourceNotFoundException', message: "IdentityPool 'eu-west-1:00000000-0000-0000-0000-000000000000' not found.", status: 400 });
    expect((await failure(client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: 'no colon' })))).name).toBe('InvalidParameterException');
    expect((await failure(client.send(new ListIdentityPoolsCommand({ MaxResults: 61 })))).name).toBe('InvalidParameterException');
    const id = emulator.createIdentityPool('p');
    const rulesWithout = await failure(client.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: {}, RoleMappings: { [`${PROVIDER}:c`]: { Type: 'Rules', AmbiguousRoleResolution: 'Deny' } } })));
    expect(rulesWithout.name).toBe('InvalidParameterException');
    expect(() => emulator.createIdentityPool('bad/name')).toThrow(/identityPoolName/);
  });

  it('is held to the IAM policy and deny rules: AccessDeniedException naming cognito-identity:<Op> and the identity pool', async () => {
    const { emulator } = await harness({ account: '123456789012' });
    const id = emulator.createIdentityPool('p', { region: 'eu-west-1' });
    emulator.setPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cognito-identity:ListIdentityPools', Resource: '*' }] });
    const client = identityClient(emulator.url, 'reader');
    expect((await client.send(new ListIdentityPoolsCommand({ MaxResults: 60 }))).IdentityPools).toHaveLength(1);
    const denied = await failure(client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id })));
    expect(denied).toEqual({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::123456789012:user/reader is not authorized to perform: cognito-identity:GetIdentityPoolRoles on resource: arn:aws:cognito-identity:eu-west-1:123456789012:identitypool/${id} because no identity-based policy allows the cognito-identity:GetIdentityPoolRoles action`,
      status: 400,
    });
    emulator.setAccess({ deny: [{ operation: 'ListIdentityPools' }] });
    expect((await failure(client.send(new ListIdentityPoolsCommand({ MaxResults: 60 })))).name).toBe('AccessDeniedException');
    expect(emulator.stats().operations['ListIdentityPools']).toMatchObject({ calls: 2, ok: 1, errors: 1 });
  });

  it('throttles each operation at its quota with TooManyRequestsException', async () => {
    const { emulator } = await harness({ quotas: { enabled: true, scale: 0.2 } });
    const client = identityClient(emulator.url);
    await client.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
    expect((await failure(client.send(new ListIdentityPoolsCommand({ MaxResults: 60 })))).name).toBe('TooManyRequestsException');
    expect(emulator.stats().operations['ListIdentityPools']).toMatchObject({ calls: 2, ok: 1, throttled: 1 });
  });
});

describe('IAM roles', () => {
  it('creates a role and reads it back with GetRole, the trust policy URL-encoded as IAM returns it', async () => {
    const { emulator } = await harness({ account: '123456789012' });
    const iam = iamClient(emulator.url);
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'AppAdmin', Path: '/app/', AssumeRolePolicyDocument: JSON.stringify(TRUST), Description: 'admins & co' }));
    expect(created.Role).toMatchObject({ RoleName: 'AppAdmin', Path: '/app/', Arn: 'arn:aws:iam::123456789012:role/app/AppAdmin', Description: 'admins & co', MaxSessionDuration: 3600 });
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'appadmin' }));
    expect(got.Role?.Arn).toBe('arn:aws:iam::123456789012:role/app/AppAdmin');
    expect(got.Role?.CreateDate).toBeInstanceOf(Date);
    const encoded = got.Role?.AssumeRolePolicyDocument as string;
    expect(encoded).toMatch(/^%7B%22Version%22/);
    expect(JSON.parse(decodeURIComponent(encoded))).toEqual(TRUST);
    expect(emulator.createRole('Other', TRUST)).toBe('arn:aws:iam::123456789012:role/Other');
  });

  it('answers NoSuchEntity (404), EntityAlreadyExists (409), MalformedPolicyDocument, and AccessDenied (403) under the policy', async () => {
    const { emulator } = await harness({ account: '123456789012' });
    const iam = iamClient(emulator.url, 'planner');
    const missing = await failure(iam.send(new GetRoleCommand({ RoleName: 'Gone' })));
    expect(missing).toEqual({ name: 'NoSuchEntityException', message: 'The role with name Gone cannot be found.', status: 404 });
    emulator.createRole('AppAdmin', TRUST);
    expect((await failure(iam.send(new CreateRoleCommand({ RoleName: 'APPADMIN', AssumeRolePolicyDocument: '{}' })))).status).toBe(409);
    expect((await failure(iam.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: '{' })))).name).toBe('MalformedPolicyDocumentException');
    emulator.setPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:role/Other' }] });
    const denied = await failure(iam.send(new GetRoleCommand({ RoleName: 'AppAdmin' })));
    expect(denied).toEqual({
      name: 'AccessDenied',
      message: 'User: arn:aws:iam::123456789012:user/planner is not authorized to perform: iam:GetRole on resource: arn:aws:iam::123456789012:role/AppAdmin because no identity-based policy allows the iam:GetRole action',
      status: 403,
    });
    expect(emulator.stats().operations['GetRole']).toMatchObject({ calls: 2, errors: 2 });
  });

  it('leaves STS answering its own queries', async () => {
    const { emulator } = await harness();
    const res = await fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.status).toBe(403); // unsigned: STS wants a key, and it is STS that says so
    expect(await res.text()).toContain('MissingAuthenticationToken');
  });
});

describe('the state file', () => {
  it('keeps identity pools, their roles and IAM roles across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-identity-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const statePath = join(dir, 'state.json');
    const first = await startEmulator({ statePath, region: 'eu-west-1' });
    const id = first.createIdentityPool('prod-app', { userPools: [{ userPoolId: POOL, clientId: 'c1' }] });
    first.setIdentityPoolRoles(id, { Roles: { authenticated: 'arn:aws:iam::000000000000:role/AppReader' } });
    first.createRole('AppReader', TRUST);
    await first.close();
    expect(JSON.parse(await readFile(statePath, 'utf8')).identity.identityPools).toHaveLength(1);
    const second = await startEmulator({ statePath, region: 'eu-west-1' });
    onTestFinished(() => second.close());
    const roles = await identityClient(second.url).send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(roles.Roles).toEqual({ authenticated: 'arn:aws:iam::000000000000:role/AppReader' });
    expect((await iamClient(second.url).send(new GetRoleCommand({ RoleName: 'AppReader' }))).Role?.RoleName).toBe('AppReader');
  });
});
