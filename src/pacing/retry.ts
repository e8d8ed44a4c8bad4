/** How failed calls are retried. */
export interface RetryPolicy {
  /** Attempts in all for server faults, timeouts and connection errors. */
  faultAttempts: number;
  /** Throttled calls are retried without limit (throttling alone never fails a run), waiting at most this long between tries. */
  maxBackoffMs: number;
  /** First backoff; doubles with each attempt, with full jitter. */
  baseBackoffMs: number;
}

/** Defaults: five attempts for faults, backoff from 100 ms up to 5 s. */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = { faultAttempts: 5, baseBackoffMs: 100, maxBackoffMs: 5_000 };

/** Full-jitter exponential backoff for the given (1-based) attempt that just failed. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.min(attempt - 1, 16));
  return ceiling / 2 + random() * (ceiling / 2);
}
