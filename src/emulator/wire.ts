// AWS JSON 1.1 framing: which operation a request names, who signed it, and how replies look on the wire.

/** Operations on groups; these are the ones Cognito rate-limits. */
const GROUP_OPERATIONS = ['CreateGroup', 'GetGroup', 'UpdateGroup', 'ListGroups', 'DeleteGroup'] as const;
/** Pool-management operations the emulator offers so a test can make pools through the API. */
const POOL_OPERATIONS = ['CreateUserPool', 'DescribeUserPool', 'ListUserPools'] as const;
/** Operations on users and their group memberships. */
const USER_OPERATIONS = [
  'AdminCreateUser',
  'AdminGetUser',
  'AdminDeleteUser',
  'ListUsers',
  'ListUsersInGroup',
  'AdminListGroupsForUser',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
] as const;

export type GroupOperation = (typeof GROUP_OPERATIONS)[number];
export type PoolOperation = (typeof POOL_OPERATIONS)[number];
/** One of USER_OPERATIONS. */
export type UserOperation = (typeof USER_OPERATIONS)[number];
/** Every Cognito operation the emulator understands. */
export type OperationName = GroupOperation | PoolOperation | UserOperation;

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
export const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** The account emulated resources belong to unless the emulator is given another. */
export const DEFAULT_ACCOUNT_ID = '000000000000';

/** Exception names the emulator can answer with (the `__type` of an error body). */
export type ServiceErrorName =
  | 'InvalidParameterException'
  | 'ResourceNotFoundException'
  | 'GroupExistsException'
  | 'UserNotFoundException'
  | 'UsernameExistsException'
  | 'LimitExceededException'
  | 'TooManyRequestsException'
  | 'InternalErrorException'
  | 'AccessDeniedException'
  | 'UnrecognizedClientException'
  | 'UnknownOperationException'
  | 'SerializationException';

/** An error reply: the exception name and its message. */
export interface ServiceError {
  readonly error: ServiceErrorName;
  readonly message: string;
}

/** What an operation answers: a 200 body or an error. */
export type Reply = { readonly ok: true; readonly body: Record<string, unknown> } | ({ readonly ok: false } & ServiceError);

export function okReply(body: Record<string, unknown>): Reply {
  return { ok: true, body };
}

export function errorReply(error: ServiceErrorName, message: string): Reply {
  return { ok: false, error, message };
}

const ALL_OPERATIONS: ReadonlySet<string> = new Set<string>([...GROUP_OPERATIONS, ...POOL_OPERATIONS, ...USER_OPERATIONS]);
const POOL_OPERATION_SET: ReadonlySet<string> = new Set<string>(POOL_OPERATIONS);

/** Cognito rate-limits every operation but the pool-management ones the emulator adds for tests. */
export function isRateLimited(op: OperationName): op is GroupOperation | UserOperation {
  return !POOL_OPERATION_SET.has(op);
}

/** The operation named by an `X-Amz-Target` header, or undefined when the target is not one of ours. */
export function parseTarget(target: string | undefined): OperationName | undefined {
  if (target === undefined || !target.startsWith(TARGET_PREFIX)) return undefined;
  const op = target.slice(TARGET_PREFIX.length);
  return ALL_OPERATIONS.has(op) ? (op as OperationName) : undefined;
}

/** The parts of a SigV4 `Authorization` header the emulator uses. The signature itself is not checked. */
export interface Signer {
  readonly accessKeyId: string | undefined;
  readonly region: string | undefined;
  /** The signing name, such as cognito-idp or sts. */
  readonly service: string | undefined;
}

const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export function parseAuthorization(header: string | undefined): Signer {
  const m = header === undefined ? null : CREDENTIAL_SCOPE.exec(header);
  return { accessKeyId: m?.[1], region: m?.[2], service: m?.[3] };
}

/** HTTP status of an error: Cognito answers 500 only for InternalErrorException. */
export function errorStatus(name: ServiceErrorName): number {
  return name === 'InternalErrorException' ? 500 : 400;
}

/** Epoch seconds with fractional milliseconds, as Cognito sends timestamps. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** The region part of a user-pool id (`eu-west-1_AbC123` → `eu-west-1`). */
function poolRegion(poolId: string): string {
  const i = poolId.lastIndexOf('_');
  return i > 0 ? poolId.slice(0, i) : poolId;
}

export function poolArn(poolId: string, account: string): string {
  return `arn:aws:cognito-idp:${poolRegion(poolId)}:${account}:userpool/${poolId}`;
}

/** The IAM user an access key stands for in the emulated account (one user per key). */
export function callerArn(account: string, accessKeyId: string | undefined): string {
  return `arn:aws:iam::${account}:user/${accessKeyId ?? 'anonymous'}`;
}
