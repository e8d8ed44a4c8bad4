// The emulator's HTTP transport. Each Cognito request passes, in order: operation lookup, access key,
// body decoding, IAM (deny rules, then the policy), injected latency and forced throttling, the
// quotas, injected resets and 500s, then the operation; so a failed call never changes anything.
// STS queries (no X-Amz-Target, a form body) go to sts.ts instead; Cognito Identity and IAM to identity-route.ts.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeInput, str } from './input.js';
import { usage } from './misuse.js';
import { IdentityRoute, sendRouted } from './identity-route.js';
import { handleOperation } from './operations.js';
import { categoryOf, userAccessOf } from './quotas.js';
import { answerSts, isStsRequest, STS_CONTENT_TYPE, stsAction } from './sts.js';
import { TrailRecorder } from './trail.js';
import { answerTrailRequest, trailOperation } from './trail-http.js';
import { CONTENT_TYPE, errorReply, errorStatus, isRateLimited, parseAuthorization, parseTarget, TARGET_PREFIX } from './wire.js';
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1 << 20;
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        let tooLarge = false;
        req.on('data', (chunk) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES)
                tooLarge = true;
            else
                chunks.push(chunk);
        });
        let ended = false;
        req.on('end', () => {
            ended = true;
            resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8'));
        });
        req.on('error', reject);
        // A client that hangs up mid-body must not leave the request in flight forever (close() waits for those).
        req.on('close', () => {
            if (!ended)
                reject(new Error('client closed the connection before sending the whole request'));
        });
    });
}
function outcomeOf(reply) {
    if (reply.ok)
        return 'ok';
    if (reply.error === 'TooManyRequestsException')
        return 'throttled';
    if (reply.error === 'InternalErrorException')
        return 'fault';
    return 'error';
}
/** Listens on 127.0.0.1:`port` (0: a free one) and answers requests from `parts`. */
export async function listen(port, parts) {
    const { state, quotas, faults, access, stats } = parts;
    let closing = false;
    let inFlight = 0;
    let drained;
    const identityRoute = new IdentityRoute(parts);
    function send(res, op, reply, requestId) {
        stats.outcome(op, outcomeOf(reply));
        const headers = { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': requestId };
        let status = 200;
        let text;
        if (reply.ok) {
            text = JSON.stringify(reply.body);
        }
        else {
            status = errorStatus(reply.error);
            headers['x-amzn-ErrorType'] = reply.error;
            text = JSON.stringify({ __type: reply.error, message: reply.message });
        }
        headers['Content-Length'] = Buffer.byteLength(text);
        if (closing)
            headers['Connection'] = 'close';
        res.writeHead(status, headers);
        res.end(text);
    }
    function answerStsQuery(res, body, accessKeyId, requestId, seen) {
        const { action, version } = stsAction(body);
        stats.call(action);
        seen.op = action;
        const reply = answerSts({ action, version, accessKeyId, rejected: access.isRejected(accessKeyId), account: state.account, requestId });
        stats.outcome(action, reply.ok ? 'ok' : 'error');
        const headers = {
            'Content-Type': STS_CONTENT_TYPE,
            'x-amzn-RequestId': requestId,
            'Content-Length': Buffer.byteLength(reply.body),
        };
        if (closing)
            headers['Connection'] = 'close';
        res.writeHead(reply.status, headers);
        res.end(reply.body);
    }
    /** `seen.op` is the name statistics use for this request, once known. */
    async function handle(req, res, seen) {
        const requestId = randomUUID();
        const body = await readBody(req);
        const rawTarget = req.headers['x-amz-target'];
        const target = Array.isArray(rawTarget) ? rawTarget[0] : rawTarget;
        const signer = parseAuthorization(req.headers.authorization);
        const routed = await identityRoute.answer({ target, contentType: req.headers['content-type'], signer, body, requestId });
        if (routed !== undefined) {
            seen.op = routed.op;
            return sendRouted(req, res, routed, requestId, closing);
        }
        if (target === undefined && req.method === 'POST' && isStsRequest(req.headers['content-type'], signer.service)) {
            return answerStsQuery(res, body ?? '', signer.accessKeyId, requestId, seen);
        }
        if (TrailRecorder.isTrailTarget(target)) {
            seen.op = trailOperation(target ?? '');
            stats.call(seen.op);
            const reply = answerTrailRequest(res, { target: target ?? '', body, region: signer.region ?? state.defaultRegion, accessKeyId: signer.accessKeyId, requestId, closing }, state.trail, access, (key, rate) => quotas.admitService(key, rate));
            stats.outcome(seen.op, reply.error === undefined ? 'ok' : reply.error === 'ThrottlingException' ? 'throttled' : 'error');
            return;
        }
        const op = parseTarget(target);
        const statsName = op ?? (target === undefined ? '(none)' : target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target);
        stats.call(statsName);
        seen.op = statsName;
        if (op === undefined || req.method !== 'POST') {
            send(res, statsName, errorReply('UnknownOperationException', `Unknown operation: ${target ?? '(no X-Amz-Target header)'}`), requestId);
            return;
        }
        const region = signer.region ?? state.defaultRegion;
        const unrecognized = access.authenticate(signer.accessKeyId);
        if (unrecognized !== undefined)
            return send(res, op, unrecognized, requestId);
        if (body === undefined)
            return send(res, op, errorReply('SerializationException', 'Request body is too large.'), requestId);
        const decoded = decodeInput(op, body);
        if (!decoded.ok)
            return send(res, op, decoded.reply, requestId);
        const poolIdValue = decoded.input['UserPoolId'];
        const poolId = typeof poolIdValue === 'string' ? poolIdValue : undefined;
        const denied = access.authorize({ accessKeyId: signer.accessKeyId, operation: op, userPoolId: poolId, region, roleArn: str(decoded.input, 'RoleArn') });
        if (denied !== undefined)
            return send(res, op, denied, requestId);
        const fault = faults.decide(op);
        if (fault.latencyMs > 0)
            await sleep(fault.latencyMs);
        if (fault.kind === 'throttle')
            return send(res, op, errorReply('TooManyRequestsException', 'Too many requests'), requestId);
        if (isRateLimited(op)) {
            const user = state.userKey(op, poolId, decoded.input);
            if (!quotas.admit(op, poolId ?? '', user))
                return send(res, op, errorReply('TooManyRequestsException', 'Too many requests'), requestId);
            const userAccess = userAccessOf(op);
            stats.accepted(poolId ?? '', op, 1000 / quotas.current.scale, {
                category: categoryOf(op),
                ...(userAccess === undefined || user === undefined ? {} : { user: { access: userAccess, key: `${poolId ?? ''}\u0000${user}` } }),
            });
        }
        if (fault.kind === 'reset') {
            stats.outcome(op, 'fault');
            req.socket.resetAndDestroy();
            return;
        }
        if (fault.kind === 'error')
            return send(res, op, errorReply('InternalErrorException', 'Internal server error.'), requestId);
        const ctx = state.context(region);
        const handled = handleOperation(op, decoded.input, ctx);
        const username = str(decoded.input, 'Username');
        const recorded = handled.reply.ok &&
            state.trail.record({ op, input: decoded.input, now: ctx.now, region, accessKeyId: signer.accessKeyId, headers: req.headers, sourceIp: req.socket.remoteAddress, sub: username === undefined || poolId === undefined ? undefined : state.store.pool(poolId)?.users.find(username)?.sub });
        if ((handled.mutated || recorded) && state.durable) {
            try {
                await state.persist();
            }
            catch (e) {
                return send(res, op, errorReply('InternalErrorException', `Emulator could not persist its state: ${e.message}`), requestId);
            }
        }
        send(res, op, handled.reply, requestId);
    }
    const server = createServer((req, res) => {
        inFlight++;
        const seen = { op: '(unknown)' };
        handle(req, res, seen)
            .catch((e) => {
            if (!res.headersSent && !res.destroyed) {
                send(res, seen.op, errorReply('InternalErrorException', `Emulator error: ${e.message}`), randomUUID());
            }
        })
            .finally(() => {
            inFlight--;
            if (inFlight === 0)
                drained?.();
        });
    });
    // Idle connections are kept a minute, not Node's default 5 s: a client that reuses a pooled socket
    // just as the server closes it sees ECONNRESET, and a test's client with retries off did, after an
    // idle spell of a few seconds. close() ends idle connections at once, so this never delays it.
    server.keepAliveTimeout = 60_000;
    const bound = await new Promise((resolve, reject) => {
        server.once('error', (e) => reject(usage(`cannot listen on ${HOST}:${port}: ${e.message}`)));
        server.listen(port, HOST, () => {
            const addr = server.address();
            resolve(typeof addr === 'object' && addr !== null ? addr.port : 0);
        });
    });
    return {
        url: `http://${HOST}:${bound}`,
        port: bound,
        async close() {
            closing = true;
            const stopped = new Promise((resolve) => server.close(() => resolve()));
            server.closeIdleConnections();
            if (inFlight > 0)
                await new Promise((resolve) => (drained = resolve));
            server.closeAllConnections();
            await stopped;
        },
    };
}
