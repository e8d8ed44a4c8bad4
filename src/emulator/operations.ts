// The group and pool operations, and the dispatch of every operation: validate the input, act on
// the store, shape the reply. User and membership operations are in user-operations.ts and
// member-operations.ts.
import { assertNever } from '../core/errors.js';
import {
  changed,
  findGroupIn,
  findPool,
  INVALID_TOKEN,
  invalid,
  isHandled,
  MISSING_REQUIRED,
  unchanged,
  type Handled,
  type OperationContext,
} from './handler.js';
import { int, lambdaConfig, str, usernameConfiguration, type LambdaConfigInput, type OperationInput } from './input.js';
import { addUserToGroup, adminListGroupsForUser, listUsersInGroup, removeUserFromGroup } from './member-operations.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { groupToWire, poolToWire } from './shapes.js';
import type { GroupRecord, PoolRecord, PreTokenTrigger } from './store.js';
import { adminCreateUser, adminDeleteUser, adminGetUser, listUsers } from './user-operations.js';
import {
  checkGroupRequest,
  checkInteger,
  checkString,
  LIST_GROUPS_LIMIT,
  LIST_USER_POOLS_MAX_RESULTS,
  PAGINATION_TOKEN,
  POOL_NAME,
  USER_POOL_ID,
  GROUP_NAME,
} from './validation.js';
import { epochSeconds, errorReply, okReply, type OperationName } from './wire.js';

function createGroup(input: OperationInput, ctx: OperationContext): Handled {
  const GroupName = str(input, 'GroupName');
  const UserPoolId = str(input, 'UserPoolId');
  const Description = str(input, 'Description');
  const RoleArn = str(input, 'RoleArn');
  const Precedence = int(input, 'Precedence');
  const bad = invalid(checkGroupRequest({ GroupName, UserPoolId, Description, RoleArn, Precedence }));
  if (bad !== undefined || GroupName === undefined || UserPoolId === undefined) return bad ?? MISSING_REQUIRED;
  const pool = findPool(ctx, UserPoolId);
  if (isHandled(pool)) return pool;
  const result = ctx.store.createGroup(pool, GroupName, { description: Description, roleArn: RoleArn, precedence: Precedence }, ctx.now);
  switch (result.kind) {
    case 'created':
      return changed(okReply({ Group: groupToWire(pool.id, result.group) }));
    case 'exists':
      return unchanged(errorReply('GroupExistsException', `A group with the name ${GroupName} already exists.`));
    case 'limit':
      return unchanged(
        errorReply('LimitExceededException', `The maximum number of groups (${ctx.store.maxGroupsPerPool}) for user pool ${pool.id} has been reached.`),
      );
    default:
      return assertNever(result);
  }
}

/** Validates a (GroupName, UserPoolId) pair and finds the group, or the reply explaining why not. */
function findGroup(input: OperationInput, ctx: OperationContext): { pool: PoolRecord; group: GroupRecord } | Handled {
  const GroupName = str(input, 'GroupName');
  const UserPoolId = str(input, 'UserPoolId');
  const bad = invalid([...checkString('groupName', GroupName, GROUP_NAME, true), ...checkString('userPoolId', UserPoolId, USER_POOL_ID, true)]);
  if (bad !== undefined || GroupName === undefined || UserPoolId === undefined) return bad ?? MISSING_REQUIRED;
  const pool = findPool(ctx, UserPoolId);
  if (isHandled(pool)) return pool;
  const group = findGroupIn(ctx, pool, GroupName);
  return isHandled(group) ? group : { pool, group };
}

function getGroup(input: OperationInput, ctx: OperationContext): Handled {
  const found = findGroup(input, ctx);
  if (isHandled(found)) return found;
  return unchanged(okReply({ Group: groupToWire(found.pool.id, found.group) }));
}

function updateGroup(input: OperationInput, ctx: OperationContext): Handled {
  const Description = str(input, 'Description');
  const RoleArn = str(input, 'RoleArn');
  const Precedence = int(input, 'Precedence');
  const bad = invalid(checkGroupRequest({ GroupName: str(input, 'GroupName'), UserPoolId: str(input, 'UserPoolId'), Description, RoleArn, Precedence }));
  if (bad !== undefined) return bad;
  const found = findGroup(input, ctx);
  if (isHandled(found)) return found;
  ctx.store.updateGroup(found.group, { description: Description, roleArn: RoleArn, precedence: Precedence }, ctx.now);
  return changed(okReply({ Group: groupToWire(found.pool.id, found.group) }));
}

function deleteGroup(input: OperationInput, ctx: OperationContext): Handled {
  const found = findGroup(input, ctx);
  if (isHandled(found)) return found;
  ctx.store.deleteGroup(found.pool, found.group);
  return changed(okReply({}));
}

/** ListGroups returns this many groups when Limit is omitted (observed behaviour; undocumented). */
export const DEFAULT_LIST_GROUPS_LIMIT = 25;

function listGroups(input: OperationInput, ctx: OperationContext): Handled {
  const UserPoolId = str(input, 'UserPoolId');
  const Limit = int(input, 'Limit');
  const NextToken = str(input, 'NextToken');
  const bad = invalid([
    ...checkString('userPoolId', UserPoolId, USER_POOL_ID, true),
    ...checkInteger('limit', Limit, LIST_GROUPS_LIMIT),
    ...checkString('nextToken', NextToken, PAGINATION_TOKEN),
  ]);
  if (bad !== undefined || UserPoolId === undefined) return bad ?? MISSING_REQUIRED;
  const pool = findPool(ctx, UserPoolId);
  if (isHandled(pool)) return pool;
  let after: string | undefined;
  if (NextToken !== undefined) {
    after = decodePageToken(NextToken, pool.salt);
    if (after === undefined) return INVALID_TOKEN;
  }
  const page = ctx.store.page(pool, after, Limit ?? DEFAULT_LIST_GROUPS_LIMIT);
  const body: Record<string, unknown> = { Groups: page.groups.map((g) => groupToWire(pool.id, g)) };
  if (page.continueAfter !== undefined) body['NextToken'] = encodePageToken(pool.salt, page.continueAfter);
  return unchanged(okReply(body));
}

function createUserPool(input: OperationInput, ctx: OperationContext): Handled {
  const PoolName = str(input, 'PoolName');
  const config = usernameConfiguration(input, 'UsernameConfiguration');
  const lambdas = lambdaConfig(input, 'LambdaConfig');
  const trigger = preTokenTriggerOf(lambdas);
  const bad = invalid([
    ...checkString('poolName', PoolName, POOL_NAME, true),
    ...(typeof trigger === 'string' ? [trigger] : []),
    ...(config !== undefined && config.CaseSensitive === undefined
      ? ["Value null at 'usernameConfiguration.caseSensitive' failed to satisfy constraint: Member must not be null"]
      : []),
  ]);
  if (bad !== undefined || PoolName === undefined) return bad ?? MISSING_REQUIRED;
  const pool = ctx.store.addPool({
    id: ctx.newPoolId(ctx.region),
    name: PoolName,
    creationDate: ctx.now,
    salt: ctx.newSalt(),
    caseSensitive: config?.CaseSensitive ?? false,
    ...(trigger === undefined || typeof trigger === 'string' ? {} : { preTokenGeneration: trigger }),
  });
  return changed(okReply({ UserPool: poolToWire(pool, ctx.account) }));
}

function describeUserPool(input: OperationInput, ctx: OperationContext): Handled {
  const UserPoolId = str(input, 'UserPoolId');
  const bad = invalid(checkString('userPoolId', UserPoolId, USER_POOL_ID, true));
  if (bad !== undefined || UserPoolId === undefined) return bad ?? MISSING_REQUIRED;
  const pool = findPool(ctx, UserPoolId);
  if (isHandled(pool)) return pool;
  return unchanged(okReply({ UserPool: poolToWire(pool, ctx.account) }));
}

function listUserPools(input: OperationInput, ctx: OperationContext): Handled {
  const MaxResults = int(input, 'MaxResults');
  const NextToken = str(input, 'NextToken');
  const bad = invalid([...checkInteger('maxResults', MaxResults, LIST_USER_POOLS_MAX_RESULTS, true), ...checkString('nextToken', NextToken, PAGINATION_TOKEN)]);
  if (bad !== undefined || MaxResults === undefined) return bad ?? MISSING_REQUIRED;
  let start = 0;
  if (NextToken !== undefined) {
    const position = decodePageToken(NextToken, ctx.accountSalt);
    start = position === undefined || !/^[0-9]+$/.test(position) ? -1 : Number(position);
    if (start < 0) return INVALID_TOKEN;
  }
  // Pools are listed in creation order; there are few, so copying them is cheap.
  const all = [...ctx.store.pools.values()];
  const end = Math.min(start + MaxResults, all.length);
  const body: Record<string, unknown> = {
    UserPools: all.slice(start, end).map((p) => ({
      Id: p.id,
      Name: p.name,
      LastModifiedDate: epochSeconds(p.lastModifiedDate),
      CreationDate: epochSeconds(p.creationDate),
    })),
  };
  if (end < all.length) body['NextToken'] = encodePageToken(ctx.accountSalt, String(end));
  return unchanged(okReply(body));
}

/** Runs one decoded operation against the store. */
export function handleOperation(op: OperationName, input: OperationInput, ctx: OperationContext): Handled {
  switch (op) {
    case 'CreateGroup':
      return createGroup(input, ctx);
    case 'GetGroup':
      return getGroup(input, ctx);
    case 'UpdateGroup':
      return updateGroup(input, ctx);
    case 'DeleteGroup':
      return deleteGroup(input, ctx);
    case 'ListGroups':
      return listGroups(input, ctx);
    case 'CreateUserPool':
      return createUserPool(input, ctx);
    case 'DescribeUserPool':
      return describeUserPool(input, ctx);
    case 'ListUserPools':
      return listUserPools(input, ctx);
    case 'AdminCreateUser':
      return adminCreateUser(input, ctx);
    case 'AdminGetUser':
      return adminGetUser(input, ctx);
    case 'AdminDeleteUser':
      return adminDeleteUser(input, ctx);
    case 'ListUsers':
      return listUsers(input, ctx);
    case 'ListUsersInGroup':
      return listUsersInGroup(input, ctx);
    case 'AdminListGroupsForUser':
      return adminListGroupsForUser(input, ctx);
    case 'AdminAddUserToGroup':
      return addUserToGroup(input, ctx);
    case 'AdminRemoveUserFromGroup':
      return removeUserFromGroup(input, ctx);
    default:
      return assertNever(op);
  }
}


const LAMBDA_ARN = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/u;

/** The pre token generation trigger of a CreateUserPool's LambdaConfig (the V2/V3 config wins over the V1 field), or a validation message. */
export function preTokenTriggerOf(config: LambdaConfigInput | undefined): PreTokenTrigger | string | undefined {
  if (config === undefined) return undefined;
  const v2 = config.PreTokenGenerationConfig;
  const arn = v2?.LambdaArn ?? config.PreTokenGeneration;
  if (arn === undefined) return undefined;
  if (!LAMBDA_ARN.test(arn) || arn.length > 2048) return `Value '${arn}' at 'lambdaConfig.preTokenGeneration' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?`;
  const version = v2?.LambdaVersion ?? 'V1_0';
  if (version !== 'V1_0' && version !== 'V2_0' && version !== 'V3_0') return `Value '${version}' at 'lambdaConfig.preTokenGenerationConfig.lambdaVersion' failed to satisfy constraint: Member must satisfy enum value set: [V1_0, V2_0, V3_0]`;
  return { lambdaArn: arn, version };
}
