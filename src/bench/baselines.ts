import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  GetGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DesiredGroup } from '../core/config/model.js';

/** What a baseline strategy did. */
export interface BaselineResult {
  seconds: number;
  calls: number;
  failed: number;
}

/** An SDK client as a typical script or provider would make it: the SDK's default retry (standard, 3 attempts). */
export function defaultClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region: 'eu-west-1', endpoint, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
}

/** How a per-resource tool refreshes state: one GetGroup per group, 10 at a time. */
export async function getGroupRefresh(client: CognitoIdentityProviderClient, poolId: string, names: readonly string[]): Promise<BaselineResult> {
  const start = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < names.length; i = next++) {
      try {
        await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: names[i] }));
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  return { seconds: (performance.now() - start) / 1000, calls: names.length, failed };
}

/** How a shell script applies: one call after another, no pacing, the SDK's default retries. */
export async function sequentialApply(client: CognitoIdentityProviderClient, poolId: string, creates: readonly DesiredGroup[], updates: readonly DesiredGroup[]): Promise<BaselineResult> {
  const start = performance.now();
  let failed = 0;
  for (const g of creates) {
    try {
      await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: g.name, Description: g.description, Precedence: g.precedence, RoleArn: g.roleArn }));
    } catch {
      failed++;
    }
  }
  for (const g of updates) {
    try {
      await client.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: g.name, Description: g.description, Precedence: g.precedence, RoleArn: g.roleArn }));
    } catch {
      failed++;
    }
  }
  return { seconds: (performance.now() - start) / 1000, calls: creates.length + updates.length, failed };
}
