import { isRetryable } from '../cognito/call-error.js';
import { isRead, OPERATIONS, type GroupPage, type GroupsApi, type MemberPage, type Operation, type PoolRef, type PoolSettings, type UserGroupsPage, type UserSubs } from '../cognito/port.js';
import type { DesiredGroup } from '../../core/config/model.js';
import { CgError } from '../../core/errors.js';
import type { ObservedGroup } from '../../core/plan/model.js';
import { interrupted, type Clock } from './clock.js';
import type { Pacer } from './pacer.js';
import { backoffMs, type RetryPolicy } from './retry.js';

/** Counts a run keeps of its calls, for the summary and the benchmark. */
export interface CallCounts {
  calls: Record<Operation, number>;
  throttled: number;
  faults: number;
}

/**
 * The port with pacing and retries around it. Throttling is retried more and more slowly, until a call
 * has met nothing else for `maxThrottledMs`; faults a bounded number of times; anything else fails at
 * once. Once the signal aborts, no new call or retry starts: a call in flight still finishes.
 */
export class PacedGroupsApi implements GroupsApi, UserSubs {
  constructor(
    private readonly inner: GroupsApi,
    private readonly pacer: Pacer,
    private readonly clock: Clock,
    private readonly policy: RetryPolicy,
    private readonly signal?: AbortSignal,
    private readonly random: () => number = Math.random,
    readonly counts: CallCounts = { calls: Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<Operation, number>, throttled: 0, faults: 0 },
    /** Its calls go before the others waiting in their lanes (see Pacer.acquire). */
    private readonly first = false,
  ) {}

  /**
   * The same port, pacing and counts, but deaf to the stop signal: for the one call that must follow
   * another once it has started (the create that completes a replace), so a stop never leaves a
   * group deleted and not created again.
   */
  withoutSignal(): PacedGroupsApi {
    return new PacedGroupsApi(this.inner, this.pacer, this.clock, this.policy, undefined, this.random, this.counts, this.first);
  }

  /**
   * The same port, pacing and counts, whose calls go before the others waiting in their lanes: for a
   * lease's renewal, whose check must not wait behind the changes a run has queued (nor its write behind
   * its check), so a lost lease is found at once and the check-then-act window stays short.
   */
  goingFirst(): PacedGroupsApi {
    return new PacedGroupsApi(this.inner, this.pacer, this.clock, this.policy, this.signal, this.random, this.counts, true);
  }

  listGroupsPage(pool: PoolRef, nextToken?: string): Promise<GroupPage> {
    return this.run('ListGroups', pool, () => this.inner.listGroupsPage(pool, nextToken));
  }

  getGroup(pool: PoolRef, name: string): Promise<ObservedGroup | undefined> {
    return this.run('GetGroup', pool, () => this.inner.getGroup(pool, name));
  }

  createGroup(pool: PoolRef, group: DesiredGroup): Promise<void> {
    return this.run('CreateGroup', pool, () => this.inner.createGroup(pool, group));
  }

  updateGroup(pool: PoolRef, group: DesiredGroup): Promise<void> {
    return this.run('UpdateGroup', pool, () => this.inner.updateGroup(pool, group));
  }

  deleteGroup(pool: PoolRef, name: string): Promise<void> {
    return this.run('DeleteGroup', pool, () => this.inner.deleteGroup(pool, name));
  }

  listMembersPage(pool: PoolRef, group: string, nextToken?: string): Promise<MemberPage> {
    return this.run('ListUsersInGroup', pool, () => this.inner.listMembersPage(pool, group, nextToken));
  }

  addMember(pool: PoolRef, group: string, username: string): Promise<void> {
    return this.run('AdminAddUserToGroup', pool, () => this.inner.addMember(pool, group, username), username);
  }

  removeMember(pool: PoolRef, group: string, username: string): Promise<void> {
    return this.run('AdminRemoveUserFromGroup', pool, () => this.inner.removeMember(pool, group, username), username);
  }

  getUser(pool: PoolRef, username: string): Promise<string | undefined> {
    return this.run('AdminGetUser', pool, () => this.inner.getUser(pool, username), username);
  }

  /** The user's sub when the port underneath can look it up (the SDK's can); otherwise undefined. */
  userSub(pool: PoolRef, username: string): Promise<string | undefined> {
    const inner = this.inner as GroupsApi & Partial<UserSubs>;
    if (inner.userSub === undefined) return Promise.resolve(undefined);
    return this.run('AdminGetUser', pool, () => (inner as UserSubs).userSub(pool, username), username);
  }

  listUserGroupsPage(pool: PoolRef, username: string, nextToken?: string): Promise<UserGroupsPage> {
    return this.run('AdminListGroupsForUser', pool, () => this.inner.listUserGroupsPage(pool, username, nextToken), username);
  }

  describePool(pool: PoolRef): Promise<PoolSettings> {
    return this.run('DescribeUserPool', pool, () => this.inner.describePool(pool));
  }

  private async run<T>(op: Operation, pool: PoolRef, call: () => Promise<T>, user?: string): Promise<T> {
    let faultAttempts = 0;
    let attempt = 0;
    let throttledSince: number | undefined;
    let lastFault: CgError | undefined;
    // Stopping after a fault (a timeout, a dropped connection) leaves the call's effect unknown: say so
    // rather than report it as never started.
    const stop = (): CgError =>
      lastFault === undefined || isRead(op)
        ? interrupted()
        : new CgError('AWS_UNAVAILABLE', `${lastFault.message}; interrupted before trying again, so whether it took effect is unknown: run plan to see`, { operation: op });
    for (;;) {
      attempt++;
      if (this.signal?.aborted) throw stop();
      try {
        await this.pacer.acquire(pool, op, this.signal, user, this.first);
      } catch (err) {
        if (err instanceof CgError && err.code === 'INTERRUPTED') throw stop();
        throw err;
      }
      this.counts.calls[op]++;
      try {
        const result = await call();
        this.pacer.succeeded(pool, op, user);
        return result;
      } catch (err) {
        if (!isRetryable(err)) throw err;
        if ((err as CgError).code === 'AWS_THROTTLED') {
          this.counts.throttled++;
          this.pacer.throttled(pool, op, user);
          throttledSince ??= this.clock.now();
          if (this.clock.now() - throttledSince >= this.policy.maxThrottledMs) {
            const minutes = Math.round(this.policy.maxThrottledMs / 60_000);
            throw new CgError('AWS_THROTTLED', `${(err as CgError).message}, and at every try for ${minutes >= 1 ? `${minutes} minute(s)` : `${this.policy.maxThrottledMs} ms`}: other clients are using the account's Cognito quota; try again later, or with a lower --max-rps`, { cause: err, operation: op });
          }
        } else {
          throttledSince = undefined;
          lastFault = err as CgError;
          this.counts.faults++;
          faultAttempts++;
          if (faultAttempts >= this.policy.faultAttempts) {
            throw new CgError('AWS_UNAVAILABLE', `${(err as CgError).message} (gave up after ${faultAttempts} attempts)`, { cause: err, operation: op });
          }
        }
      }
      try {
        await this.clock.sleep(backoffMs(this.policy, attempt, this.random), this.signal);
      } catch (err) {
        if (err instanceof CgError && err.code === 'INTERRUPTED') throw stop();
        throw err;
      }
    }
  }
}
