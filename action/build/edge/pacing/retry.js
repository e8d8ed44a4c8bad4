/** Defaults: five attempts for faults, backoff from 100 ms up to 5 s, and five minutes of nothing but throttling. */
export const DEFAULT_RETRY = { faultAttempts: 5, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs: 300_000 };
/** Full-jitter exponential backoff for the given (1-based) attempt that just failed. */
export function backoffMs(policy, attempt, random) {
    const ceiling = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.min(attempt - 1, 16));
    return ceiling / 2 + random() * (ceiling / 2);
}
