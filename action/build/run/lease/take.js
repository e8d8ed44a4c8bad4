import { systemClock } from '../../edge/pacing/clock.js';
import { Leases } from './leases.js';
/** Takes an apply's leases on the pools it writes, through the run's session (paced, counted). */
export function takeLeases(session, pools, options, fileSeconds) {
    return Leases.take({ api: session.api, finishing: session.leasing, clock: options.clock ?? systemClock, ...(options.signal === undefined ? {} : { signal: options.signal }) }, pools, options, fileSeconds);
}
