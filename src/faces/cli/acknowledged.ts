import { dateOf } from '../../core/config/acknowledgements.js';
import type { DesiredConfig } from '../../core/config/model.js';
import { driftOf } from '../../core/drift/compute.js';
import type { AcknowledgedDifference } from '../../core/drift/model.js';
import type { Plan } from '../../core/plan/model.js';

/** The differences a plan reverts that the file acknowledges, as of today (the clock is read here, at the edge). */
export function acknowledgedIn(plan: Plan, config: DesiredConfig, now: Date = new Date()): AcknowledgedDifference[] {
  return driftOf(plan, { config, today: dateOf(now) }).pools.flatMap((p) => p.acknowledged);
}
