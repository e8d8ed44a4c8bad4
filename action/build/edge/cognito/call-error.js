import { CgError } from '../../core/errors.js';
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);
/** Turns a failed Cognito call into the project's error, naming the pool, the operation and what to do. */
export function callError(op, pool, failure, groupName, username) {
    const e = describeFailure(op, pool, failure, groupName, username);
    return new CgError(e.code, e.message, { operation: op });
}
function describeFailure(op, pool, failure, groupName, username) {
    const subject = [groupName === undefined ? '' : `group ${JSON.stringify(groupName)}`, username === undefined ? '' : `user ${JSON.stringify(username)}`].filter((s) => s !== '').join(', ');
    const where = `${op} on user pool ${pool.id} (${pool.region})${subject === '' ? '' : ` for ${subject}`}`;
    const said = failure.message.trim() === '' ? failure.name : `${failure.name}: ${oneLine(failure.message)}`;
    switch (failure.name) {
        case 'TooManyRequestsException':
        case 'ThrottlingException':
            return new CgError('AWS_THROTTLED', `${where} was throttled (${said})`);
        case 'CredentialsProviderError':
            return new CgError('AWS_CREDENTIALS', `${where}: no AWS credentials found (${oneLine(failure.message)}); set AWS_PROFILE or --profile, run \`aws sso login\`, export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or try --local`);
        case 'UnrecognizedClientException':
        case 'InvalidSignatureException':
        case 'ExpiredTokenException':
        case 'InvalidClientTokenId':
        case 'SignatureDoesNotMatch':
            return new CgError('AWS_CREDENTIALS', `${where}: the AWS credentials were rejected (${said}); refresh them (for SSO: aws sso login) or pick another --profile`);
        case 'AccessDeniedException':
        case 'NotAuthorizedException': {
            const action = /not authorized to perform: (\S+)/.exec(failure.message)?.[1] ?? `cognito-idp:${op}`;
            const what = action.startsWith('iam:PassRole') ? `${action} on the group's role` : `${action} on this user pool`;
            return new CgError('AWS_ACCESS_DENIED', `${where}: access denied (${said}); grant ${what} (see "IAM permissions" in the README)`);
        }
        case 'ResourceNotFoundException':
            if (/pool/i.test(failure.message)) {
                return new CgError('AWS_POOL_NOT_FOUND', `${where}: the user pool does not exist (${said}); check the pool id and region (and --profile: it may be in another account)`);
            }
            return new CgError('AWS_GROUP_NOT_FOUND', `${where}: the group does not exist (${said})`);
        case 'GroupExistsException':
            return new CgError('AWS_GROUP_EXISTS', `${where}: the group already exists (${said})`);
        case 'LimitExceededException':
            // The same exception means two limits: a pool's 10,000 groups, and a user's 100 groups.
            if (op === 'AdminAddUserToGroup')
                return new CgError('AWS_USER_GROUP_LIMIT', `${where}: the user is already in Cognito's maximum of 100 groups (${said}); remove them from a group they no longer need`);
            return new CgError('AWS_LIMIT_EXCEEDED', `${where}: the pool has reached Cognito's quota of 10,000 groups (${said}); delete unused groups or split them across pools`);
        case 'UserNotFoundException':
            return new CgError('AWS_USER_NOT_FOUND', `${where}: no such user in the pool (${said})`);
        case 'InvalidParameterException':
            return new CgError('AWS_INVALID_PARAMETER', `${where}: Cognito rejected a parameter (${said}); fix that value in the groups file (run validate), or report it if validate accepts it`);
        case 'OperationNotEnabledException':
            return new CgError('AWS_ERROR', `${where}: ${said}; this is a replica region, apply to the pool's primary region`);
        case 'InternalErrorException':
        case 'ServiceUnavailableException':
        case 'RequestTimeout':
        case 'AbortError':
            return new CgError('AWS_UNAVAILABLE', `${where} failed: ${said}`);
        case 'TimeoutError':
        case 'Abandoned':
            return new CgError('AWS_UNAVAILABLE', `${where} failed: ${oneLine(failure.message)}`);
        case 'BadResponse':
            return new CgError('AWS_BAD_RESPONSE', `${where}: the answer is not Cognito's (${oneLine(failure.message)}); check --endpoint-url or any proxy in between`);
        default:
            if ((failure.status !== undefined && failure.status >= 500) || (failure.errno !== undefined && CONNECTION_CODES.has(failure.errno))) {
                return new CgError('AWS_UNAVAILABLE', `${where} failed: ${said}${failure.errno !== undefined && !said.includes(failure.errno) ? ` (${failure.errno})` : ''}`);
            }
            return new CgError('AWS_ERROR', `${where} failed: ${said}`);
    }
}
/** Errors worth trying again: throttling, server faults, timeouts and dropped connections. */
export function isRetryable(err) {
    return err instanceof CgError && (err.code === 'AWS_THROTTLED' || err.code === 'AWS_UNAVAILABLE');
}
function oneLine(s) {
    return s.replace(/\s+/g, ' ').trim();
}
