import { assertNever } from '../core/errors.js';
import type { QuotaCategory, UserAccess } from './quotas.js';

// Request statistics: outcome counters per operation, and the most requests accepted within any
// sliding window per (pool, operation), per account-wide quota category and per user, so a test can
// check a client's pacing without timing it.

/** Counters of one operation. */
export interface OperationStats {
  calls: number;
  ok: number;
  /** TooManyRequestsException, from the quotas or forced by faults. */
  throttled: number;
  /** InternalErrorException (500) and dropped connections. */
  faults: number;
  /** Every other error (4xx). */
  errors: number;
}

/** How a request ended. */
export type RequestOutcome = 'ok' | 'throttled' | 'fault' | 'error';

/** A snapshot of the statistics. */
export interface EmulatorStats {
  /** Counters per operation name (as sent, so unknown operations are counted too). */
  readonly operations: Record<string, OperationStats>;
  readonly totals: OperationStats;
  /**
   * Per pool id, per group operation: the largest number of requests accepted by the quotas within
   * any window of `windowMs` (1/scale seconds); at scale 1 this is "requests in any one second".
   */
  readonly peakPerWindow: Record<string, Record<string, number>>;
  /** Per account-wide quota category (UserList, UserResourceUpdate, ...): the most requests accepted within any window. */
  readonly peakPerCategory: Partial<Record<QuotaCategory, number>>;
  /** The most reads and the most writes of any one user accepted within any window. */
  readonly peakPerUser: { readonly reads: number; readonly writes: number };
  readonly windowMs: number;
  /** State-file writes completed since start (not reset by resetStats). */
  readonly stateWrites: number;
}

function zero(): OperationStats {
  return { calls: 0, ok: 0, throttled: 0, faults: 0, errors: 0 };
}

function add(into: OperationStats, s: OperationStats): void {
  into.calls += s.calls;
  into.ok += s.ok;
  into.throttled += s.throttled;
  into.faults += s.faults;
  into.errors += s.errors;
}

/** Acceptance times of one (pool, operation) inside the current window, oldest first. */
class SlidingWindow {
  private times: number[] = [];
  private head = 0;
  peak = 0;

  /** Whether every request it holds has left the window ending at `now`. */
  idle(now: number, windowMs: number): boolean {
    const last = this.times[this.times.length - 1];
    return last === undefined || last <= now - windowMs;
  }

  add(now: number, windowMs: number): void {
    // The window is (now - windowMs, now]: a request exactly windowMs after another is in a new window.
    while (this.head < this.times.length && (this.times[this.head] as number) <= now - windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    this.times.push(now);
    this.peak = Math.max(this.peak, this.times.length - this.head);
  }
}

/** Windows of many keys (users) of which only the highest peak is reported; idle ones are dropped now and then. */
class PeakTracker {
  private windows = new Map<string, SlidingWindow>();
  private pruneAt = 1024;
  peak = 0;

  add(key: string, now: number, windowMs: number): void {
    let w = this.windows.get(key);
    if (w === undefined) {
      // Pruned when the map has doubled since last time, so the cost is amortised over insertions.
      if (this.windows.size >= this.pruneAt) {
        for (const [k, old] of this.windows) if (old.idle(now, windowMs)) this.windows.delete(k);
        this.pruneAt = Math.max(1024, this.windows.size * 2);
      }
      w = new SlidingWindow();
      this.windows.set(key, w);
    }
    w.add(now, windowMs);
    this.peak = Math.max(this.peak, w.peak);
  }
}

/** What the quotas accepted, besides the pool and operation. */
export interface AcceptedRequest {
  readonly category?: QuotaCategory;
  /** The user a user operation named, when it counts against that user's budget. */
  readonly user?: { readonly access: UserAccess; readonly key: string };
}

/** Collects the statistics of one emulator; snapshot() gives them as EmulatorStats. */
export class StatsRecorder {
  private operations = new Map<string, OperationStats>();
  private windows = new Map<string, Map<string, SlidingWindow>>();
  private categories = new Map<QuotaCategory, SlidingWindow>();
  private userReads = new PeakTracker();
  private userWrites = new PeakTracker();
  stateWrites = 0;

  constructor(private readonly now: () => number) {}

  private entry(op: string): OperationStats {
    let s = this.operations.get(op);
    if (s === undefined) {
      s = zero();
      this.operations.set(op, s);
    }
    return s;
  }

  call(op: string): void {
    this.entry(op).calls++;
  }

  outcome(op: string, outcome: RequestOutcome): void {
    const s = this.entry(op);
    switch (outcome) {
      case 'ok':
        s.ok++;
        break;
      case 'throttled':
        s.throttled++;
        break;
      case 'fault':
        s.faults++;
        break;
      case 'error':
        s.errors++;
        break;
      default:
        assertNever(outcome);
    }
  }

  /** Records a request the quotas accepted, at the recorder's current time. */
  accepted(poolId: string, op: string, windowMs: number, extra: AcceptedRequest = {}): void {
    const now = this.now();
    if (extra.category !== undefined) {
      let c = this.categories.get(extra.category);
      if (c === undefined) {
        c = new SlidingWindow();
        this.categories.set(extra.category, c);
      }
      c.add(now, windowMs);
    }
    if (extra.user !== undefined) (extra.user.access === 'read' ? this.userReads : this.userWrites).add(extra.user.key, now, windowMs);
    let byOp = this.windows.get(poolId);
    if (byOp === undefined) {
      byOp = new Map();
      this.windows.set(poolId, byOp);
    }
    let w = byOp.get(op);
    if (w === undefined) {
      w = new SlidingWindow();
      byOp.set(op, w);
    }
    w.add(now, windowMs);
  }

  snapshot(windowMs: number): EmulatorStats {
    const operations: Record<string, OperationStats> = {};
    const totals = zero();
    for (const [op, s] of this.operations) {
      operations[op] = { ...s };
      add(totals, s);
    }
    const peakPerWindow: Record<string, Record<string, number>> = {};
    for (const [pool, byOp] of this.windows) {
      const row: Record<string, number> = {};
      for (const [op, w] of byOp) row[op] = w.peak;
      peakPerWindow[pool] = row;
    }
    const peakPerCategory: Partial<Record<QuotaCategory, number>> = {};
    for (const [c, w] of this.categories) peakPerCategory[c] = w.peak;
    const peakPerUser = { reads: this.userReads.peak, writes: this.userWrites.peak };
    return { operations, totals, peakPerWindow, peakPerCategory, peakPerUser, windowMs, stateWrites: this.stateWrites };
  }

  reset(): void {
    this.operations = new Map();
    this.windows = new Map();
    this.categories = new Map();
    this.userReads = new PeakTracker();
    this.userWrites = new PeakTracker();
  }
}
