import type { DesiredConfig } from '../config/model.js';
import { computePoolPlan } from '../plan/compute.js';
import type { ObservedGroup, Plan } from '../plan/model.js';
import { listPools, type ReadProgress } from '../read/list-pool.js';
import type { GroupsApi } from '../cognito/port.js';

/** A plan with the listings it was made from. */
export interface PlanOutcome {
  plan: Plan;
  /** Every group of each pool as listed, sorted by name; keyed by pool id. */
  observed: Map<string, ObservedGroup[]>;
}

/** Lists every pool of the file and plans each against it. */
export async function planWith(api: GroupsApi, config: DesiredConfig, onProgress?: (p: ReadProgress) => void): Promise<PlanOutcome> {
  const observed = await listPools(api, config.userPools.map((p) => ({ id: p.id, region: p.region })), onProgress);
  const plan: Plan = { pools: config.userPools.map((p) => computePoolPlan(p, observed.get(p.id) ?? [])) };
  return { plan, observed };
}
