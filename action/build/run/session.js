import { setMaxListeners } from 'node:events';
import { CgError } from '../core/errors.js';
import { SdkAccountApi } from '../edge/cognito/account.js';
import { SdkGroupsApi } from '../edge/cognito/sdk-api.js';
import { systemClock } from '../edge/pacing/clock.js';
import { PacedGroupsApi } from '../edge/pacing/paced-api.js';
import { PacedCredentialsApi } from '../edge/pacing/paced-credentials.js';
import { SdkCredentialsApi } from '../edge/identity/sdk-api.js';
import { Pacer } from '../edge/pacing/pacer.js';
import { COGNITO_RATES, CREDENTIAL_RATE } from '../edge/pacing/rates.js';
import { DEFAULT_RETRY } from '../edge/pacing/retry.js';
import { LazySdkTrailApi } from '../edge/cloudtrail/lazy-trail.js';
import { PacedTrailApi } from '../edge/pacing/paced-trail.js';
/** Opens a session; `fileMaxRps` is the file's settings.maxRps, used unless options.maxRps is given. */
export function openSession(options, fileMaxRps) {
    const stop = ownStop(options.signal);
    const sdk = options.api === undefined ? new SdkGroupsApi({ ...options, ...(stop === undefined ? {} : { signal: stop.signal }) }) : undefined;
    const inner = options.api ?? sdk;
    const clock = options.clock ?? systemClock;
    const rates = { ...(options.rates ?? COGNITO_RATES) };
    const maxRps = options.maxRps ?? fileMaxRps;
    if (maxRps !== undefined)
        rates.maxRps = Math.min(maxRps, rates.maxRps ?? Infinity);
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
function ownStop(callers) {
    if (callers === undefined)
        return undefined;
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const follow = () => controller.abort(callers.reason);
    if (callers.aborted)
        follow();
    else
        callers.addEventListener('abort', follow, { once: true });
    return { signal: controller.signal, release: () => callers.removeEventListener('abort', follow) };
}
/**
 * Refuses (WRONG_ACCOUNT, before anything is read) to run for an environment that names an account
 * with credentials of another one: prod credentials never apply a dev plan, and the reverse.
 */
export async function checkAccount(session, environment, region) {
    if (environment?.account === undefined)
        return;
    if (session.account === undefined) {
        throw new CgError('USAGE', `environment ${environment.name} names account ${environment.account}, which must be checked: pass accountApi along with api`);
    }
    const actual = await session.account.callerAccount(region);
    if (actual !== environment.account) {
        throw new CgError('WRONG_ACCOUNT', `environment ${environment.name} is account ${environment.account}, but these credentials are for account ${actual}; nothing was read or changed (check --profile and --env)`);
    }
}
