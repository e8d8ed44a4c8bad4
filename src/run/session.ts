import { setMaxListeners } from 'node:events';
import type { GroupsApi } from '../cognito/port.js';
import { SdkGroupsApi, type SdkOptions } from '../cognito/sdk-api.js';
import { systemClock, type Clock } from '../pacing/clock.js';
import { PacedGroupsApi } from '../pacing/paced-api.js';
import { Pacer } from '../pacing/pacer.js';
import { COGNITO_RATES, type Rates } from '../pacing/rates.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../pacing/retry.js';

/** How a run reaches Cognito and paces itself; every field has a sensible default. */
export interface SessionOptions extends SdkOptions {
  /** A port to use instead of the AWS SDK (tests, or a caller with its own client). */
  api?: GroupsApi;
  /** Rates to stay within; defaults to Cognito's documented quotas. */
  rates?: Rates;
  /** Requests per second for the whole run (`--max-rps`); overrides the file's settings.maxRps. */
  maxRps?: number;
  retry?: RetryPolicy;
  clock?: Clock;
  /** Aborting stops new calls; calls in flight finish. */
  signal?: AbortSignal;
}

/** A paced, retrying connection for one run; close it when done. */
export interface Session {
  api: PacedGroupsApi;
  /** The same port, pacing and counts, deaf to the stop signal: for the calls that complete a change once it has started. */
  finishing: PacedGroupsApi;
  close(): void;
}

/** Opens a session; `fileMaxRps` is the file's settings.maxRps, used unless options.maxRps is given. */
export function openSession(options: SessionOptions, fileMaxRps?: number): Session {
  const stop = ownStop(options.signal);
  const sdk = options.api === undefined ? new SdkGroupsApi({ ...options, ...(stop === undefined ? {} : { signal: stop.signal }) }) : undefined;
  const inner = options.api ?? (sdk as SdkGroupsApi);
  const clock = options.clock ?? systemClock;
  const rates: Rates = { ...(options.rates ?? COGNITO_RATES) };
  const maxRps = options.maxRps ?? fileMaxRps;
  if (maxRps !== undefined) rates.maxRps = Math.min(maxRps, rates.maxRps ?? Infinity);
  const api = new PacedGroupsApi(inner, new Pacer(rates, clock), clock, options.retry ?? DEFAULT_RETRY, stop?.signal);
  return {
    api,
    finishing: api.withoutSignal(),
    close: () => {
      stop?.release();
      sdk?.destroy();
    },
  };
}

/**
 * The run's own stop signal, following the caller's. Every waiting call listens on it (hundreds in a
 * large apply), so it takes any number of listeners, while the caller's signal gets just one.
 */
function ownStop(callers: AbortSignal | undefined): { signal: AbortSignal; release(): void } | undefined {
  if (callers === undefined) return undefined;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const follow = (): void => controller.abort(callers.reason);
  if (callers.aborted) follow();
  else callers.addEventListener('abort', follow, { once: true });
  return { signal: controller.signal, release: () => callers.removeEventListener('abort', follow) };
}
