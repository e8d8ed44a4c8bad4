import { AdminRemoveUserFromGroupCommand, CreateGroupCommand, ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { failure, harness, outcome, POOL } from './fixture.js';

describe('simulated IAM', () => {
  it('denies matching requests with AccessDeniedException and an IAM-style message', async () => {
    const { client, emulator, clientFor } = await harness({ deny: [{ operation: 'ListGroups', accessKeyId: 'test' }] });
    const f = await failure(client.send(new ListGroupsCommand({ UserPoolId: POOL })));
    expect(f).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: `User: arn:aws:iam::000000000000:user/test is not authorized to perform: cognito-idp:ListGroups on resource: arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${POOL}`,
    });
    expect(await outcome(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).toBe('ok');
    expect(await outcome(clientFor('other').send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('ok');
    expect(emulator.stats().operations['ListGroups']).toMatchObject({ calls: 2, ok: 1, errors: 1 });
    emulator.setAccess({});
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('ok');
  });

  it('rejects unknown access keys with UnrecognizedClientException', async () => {
    const { client, clientFor } = await harness({ rejectAccessKeyIds: ['revoked'] });
    const f = await failure(clientFor('revoked').send(new ListGroupsCommand({ UserPoolId: POOL })));
    expect(f).toEqual({ name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.', status: 400 });
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('ok');
  });

  it('applies deny rules to membership operations too', async () => {
    const { client, emulator } = await harness({ deny: [{ operation: 'AdminRemoveUserFromGroup' }] });
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    emulator.seedUsers(POOL, [{ Username: 'u' }]);
    emulator.seedMembers(POOL, 'g', ['u']);
    const f = await failure(client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL, Username: 'u', GroupName: 'g' })));
    expect(f.name).toBe('AccessDeniedException');
    expect(f.message).toContain('is not authorized to perform: cognito-idp:AdminRemoveUserFromGroup on resource');
  });
});
