import type { PoolRef } from '../../edge/cognito/port.js';
import { systemClock, type Clock } from '../../edge/pacing/clock.js';
import type { Session } from '../session.js';
import { Leases, type LockOptions } from './leases.js';

/** Takes an apply's leases on the pools it writes, through the run's session (paced, counted). */
export function takeLeases(session: Session, pools: readonly PoolRef[], options: LockOptions & { signal?: AbortSignal; clock?: Clock }, fileSeconds?: number): Promise<Leases> {
  return Leases.take(
    { api: session.api, finishing: session.leasing, clock: options.clock ?? systemClock, ...(options.signal === undefined ? {} : { signal: options.signal }) },
    pools,
    options,
    fileSeconds,
  );
}
