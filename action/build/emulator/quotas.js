// Cognito's request-rate quotas as token buckets: one per category for the whole account, one per
// (pool, operation) for the group operations, and per user one for reads and one for writes. A
// request needs a token from each bucket that applies; when any is empty it is throttled and takes
// nothing, so throttled retries do not dig the hole deeper.
import { assertNever } from '../core/errors.js';
/** Documented rates in requests per second (Cognito developer guide, "Quotas"; cognito-contract.md). */
export const DOCUMENTED_RATES = {
    /** UserPoolResourceRead: GetGroup, ListGroups, account-wide. */
    accountRead: 20,
    /** UserPoolResourceUpdate: CreateGroup, UpdateGroup, DeleteGroup, account-wide. */
    accountWrite: 15,
    /** Each group operation on one pool. */
    poolOperation: 5,
    /** UserList: ListUsers, ListUsersInGroup, account-wide. */
    userList: 30,
    /** UserResourceRead: AdminGetUser, AdminListGroupsForUser, account-wide. */
    userRead: 50,
    /** UserResourceUpdate: AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminDeleteUser, account-wide. */
    userUpdate: 25,
    /** UserCreation: AdminCreateUser, account-wide. */
    userCreation: 50,
    /** Reads of one user (AdminGetUser, AdminListGroupsForUser). */
    perUserRead: 10,
    /** Writes of one user (AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminDeleteUser). */
    perUserWrite: 10,
};
const CATEGORY_RATES = {
    UserPoolResourceRead: DOCUMENTED_RATES.accountRead,
    UserPoolResourceUpdate: DOCUMENTED_RATES.accountWrite,
    UserList: DOCUMENTED_RATES.userList,
    UserResourceRead: DOCUMENTED_RATES.userRead,
    UserResourceUpdate: DOCUMENTED_RATES.userUpdate,
    UserCreation: DOCUMENTED_RATES.userCreation,
};
/** The account-wide category of an operation (for the user operations inferred from the category descriptions). */
export function categoryOf(op) {
    switch (op) {
        case 'GetGroup':
        case 'ListGroups':
            return 'UserPoolResourceRead';
        case 'CreateGroup':
        case 'UpdateGroup':
        case 'DeleteGroup':
            return 'UserPoolResourceUpdate';
        case 'ListUsers':
        case 'ListUsersInGroup':
            return 'UserList';
        case 'AdminGetUser':
        case 'AdminListGroupsForUser':
            return 'UserResourceRead';
        case 'AdminAddUserToGroup':
        case 'AdminRemoveUserFromGroup':
        case 'AdminDeleteUser':
            return 'UserResourceUpdate';
        case 'AdminCreateUser':
            return 'UserCreation';
        default:
            return assertNever(op);
    }
}
export function userAccessOf(op) {
    switch (categoryOf(op)) {
        case 'UserResourceRead':
            return 'read';
        case 'UserResourceUpdate':
            return 'write';
        default:
            return undefined;
    }
}
function isGroupOperation(op) {
    const c = categoryOf(op);
    return c === 'UserPoolResourceRead' || c === 'UserPoolResourceUpdate';
}
export const DEFAULT_QUOTAS = { enabled: true, scale: 1, burstSeconds: 1 };
/** Problems with quota settings, empty when they are usable. */
export function checkQuotaSettings(q) {
    const out = [];
    if (!(Number.isFinite(q.scale) && q.scale > 0))
        out.push(`quotas.scale must be a positive number, got ${q.scale}`);
    if (!(Number.isFinite(q.burstSeconds) && q.burstSeconds > 0))
        out.push(`quotas.burstSeconds must be a positive number, got ${q.burstSeconds}`);
    return out;
}
/** A continuously refilling token bucket; times are milliseconds from a monotonic clock. */
export class TokenBucket {
    ratePerSecond;
    capacity;
    tokens;
    last;
    constructor(ratePerSecond, capacity, now) {
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.last = now;
    }
    available(now) {
        if (now > this.last) {
            this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
            this.last = now;
        }
        return this.tokens;
    }
    take() {
        this.tokens -= 1;
    }
    /** Full again: no different from a new bucket, so it can be dropped and made anew when needed. */
    isFull(now) {
        return this.available(now) >= this.capacity;
    }
}
/** Buckets made on demand per key, dropping full ones now and then so memory follows the recently active keys only. */
class BucketMap {
    make;
    buckets = new Map();
    pruneAt = 1024;
    constructor(make) {
        this.make = make;
    }
    get(key, now) {
        let b = this.buckets.get(key);
        if (b === undefined) {
            if (this.buckets.size >= this.pruneAt)
                this.prune(now);
            b = this.make(now);
            this.buckets.set(key, b);
        }
        return b;
    }
    // Runs when the map has doubled since the last pruning, so its cost is amortised over the insertions.
    prune(now) {
        for (const [key, b] of this.buckets)
            if (b.isFull(now))
                this.buckets.delete(key);
        this.pruneAt = Math.max(1024, this.buckets.size * 2);
    }
}
/** Decides whether a request is within the quotas, and counts it when it is. */
export class QuotaLimiter {
    now;
    settings;
    account = new Map();
    perPoolOperation;
    perUserRead;
    perUserWrite;
    services = new Map();
    constructor(settings, now) {
        this.now = now;
        this.settings = settings;
        this.reset();
    }
    get current() {
        return this.settings;
    }
    /** Replaces the settings and refills every bucket. */
    configure(settings) {
        this.settings = settings;
        this.reset();
    }
    /**
     * True (and a token taken from each bucket) when the request is within the quotas. `user`
     * identifies the user a user operation names (any string unique per user), for the per-user budget.
     */
    admit(op, poolId, user) {
        if (!this.settings.enabled)
            return true;
        const now = this.now();
        const buckets = [this.account.get(categoryOf(op))];
        if (isGroupOperation(op))
            buckets.push(this.perPoolOperation.get(`${poolId}\u0000${op}`, now));
        const access = userAccessOf(op);
        if (access !== undefined && user !== undefined) {
            buckets.push((access === 'read' ? this.perUserRead : this.perUserWrite).get(`${poolId}\u0000${user}`, now));
        }
        if (buckets.some((b) => b.available(now) < 1))
            return false;
        for (const b of buckets)
            b.take();
        return true;
    }
    /**
     * True (and a token taken) when a request to another service on this endpoint is within its own
     * rate: CloudTrail's LookupEvents, 2 per second per account and region (`key` names the lane).
     */
    admitService(key, rate) {
        if (!this.settings.enabled)
            return true;
        const now = this.now();
        let b = this.services.get(key);
        if (b === undefined)
            this.services.set(key, (b = this.bucket(rate, now)));
        if (b.available(now) < 1)
            return false;
        b.take();
        return true;
    }
    bucket(rate, now) {
        const perSecond = rate * this.settings.scale;
        // Rounded so that 0.1 * 5 * 10 is 5 tokens, not 4.999...; and a bucket smaller than one token
        // would refuse everything, so one request is always possible.
        const capacity = Math.round(perSecond * this.settings.burstSeconds * 1e9) / 1e9;
        return new TokenBucket(perSecond, Math.max(1, capacity), now);
    }
    reset() {
        const now = this.now();
        this.account = new Map(Object.entries(CATEGORY_RATES).map(([c, rate]) => [c, this.bucket(rate, now)]));
        this.perPoolOperation = new BucketMap((t) => this.bucket(DOCUMENTED_RATES.poolOperation, t));
        this.perUserRead = new BucketMap((t) => this.bucket(DOCUMENTED_RATES.perUserRead, t));
        this.perUserWrite = new BucketMap((t) => this.bucket(DOCUMENTED_RATES.perUserWrite, t));
        this.services = new Map();
    }
}
