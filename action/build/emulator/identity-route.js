import { setTimeout as sleep } from 'node:timers/promises';
import { handleIamAction, iamError, iamResourceOf, IAM_ACTIONS, IAM_CONTENT_TYPE, isIamQuery } from './iam-roles.js';
import { handleIdentityOperation, identityOperationOf, IDENTITY_TARGET_PREFIX } from './identity-pools.js';
import { CONTENT_TYPE } from './wire.js';
/**
 * Requests per second each of these operations is allowed: the emulator's reading of the identity
 * pool quotas (5 for the identity pool management operations) and a low rate for IAM, which
 * publishes none per operation. Scaled and switched off with the other quotas.
 */
const RATE_PER_OPERATION = 5;
/** Cognito Identity and IAM on the emulator's one endpoint, with their quotas. */
export class IdentityRoute {
    parts;
    constructor(parts) {
        this.parts = parts;
    }
    /** The answer to a request for Cognito Identity or IAM; undefined for any other request. */
    async answer(req) {
        const service = this.serviceOf(req);
        if (service === undefined)
            return undefined;
        const { stats, access, faults, state } = this.parts;
        const op = service.op;
        stats.call(op);
        const fail = (status, code, message) => {
            const answer = service.kind === 'iam' ? iamAnswer(op, iamError(status, code, message, req.requestId)) : jsonError(op, code, message);
            stats.outcome(op, code === 'TooManyRequestsException' || code === 'Throttling' ? 'throttled' : status >= 500 ? 'fault' : 'error');
            return answer;
        };
        if (!service.known) {
            return service.kind === 'iam'
                ? fail(400, 'InvalidAction', `Could not find operation ${op} for version ${service.form.get('Version') ?? 'NO_VERSION_SPECIFIED'}`)
                : fail(400, 'UnknownOperationException', `Unknown operation: ${req.target ?? ''}`);
        }
        if (access.isRejected(req.signer.accessKeyId)) {
            return service.kind === 'iam'
                ? fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
                : fail(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
        }
        if (req.body === undefined)
            return fail(400, service.kind === 'iam' ? 'ValidationError' : 'SerializationException', 'Request body is too large.');
        let input = {};
        if (service.kind === 'identity') {
            try {
                const parsed = req.body.trim() === '' ? {} : JSON.parse(req.body);
                if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
                    throw new Error('not an object');
                input = parsed;
            }
            catch {
                return fail(400, 'SerializationException', 'The request body is not a JSON object.');
            }
        }
        const region = req.signer.region ?? state.defaultRegion;
        const denied = service.kind === 'iam'
            ? access.authorizeAction(req.signer.accessKeyId, op, `iam:${op}`, iamResourceOf(service.form, state.account, state.identity))
            : access.authorizeAction(req.signer.accessKeyId, op, `cognito-identity:${op}`, identityResource(input, region, state.account));
        if (denied !== undefined)
            return service.kind === 'iam' ? fail(403, 'AccessDenied', denied) : fail(400, 'AccessDeniedException', denied);
        const fault = faults.decide(op);
        if (fault.latencyMs > 0)
            await sleep(fault.latencyMs);
        const throttled = () => (service.kind === 'iam' ? fail(400, 'Throttling', 'Rate exceeded') : fail(400, 'TooManyRequestsException', 'Too many requests'));
        // Each operation has its own rate, per region for Cognito Identity (IAM is global).
        const lane = service.kind === 'iam' ? `iam:${op}` : `cognito-identity:${region}:${op}`;
        if (fault.kind === 'throttle' || !this.parts.quotas.admitService(lane, RATE_PER_OPERATION))
            return throttled();
        if (fault.kind === 'reset') {
            stats.outcome(op, 'fault');
            return { op, status: 0, contentType: '', body: '', reset: true };
        }
        if (fault.kind === 'error')
            return service.kind === 'iam' ? fail(500, 'ServiceFailure', 'Internal server error.') : fail(500, 'InternalErrorException', 'Internal server error.');
        const handled = service.kind === 'iam'
            ? (({ reply, mutated }) => ({ answer: iamAnswer(op, reply), mutated }))(handleIamAction(op, service.form, state.identity, state.account, state.clock(), req.requestId))
            : (({ reply, mutated }) => ({ answer: reply.ok ? jsonOk(op, reply.body) : jsonError(op, reply.error, reply.message), mutated }))(handleIdentityOperation(op, input, state.identity, region));
        if (handled.mutated && state.durable) {
            try {
                await state.persist();
            }
            catch (e) {
                return fail(500, service.kind === 'iam' ? 'ServiceFailure' : 'InternalErrorException', `Emulator could not persist its state: ${e.message}`);
            }
        }
        stats.outcome(op, handled.answer.errorType === undefined ? 'ok' : 'error');
        return handled.answer;
    }
    serviceOf(req) {
        const identity = identityOperationOf(req.target);
        if (identity !== null)
            return { kind: 'identity', op: identity ?? req.target.slice(IDENTITY_TARGET_PREFIX.length), known: identity !== undefined };
        if (req.target !== undefined || req.body === undefined)
            return undefined;
        const formBody = (req.contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
        if (!formBody && req.signer.service !== 'iam')
            return undefined;
        const form = new URLSearchParams(req.body);
        const action = form.get('Action') ?? '(none)';
        if (!isIamQuery(req.signer.service, action))
            return undefined;
        return { kind: 'iam', op: action, known: IAM_ACTIONS.includes(action), form };
    }
}
/** The resource Cognito Identity authorises an operation on: the identity pool, or `*` for the account-wide ones. */
function identityResource(input, region, account) {
    const id = input['IdentityPoolId'];
    return typeof id === 'string' ? `arn:aws:cognito-identity:${region}:${account}:identitypool/${id}` : '*';
}
function jsonOk(op, body) {
    return { op, status: 200, contentType: CONTENT_TYPE, body: JSON.stringify(body) };
}
function jsonError(op, code, message) {
    return { op, status: code === 'InternalErrorException' ? 500 : 400, contentType: CONTENT_TYPE, body: JSON.stringify({ __type: code, message }), errorType: code };
}
function iamAnswer(op, reply) {
    return { op, status: reply.status, contentType: IAM_CONTENT_TYPE, body: reply.body, ...(reply.error === undefined ? {} : { errorType: reply.error }) };
}
/** Sends a routed answer (or resets the connection). */
export function sendRouted(req, res, answer, requestId, closing) {
    if (answer.reset === true) {
        req.socket.resetAndDestroy();
        return;
    }
    const headers = { 'Content-Type': answer.contentType, 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(answer.body) };
    if (answer.errorType !== undefined && answer.contentType === CONTENT_TYPE)
        headers['x-amzn-ErrorType'] = answer.errorType;
    if (closing)
        headers['Connection'] = 'close';
    res.writeHead(answer.status, headers);
    res.end(answer.body);
}
