// The credentials port with pacing, retries and counts around it. Cognito Identity's identity pool
// operations are paced per region and operation, IAM's GetRole once for the account, each at
// CREDENTIAL_RATE (requests/s) within the pacing margin; throttling is retried more and more slowly
// (until a call has met nothing else for maxThrottledMs), faults a bounded number of times, anything
// else fails at once.
import { isRetryable } from '../cognito/call-error.js';
import { CgError } from '../../core/errors.js';
import { CREDENTIAL_OPERATIONS } from '../identity/port.js';
import { interrupted } from './clock.js';
import { GRID_TOLERANCE_MS, PACING_MARGIN } from './pacer.js';
import { CREDENTIAL_RATE } from './rates.js';
import { backoffMs } from './retry.js';
/** A new, zeroed set of counts. */
export function newCredentialCounts() {
    return { calls: Object.fromEntries(CREDENTIAL_OPERATIONS.map((op) => [op, 0])), throttled: 0, faults: 0 };
}
/** The port, paced and retried, counting its calls. */
export class PacedCredentialsApi {
    inner;
    clock;
    policy;
    rate;
    signal;
    random;
    counts;
    next = new Map();
    constructor(inner, clock, policy, rate = CREDENTIAL_RATE, signal, random = Math.random, counts = newCredentialCounts()) {
        this.inner = inner;
        this.clock = clock;
        this.policy = policy;
        this.rate = rate;
        this.signal = signal;
        this.random = random;
        this.counts = counts;
    }
    listIdentityPoolsPage(region, nextToken) {
        return this.run('ListIdentityPools', region, () => this.inner.listIdentityPoolsPage(region, nextToken));
    }
    describeIdentityPool(region, id) {
        return this.run('DescribeIdentityPool', region, () => this.inner.describeIdentityPool(region, id));
    }
    getIdentityPoolRoles(region, id) {
        return this.run('GetIdentityPoolRoles', region, () => this.inner.getIdentityPoolRoles(region, id));
    }
    getRole(region, roleName) {
        return this.run('GetRole', 'global', () => this.inner.getRole(region, roleName));
    }
    /** Waits for the lane of (region, op): starts keep a grid of 1/rate, as the Cognito pacer's lanes do. */
    async acquire(key) {
        const step = 1000 / (this.rate * PACING_MARGIN);
        for (;;) {
            const now = this.clock.now();
            const next = this.next.get(key) ?? -Infinity;
            if (next <= now) {
                this.next.set(key, now - next <= GRID_TOLERANCE_MS ? next + step : now + step);
                return;
            }
            await this.clock.sleep(next - now, this.signal);
        }
    }
    async run(op, region, call) {
        let attempt = 0;
        let faultAttempts = 0;
        let throttledSince;
        for (;;) {
            attempt++;
            // Once the run stops, no read starts, even one whose lane would not make it wait.
            if (this.signal?.aborted === true)
                throw interrupted();
            await this.acquire(`${region}:${op}`);
            this.counts.calls[op]++;
            try {
                return await call();
            }
            catch (err) {
                if (!isRetryable(err))
                    throw err;
                if (err.code === 'AWS_THROTTLED') {
                    this.counts.throttled++;
                    throttledSince ??= this.clock.now();
                    if (this.clock.now() - throttledSince >= this.policy.maxThrottledMs)
                        throw err;
                }
                else {
                    throttledSince = undefined;
                    this.counts.faults++;
                    faultAttempts++;
                    if (faultAttempts >= this.policy.faultAttempts)
                        throw new CgError('AWS_UNAVAILABLE', `${err.message} (gave up after ${faultAttempts} attempts)`, { cause: err, operation: op });
                }
            }
            await this.clock.sleep(backoffMs(this.policy, attempt, this.random), this.signal);
        }
    }
}
