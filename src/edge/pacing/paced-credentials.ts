// The credentials port with pacing, retries and counts around it. Cognito Identity's identity pool
// operations are paced per region and operation, IAM's GetRole once for the account, each at
// CREDENTIAL_RATE (requests/s) within the pacing margin; throttling is retried more and more slowly
// (until a call has met nothing else for maxThrottledMs), faults a bounded number of times, anything
// else fails at once.
import { isRetryable } from '../cognito/call-error.js';
import { CgError } from '../../core/errors.js';
import { CREDENTIAL_OPERATIONS, type CredentialOperation, type CredentialsApi, type IdentityPoolDescription, type IdentityPoolPage, type IdentityPoolRoleSettings, type RoleDescription } from '../identity/port.js';
import { interrupted, type Clock } from './clock.js';
import { GRID_TOLERANCE_MS, PACING_MARGIN } from './pacer.js';
import { CREDENTIAL_RATE } from './rates.js';
import { backoffMs, type RetryPolicy } from './retry.js';

/** Counts of the credentials reads of a run. */
export interface CredentialCallCounts {
  calls: Record<CredentialOperation, number>;
  throttled: number;
  faults: number;
}

/** A new, zeroed set of counts. */
export function newCredentialCounts(): CredentialCallCounts {
  return { calls: Object.fromEntries(CREDENTIAL_OPERATIONS.map((op) => [op, 0])) as Record<CredentialOperation, number>, throttled: 0, faults: 0 };
}

/** The port, paced and retried, counting its calls. */
export class PacedCredentialsApi implements CredentialsApi {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly inner: CredentialsApi,
    private readonly clock: Clock,
    private readonly policy: RetryPolicy,
    private readonly rate: number = CREDENTIAL_RATE,
    private readonly signal?: AbortSignal,
    private readonly random: () => number = Math.random,
    readonly counts: CredentialCallCounts = newCredentialCounts(),
  ) {}

  listIdentityPoolsPage(region: string, nextToken?: string): Promise<IdentityPoolPage> {
    return this.run('ListIdentityPools', region, () => this.inner.listIdentityPoolsPage(region, nextToken));
  }

  describeIdentityPool(region: string, id: string): Promise<IdentityPoolDescription | undefined> {
    return this.run('DescribeIdentityPool', region, () => this.inner.describeIdentityPool(region, id));
  }

  getIdentityPoolRoles(region: string, id: string): Promise<IdentityPoolRoleSettings | undefined> {
    return this.run('GetIdentityPoolRoles', region, () => this.inner.getIdentityPoolRoles(region, id));
  }

  getRole(region: string, roleName: string): Promise<RoleDescription | undefined> {
    return this.run('GetRole', 'global', () => this.inner.getRole(region, roleName));
  }

  /** Waits for the lane of (region, op): starts keep a grid of 1/rate, as the Cognito pacer's lanes do. */
  private async acquire(key: string): Promise<void> {
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

  private async run<T>(op: CredentialOperation, region: string, call: () => Promise<T>): Promise<T> {
    let attempt = 0;
    let faultAttempts = 0;
    let throttledSince: number | undefined;
    for (;;) {
      attempt++;
      // Once the run stops, no read starts, even one whose lane would not make it wait.
      if (this.signal?.aborted === true) throw interrupted();
      await this.acquire(`${region}:${op}`);
      this.counts.calls[op]++;
      try {
        return await call();
      } catch (err) {
        if (!isRetryable(err)) throw err;
        if ((err as CgError).code === 'AWS_THROTTLED') {
          this.counts.throttled++;
          throttledSince ??= this.clock.now();
          if (this.clock.now() - throttledSince >= this.policy.maxThrottledMs) throw err;
        } else {
          throttledSince = undefined;
          this.counts.faults++;
          faultAttempts++;
          if (faultAttempts >= this.policy.faultAttempts) throw new CgError('AWS_UNAVAILABLE', `${(err as CgError).message} (gave up after ${faultAttempts} attempts)`, { cause: err, operation: op });
        }
      }
      await this.clock.sleep(backoffMs(this.policy, attempt, this.random), this.signal);
    }
  }
}
