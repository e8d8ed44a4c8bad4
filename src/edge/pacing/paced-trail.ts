import { CgError } from '../../core/errors.js';
import type { TrailApi, TrailPage, TrailQuery } from '../cloudtrail/port.js';
import { interrupted, type Clock } from './clock.js';
import type { Pacer } from './pacer.js';
import { LOOKUP_EVENTS_RATE } from './rates.js';
import { backoffMs, type RetryPolicy } from './retry.js';

/** Tries of one LookupEvents page before its error is given up to the caller (throttling or a fault). */
const ATTEMPTS = 4;

/**
 * CloudTrail's port paced at LookupEvents' 2 requests/s per region (and the run's --max-rps), with
 * throttling and faults retried a few times: attribution is extra, so it gives up sooner than Cognito calls.
 */
export class PacedTrailApi implements TrailApi {
  /** LookupEvents calls made, for the summary. */
  calls = 0;

  constructor(
    private readonly inner: TrailApi,
    private readonly pacer: Pacer,
    private readonly clock: Clock,
    private readonly policy: RetryPolicy,
    private readonly signal?: AbortSignal,
    private readonly random: () => number = Math.random,
  ) {}

  async lookupEvents(query: TrailQuery): Promise<TrailPage> {
    for (let attempt = 1; ; attempt++) {
      // Once the run stops, no lookup starts, even one whose lane would not make it wait.
      if (this.signal?.aborted === true) throw interrupted();
      await this.pacer.acquireService(`cloudtrail:${query.region}:LookupEvents`, LOOKUP_EVENTS_RATE, this.signal);
      this.calls++;
      try {
        return await this.inner.lookupEvents(query);
      } catch (err) {
        const retry = err instanceof CgError && (err.code === 'AWS_THROTTLED' || err.code === 'AWS_UNAVAILABLE');
        if (!retry || attempt >= ATTEMPTS) throw err;
      }
      await this.clock.sleep(backoffMs(this.policy, attempt, this.random), this.signal);
    }
  }
}
