import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  UpdateGroupCommand,
  type GroupType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DesiredGroup } from '../config/model.js';
import { normalFields } from '../plan/fields.js';
import type { ObservedGroup } from '../plan/model.js';
import { callError, type CallFailure } from './call-error.js';
import type { GroupPage, GroupsApi, Operation, PoolRef } from './port.js';

/** How to reach Cognito: all optional, the SDK's default chain fills the rest. */
export interface SdkOptions {
  /** Named profile from the shared AWS config files. */
  profile?: string;
  /** Endpoint override, such as a local emulator; AWS_ENDPOINT_URL(_COGNITO_IDENTITY_PROVIDER) also work. */
  endpoint?: string;
  /** Static credentials, used for the local emulator. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Milliseconds before a request with no answer is abandoned (then retried by the caller). */
  requestTimeoutMs?: number;
}

/** The page size the tool always asks for: the largest ListGroups allows. */
export const LIST_PAGE_SIZE = 60;

/** The port implemented with the AWS SDK v3; retries are left to the caller (maxAttempts 1). */
export class SdkGroupsApi implements GroupsApi {
  private readonly clients = new Map<string, CognitoIdentityProviderClient>();

  constructor(private readonly options: SdkOptions = {}) {}

  async listGroupsPage(pool: PoolRef, nextToken?: string): Promise<GroupPage> {
    const out = await this.send('ListGroups', pool, undefined, (c) =>
      c.send(new ListGroupsCommand({ UserPoolId: pool.id, Limit: LIST_PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) })),
    );
    const token = out.NextToken === undefined || out.NextToken === '' ? undefined : out.NextToken;
    return { groups: (out.Groups ?? []).map(toObserved), ...(token === undefined ? {} : { nextToken: token }) };
  }

  async getGroup(pool: PoolRef, name: string): Promise<ObservedGroup | undefined> {
    try {
      const out = await this.send('GetGroup', pool, name, (c) => c.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: name })));
      return out.Group === undefined ? undefined : toObserved(out.Group);
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'AWS_GROUP_NOT_FOUND') return undefined;
      throw err;
    }
  }

  async createGroup(pool: PoolRef, group: DesiredGroup): Promise<void> {
    await this.send('CreateGroup', pool, group.name, (c) =>
      c.send(
        new CreateGroupCommand({
          UserPoolId: pool.id,
          GroupName: group.name,
          ...(group.description === undefined ? {} : { Description: group.description }),
          ...(group.precedence === undefined ? {} : { Precedence: group.precedence }),
          ...(group.roleArn === undefined ? {} : { RoleArn: group.roleArn }),
        }),
      ),
    );
  }

  async updateGroup(pool: PoolRef, group: DesiredGroup): Promise<void> {
    // Every managed field is sent, so the result is the same whether Cognito keeps or resets omitted
    // fields (cognito-contract.md). RoleArn and Precedence cannot be cleared: the planner replaces instead.
    await this.send('UpdateGroup', pool, group.name, (c) =>
      c.send(
        new UpdateGroupCommand({
          UserPoolId: pool.id,
          GroupName: group.name,
          Description: group.description ?? '',
          ...(group.precedence === undefined ? {} : { Precedence: group.precedence }),
          ...(group.roleArn === undefined ? {} : { RoleArn: group.roleArn }),
        }),
      ),
    );
  }

  async deleteGroup(pool: PoolRef, name: string): Promise<void> {
    await this.send('DeleteGroup', pool, name, (c) => c.send(new DeleteGroupCommand({ UserPoolId: pool.id, GroupName: name })));
  }

  /** Closes the HTTP connections of every client made. */
  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }

  private async send<T>(op: Operation, pool: PoolRef, groupName: string | undefined, call: (c: CognitoIdentityProviderClient) => Promise<T>): Promise<T> {
    try {
      return await call(this.client(pool.region));
    } catch (err) {
      throw callError(op, pool, failureOf(err), groupName);
    }
  }

  private client(region: string): CognitoIdentityProviderClient {
    let c = this.clients.get(region);
    if (c === undefined) {
      const timeout = this.options.requestTimeoutMs ?? 15_000;
      c = new CognitoIdentityProviderClient({
        region,
        maxAttempts: 1,
        requestHandler: { requestTimeout: timeout, connectionTimeout: Math.min(timeout, 5_000) },
        ...(this.options.profile === undefined ? {} : { profile: this.options.profile }),
        ...(this.options.endpoint === undefined ? {} : { endpoint: this.options.endpoint }),
        ...(this.options.credentials === undefined ? {} : { credentials: this.options.credentials }),
      });
      this.clients.set(region, c);
    }
    return c;
  }
}

function toObserved(g: GroupType): ObservedGroup {
  return { name: g.GroupName ?? '', ...normalFields({ description: g.Description, precedence: g.Precedence, roleArn: g.RoleArn }) };
}

function failureOf(err: unknown): CallFailure {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const meta = (err as { $metadata?: { httpStatusCode?: number } }).$metadata;
  const errno = (err as { code?: unknown }).code;
  const failure: CallFailure = { name: err.name, message: err.message };
  if (meta?.httpStatusCode !== undefined) failure.status = meta.httpStatusCode;
  if (typeof errno === 'string') failure.errno = errno;
  return failure;
}
