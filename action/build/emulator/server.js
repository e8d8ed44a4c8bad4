// The emulator's HTTP server and in-process control API. Each Cognito request passes, in order:
// operation lookup, access key, body decoding, IAM (deny rules, then the policy), injected latency
// and forced throttling, the quotas, injected resets and 500s, then the operation; so a failed call
// never changes anything. STS queries (no X-Amz-Target, a form body) go to sts.ts instead.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccessPolicy, checkPolicyDocument } from './access.js';
import { checkFaultOptions, FaultInjector } from './faults.js';
import { decodeInput, str } from './input.js';
import { usage } from './misuse.js';
import { handleOperation } from './operations.js';
import { foldName } from './order-key.js';
import { categoryOf, checkQuotaSettings, DEFAULT_QUOTAS, QuotaLimiter, userAccessOf } from './quotas.js';
import { seedMembers, seedUsers } from './seeding.js';
import { GroupCommitWriter, loadStateIntoStore, readStateFile, stateFromStore } from './state-file.js';
import { lockStateFile } from './state-lock.js';
import { StatsRecorder } from './stats.js';
import { answerSts, isStsRequest, STS_CONTENT_TYPE, stsAction } from './sts.js';
import { GroupStore, newGroupRecord } from './store.js';
import { checkGroupRequest, checkString, POOL_NAME, USER_POOL_ID } from './validation.js';
import { CONTENT_TYPE, DEFAULT_ACCOUNT_ID, errorReply, errorStatus, isRateLimited, parseAuthorization, parseTarget, TARGET_PREFIX, } from './wire.js';
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1 << 20;
const POOL_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function resolveQuotas(base, q) {
    return {
        enabled: q?.enabled ?? base.enabled,
        scale: q?.scale ?? base.scale,
        burstSeconds: q?.burstSeconds ?? base.burstSeconds,
    };
}
function checkOptions(o, quotas) {
    const out = [];
    if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535))
        out.push(`port must be an integer 0..65535, got ${o.port}`);
    if (o.maxGroupsPerPool !== undefined && !(Number.isInteger(o.maxGroupsPerPool) && o.maxGroupsPerPool >= 0)) {
        out.push(`maxGroupsPerPool must be a non-negative integer, got ${o.maxGroupsPerPool}`);
    }
    if (o.region !== undefined && !/^[a-z0-9-]+$/.test(o.region))
        out.push(`region must look like eu-west-1, got '${o.region}'`);
    if (o.account !== undefined && !/^[0-9]{12}$/.test(o.account))
        out.push(`account must be 12 digits, got '${o.account}'`);
    if (o.policy !== undefined)
        out.push(...checkPolicyDocument(o.policy).map((p) => `policy: ${p}`));
    return [...out, ...checkQuotaSettings(quotas), ...checkFaultOptions(o.faults ?? {})];
}
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
/** Starts an emulator of the Cognito user-pool group API on 127.0.0.1. */
export async function startEmulator(options = {}) {
    let quotaSettings = resolveQuotas(DEFAULT_QUOTAS, options.quotas);
    const problems = checkOptions(options, quotaSettings);
    if (problems.length > 0)
        throw usage('invalid emulator options', problems);
    const clock = options.clock ?? Date.now;
    const monotonic = () => performance.now();
    const defaultRegion = options.region ?? 'us-east-1';
    const account = options.account ?? DEFAULT_ACCOUNT_ID;
    const store = new GroupStore(options.maxGroupsPerPool ?? 10_000);
    let accountSalt = randomBytes(8).toString('hex');
    const statePath = options.statePath;
    // Held until close(), or until the process exits: no other emulator may write this file meanwhile.
    const lock = statePath === undefined ? undefined : await lockStateFile(statePath);
    try {
        if (statePath !== undefined) {
            const state = await readStateFile(statePath);
            if (state !== undefined) {
                loadStateIntoStore(state, store);
                accountSalt = state.accountSalt;
            }
        }
    }
    catch (e) {
        await lock?.release();
        throw e;
    }
    const quotas = new QuotaLimiter(quotaSettings, monotonic);
    const faults = new FaultInjector(options.faults ?? {});
    const access = new AccessPolicy(options, account);
    const stats = new StatsRecorder(monotonic);
    const writer = statePath === undefined
        ? undefined
        : new GroupCommitWriter(statePath, () => `${JSON.stringify(stateFromStore(store, accountSalt))}\n`, () => stats.stateWrites++);
    // Writes triggered by the in-process API are not awaited there; close() flushes and reports failures.
    const persistInBackground = () => {
        writer?.request().catch(() => undefined);
    };
    const newSalt = () => randomBytes(8).toString('hex');
    const newPoolId = (region) => {
        for (;;) {
            let suffix = '';
            for (let i = 0; i < 9; i++)
                suffix += POOL_ID_ALPHABET[randomInt(POOL_ID_ALPHABET.length)];
            const id = `${region}_${suffix}`;
            if (store.pool(id) === undefined)
                return id;
        }
    };
    /**
     * The user whose per-user budget a request spends: its sub when the user exists (so a username and
     * the sub share one budget), else the name as given.
     */
    const userKey = (op, poolId, input) => {
        if (userAccessOf(op) === undefined)
            return undefined;
        const name = str(input, 'Username');
        if (name === undefined)
            return undefined;
        const user = poolId === undefined ? undefined : store.pool(poolId)?.users.find(name);
        return user === undefined ? `name:${name}` : `sub:${user.sub}`;
    };
    let closing = false;
    let inFlight = 0;
    let drained;
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
        const reply = answerSts({ action, version, accessKeyId, rejected: access.isRejected(accessKeyId), account, requestId });
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
        if (target === undefined && req.method === 'POST' && isStsRequest(req.headers['content-type'], signer.service)) {
            return answerStsQuery(res, body ?? '', signer.accessKeyId, requestId, seen);
        }
        const op = parseTarget(target);
        const statsName = op ?? (target === undefined ? '(none)' : target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target);
        stats.call(statsName);
        seen.op = statsName;
        if (op === undefined || req.method !== 'POST') {
            send(res, statsName, errorReply('UnknownOperationException', `Unknown operation: ${target ?? '(no X-Amz-Target header)'}`), requestId);
            return;
        }
        const region = signer.region ?? defaultRegion;
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
            const user = userKey(op, poolId, decoded.input);
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
        const ctx = { store, now: clock(), region, account, accountSalt, newPoolId, newSalt, newSub: randomUUID };
        const handled = handleOperation(op, decoded.input, ctx);
        if (handled.mutated && writer !== undefined) {
            try {
                await writer.request();
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
    const port = await new Promise((resolve, reject) => {
        server.once('error', (e) => reject(usage(`cannot listen on ${HOST}:${options.port ?? 0}: ${e.message}`)));
        server.listen(options.port ?? 0, HOST, () => {
            const addr = server.address();
            resolve(typeof addr === 'object' && addr !== null ? addr.port : 0);
        });
    }).catch(async (e) => {
        await lock?.release();
        throw e;
    });
    function requirePool(poolId, caller) {
        const pool = store.pool(poolId);
        if (pool === undefined)
            throw usage(`${caller}: user pool ${poolId} does not exist (create it with ensureUserPool)`);
        return pool;
    }
    let closed;
    const emulator = {
        url: `http://${HOST}:${port}`,
        port,
        account,
        ensureUserPool(id, nameOrOptions) {
            const o = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : (nameOrOptions ?? {});
            const bad = [...checkString('userPoolId', id, USER_POOL_ID, true), ...checkString('poolName', o.name, POOL_NAME)];
            if (o.caseSensitive !== undefined && typeof o.caseSensitive !== 'boolean')
                bad.push(`caseSensitive must be true or false, got ${String(o.caseSensitive)}`);
            if (bad.length > 0)
                throw usage(`ensureUserPool: invalid arguments`, bad);
            const existing = store.pool(id);
            if (existing !== undefined) {
                if (o.caseSensitive !== undefined && o.caseSensitive !== existing.caseSensitive) {
                    throw usage(`ensureUserPool: pool ${id} exists with CaseSensitive ${existing.caseSensitive}; a pool's username case sensitivity cannot change`);
                }
                return false;
            }
            store.addPool({ id, name: o.name ?? id, creationDate: clock(), salt: newSalt(), caseSensitive: o.caseSensitive ?? false });
            persistInBackground();
            return true;
        },
        listUserPools() {
            return [...store.pools.values()].map((p) => ({ id: p.id, name: p.name, caseSensitive: p.caseSensitive, groups: p.groups.size, users: p.users.size }));
        },
        seedGroups(poolId, groups) {
            const pool = requirePool(poolId, 'seedGroups');
            const problems = [];
            const batch = new Set();
            groups.forEach((g, i) => {
                for (const p of checkGroupRequest({ ...g, UserPoolId: poolId }))
                    problems.push(`groups[${i}]: ${p}`);
                const fold = foldName(g.GroupName);
                if (pool.groups.has(fold) || batch.has(fold))
                    problems.push(`groups[${i}]: a group with the name ${g.GroupName} already exists (names are unique ignoring case)`);
                batch.add(fold);
            });
            if (pool.groups.size + groups.length > store.maxGroupsPerPool) {
                problems.push(`pool ${poolId} would hold ${pool.groups.size + groups.length} groups; the limit is ${store.maxGroupsPerPool}`);
            }
            if (problems.length > 0)
                throw usage(`seedGroups: ${problems.length} problem(s) with the groups for ${poolId}`, problems);
            const now = clock();
            const records = groups.map((g) => newGroupRecord(g.GroupName, { description: g.Description, roleArn: g.RoleArn, precedence: g.Precedence }, now));
            store.addGroups(pool, records);
            persistInBackground();
        },
        seedUsers(poolId, users, seedOptions = {}) {
            const added = seedUsers(requirePool(poolId, 'seedUsers'), users, seedOptions, clock(), randomUUID);
            if (added > 0)
                persistInBackground();
            return added;
        },
        seedMembers(poolId, groupName, usernames) {
            const added = seedMembers(store, requirePool(poolId, 'seedMembers'), groupName, usernames);
            if (added > 0)
                persistInBackground();
            return added;
        },
        seedProviderGroup(poolId, providerName, fields = {}) {
            const pool = requirePool(poolId, 'seedProviderGroup');
            const name = `${poolId}_${providerName}`;
            const existing = store.groupIgnoringCase(pool, name);
            if (existing !== undefined)
                return existing.name;
            const group = { GroupName: name, Description: `Autogenerated group for users who sign in using ${providerName}`, ...fields };
            emulator.seedGroups(poolId, [group]);
            return name;
        },
        setFaults(f) {
            const bad = checkFaultOptions(f);
            if (bad.length > 0)
                throw usage('setFaults: invalid fault options', bad);
            faults.configure(f);
        },
        setQuotas(q) {
            const next = resolveQuotas(quotaSettings, q);
            const bad = checkQuotaSettings(next);
            if (bad.length > 0)
                throw usage('setQuotas: invalid quota options', bad);
            quotaSettings = next;
            quotas.configure(next);
        },
        setAccess(a) {
            access.configure(a);
        },
        setPolicy(policy) {
            access.setPolicy(policy);
        },
        stats() {
            return stats.snapshot(1000 / quotaSettings.scale);
        },
        resetStats() {
            stats.reset();
        },
        close() {
            closed ??= (async () => {
                closing = true;
                const stopped = new Promise((resolve) => server.close(() => resolve()));
                server.closeIdleConnections();
                if (inFlight > 0)
                    await new Promise((resolve) => (drained = resolve));
                server.closeAllConnections();
                await stopped;
                try {
                    await writer?.flush();
                }
                finally {
                    await lock?.release();
                }
            })();
            return closed;
        },
    };
    return emulator;
}
