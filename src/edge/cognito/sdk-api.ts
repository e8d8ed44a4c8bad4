import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  DeleteGroupCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DesiredGroup } from '../../core/config/model.js';
import type { ObservedGroup } from '../../core/plan/model.js';
import { clientConfig, CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from './client-config.js';
import { callError, type CallFailure } from './call-error.js';
import { badAnswer, groupOf, groupPageOf, memberPageOf, poolSettingsOf, userGroupsPageOf, usernameOf } from './response.js';
import { type GroupPage, type GroupsApi, type MemberPage, type Operation, type PoolRef, type PoolSettings, type UserGroupsPage } from './port.js';

/** How to reach Cognito: all optional, the SDK's default chain fills the rest. */
export interface SdkOptions {
  /** Named profile from the shared AWS config files. */
  profile?: string;
  /** Endpoint override, such as a local emulator; AWS_ENDPOINT_URL(_COGNITO_IDENTITY_PROVIDER) also work. */
  endpoint?: string;
  /** Static credentials, used for the local emulator. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Milliseconds a call may wait for its answer before it is abandoned (and retried by the caller); default 10 s. */
  requestTimeoutMs?: number;
  /**
   * The run's stop. Once it aborts, a ListGroups waiting for its answer is abandoned at once, and any
   * other call after STOP_GRACE_MS (a write's outcome is then unknown), and none waits past
   * STOP_DEADLINE_MS after the stop, so a stop ends even a run whose server hangs.
   */
  signal?: AbortSignal;
  /**
   * Products added to the User-Agent of every request (the SDK's customUserAgent), such as
   * `cognito-groups/0.1.0`: CloudTrail records it, so drift tells this tool's changes from others'.
   */
  userAgent?: ReadonlyArray<readonly [string, string]>;
}

/** The page size the tool always asks for: the largest ListGroups allows. */
const LIST_PAGE_SIZE = 60;

/** How long a call may still wait for its answer after a stop: enough for any answer Cognito gives. */
const STOP_GRACE_MS = 3_000;

/** After this long past a stop, every call still waiting is abandoned, however it started. */
const STOP_DEADLINE_MS = 8_000;

/** The port implemented with the AWS SDK v3; retries are left to the caller (maxAttempts 1). */
export class SdkGroupsApi implements GroupsApi {
  private readonly clients = new Map<string, CognitoIdentityProviderClient>();
  private readonly timeoutMs: number;
  private stoppedAt: number | undefined;

  constructor(private readonly options: SdkOptions = {}) {
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    options.signal?.addEventListener('abort', () => (this.stoppedAt = performance.now()), { once: true });
  }

  async listGroupsPage(pool: PoolRef, nextToken?: string): Promise<GroupPage> {
    const out = await this.send('ListGroups', pool, undefined, (c, abortSignal) =>
      c.send(new ListGroupsCommand({ UserPoolId: pool.id, Limit: LIST_PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }), { abortSignal }),
    );
    return groupPageOf(out as unknown as Record<string, unknown>, where('ListGroups', pool));
  }

  async getGroup(pool: PoolRef, name: string): Promise<ObservedGroup | undefined> {
    try {
      const out = await this.send('GetGroup', pool, name, (c, abortSignal) => c.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: name }), { abortSignal }));
      if (out.Group === undefined || out.Group === null) throw badAnswer(where('GetGroup', pool), 'no Group');
      return groupOf(out.Group, where('GetGroup', pool), 'Group');
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'AWS_GROUP_NOT_FOUND') return undefined;
      throw err;
    }
  }

  async createGroup(pool: PoolRef, group: DesiredGroup): Promise<void> {
    await this.send('CreateGroup', pool, group.name, (c, abortSignal) => c.send(new CreateGroupCommand({ ...groupInput(pool, group), ...(group.description === undefined ? {} : { Description: group.description }) }), { abortSignal }));
  }

  async updateGroup(pool: PoolRef, group: DesiredGroup): Promise<void> {
    // Every managed field is sent, so the result is the same whether Cognito keeps or resets omitted
    // fields (cognito-contract.md): "" clears a description. RoleArn and Precedence cannot be
    // cleared: the planner replaces instead.
    await this.send('UpdateGroup', pool, group.name, (c, abortSignal) => c.send(new UpdateGroupCommand({ ...groupInput(pool, group), Description: group.description ?? '' }), { abortSignal }));
  }

  async deleteGroup(pool: PoolRef, name: string): Promise<void> {
    await this.send('DeleteGroup', pool, name, (c, abortSignal) => c.send(new DeleteGroupCommand({ UserPoolId: pool.id, GroupName: name }), { abortSignal }));
  }

  async listMembersPage(pool: PoolRef, group: string, nextToken?: string): Promise<MemberPage> {
    const out = await this.send('ListUsersInGroup', pool, group, (c, abortSignal) =>
      c.send(new ListUsersInGroupCommand({ UserPoolId: pool.id, GroupName: group, Limit: LIST_PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }), { abortSignal }),
    );
    return memberPageOf(out as unknown as Record<string, unknown>, where('ListUsersInGroup', pool));
  }

  async addMember(pool: PoolRef, group: string, username: string): Promise<void> {
    await this.send('AdminAddUserToGroup', pool, group, (c, abortSignal) => c.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.id, GroupName: group, Username: username }), { abortSignal }), username);
  }

  async removeMember(pool: PoolRef, group: string, username: string): Promise<void> {
    await this.send('AdminRemoveUserFromGroup', pool, group, (c, abortSignal) => c.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool.id, GroupName: group, Username: username }), { abortSignal }), username);
  }

  async getUser(pool: PoolRef, username: string): Promise<string | undefined> {
    try {
      const out = await this.send('AdminGetUser', pool, undefined, (c, abortSignal) => c.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: username }), { abortSignal }), username);
      return usernameOf(out as unknown as Record<string, unknown>, where('AdminGetUser', pool));
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'AWS_USER_NOT_FOUND') return undefined;
      throw err;
    }
  }

  /** The user's sub (AdminGetUser), or undefined when no such user exists: CloudTrail names users by sub. */
  async userSub(pool: PoolRef, username: string): Promise<string | undefined> {
    try {
      const out = await this.send('AdminGetUser', pool, undefined, (c, abortSignal) => c.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: username }), { abortSignal }), username);
      const sub = out.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
      return typeof sub === 'string' && sub !== '' ? sub : undefined;
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'AWS_USER_NOT_FOUND') return undefined;
      throw err;
    }
  }

  async listUserGroupsPage(pool: PoolRef, username: string, nextToken?: string): Promise<UserGroupsPage> {
    const out = await this.send('AdminListGroupsForUser', pool, undefined, (c, abortSignal) =>
      c.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: username, Limit: LIST_PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }), { abortSignal }),
    username);
    return userGroupsPageOf(out as unknown as Record<string, unknown>, where('AdminListGroupsForUser', pool));
  }

  async describePool(pool: PoolRef): Promise<PoolSettings> {
    const out = await this.send('DescribeUserPool', pool, undefined, (c, abortSignal) => c.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }), { abortSignal }));
    return poolSettingsOf(out as unknown as Record<string, unknown>, where('DescribeUserPool', pool));
  }

  /** Closes the HTTP connections of every client made. */
  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }

  private async send<T>(op: Operation, pool: PoolRef, groupName: string | undefined, call: (c: CognitoIdentityProviderClient, abortSignal: AbortSignal) => Promise<T>, username?: string): Promise<T> {
    const abandon = this.abandonment(op);
    try {
      return await call(this.client(pool.region), abandon.signal);
    } catch (err) {
      throw callError(op, pool, failureOf(err, this.timeoutMs, abandon.signal.aborted), groupName, username);
    } finally {
      abandon.release();
    }
  }

  /** An abort for one call: at once for a read after a stop, after the grace for a write, and never later than the deadline. */
  private abandonment(op: Operation): { signal: AbortSignal; release(): void } {
    const controller = new AbortController();
    const stop = this.options.signal;
    if (stop === undefined) return { signal: controller.signal, release: () => undefined };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      const now = performance.now();
      const stoppedAt = this.stoppedAt ?? now;
      // Listing the groups is never part of finishing a change, so it is dropped at once. Every other call
      // may be finishing one (a replace putting members back reads the holding group), so it gets the grace.
      const grace = op === 'ListGroups' ? 0 : STOP_GRACE_MS;
      const wait = Math.max(0, Math.min(grace, stoppedAt + STOP_DEADLINE_MS - now));
      timer = setTimeout(() => controller.abort(), wait);
      timer.unref?.();
    };
    if (stop.aborted) arm();
    else stop.addEventListener('abort', arm, { once: true });
    return {
      signal: controller.signal,
      release: () => {
        stop.removeEventListener('abort', arm);
        if (timer !== undefined) clearTimeout(timer);
      },
    };
  }

  private client(region: string): CognitoIdentityProviderClient {
    let c = this.clients.get(region);
    if (c === undefined) {
      c = new CognitoIdentityProviderClient(clientConfig(this.options, region, { userAgent: true }));
      this.clients.set(region, c);
    }
    return c;
  }
}

function where(op: Operation, pool: PoolRef): string {
  return `${op} on user pool ${pool.id} (${pool.region})`;
}

/** The request fields CreateGroup and UpdateGroup share. */
function groupInput(pool: PoolRef, group: DesiredGroup): { UserPoolId: string; GroupName: string; Precedence?: number; RoleArn?: string } {
  return {
    UserPoolId: pool.id,
    GroupName: group.name,
    ...(group.precedence === undefined ? {} : { Precedence: group.precedence }),
    ...(group.roleArn === undefined ? {} : { RoleArn: group.roleArn }),
  };
}

function failureOf(err: unknown, timeoutMs: number, abandoned: boolean): CallFailure {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const meta = (err as { $metadata?: { httpStatusCode?: number } }).$metadata;
  const errno = (err as { code?: unknown }).code;
  if (abandoned) return { name: 'Abandoned', message: 'stopped while waiting for the answer' };
  const failure: CallFailure = { name: err.name, message: err.message };
  if (err.name === 'TimeoutError') {
    failure.message = /establish a connection/.test(err.message) ? `could not connect within ${seconds(Math.min(timeoutMs, CONNECT_TIMEOUT_MS))}` : `no answer within ${seconds(timeoutMs)}`;
  }
  // A body the SDK could not read as JSON (an HTML page, a truncated answer).
  if (err.name === 'SyntaxError' || /Deserialization error/.test(err.message)) {
    failure.name = 'BadResponse';
    failure.message = (err.message.split('\n')[0] ?? '').trim();
  }
  if (meta?.httpStatusCode !== undefined) failure.status = meta.httpStatusCode;
  if (typeof errno === 'string') failure.errno = errno;
  return failure;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
