// The two services the emulator answers beside Cognito user pools and STS: Cognito Identity (JSON 1.1,
// AWSCognitoIdentityService.*) and IAM (Query, XML). Each request passes the same pipeline as a Cognito
// one: access key, body, IAM (deny rules, then the policy: cognito-identity:<Op> on the identity pool,
// iam:<Action> on the role), injected latency and throttling, the quotas, injected resets and 500s,
// then the operation, and the state file written after a change.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleIamAction, iamError, iamResourceOf, IAM_ACTIONS, IAM_CONTENT_TYPE, isIamQuery, type IamAction } from './iam-roles.js';
import { handleIdentityOperation, identityOperationOf, IDENTITY_TARGET_PREFIX } from './identity-pools.js';
import type { AccessPolicy } from './access.js';
import type { FaultInjector } from './faults.js';
import type { QuotaLimiter } from './quotas.js';
import type { EmulatorState } from './state.js';
import type { StatsRecorder } from './stats.js';
import { CONTENT_TYPE, type Signer } from './wire.js';

/**
 * Requests per second each of these operations is allowed: the emulator's reading of the identity
 * pool quotas (5 for the identity pool management operations) and a low rate for IAM, which
 * publishes none per operation. Scaled and switched off with the other quotas.
 */
const RATE_PER_OPERATION = 5;

/** What the route answers: the bytes to send, or a connection to reset. */
export interface RoutedAnswer {
  readonly op: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly errorType?: string;
  readonly reset?: true;
}

/** What the route looks at in a request. */
export interface RoutedRequest {
  readonly target: string | undefined;
  readonly contentType: string | undefined;
  readonly signer: Signer;
  /** undefined when the body was too large. */
  readonly body: string | undefined;
  readonly requestId: string;
}

/** The parts of the emulator the route consults (the transport's). */
export interface RouteParts {
  readonly state: EmulatorState;
  readonly quotas: QuotaLimiter;
  readonly faults: FaultInjector;
  readonly access: AccessPolicy;
  readonly stats: StatsRecorder;
}

type Service = { kind: 'identity'; op: string; known: boolean } | { kind: 'iam'; op: string; known: boolean; form: URLSearchParams };

/** Cognito Identity and IAM on the emulator's one endpoint, with their quotas. */
export class IdentityRoute {
  constructor(private readonly parts: RouteParts) {}

  /** The answer to a request for Cognito Identity or IAM; undefined for any other request. */
  async answer(req: RoutedRequest): Promise<RoutedAnswer | undefined> {
    const service = this.serviceOf(req);
    if (service === undefined) return undefined;
    const { stats, access, faults, state } = this.parts;
    const op = service.op;
    stats.call(op);
    const fail = (status: number, code: string, message: string): RoutedAnswer => {
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
    if (req.body === undefined) return fail(400, service.kind === 'iam' ? 'ValidationError' : 'SerializationException', 'Request body is too large.');
    let input: Record<string, unknown> = {};
    if (service.kind === 'identity') {
      try {
        const parsed: unknown = req.body.trim() === '' ? {} : JSON.parse(req.body);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        input = parsed as Record<string, unknown>;
      } catch {
        return fail(400, 'SerializationException', 'The request body is not a JSON object.');
      }
    }
    const region = req.signer.region ?? state.defaultRegion;
    const denied =
      service.kind === 'iam'
        ? access.authorizeAction(req.signer.accessKeyId, op, `iam:${op}`, iamResourceOf(service.form, state.account, state.identity))
        : access.authorizeAction(req.signer.accessKeyId, op, `cognito-identity:${op}`, identityResource(input, region, state.account));
    if (denied !== undefined) return service.kind === 'iam' ? fail(403, 'AccessDenied', denied) : fail(400, 'AccessDeniedException', denied);

    const fault = faults.decide(op);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    const throttled = (): RoutedAnswer => (service.kind === 'iam' ? fail(400, 'Throttling', 'Rate exceeded') : fail(400, 'TooManyRequestsException', 'Too many requests'));
    // Each operation has its own rate, per region for Cognito Identity (IAM is global).
    const lane = service.kind === 'iam' ? `iam:${op}` : `cognito-identity:${region}:${op}`;
    if (fault.kind === 'throttle' || !this.parts.quotas.admitService(lane, RATE_PER_OPERATION)) return throttled();
    if (fault.kind === 'reset') {
      stats.outcome(op, 'fault');
      return { op, status: 0, contentType: '', body: '', reset: true };
    }
    if (fault.kind === 'error') return service.kind === 'iam' ? fail(500, 'ServiceFailure', 'Internal server error.') : fail(500, 'InternalErrorException', 'Internal server error.');

    const handled =
      service.kind === 'iam'
        ? (({ reply, mutated }) => ({ answer: iamAnswer(op, reply), mutated }))(handleIamAction(op as IamAction, service.form, state.identity, state.account, state.clock(), req.requestId))
        : (({ reply, mutated }) => ({ answer: reply.ok ? jsonOk(op, reply.body) : jsonError(op, reply.error, reply.message), mutated }))(handleIdentityOperation(op as never, input, state.identity, region));
    if (handled.mutated && state.durable) {
      try {
        await state.persist();
      } catch (e) {
        return fail(500, service.kind === 'iam' ? 'ServiceFailure' : 'InternalErrorException', `Emulator could not persist its state: ${(e as Error).message}`);
      }
    }
    stats.outcome(op, handled.answer.errorType === undefined ? 'ok' : 'error');
    return handled.answer;
  }

  private serviceOf(req: RoutedRequest): Service | undefined {
    const identity = identityOperationOf(req.target);
    if (identity !== null) return { kind: 'identity', op: identity ?? (req.target as string).slice(IDENTITY_TARGET_PREFIX.length), known: identity !== undefined };
    if (req.target !== undefined || req.body === undefined) return undefined;
    const formBody = (req.contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    if (!formBody && req.signer.service !== 'iam') return undefined;
    const form = new URLSearchParams(req.body);
    const action = form.get('Action') ?? '(none)';
    if (!isIamQuery(req.signer.service, action)) return undefined;
    return { kind: 'iam', op: action, known: (IAM_ACTIONS as readonly string[]).includes(action), form };
  }
}

/** The resource Cognito Identity authorises an operation on: the identity pool, or `*` for the account-wide ones. */
function identityResource(input: Record<string, unknown>, region: string, account: string): string {
  const id = input['IdentityPoolId'];
  return typeof id === 'string' ? `arn:aws:cognito-identity:${region}:${account}:identitypool/${id}` : '*';
}

function jsonOk(op: string, body: Record<string, unknown>): RoutedAnswer {
  return { op, status: 200, contentType: CONTENT_TYPE, body: JSON.stringify(body) };
}

function jsonError(op: string, code: string, message: string): RoutedAnswer {
  return { op, status: code === 'InternalErrorException' ? 500 : 400, contentType: CONTENT_TYPE, body: JSON.stringify({ __type: code, message }), errorType: code };
}

function iamAnswer(op: string, reply: { status: number; body: string; error?: string }): RoutedAnswer {
  return { op, status: reply.status, contentType: IAM_CONTENT_TYPE, body: reply.body, ...(reply.error === undefined ? {} : { errorType: reply.error }) };
}

/** Sends a routed answer (or resets the connection). */
export function sendRouted(req: IncomingMessage, res: ServerResponse, answer: RoutedAnswer, requestId: string, closing: boolean): void {
  if (answer.reset === true) {
    req.socket.resetAndDestroy();
    return;
  }
  const headers: Record<string, string | number> = { 'Content-Type': answer.contentType, 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(answer.body) };
  if (answer.errorType !== undefined && answer.contentType === CONTENT_TYPE) headers['x-amzn-ErrorType'] = answer.errorType;
  if (closing) headers['Connection'] = 'close';
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
