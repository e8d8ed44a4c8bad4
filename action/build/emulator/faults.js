// Injected failures: server errors, forced throttling, dropped connections and latency, drawn from a
// seeded PRNG so a test run can be replayed exactly.
import { randomInt } from 'node:crypto';
const NO_FAULT = { kind: 'none', latencyMs: 0 };
/** Problems with fault options, empty when they are usable. */
export function checkFaultOptions(f) {
    const out = [];
    const rates = [
        ['errorRate', f.errorRate],
        ['throttleRate', f.throttleRate],
        ['resetRate', f.resetRate],
    ];
    let sum = 0;
    for (const [name, v] of rates) {
        if (v === undefined)
            continue;
        if (!(Number.isFinite(v) && v >= 0 && v <= 1))
            out.push(`faults.${name} must be between 0 and 1, got ${v}`);
        else
            sum += v;
    }
    if (sum > 1 + 1e-9)
        out.push(`faults: errorRate + throttleRate + resetRate must not exceed 1, got ${sum}`);
    if (f.latencyMs !== undefined && !(Number.isFinite(f.latencyMs) && f.latencyMs >= 0)) {
        out.push(`faults.latencyMs must be a non-negative number, got ${f.latencyMs}`);
    }
    if (f.seed !== undefined && !Number.isInteger(f.seed))
        out.push(`faults.seed must be an integer, got ${f.seed}`);
    return out;
}
/** mulberry32: small, fast, and good enough to pick failing requests. Returns values in [0, 1). */
export function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** Decides, request by request, which failure to inject. */
export class FaultInjector {
    options = {};
    operations;
    random = mulberry32(0);
    constructor(options = {}) {
        this.configure(options, true);
    }
    get current() {
        return { ...this.options };
    }
    /** Replaces all fault options; a new seed restarts the PRNG, no seed keeps the current sequence going. */
    configure(options, initial = false) {
        this.options = { ...options, ...(options.operations === undefined ? {} : { operations: [...options.operations] }) };
        this.operations = options.operations === undefined ? undefined : new Set(options.operations);
        if (options.seed !== undefined)
            this.random = mulberry32(options.seed);
        else if (initial)
            this.random = mulberry32(randomInt(0, 2 ** 32 - 1));
    }
    /** The fault for one request of `op`. Draws from the PRNG only when some rate is set for it. */
    decide(op) {
        const o = this.options;
        if (this.operations !== undefined && !this.operations.has(op))
            return NO_FAULT;
        const latencyMs = o.latencyMs ?? 0;
        const reset = o.resetRate ?? 0;
        const error = o.errorRate ?? 0;
        const throttle = o.throttleRate ?? 0;
        if (reset + error + throttle === 0)
            return latencyMs === 0 ? NO_FAULT : { kind: 'none', latencyMs };
        const u = this.random();
        const kind = u < reset ? 'reset' : u < reset + error ? 'error' : u < reset + error + throttle ? 'throttle' : 'none';
        return { kind, latencyMs };
    }
}
