import {
  AdminAddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUserPoolsCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { CgError } from '../../src/core/errors.js';
import { startEmulator, type PolicyDocument } from '../../src/emulator/index.js';
import { failure, harness, outcome, POOL } from './fixture.js';

const ACCOUNT = '111122223333';
const POOL_ARN = `arn:aws:cognito-idp:eu-west-1:${ACCOUNT}:userpool/${POOL}`;
const CALLER = `arn:aws:iam::${ACCOUNT}:user/test`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/admins`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/others`;

function policy(...Statement: PolicyDocument['Statement'][]): PolicyDocument {
  return { Version: '2012-10-17', Statement: Statement.flat() };
}

function caught(fn: () => unknown): CgError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CgError) return e;
    throw e;
  }
  throw new Error('expected a CgError');
}

describe('IAM policy', () => {
  it('allows only what an Allow statement matches; anything else is an implicit deny in the words the tool parses', async () => {
    const { client } = await harness({
      account: ACCOUNT,
      policy: policy({ Effect: 'Allow', Action: ['cognito-idp:ListGroups', 'cognito-idp:Get*'], Resource: POOL_ARN }),
    });
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('ok');
    expect((await failure(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).name).toBe('ResourceNotFoundException');
    const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g' })));
    expect(f).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: `User: ${CALLER} is not authorized to perform: cognito-idp:CreateGroup on resource: ${POOL_ARN} because no identity-based policy allows the cognito-idp:CreateGroup action`,
    });
    expect(/not authorized to perform: (\S+)/.exec(f.message)?.[1]).toBe('cognito-idp:CreateGroup');
    const elsewhere = await failure(client.send(new ListGroupsCommand({ UserPoolId: 'eu-west-1_Other' })));
    expect(elsewhere.message).toContain(`on resource: arn:aws:cognito-idp:eu-west-1:${ACCOUNT}:userpool/eu-west-1_Other because no identity-based policy allows`);
  });

  it('lets an explicit Deny win over any Allow', async () => {
    const { client, emulator } = await harness({
      account: ACCOUNT,
      policy: policy([
        { Sid: 'all', Effect: 'Allow', Action: 'cognito-idp:*', Resource: '*' },
        { Sid: 'keep', Effect: 'Deny', Action: 'cognito-idp:DeleteGroup', Resource: `arn:aws:cognito-idp:*:${ACCOUNT}:userpool/*` },
      ]),
    });
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    const f = await failure(client.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: 'g' })));
    expect(f.message).toBe(`User: ${CALLER} is not authorized to perform: cognito-idp:DeleteGroup on resource: ${POOL_ARN} with an explicit deny in an identity-based policy`);
    expect(await outcome(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).toBe('ok');
    expect(emulator.stats().operations['DeleteGroup']).toMatchObject({ calls: 1, errors: 1 });
  });

  it('matches actions ignoring case and resources exactly, with * and ? wildcards, on the pool id\'s region', async () => {
    const { client, emulator } = await harness({
      account: ACCOUNT,
      policy: policy({ Effect: 'Allow', Action: 'COGNITO-IDP:listgroups', Resource: `arn:aws:cognito-idp:us-east-?:${ACCOUNT}:userpool/us-east-2_*` }),
    });
    emulator.ensureUserPool('us-east-2_Abc1');
    emulator.ensureUserPool('us-east-2_abc2');
    // Signed for eu-west-1 (the fixture's client), yet the resource is the pool's own ARN.
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: 'us-east-2_Abc1' })))).toBe('ok');
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('AccessDeniedException');
    const strict = await harness({ policy: policy({ Effect: 'Allow', Action: 'cognito-idp:ListGroups', Resource: 'arn:aws:cognito-idp:us-east-2:000000000000:userpool/us-east-2_ABC?' }) });
    strict.emulator.ensureUserPool('us-east-2_abc2');
    expect(await outcome(strict.client.send(new ListGroupsCommand({ UserPoolId: 'us-east-2_abc2' })))).toBe('AccessDeniedException');
  });

  it('judges CreateUserPool and ListUserPools on the resource *', async () => {
    const { client } = await harness({ account: ACCOUNT, policy: policy({ Effect: 'Allow', Action: 'cognito-idp:*', Resource: `arn:aws:cognito-idp:*:${ACCOUNT}:userpool/*` }) });
    const f = await failure(client.send(new CreateUserPoolCommand({ PoolName: 'p' })));
    expect(f.message).toBe(`User: ${CALLER} is not authorized to perform: cognito-idp:CreateUserPool on resource: * because no identity-based policy allows the cognito-idp:CreateUserPool action`);
    const { client: open } = await harness({ policy: policy({ Effect: 'Allow', Action: ['cognito-idp:CreateUserPool', 'cognito-idp:ListUserPools'], Resource: '*' }) });
    expect(await outcome(open.send(new CreateUserPoolCommand({ PoolName: 'p' })))).toBe('ok');
    expect(await outcome(open.send(new ListUserPoolsCommand({ MaxResults: 10 })))).toBe('ok');
  });

  it('holds membership operations to the policy too', async () => {
    const { client, emulator } = await harness({ account: ACCOUNT, policy: policy({ Effect: 'Allow', Action: 'cognito-idp:AdminAddUserToGroup', Resource: POOL_ARN }) });
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    emulator.seedUsers(POOL, [{ Username: 'u' }]);
    expect(await outcome(client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'u', GroupName: 'g' })))).toBe('ok');
  });

  it('needs iam:PassRole on the role when CreateGroup or UpdateGroup carries a RoleArn', async () => {
    const { client, emulator } = await harness({
      account: ACCOUNT,
      policy: policy([
        { Effect: 'Allow', Action: 'cognito-idp:*', Resource: POOL_ARN },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE },
      ]),
    });
    expect(await outcome(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'plain' })))).toBe('ok');
    expect(await outcome(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'admins', RoleArn: ROLE })))).toBe('ok');
    const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'others', RoleArn: OTHER_ROLE })));
    expect(f).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: `User: ${CALLER} is not authorized to perform: iam:PassRole on resource: ${OTHER_ROLE} because no identity-based policy allows the iam:PassRole action`,
    });
    expect(/not authorized to perform: (\S+)/.exec(f.message)?.[1]).toBe('iam:PassRole');
    expect((await failure(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'others' })))).name).toBe('ResourceNotFoundException');
    expect((await failure(client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'plain', RoleArn: OTHER_ROLE })))).message).toContain('iam:PassRole');
    expect((await client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'plain' }))).Group?.RoleArn).toBeUndefined();
    expect(await outcome(client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'plain', Precedence: 3 })))).toBe('ok');
    // A RoleArn breaking its constraint is a validation error, not a PassRole question.
    expect((await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'bad', RoleArn: 'not-an-arn' })))).name).toBe('InvalidParameterException');
    emulator.setPolicy(undefined);
    expect(await outcome(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'others', RoleArn: OTHER_ROLE })))).toBe('ok');
  });

  it('never applies to STS GetCallerIdentity', async () => {
    const { emulator } = await harness({ policy: policy({ Effect: 'Deny', Action: '*', Resource: '*' }) });
    const sts = new STSClient({ endpoint: emulator.url, region: 'eu-west-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' }, maxAttempts: 1 });
    try {
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::000000000000:user/k');
    } finally {
      sts.destroy();
    }
  });

  it('is changed with setPolicy or setAccess; a bad policy changes nothing', async () => {
    const { client, emulator } = await harness({ deny: [{ operation: 'GetGroup' }] });
    emulator.setPolicy(policy({ Effect: 'Allow', Action: 'cognito-idp:GetGroup', Resource: '*' }));
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('AccessDeniedException');
    const bad = caught(() => emulator.setAccess({ policy: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: {} }] } as unknown as PolicyDocument }));
    expect(bad.code).toBe('USAGE');
    // Neither the deny rules nor the policy were replaced.
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('AccessDeniedException');
    expect(await outcome(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).toBe('AccessDeniedException');
    emulator.setAccess({});
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('ok');
  });

  it('refuses, naming each statement, what it cannot enforce or what is not a policy', async () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'NoPools', Effect: 'Allow', NotAction: 'cognito-idp:DeleteGroup', Resource: '*' },
        { Effect: 'Allow', Action: 'cognito-idp:ListGroups', NotResource: 'arn:aws:cognito-idp:*:*:userpool/x' },
        { Effect: 'Deny', Action: 'cognito-idp:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Effect: 'allow', Action: 'ListGroups', Resource: 'pool' },
      ],
    };
    const err = await startEmulator({ policy: doc as unknown as PolicyDocument }).then(
      async (em) => {
        await em.close();
        throw new Error('expected startEmulator to refuse the policy');
      },
      (e: unknown) => e as CgError,
    );
    expect(err).toBeInstanceOf(CgError);
    expect(err.code).toBe('USAGE');
    expect(err.details).toEqual([
      'policy: Statement 1 (Sid "NoPools"): NotAction is not supported by the emulator; list the actions in Action instead',
      'policy: Statement 1 (Sid "NoPools"): Action is missing',
      'policy: Statement 2: NotResource is not supported by the emulator; list the resources in Resource instead',
      'policy: Statement 2: Resource is missing',
      'policy: Statement 3: Condition is not supported by the emulator; leave it out',
      'policy: Statement 4: Effect must be "Allow" or "Deny"',
      'policy: Statement 4: action "ListGroups" is not of the form service:Action (such as cognito-idp:CreateGroup)',
      'policy: Statement 4: resource "pool" is neither * nor an ARN',
    ]);
    const { emulator } = await harness();
    expect(caught(() => emulator.setPolicy({ Version: '2020-01-01', Statement: [] } as unknown as PolicyDocument)).message).toBe(
      'invalid IAM policy: Version must be "2012-10-17" (or the older "2008-10-17"), got "2020-01-01"',
    );
  });
});
