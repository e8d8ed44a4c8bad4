// AWS JSON 1.1 framing: which operation a request names, who signed it, and how replies look on the wire.
/** Operations on groups; these are the ones Cognito rate-limits. */
const GROUP_OPERATIONS = ['CreateGroup', 'GetGroup', 'UpdateGroup', 'ListGroups', 'DeleteGroup'];
/** Pool-management operations the emulator offers so a test can make pools through the API. */
const POOL_OPERATIONS = ['CreateUserPool', 'DescribeUserPool', 'ListUserPools'];
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
];
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
export const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** The account emulated resources belong to unless the emulator is given another. */
export const DEFAULT_ACCOUNT_ID = '000000000000';
export function okReply(body) {
    return { ok: true, body };
}
export function errorReply(error, message) {
    return { ok: false, error, message };
}
const ALL_OPERATIONS = new Set([...GROUP_OPERATIONS, ...POOL_OPERATIONS, ...USER_OPERATIONS]);
const POOL_OPERATION_SET = new Set(POOL_OPERATIONS);
/** Cognito rate-limits every operation but the pool-management ones the emulator adds for tests. */
export function isRateLimited(op) {
    return !POOL_OPERATION_SET.has(op);
}
/** The operation named by an `X-Amz-Target` header, or undefined when the target is not one of ours. */
export function parseTarget(target) {
    if (target === undefined || !target.startsWith(TARGET_PREFIX))
        return undefined;
    const op = target.slice(TARGET_PREFIX.length);
    return ALL_OPERATIONS.has(op) ? op : undefined;
}
const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;
export function parseAuthorization(header) {
    const m = header === undefined ? null : CREDENTIAL_SCOPE.exec(header);
    return { accessKeyId: m?.[1], region: m?.[2], service: m?.[3] };
}
/** HTTP status of an error: Cognito answers 500 only for InternalErrorException. */
export function errorStatus(name) {
    return name === 'InternalErrorException' ? 500 : 400;
}
/** Epoch seconds with fractional milliseconds, as Cognito sends timestamps. */
export function epochSeconds(ms) {
    return ms / 1000;
}
/** The region part of a user-pool id (`eu-west-1_AbC123` → `eu-west-1`). */
function poolRegion(poolId) {
    const i = poolId.lastIndexOf('_');
    return i > 0 ? poolId.slice(0, i) : poolId;
}
export function poolArn(poolId, account) {
    return `arn:aws:cognito-idp:${poolRegion(poolId)}:${account}:userpool/${poolId}`;
}
/** The IAM user an access key stands for in the emulated account (one user per key). */
export function callerArn(account, accessKeyId) {
    return `arn:aws:iam::${account}:user/${accessKeyId ?? 'anonymous'}`;
}
