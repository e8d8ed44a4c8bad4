// One writer at a time: the leases an apply holds on the pools it writes, from before the listing its
// writes are based on until it ends. Only CreateGroup is atomic in Cognito, so taking a free lease is
// safe; taking over an expired one and renewing are check-then-act, so each is confirmed (read back,
// or seen in the listing) before the run writes on it.
import { regionOfPoolId } from '../../core/config/model.js';
import { CgError, messageOf } from '../../core/errors.js';
import type { ObservedGroup } from '../../core/plan/model.js';
import {
  DEFAULT_LOCK_SECONDS,
  holderText,
  isExpired,
  isLockGroup,
  leaseDescription,
  lockStateOf,
  LOCK_GROUP,
  newLease,
  renewed,
  type LeaseRecord,
  type LockState,
} from '../../core/plan/lease.js';
import type { GroupsApi, PoolRef } from '../../edge/cognito/port.js';
import type { Clock } from '../../edge/pacing/clock.js';
import { holderOf, type Holder } from './holder.js';

/** How an apply takes its leases; every field has a default. */
export interface LockOptions {
  /** false: take no lease, for runs serialised another way (`--lock=false`). Default true. */
  lock?: boolean;
  /** How long to wait for a lease another run holds, in milliseconds (`--lock-timeout`); default 0: refuse at once. */
  lockTimeoutMs?: number;
  /** Seconds a lease lasts (`--lock-duration`); default the file's settings.lockSeconds, else 300. */
  lockSeconds?: number;
  /** Who this run is, for the lease's description (the CLI gives its version); the rest comes from the process. */
  holder?: Partial<Holder>;
  /** What happens to the leases, as it happens (waiting, taken over, renewed, lost, released). */
  onLock?: (event: LockEvent) => void;
}

/** Something that happened to a lease. */
export type LockEvent =
  | { kind: 'skipped' }
  | { kind: 'taken'; poolId: string; lease: LeaseRecord }
  | { kind: 'waiting'; poolId: string; held: LockState; waitedMs: number; timeoutMs: number }
  | { kind: 'taken-over'; poolId: string; previous: LeaseRecord; lease: LeaseRecord }
  | { kind: 'renewed'; poolId: string; until: string }
  | { kind: 'lost'; poolId: string; why: string }
  | { kind: 'released'; poolId: string }
  | { kind: 'release-failed'; poolId: string; why: string };

/** What the leases need of the run: the port (paced), the same port deaf to the stop, time and the stop. */
export interface LeaseContext {
  api: GroupsApi;
  /** For renewals and the release: they must happen even after a stop. */
  finishing: GroupsApi;
  clock: Clock;
  signal?: AbortSignal;
  /** Wall-clock milliseconds since the epoch (the leases' times); default Date.now. */
  now?: () => number;
}

/** How long a run waits between two looks at a held lease, at most. */
const POLL_MS = 2_000;

/** The leases of one run, one per pool it writes; `none` when the run takes none. */
export class Leases {
  private readonly held = new Map<string, { pool: PoolRef; record: LeaseRecord }>();
  private lostWhy: string | undefined;
  /** The pools whose lease was lost: never released by this run (another may hold it now). */
  private readonly lostPools = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private renewing: Promise<void> | undefined;
  private released = false;

  private constructor(
    private readonly context: LeaseContext | undefined,
    private readonly seconds: number,
    private readonly options: LockOptions,
  ) {}

  /** No lease at all (--lock=false, or the embedded emulator, whose state file is locked instead). */
  static none(): Leases {
    return new Leases(undefined, DEFAULT_LOCK_SECONDS, {});
  }

  /**
   * Takes the lease of each pool, one after the other in a fixed order (by region, then pool id), so
   * two runs on overlapping pools never each hold one the other waits for. Waits up to
   * `lockTimeoutMs` for a lease another run holds, then refuses (LOCKED) naming the holder and the
   * lock id; takes over one that has run out. On any failure the leases taken so far are released.
   */
  static async take(ctx: LeaseContext, pools: readonly PoolRef[], options: LockOptions, fileSeconds?: number): Promise<Leases> {
    if (options.lock === false) {
      options.onLock?.({ kind: 'skipped' });
      return Leases.none();
    }
    const leases = new Leases(ctx, options.lockSeconds ?? fileSeconds ?? DEFAULT_LOCK_SECONDS, options);
    const holder = holderOf(options.holder);
    const order = [...new Map(pools.map((p) => [`${p.region}\u0000${p.id}`, p])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
    try {
      for (const pool of order) await leases.takeOne(pool, holder);
    } catch (err) {
      await leases.release();
      // A stop while taking a lease (or waiting for one) is an interruption, whatever the call in flight said.
      if (ctx.signal?.aborted === true && !(err instanceof CgError && err.code === 'INTERRUPTED')) {
        throw new CgError('INTERRUPTED', 'interrupted while taking the lease: nothing was changed', { cause: err });
      }
      throw err;
    }
    leases.schedule();
    return leases;
  }

  /** Why the run may no longer write, once a lease was lost; undefined while every lease is the run's. */
  lost(): string | undefined {
    return this.lostWhy;
  }

  /** The lock id of this run's leases, if it holds any. */
  lockId(): string | undefined {
    return [...this.held.values()][0]?.record.id;
  }

  /**
   * Confirms from a listing made after the leases were taken that each is still this run's (no call of
   * its own): the listing the writes are based on is then known to be read under the lease. Throws
   * LEASE_LOST otherwise.
   */
  confirm(listing: ReadonlyMap<string, readonly ObservedGroup[]>): void {
    for (const { pool, record } of this.held.values()) {
      const group = (listing.get(pool.id) ?? []).find((g) => isLockGroup(g.name));
      const state = group === undefined ? undefined : lockStateOf(group);
      if (state?.kind === 'lease' && state.record.id === record.id) continue;
      this.lose(pool, state === undefined ? 'its lock group is gone' : `it is now held by ${describeState(state)}`);
      throw new CgError('LEASE_LOST', `${this.lostWhy as string}; nothing was changed`);
    }
  }

  /**
   * Lets go of every lease this run still holds (DeleteGroup, through the port deaf to the stop), unless
   * it was lost or has run out by this run's clock (another run may hold it now). Never throws: a
   * lease that cannot be deleted runs out by itself.
   */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.renewing;
    for (const [id, { pool, record }] of this.held) {
      this.held.delete(id);
      if (this.lostPools.has(pool.id)) continue;
      try {
        // One that ran out (a renewal that waited its turn too long, a paused run) may be another run's
        // by now: it is deleted only if it still reads back as this run's.
        if (isExpired(record, this.now()) && !(await this.stillOurs(pool, record))) continue;
        await this.ctx.finishing.deleteGroup(pool, LOCK_GROUP);
        this.options.onLock?.({ kind: 'released', poolId: pool.id });
      } catch (err) {
        if (err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND') continue;
        this.options.onLock?.({ kind: 'release-failed', poolId: pool.id, why: messageOf(err) });
      }
    }
  }

  private async stillOurs(pool: PoolRef, record: LeaseRecord): Promise<boolean> {
    const group = await this.ctx.finishing.getGroup(pool, LOCK_GROUP);
    const state = group === undefined ? undefined : lockStateOf(group);
    return state?.kind === 'lease' && state.record.id === record.id;
  }

  private now(): number {
    return (this.context?.now ?? Date.now)();
  }

  /** The run's context; only a run that takes leases has one. */
  private get ctx(): LeaseContext {
    if (this.context === undefined) throw new CgError('INTERNAL', 'a run without leases has no lease calls to make');
    return this.context;
  }

  private async takeOne(pool: PoolRef, holder: Holder): Promise<void> {
    const { api, clock, signal } = this.ctx;
    const timeoutMs = Math.max(0, this.options.lockTimeoutMs ?? 0);
    const started = this.now();
    let missed = 0;
    for (;;) {
      const lease = newLease(holder, this.now(), this.seconds);
      try {
        await api.createGroup(pool, { name: LOCK_GROUP, description: leaseDescription(lease) });
        this.held.set(pool.id, { pool, record: lease });
        this.options.onLock?.({ kind: 'taken', poolId: pool.id, lease });
        return;
      } catch (err) {
        if (!(err instanceof CgError)) throw err;
        if (err.code === 'AWS_LIMIT_EXCEEDED') {
          throw new CgError('AWS_LIMIT_EXCEEDED', `user pool ${pool.id} (${pool.region}) holds Cognito's maximum of 10,000 groups, so it cannot hold this run's lease (the group ${LOCK_GROUP}); nothing was changed. Delete a group, or apply with --lock=false if you make sure no two applies run at once`, { cause: err });
        }
        if (err.code !== 'AWS_GROUP_EXISTS') throw err;
      }
      const group = await api.getGroup(pool, LOCK_GROUP);
      if (group === undefined) {
        // Released between the two calls: try again at once. Again and again, it is a group of the
        // same name in another case (CreateGroup compares names ignoring case, GetGroup does not).
        if (++missed < 3) continue;
        throw new CgError('LOCKED', `user pool ${pool.id} has a group named ${LOCK_GROUP} in another case, which cognito-groups did not write; nothing was changed. Delete that group if nothing else uses it`);
      }
      const state = lockStateOf(group) as LockState;
      if (state.kind === 'lease' && isExpired(state.record, this.now())) {
        if (await this.takeOver(pool, holder, state.record)) return;
        continue;
      }
      const waited = this.now() - started;
      if (waited >= timeoutMs) throw lockedError(pool, state, timeoutMs);
      this.options.onLock?.({ kind: 'waiting', poolId: pool.id, held: state, waitedMs: waited, timeoutMs });
      // Look again when the lease runs out, or every POLL_MS, and never past the timeout.
      const untilExpiry = state.kind === 'lease' ? Date.parse(state.record.until) - this.now() + 50 : POLL_MS;
      await clock.sleep(Math.max(50, Math.min(POLL_MS, untilExpiry, timeoutMs - waited)), signal);
    }
  }

  /**
   * Takes over a lease that has run out: writes this run's lease over it, waits a moment for any other
   * run doing the same, then reads it back and goes on only if it is this run's.
   */
  private async takeOver(pool: PoolRef, holder: Holder, previous: LeaseRecord): Promise<boolean> {
    const { api, clock, signal } = this.ctx;
    const lease = newLease(holder, this.now(), this.seconds);
    await api.updateGroup(pool, { name: LOCK_GROUP, description: leaseDescription(lease) });
    await clock.sleep(settleMs(this.seconds), signal);
    const back = await api.getGroup(pool, LOCK_GROUP);
    const state = back === undefined ? undefined : lockStateOf(back);
    if (state?.kind !== 'lease' || state.record.id !== lease.id) return false;
    this.held.set(pool.id, { pool, record: lease });
    this.options.onLock?.({ kind: 'taken-over', poolId: pool.id, previous, lease });
    return true;
  }

  /** Renews every lease at half its duration, for as long as the run holds them. */
  private schedule(): void {
    if (this.held.size === 0 || this.released) return;
    this.timer = setTimeout(() => {
      this.renewing = this.renewAll().finally(() => {
        this.renewing = undefined;
        if (this.lostWhy === undefined) this.schedule();
      });
    }, (this.seconds * 1000) / 2);
    // The run ends when its work does, not when its renewals would.
    this.timer.unref?.();
  }

  /** Confirms each lease is still this run's, then writes a later expiry on it; a lease that is not is lost. */
  private async renewAll(): Promise<void> {
    for (const entry of this.held.values()) {
      if (this.released || this.lostWhy !== undefined) return;
      const { pool, record } = entry;
      try {
        const group = await this.ctx.finishing.getGroup(pool, LOCK_GROUP);
        const state = group === undefined ? undefined : lockStateOf(group);
        if (state?.kind !== 'lease' || state.record.id !== record.id) {
          this.lose(pool, state === undefined ? 'someone deleted its lock group' : `it is now held by ${describeState(state)}`);
          return;
        }
        const next = renewed(record, this.now(), this.seconds);
        await this.ctx.finishing.updateGroup(pool, { name: LOCK_GROUP, description: leaseDescription(next) });
        entry.record = next;
        this.options.onLock?.({ kind: 'renewed', poolId: pool.id, until: next.until });
      } catch (err) {
        // The lock group went between the check and the write: someone deleted it, and it is not ours to make again.
        if (err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND') {
          this.lose(pool, 'someone deleted its lock group');
          return;
        }
        // A renewal that fails otherwise is tried again at the next half-life; a lease that runs out meanwhile is lost.
        if (isExpired(record, this.now())) this.lose(pool, `it ran out and could not be renewed (${messageOf(err)})`);
      }
    }
  }

  private lose(pool: PoolRef, why: string): void {
    this.lostPools.add(pool.id);
    if (this.lostWhy !== undefined) return;
    this.lostWhy = `this run lost its lease on user pool ${pool.id}: ${why}`;
    this.options.onLock?.({ kind: 'lost', poolId: pool.id, why });
  }
}

/** How long a take-over waits before reading the lease back: long enough for a rival's write to land. */
function settleMs(seconds: number): number {
  return Math.min(1_000, (seconds * 1000) / 10);
}

/** The holder of a lock group, in words. */
export function describeState(state: LockState): string {
  return state.kind === 'lease' ? `an apply by ${holderText(state.record)} (lock id ${state.record.id})` : `a group ${LOCK_GROUP} that cognito-groups did not write`;
}

/** The refusal when another run holds a pool's lease: who, since when, until when, and how to go on. */
function lockedError(pool: PoolRef, state: LockState, timeoutMs: number): CgError {
  const waited = timeoutMs === 0 ? '' : ` after waiting ${Math.round(timeoutMs / 1000)}s`;
  if (state.kind === 'foreign') {
    return new CgError('LOCKED', `user pool ${pool.id} is locked by a group ${LOCK_GROUP} that cognito-groups did not write${waited}; nothing was changed. Delete that group if nothing else uses it`);
  }
  const r = state.record;
  return new CgError(
    'LOCKED',
    `user pool ${pool.id} is locked by an apply by ${holderText(r)}, version ${r.version}${r.plan === undefined ? '' : ` (of the saved plan ${r.plan})`}, since ${r.since}, until ${r.until}${waited}; nothing was changed. Wait for it (--lock-timeout 5m), or, if that run is gone, cognito-groups unlock --pool ${pool.id}${pool.region === regionOfPoolId(pool.id) ? '' : ` --region ${pool.region}`} --lock-id ${r.id}`,
  );
}
