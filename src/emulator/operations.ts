// The operations themselves: decode a request body, validate it, act on the store, shape the reply.
import { decodePageToken, encodePageToken } from './page-token.js';
import type { GroupRecord, GroupStore, PoolRecord } from './store.js';
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
  validationMessage,
} from './validation.js';
import { epochSeconds, errorReply, okReply, poolArn, type OperationName, type Reply } from './wire.js';
import { assertNever } from '../errors.js';

type MemberType = 'string' | 'integer';

const GROUP_WRITE_SHAPE = { GroupName: 'string', UserPoolId: 'string', Description: 'string', RoleArn: 'string', Precedence: 'integer' } as const;
const GROUP_KEY_SHAPE = { GroupName: 'string', UserPoolId: 'string' } as const;

/** The members each operation reads; other members are ignored, as AWS ignores unknown members. */
const INPUT_SHAPES: Record<OperationName, Readonly<Record<string, MemberType>>> = {
  CreateGroup: GROUP_WRITE_SHAPE,
  UpdateGroup: GROUP_WRITE_SHAPE,
  GetGroup: GROUP_KEY_SHAPE,
  DeleteGroup: GROUP_KEY_SHAPE,
  ListGroups: { UserPoolId: 'string', Limit: 'integer', NextToken: 'string' },
  CreateUserPool: { PoolName: 'string' },
  DescribeUserPool: { UserPoolId: 'string' },
  ListUserPools: { MaxResults: 'integer', NextToken: 'string' },
};

/** A decoded request: the members the operation reads, with JSON null treated as absent. */
export type OperationInput = Readonly<Record<string, string | number | undefined>>;

export type DecodeResult = { readonly ok: true; readonly input: OperationInput } | { readonly ok: false; readonly reply: Reply };

/** Parses and type-checks a request body. Wrong JSON or wrong member types give SerializationException. */
export function decodeInput(op: OperationName, body: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch (e) {
    return { ok: false, reply: errorReply('SerializationException', `Request body is not valid JSON: ${(e as Error).message}`) };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, reply: errorReply('SerializationException', 'Request body must be a JSON object.') };
  }
  const raw = parsed as Record<string, unknown>;
  const input: Record<string, string | number | undefined> = {};
  for (const [member, type] of Object.entries(INPUT_SHAPES[op])) {
    const v = raw[member];
    if (v === undefined || v === null) continue;
    if (type === 'string' ? typeof v !== 'string' : !(typeof v === 'number' && Number.isInteger(v))) {
      return { ok: false, reply: errorReply('SerializationException', `Member '${member}' must be ${type === 'string' ? 'a string' : 'an integer'}.`) };
    }
    input[member] = v as string | number;
  }
  return { ok: true, input };
}

/** What an operation needs besides its input. */
export interface OperationContext {
  readonly store: GroupStore;
  /** Wall-clock time of the request, epoch milliseconds. */
  readonly now: number;
  /** Region the request was signed for. */
  readonly region: string;
  /** Binds ListUserPools tokens to this emulator. */
  readonly accountSalt: string;
  newPoolId(region: string): string;
  newSalt(): string;
}

/** An operation's reply and whether it changed the state (which must then be persisted). */
export interface Handled {
  readonly reply: Reply;
  readonly mutated: boolean;
}

function str(input: OperationInput, k: string): string | undefined {
  const v = input[k];
  return typeof v === 'string' ? v : undefined;
}

function int(input: OperationInput, k: string): number | undefined {
  const v = input[k];
  return typeof v === 'number' ? v : undefined;
}

function unchanged(reply: Reply): Handled {
  return { reply, mutated: false };
}

function invalid(problems: readonly string[]): Handled | undefined {
  const message = validationMessage(problems);
  return message === undefined ? undefined : unchanged(errorReply('InvalidParameterException', message));
}

function poolNotFound(id: string): Handled {
  return unchanged(errorReply('ResourceNotFoundException', `User pool ${id} does not exist.`));
}

const GROUP_NOT_FOUND: Handled = unchanged(errorReply('ResourceNotFoundException', 'Group not found.'));

// Required members have been validated by the time this is used; it only narrows types for the compiler.
const MISSING_REQUIRED: Handled = unchanged(errorReply('InvalidParameterException', 'A required member is missing.'));

/** A group as the API returns it; unset optional fields are absent. */
export function groupToWire(poolId: string, g: GroupRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { GroupName: g.name, UserPoolId: poolId };
  if (g.description !== undefined) out['Description'] = g.description;
  if (g.roleArn !== undefined) out['RoleArn'] = g.roleArn;
  if (g.precedence !== undefined) out['Precedence'] = g.precedence;
  out['LastModifiedDate'] = epochSeconds(g.lastModifiedDate);
  out['CreationDate'] = epochSeconds(g.creationDate);
  return out;
}

function poolToWire(p: PoolRecord): Record<string, unknown> {
  return {
    Id: p.id,
    Name: p.name,
    Arn: poolArn(p.id),
    LastModifiedDate: epochSeconds(p.lastModifiedDate),
    CreationDate: epochSeconds(p.creationDate),
    EstimatedNumberOfUsers: 0,
    MfaConfiguration: 'OFF',
    DeletionProtection: 'INACTIVE',
  };
}

function createGroup(input: OperationInput, ctx: OperationContext): Handled {
  const GroupName = str(input, 'GroupName');
  const UserPoolId = str(input, 'UserPoolId');
  const Description = str(input, 'Description');
  const RoleArn = str(input, 'RoleArn');
  const Precedence = int(input, 'Precedence');
  const bad = invalid(checkGroupRequest({ GroupName, UserPoolId, Description, RoleArn, Precedence }));
  if (bad !== undefined || GroupName === undefined || UserPoolId === undefined) return bad ?? MISSING_REQUIRED;
  const pool = ctx.store.pool(UserPoolId);
  if (pool === undefined) return poolNotFound(UserPoolId);
  const result = ctx.store.createGroup(pool, GroupName, { description: Description, roleArn: RoleArn, precedence: Precedence }, ctx.now);
  switch (result.kind) {
    case 'created':
      return { reply: okReply({ Group: groupToWire(pool.id, result.group) }), mutated: true };
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
  const pool = ctx.store.pool(UserPoolId);
  if (pool === undefined) return poolNotFound(UserPoolId);
  const group = ctx.store.group(pool, GroupName);
  return group === undefined ? GROUP_NOT_FOUND : { pool, group };
}

function isHandled(x: { pool: PoolRecord; group: GroupRecord } | Handled): x is Handled {
  return 'reply' in x;
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
  return { reply: okReply({ Group: groupToWire(found.pool.id, found.group) }), mutated: true };
}

function deleteGroup(input: OperationInput, ctx: OperationContext): Handled {
  const found = findGroup(input, ctx);
  if (isHandled(found)) return found;
  ctx.store.deleteGroup(found.pool, found.group);
  return { reply: okReply({}), mutated: true };
}

/** ListGroups returns this many groups when Limit is omitted (observed behaviour; undocumented). */
export const DEFAULT_LIST_GROUPS_LIMIT = 25;

function invalidToken(): Handled {
  return unchanged(errorReply('InvalidParameterException', 'Invalid pagination token.'));
}

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
  const pool = ctx.store.pool(UserPoolId);
  if (pool === undefined) return poolNotFound(UserPoolId);
  let after: string | undefined;
  if (NextToken !== undefined) {
    after = decodePageToken(NextToken, pool.salt);
    if (after === undefined) return invalidToken();
  }
  const page = ctx.store.page(pool, after, Limit ?? DEFAULT_LIST_GROUPS_LIMIT);
  const body: Record<string, unknown> = { Groups: page.groups.map((g) => groupToWire(pool.id, g)) };
  if (page.continueAfter !== undefined) body['NextToken'] = encodePageToken(pool.salt, page.continueAfter);
  return unchanged(okReply(body));
}

function createUserPool(input: OperationInput, ctx: OperationContext): Handled {
  const PoolName = str(input, 'PoolName');
  const bad = invalid(checkString('poolName', PoolName, POOL_NAME, true));
  if (bad !== undefined || PoolName === undefined) return bad ?? MISSING_REQUIRED;
  const pool = ctx.store.addPool({ id: ctx.newPoolId(ctx.region), name: PoolName, creationDate: ctx.now, salt: ctx.newSalt() });
  return { reply: okReply({ UserPool: poolToWire(pool) }), mutated: true };
}

function describeUserPool(input: OperationInput, ctx: OperationContext): Handled {
  const UserPoolId = str(input, 'UserPoolId');
  const bad = invalid(checkString('userPoolId', UserPoolId, USER_POOL_ID, true));
  if (bad !== undefined || UserPoolId === undefined) return bad ?? MISSING_REQUIRED;
  const pool = ctx.store.pool(UserPoolId);
  if (pool === undefined) return poolNotFound(UserPoolId);
  return unchanged(okReply({ UserPool: poolToWire(pool) }));
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
    if (start < 0) return invalidToken();
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
    default:
      return assertNever(op);
  }
}

