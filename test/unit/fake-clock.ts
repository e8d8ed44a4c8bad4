// A virtual clock for pacing tests: time only moves when someone sleeps, so no test waits on wall-clock time.
import { interrupted, type Clock } from '../../src/edge/pacing/clock.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * now() is a counter starting at 0; sleep(ms) resolves at once in real time, having moved the
 * counter on to its wake-up time. Concurrent sleepers wake in wake-up order (one per event-loop
 * turn, after the woken code has run its synchronous part), so several callers sharing the clock
 * see consistent times. Aborting the signal rejects a pending sleep with INTERRUPTED, as the real
 * clock does.
 */
export class FakeClock implements Clock {
  /** Every sleep asked for, in order, including zero-length ones. */
  readonly sleeps: number[] = [];
  private time: number;
  private seq = 0;
  private timers: Timer[] = [];
  private pumpScheduled = false;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Moves time on by hand (for tests that drive the pacer directly). */
  advance(ms: number): void {
    this.time += ms;
  }

  /** Moves time on to `t`; never back. */
  advanceTo(t: number): void {
    if (t < this.time) throw new Error(`fake clock: cannot go back from ${this.time} to ${t}`);
    this.time = t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(interrupted());
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        at: this.time + ms,
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(interrupted());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.schedulePump();
    });
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.pumpScheduled = false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers.shift();
    if (next === undefined) return;
    this.time = Math.max(this.time, next.at);
    next.resolve();
    if (this.timers.length > 0) this.schedulePump();
  }
}
