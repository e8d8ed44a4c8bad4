import { isRetryable } from '../cognito/call-error.js';
import { isRead, OPERATIONS } from '../cognito/port.js';
import { CgError } from '../../core/errors.js';
import { interrupted } from './clock.js';
import { backoffMs } from './retry.js';
/**
 * The port with pacing and retries around it. Throttling is retried more and more slowly, until a call
 * has met nothing else for `maxThrottledMs`; faults a bounded number of times; anything else fails at
 * once. Once the signal aborts, no new call or retry starts: a call in flight still finishes.
 */
export class PacedGroupsApi {
    inner;
    pacer;
    clock;
    policy;
    signal;
    random;
    counts;
    first;
    constructor(inner, pacer, clock, policy, signal, random = Math.random, counts = { calls: Object.fromEntries(OPERATIONS.map((op) => [op, 0])), throttled: 0, faults: 0 }, 
    /** Its calls go before the others waiting in their lanes (see Pacer.acquire). */
    first = false) {
        this.inner = inner;
        this.pacer = pacer;
        this.clock = clock;
        this.policy = policy;
        this.signal = signal;
        this.random = random;
        this.counts = counts;
        this.first = first;
    }
    /**
     * The same port, pacing and counts, but deaf to the stop signal: for the one call that must follow
     * another once it has started (the create that completes a replace), so a stop never leaves a
     * group deleted and not created again.
     */
    withoutSignal() {
        return new PacedGroupsApi(this.inner, this.pacer, this.clock, this.policy, undefined, this.random, this.counts, this.first);
    }
    /**
     * The same port, pacing and counts, whose calls go before the others waiting in their lanes: for a
     * lease's renewal, whose check must not wait behind the changes a run has queued (nor its write behind
     * its check), so a lost lease is found at once and the check-then-act window stays short.
     */
    goingFirst() {
        return new PacedGroupsApi(this.inner, this.pacer, this.clock, this.policy, this.signal, this.random, this.counts, true);
    }
    listGroupsPage(pool, nextToken) {
        return this.run('ListGroups', pool, () => this.inner.listGroupsPage(pool, nextToken));
    }
    getGroup(pool, name) {
        return this.run('GetGroup', pool, () => this.inner.getGroup(pool, name));
    }
    createGroup(pool, group) {
        return this.run('CreateGroup', pool, () => this.inner.createGroup(pool, group));
    }
    updateGroup(pool, group) {
        return this.run('UpdateGroup', pool, () => this.inner.updateGroup(pool, group));
    }
    deleteGroup(pool, name) {
        return this.run('DeleteGroup', pool, () => this.inner.deleteGroup(pool, name));
    }
    listMembersPage(pool, group, nextToken) {
        return this.run('ListUsersInGroup', pool, () => this.inner.listMembersPage(pool, group, nextToken));
    }
    addMember(pool, group, username) {
        return this.run('AdminAddUserToGroup', pool, () => this.inner.addMember(pool, group, username), username);
    }
    removeMember(pool, group, username) {
        return this.run('AdminRemoveUserFromGroup', pool, () => this.inner.removeMember(pool, group, username), username);
    }
    getUser(pool, username) {
        return this.run('AdminGetUser', pool, () => this.inner.getUser(pool, username), username);
    }
    /** The user's sub when the port underneath can look it up (the SDK's can); otherwise undefined. */
    userSub(pool, username) {
        const inner = this.inner;
        if (inner.userSub === undefined)
            return Promise.resolve(undefined);
        return this.run('AdminGetUser', pool, () => inner.userSub(pool, username), username);
    }
    listUserGroupsPage(pool, username, nextToken) {
        return this.run('AdminListGroupsForUser', pool, () => this.inner.listUserGroupsPage(pool, username, nextToken), username);
    }
    describePool(pool) {
        return this.run('DescribeUserPool', pool, () => this.inner.describePool(pool));
    }
    async run(op, pool, call, user) {
        let faultAttempts = 0;
        let attempt = 0;
        let throttledSince;
        let lastFault;
        // Stopping after a fault (a timeout, a dropped connection) leaves the call's effect unknown: say so
        // rather than report it as never started.
        const stop = () => lastFault === undefined || isRead(op)
            ? interrupted()
            : new CgError('AWS_UNAVAILABLE', `${lastFault.message}; interrupted before trying again, so whether it took effect is unknown: run plan to see`, { operation: op });
        for (;;) {
            attempt++;
            if (this.signal?.aborted)
                throw stop();
            try {
                await this.pacer.acquire(pool, op, this.signal, user, this.first);
            }
            catch (err) {
                if (err instanceof CgError && err.code === 'INTERRUPTED')
                    throw stop();
                throw err;
            }
            this.counts.calls[op]++;
            try {
                const result = await call();
                this.pacer.succeeded(pool, op, user);
                return result;
            }
            catch (err) {
                if (!isRetryable(err))
                    throw err;
                if (err.code === 'AWS_THROTTLED') {
                    this.counts.throttled++;
                    this.pacer.throttled(pool, op, user);
                    throttledSince ??= this.clock.now();
                    if (this.clock.now() - throttledSince >= this.policy.maxThrottledMs) {
                        const minutes = Math.round(this.policy.maxThrottledMs / 60_000);
                        throw new CgError('AWS_THROTTLED', `${err.message}, and at every try for ${minutes >= 1 ? `${minutes} minute(s)` : `${this.policy.maxThrottledMs} ms`}: other clients are using the account's Cognito quota; try again later, or with a lower --max-rps`, { cause: err, operation: op });
                    }
                }
                else {
                    throttledSince = undefined;
                    lastFault = err;
                    this.counts.faults++;
                    faultAttempts++;
                    if (faultAttempts >= this.policy.faultAttempts) {
                        throw new CgError('AWS_UNAVAILABLE', `${err.message} (gave up after ${faultAttempts} attempts)`, { cause: err, operation: op });
                    }
                }
            }
            try {
                await this.clock.sleep(backoffMs(this.policy, attempt, this.random), this.signal);
            }
            catch (err) {
                if (err instanceof CgError && err.code === 'INTERRUPTED')
                    throw stop();
                throw err;
            }
        }
    }
}
