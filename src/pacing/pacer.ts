import { categoryOf, type Operation } from '../cognito/port.js';
import type { Clock } from './clock.js';
import type { Rates } from './rates.js';

interface Lane {
  nominal: number;
  /** Share of the nominal rate in use now; lowered on throttling, raised again on success. */
  factor: number;
  /** Earliest time (ms) the next request may start. */
  next: number;
}

/** Lowest share of a lane's rate adaptive slowdown goes to. */
const MIN_FACTOR = 0.2;
const DECREASE = 0.7;
const INCREASE = 0.05;

/**
 * Client-side pacing shared by everything one run does. Each request reserves a start time in every
 * lane it belongs to (its pool and operation, the account's read or write budget, and the run's
 * --max-rps budget); lanes space requests evenly at their rate, so the documented quotas are never
 * exceeded, whatever the concurrency. Throttling lowers the rate of the lanes involved (multiplicative
 * decrease) and success raises it back slowly (additive increase), as other clients may share the
 * account's budget.
 */
export class Pacer {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly rates: Rates, private readonly clock: Clock) {}

  /** Reserves a start time for one request and returns how many ms to wait before sending it. */
  reserve(poolId: string, op: Operation): number {
    const lanes = this.lanesOf(poolId, op);
    const now = this.clock.now();
    let start = now;
    for (const lane of lanes) start = Math.max(start, lane.next);
    for (const lane of lanes) lane.next = start + 1000 / (lane.nominal * lane.factor);
    return start - now;
  }

  /** A request was throttled: slow down the lanes it used. */
  throttled(poolId: string, op: Operation): void {
    for (const lane of this.lanesOf(poolId, op)) {
      if (lane === this.lanes.get('run')) continue;
      lane.factor = Math.max(MIN_FACTOR, lane.factor * DECREASE);
    }
  }

  /** A request went through: speed back up towards the nominal rate. */
  succeeded(poolId: string, op: Operation): void {
    for (const lane of this.lanesOf(poolId, op)) {
      if (lane.factor < 1) lane.factor = Math.min(1, lane.factor + INCREASE);
    }
  }

  /** The rate (requests/s) a lane runs at now; for progress estimates and tests. */
  currentRate(poolId: string, op: Operation): number {
    return Math.min(...this.lanesOf(poolId, op).map((l) => l.nominal * l.factor));
  }

  private lanesOf(poolId: string, op: Operation): Lane[] {
    const category = categoryOf(op);
    const out = [
      this.lane(`pool:${poolId}:${op}`, this.rates.perPoolOperation),
      this.lane(`account:${category}`, category === 'read' ? this.rates.accountRead : this.rates.accountWrite),
    ];
    if (this.rates.maxRps !== undefined) out.push(this.lane('run', this.rates.maxRps));
    return out;
  }

  private lane(key: string, nominal: number): Lane {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { nominal, factor: 1, next: 0 };
      this.lanes.set(key, lane);
    }
    return lane;
  }
}
