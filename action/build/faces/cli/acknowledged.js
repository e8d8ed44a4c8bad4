import { dateOf } from '../../core/config/acknowledgements.js';
import { driftOf } from '../../core/drift/compute.js';
/** The differences a plan reverts that the file acknowledges, as of today (the clock is read here, at the edge). */
export function acknowledgedIn(plan, config, now = new Date()) {
    return driftOf(plan, { config, today: dateOf(now) }).pools.flatMap((p) => p.acknowledged);
}
