import type { GroupsApi } from '../cognito/port.js';
import type { DesiredConfig } from '../config/model.js';
import { readConfigFile } from '../config/read.js';
import type { CallCounts } from '../pacing/paced-api.js';
import { computePoolPlan } from '../plan/compute.js';
import type { ObservedGroup, Plan } from '../plan/model.js';
import { listPools, type ReadProgress } from '../read/list-pool.js';
import { openSession, type SessionOptions } from './session.js';

/** Where the desired groups come from: a parsed config, or a file to read. */
export type DesiredSource = { config: DesiredConfig } | { file: string };

/** Options of `plan()`. */
export type PlanOptions = DesiredSource & SessionOptions & { onReadProgress?: (p: ReadProgress) => void };

/** A plan with the listings it was made from. */
export interface PlanOutcome {
  plan: Plan;
  /** Every group of each pool as listed, sorted by name; keyed by pool id. */
  observed: Map<string, ObservedGroup[]>;
}

/** A plan with the config it was made for and the calls it took. */
export interface PlanResult extends PlanOutcome {
  config: DesiredConfig;
  counts: CallCounts;
}

/** The config of a source, reading the file if that is what it names. */
export async function desiredOf(source: DesiredSource): Promise<DesiredConfig> {
  return 'config' in source ? source.config : (await readConfigFile(source.file)).config;
}

/** Lists every pool of the file and plans each against it. */
export async function planWith(api: GroupsApi, config: DesiredConfig, onProgress?: (p: ReadProgress) => void): Promise<PlanOutcome> {
  const observed = await listPools(api, config.userPools.map((p) => ({ id: p.id, region: p.region })), onProgress);
  const plan: Plan = { pools: config.userPools.map((p) => computePoolPlan(p, observed.get(p.id) ?? [])) };
  return { plan, observed };
}

/** Lists the pools of the file and computes the plan. Read-only. */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  const config = await desiredOf(options);
  const session = openSession(options, config.settings.maxRps);
  try {
    const outcome = await planWith(session.api, config, options.onReadProgress);
    return { ...outcome, config, counts: session.api.counts };
  } finally {
    session.close();
  }
}
