import { assertNever } from '../core/errors.js';
function zero() {
    return { calls: 0, ok: 0, throttled: 0, faults: 0, errors: 0 };
}
function add(into, s) {
    into.calls += s.calls;
    into.ok += s.ok;
    into.throttled += s.throttled;
    into.faults += s.faults;
    into.errors += s.errors;
}
/** Acceptance times of one (pool, operation) inside the current window, oldest first. */
class SlidingWindow {
    times = [];
    head = 0;
    peak = 0;
    /** Whether every request it holds has left the window ending at `now`. */
    idle(now, windowMs) {
        const last = this.times[this.times.length - 1];
        return last === undefined || last <= now - windowMs;
    }
    add(now, windowMs) {
        // The window is (now - windowMs, now]: a request exactly windowMs after another is in a new window.
        while (this.head < this.times.length && this.times[this.head] <= now - windowMs)
            this.head++;
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
    windows = new Map();
    pruneAt = 1024;
    peak = 0;
    add(key, now, windowMs) {
        let w = this.windows.get(key);
        if (w === undefined) {
            // Pruned when the map has doubled since last time, so the cost is amortised over insertions.
            if (this.windows.size >= this.pruneAt) {
                for (const [k, old] of this.windows)
                    if (old.idle(now, windowMs))
                        this.windows.delete(k);
                this.pruneAt = Math.max(1024, this.windows.size * 2);
            }
            w = new SlidingWindow();
            this.windows.set(key, w);
        }
        w.add(now, windowMs);
        this.peak = Math.max(this.peak, w.peak);
    }
}
/** Collects the statistics of one emulator; snapshot() gives them as EmulatorStats. */
export class StatsRecorder {
    now;
    operations = new Map();
    windows = new Map();
    categories = new Map();
    userReads = new PeakTracker();
    userWrites = new PeakTracker();
    stateWrites = 0;
    constructor(now) {
        this.now = now;
    }
    entry(op) {
        let s = this.operations.get(op);
        if (s === undefined) {
            s = zero();
            this.operations.set(op, s);
        }
        return s;
    }
    call(op) {
        this.entry(op).calls++;
    }
    outcome(op, outcome) {
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
    accepted(poolId, op, windowMs, extra = {}) {
        const now = this.now();
        if (extra.category !== undefined) {
            let c = this.categories.get(extra.category);
            if (c === undefined) {
                c = new SlidingWindow();
                this.categories.set(extra.category, c);
            }
            c.add(now, windowMs);
        }
        if (extra.user !== undefined)
            (extra.user.access === 'read' ? this.userReads : this.userWrites).add(extra.user.key, now, windowMs);
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
    snapshot(windowMs) {
        const operations = {};
        const totals = zero();
        for (const [op, s] of this.operations) {
            operations[op] = { ...s };
            add(totals, s);
        }
        const peakPerWindow = {};
        for (const [pool, byOp] of this.windows) {
            const row = {};
            for (const [op, w] of byOp)
                row[op] = w.peak;
            peakPerWindow[pool] = row;
        }
        const peakPerCategory = {};
        for (const [c, w] of this.categories)
            peakPerCategory[c] = w.peak;
        const peakPerUser = { reads: this.userReads.peak, writes: this.userWrites.peak };
        return { operations, totals, peakPerWindow, peakPerCategory, peakPerUser, windowMs, stateWrites: this.stateWrites };
    }
    reset() {
        this.operations = new Map();
        this.windows = new Map();
        this.categories = new Map();
        this.userReads = new PeakTracker();
        this.userWrites = new PeakTracker();
    }
}
