import { setMaxListeners } from 'node:events';
import type { GroupsApi } from '../edge/cognito/port.js';
import { CgError } from '../core/errors.js';
import { SdkAccountApi, type AccountApi } from '../edge/cognito/account.js';
import { SdkGroupsApi, type SdkOptions } from '../edge/cognito/sdk-api.js';
import { systemClock, type Clock } from '../edge/pacing/clock.js';
import { PacedGroupsApi } from '../edge/pacing/paced-api.js';
import { PacedCredentialsApi } from '../edge/pacing/paced-credentials.js';
import { SdkCredentialsApi } from '../edge/identity/sdk-api.js';
import type { CredentialsApi } from '../edge/identity/port.js';
import { Pacer } from '../edge/pacing/pacer.js';
import { COGNITO_RATES, CREDENTIAL_RATE, type Rates } from '../edge/pacing/rates.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../edge/pacing/retry.js';
import type { TrailApi } from '../edge/cloudtrail/port.js';
import { LazySdkTrailApi } from '../edge/cloudtrail/lazy-trail.js';
import { PacedTrailApi } from '../edge/pacing/paced-trail.js';

/** How a run reaches Cognito and paces itself; every field has a sensible default. */
export interface SessionOptions extends SdkOptions {
  /** A port to use instead of the AWS SDK (tests, or a caller with its own client). */
  api?: GroupsApi;
  /** With `api`: how to ask whose credentials it uses, for files whose environment names an account. */
  accountApi?: AccountApi;
  /** With `api`: the identity pools and roles for the credentials check (without it, a caller's own `api` runs none). */
  credentialsApi?: CredentialsApi;
  /** Rates to stay within; defaults to Cognito's documented quotas. */
  rates?: Rates;
  /** Requests per second for the whole run (`--max-rps`); overrides the file's settings.maxRps. */
  maxRps?: number;
  retry?: RetryPolicy;
  clock?: Clock;
  /** Aborting stops new calls; calls in flight finish. */
  signal?: AbortSignal;
  /** A CloudTrail port to use instead of the AWS SDK's (tests); drift attribution reads through it. */
  trailApi?: TrailApi;
}

/** A paced, retrying connection for one run; close it when done. */
export interface Session {
  api: PacedGroupsApi;
  /** The same port, pacing and counts, deaf to the stop signal: for the calls that complete a change once it has started. */
  finishing: PacedGroupsApi;
  /** The same, going first in its lanes: for a lease's renewals and release, which must not wait behind the run's queued changes. */
  leasing: PacedGroupsApi;
  /** Whose credentials the session uses; absent for a caller's own `api` given without `accountApi`. */
  account?: AccountApi;
  /** Identity pools and IAM roles, paced and counted; absent for a caller's own `api` given without `credentialsApi`. */
  credentials?: PacedCredentialsApi;
  /** CloudTrail's event history, paced with the same pacer (LookupEvents at 2/s per region); absent for a caller's own `api` without `trailApi`. */
  trail?: PacedTrailApi;
  /** The rates the session is paced at (the quotas, capped by --max-rps or settings.maxRps). */
  rates: Rates;
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
  const pacer = new Pacer(rates, clock);
  const api = new PacedGroupsApi(inner, pacer, clock, options.retry ?? DEFAULT_RETRY, stop?.signal);
  const trailSdk = options.api === undefined && options.trailApi === undefined ? new LazySdkTrailApi({ ...options, ...(stop === undefined ? {} : { signal: stop.signal }) }) : undefined;
  const trailInner = options.trailApi ?? trailSdk;
  const trail = trailInner === undefined ? undefined : new PacedTrailApi(trailInner, pacer, clock, options.retry ?? DEFAULT_RETRY, stop?.signal);
  const account = options.api === undefined ? new SdkAccountApi({ ...options, ...(stop === undefined ? {} : { signal: stop.signal }) }) : options.accountApi;
  const credentialsSdk = options.api === undefined ? new SdkCredentialsApi({ ...options, ...(stop === undefined ? {} : { signal: stop.signal }) }) : undefined;
  const credentialsInner = credentialsSdk ?? options.credentialsApi;
  const credentials = credentialsInner === undefined ? undefined : new PacedCredentialsApi(credentialsInner, clock, options.retry ?? DEFAULT_RETRY, Math.min(rates.credentialRead ?? CREDENTIAL_RATE, rates.maxRps ?? Infinity), stop?.signal);
  return {
    api,
    finishing: api.withoutSignal(),
    leasing: api.withoutSignal().goingFirst(),
    rates,
    ...(account === undefined ? {} : { account }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(trail === undefined ? {} : { trail }),
    close: () => {
      stop?.release();
      sdk?.destroy();
      trailSdk?.destroy();
      credentialsSdk?.destroy();
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

/**
 * Refuses (WRONG_ACCOUNT, before anything is read) to run for an environment that names an account
 * with credentials of another one: prod credentials never apply a dev plan, and the reverse.
 */
export async function checkAccount(session: Session, environment: { name: string; account?: string } | undefined, region: string): Promise<void> {
  if (environment?.account === undefined) return;
  if (session.account === undefined) {
    throw new CgError('USAGE', `environment ${environment.name} names account ${environment.account}, which must be checked: pass accountApi along with api`);
  }
  const actual = await session.account.callerAccount(region);
  if (actual !== environment.account) {
    throw new CgError('WRONG_ACCOUNT', `environment ${environment.name} is account ${environment.account}, but these credentials are for account ${actual}; nothing was read or changed (check --profile and --env)`);
  }
}
