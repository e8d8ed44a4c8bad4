import { categoryOf, isGroupOperation, isRead, type Operation, type PoolRef } from '../cognito/port.js';
import type { Clock } from './clock.js';
import { accountRate, type Rates } from './rates.js';

interface Lane {
  nominal: number;
  /** Share of the nominal rate in use now; lowered on throttling, raised again on success. */
  factor: number;
  /** Earliest time (ms) the next request may start; the grid the lane keeps. */
  next: number;
}

/** The time between two starts in a lane, at its rate now. */
function stepOf(lane: Lane): number {
  return 1000 / (lane.nominal * PACING_MARGIN * lane.factor);
}

/** Lowest share of a lane's rate adaptive slowdown goes to. */
const MIN_FACTOR = 0.2;
const DECREASE = 0.7;
const INCREASE = 0.05;

/** Share of each quota the pacer uses: the margin keeps network jitter from making the server see more than the quota in any second. */
export const PACING_MARGIN = 0.98;

/**
 * How late a start may be and still keep its lane's grid. With starts at most this late for their
 * slot, any one-second window holds at most (1 s + tolerance) / step starts, which the margin keeps
 * within the quota; a later start begins a new grid instead.
 */
export const GRID_TOLERANCE_MS = 1000 * (1 / PACING_MARGIN - 1) * 0.75;

/**
 * Client-side pacing shared by everything one run does. A request may start only when every lane it
 * belongs to allows it (its pool and operation, the account's read or write budget, and the run's
 * --max-rps budget). Each lane spaces starts on a grid of 1/rate: a start that comes a little late
 * (timer lateness, up to GRID_TOLERANCE_MS) keeps the grid, so the rate is held without ever putting
 * more than the quota into any one-second window; a later start (an idle spell, a stall) begins a new grid.
 * The check is made when the request is about to start, so an event-loop stall never releases a burst.
 * Throttling lowers the rate of the lanes involved (multiplicative decrease) and success raises it
 * back slowly (additive increase), as other clients may share the account's budget.
 */
export class Pacer {
  private readonly lanes = new Map<string, Lane>();
  /** Lanes a request that goes first is waiting for, with how many such requests wait: others give way. */
  private readonly firstWaiting = new Map<Lane, number>();

  constructor(private readonly rates: Rates, private readonly clock: Clock) {}

  /**
   * Starts a request now if every lane allows it, and returns 0; otherwise returns how many ms to wait
   * before asking again (nothing is taken).
   */
  tryAcquire(pool: PoolRef, op: Operation, user?: string): number {
    return this.take(this.lanesOf(pool, op, user));
  }

  /**
   * Waits until a request to another AWS service may start (CloudTrail's LookupEvents: its own rate
   * per account and region, `key` naming that lane), within the run's --max-rps budget too, then starts it.
   */
  async acquireService(key: string, rate: number, signal?: AbortSignal): Promise<void> {
    const lanes = [this.lane(`service:${key}`, rate), ...(this.rates.maxRps === undefined ? [] : [this.lane('run', this.rates.maxRps)])];
    for (let wait = this.take(lanes); wait > 0; wait = this.take(lanes)) await this.clock.sleep(wait, signal);
  }

  /**
   * Starts a request in every lane if they all allow it (returns 0), else returns the ms to wait. A
   * request that does not go first gives way in a lane where one that does is waiting: it asks again
   * a step after that one's turn.
   */
  private take(lanes: Lane[], first = false): number {
    const now = this.clock.now();
    let wait = 0;
    for (const lane of lanes) {
      const giveWay = !first && this.firstWaiting.has(lane) ? stepOf(lane) : 0;
      wait = Math.max(wait, lane.next - now + giveWay, giveWay);
    }
    if (wait > 0) return wait;
    for (const lane of lanes) {
      const step = stepOf(lane);
      lane.next = now - lane.next <= GRID_TOLERANCE_MS ? lane.next + step : now + step;
    }
    return 0;
  }

  /**
   * Waits until a request may start, then starts it. `first`: it goes before the requests waiting in its
   * lanes that do not (a lease's renewal, which must not wait behind the changes a run has queued).
   */
  async acquire(pool: PoolRef, op: Operation, signal?: AbortSignal, user?: string, first = false): Promise<void> {
    if (!first) {
      for (let wait = this.tryAcquire(pool, op, user); wait > 0; wait = this.tryAcquire(pool, op, user)) await this.clock.sleep(wait, signal);
      return;
    }
    const lanes = this.lanesOf(pool, op, user);
    for (const lane of lanes) this.firstWaiting.set(lane, (this.firstWaiting.get(lane) ?? 0) + 1);
    try {
      for (let wait = this.take(lanes, true); wait > 0; wait = this.take(lanes, true)) await this.clock.sleep(wait, signal);
    } finally {
      for (const lane of lanes) {
        const left = (this.firstWaiting.get(lane) ?? 1) - 1;
        if (left === 0) this.firstWaiting.delete(lane);
        else this.firstWaiting.set(lane, left);
      }
    }
  }

  /** A request was throttled: slow down the lanes it used. */
  throttled(pool: PoolRef, op: Operation, user?: string): void {
    for (const lane of this.lanesOf(pool, op, user)) {
      if (lane === this.lanes.get('run')) continue;
      lane.factor = Math.max(MIN_FACTOR, lane.factor * DECREASE);
    }
  }

  /** A request went through: speed back up towards the nominal rate. */
  succeeded(pool: PoolRef, op: Operation, user?: string): void {
    for (const lane of this.lanesOf(pool, op, user)) {
      if (lane.factor < 1) lane.factor = Math.min(1, lane.factor + INCREASE);
    }
  }

  /** The rate (requests/s) a pool's operation runs at now, after any slowdown; for callers that show or check it. */
  currentRate(pool: PoolRef, op: Operation): number {
    return Math.min(...this.lanesOf(pool, op).map((l) => l.nominal * PACING_MARGIN * l.factor));
  }

  private lanesOf(pool: PoolRef, op: Operation, user?: string): Lane[] {
    const category = categoryOf(op);
    // The account quotas are per region: the pool's own (a pool may name its region), not one read off its id.
    const out = [this.lane(`account:${pool.region}:${category}`, accountRate(this.rates, category))];
    // Group operations are also limited per pool and operation; a user's own reads and writes per user
    // (lower-cased: in a case-sensitive pool that only paces two users as one, never too fast).
    if (isGroupOperation(op)) out.push(this.lane(`pool:${pool.id}:${op}`, this.rates.perPoolOperation));
    if (user !== undefined) out.push(this.lane(`user:${pool.id}:${user.toLowerCase()}:${isRead(op) ? 'read' : 'write'}`, this.rates.perUser));
    if (this.rates.maxRps !== undefined) out.push(this.lane('run', this.rates.maxRps));
    return out;
  }

  private lane(key: string, nominal: number): Lane {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { nominal, factor: 1, next: -Infinity };
      this.lanes.set(key, lane);
    }
    return lane;
  }
}
