// What the access check reads from the emulator: a pool's pre token generation trigger
// (DescribeUserPool's LambdaConfig) and a user's groups (AdminListGroupsForUser), through the real
// SDK and the tool's own adapter.
import { CreateUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { SdkGroupsApi } from '../../src/edge/cognito/sdk-api.js';
import { groupsOfUser } from '../../src/edge/read/user-groups.js';
import { failure, harness, POOL } from './fixture.js';

const LAMBDA = 'arn:aws:lambda:eu-west-1:000000000000:function:claims';
const ref = { id: POOL, region: 'eu-west-1' };

function adapter(url: string): SdkGroupsApi {
  return new SdkGroupsApi({ endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

describe('the pre token generation trigger', () => {
  it('is kept from CreateUserPool and reported by DescribeUserPool, V2 config and V1 field alike', async () => {
    const { client } = await harness();
    const created = await client.send(new CreateUserPoolCommand({ PoolName: 'p', LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: LAMBDA, LambdaVersion: 'V2_0' } } }));
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: created.UserPool?.Id as string }));
    expect(described.UserPool?.LambdaConfig).toEqual({ PreTokenGeneration: LAMBDA, PreTokenGenerationConfig: { LambdaArn: LAMBDA, LambdaVersion: 'V2_0' } });
    const v1 = await client.send(new CreateUserPoolCommand({ PoolName: 'q', LambdaConfig: { PreTokenGeneration: LAMBDA } }));
    expect(v1.UserPool?.LambdaConfig?.PreTokenGenerationConfig).toEqual({ LambdaArn: LAMBDA, LambdaVersion: 'V1_0' });
  });

  it('refuses a trigger that is not an ARN', async () => {
    const { client } = await harness();
    expect((await failure(client.send(new CreateUserPoolCommand({ PoolName: 'p', LambdaConfig: { PreTokenGeneration: 'nope' } })))).name).toBe('InvalidParameterException');
  });

  it('is absent from a pool without one, and seeded with ensureUserPool; the adapter reads it', async () => {
    const { emulator } = await harness();
    emulator.ensureUserPool('eu-west-1_Trig1', { preTokenGeneration: { lambdaArn: LAMBDA, version: 'V3_0' } });
    const api = adapter(emulator.url);
    try {
      expect(await api.describePool(ref)).toEqual({ caseSensitiveUsernames: false });
      expect(await api.describePool({ id: 'eu-west-1_Trig1', region: 'eu-west-1' })).toEqual({ caseSensitiveUsernames: false, preTokenTrigger: LAMBDA });
    } finally {
      api.destroy();
    }
  });
});

describe("a user's groups", () => {
  it('are every group of the user, over pages, and none for a user who does not exist', async () => {
    const { emulator } = await harness();
    const names = Array.from({ length: 75 }, (_, i) => `g${String(i).padStart(3, '0')}`);
    emulator.seedGroups(POOL, names.map((GroupName) => ({ GroupName })));
    emulator.seedUsers(POOL, [{ Username: 'ann' }]);
    for (const g of names) emulator.seedMembers(POOL, g, ['ann']);
    const api = adapter(emulator.url);
    try {
      const read = await groupsOfUser(api, ref, 'ann');
      expect(read.groups.sort()).toEqual(names);
      expect(read.pages).toBe(2);
      expect(await groupsOfUser(api, ref, 'nobody')).toEqual({ groups: [], pages: 1 });
    } finally {
      api.destroy();
    }
  });
});
