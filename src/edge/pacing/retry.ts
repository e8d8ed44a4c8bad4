/** How failed calls are retried. */
export interface RetryPolicy {
  /** Attempts in all for server faults, timeouts and connection errors. */
  faultAttempts: number;
  /** Throttled calls are retried, waiting at most this long between tries. */
  maxBackoffMs: number;
  /** A call throttled at every try for this long fails (AWS_THROTTLED): the account's quota is taken by others. */
  maxThrottledMs: number;
  /** First backoff; doubles with each attempt, with full jitter. */
  baseBackoffMs: number;
}

/** Defaults: five attempts for faults, backoff from 100 ms up to 5 s, and five minutes of nothing but throttling. */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = { faultAttempts: 5, baseBackoffMs: 100, maxBackoffMs: 5_000, maxThrottledMs: 300_000 };

/** Full-jitter exponential backoff for the given (1-based) attempt that just failed. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.min(attempt - 1, 16));
  return ceiling / 2 + random() * (ceiling / 2);
}
