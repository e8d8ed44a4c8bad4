import type { GroupsApi } from '../cognito/port.js';
import type { DesiredConfig } from '../config/model.js';
import { readConfigFile } from '../config/read.js';
import type { CallCounts } from '../pacing/paced-api.js';
import { computePoolPlan, memberReadsOf } from '../plan/compute.js';
import type { ObservedGroup, Plan } from '../plan/model.js';
import { readMembers, type MembersProgress } from '../read/list-members.js';
import { listPools, type ReadProgress } from '../read/list-pool.js';
import { openSession, type SessionOptions } from './session.js';

/** Where the desired groups come from: a parsed config, or a file to read. */
export type DesiredSource = { config: DesiredConfig } | { file: string };

/** How a plan is made, besides what it is made from. */
export interface Planning {
  /** Replaces drop the groups' members instead of keeping them (`--drop-members`). */
  dropMembers?: boolean;
  onReadProgress?: (p: ReadProgress) => void;
  onMembersProgress?: (p: MembersProgress) => void;
}

/** Options of `plan()`. */
export type PlanOptions = DesiredSource & SessionOptions & Planning;

/** Members a plan read: by pool id, then by group name (usernames as listed). */
export type MembersRead = Map<string, Map<string, string[]>>;

/** A plan with the listings it was made from. */
export interface PlanOutcome {
  plan: Plan;
  /** Every group of each pool as listed, sorted by name; keyed by pool id. */
  observed: Map<string, ObservedGroup[]>;
  /** The members of the groups the plan counts, read after the listing. */
  members: MembersRead;
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

/**
 * Lists every pool of the file and plans each against it; then reads the members of the groups whose
 * members a change drops, moves or gives new tokens (only those), and counts them in the plan.
 */
export async function planWith(api: GroupsApi, config: DesiredConfig, planning: Planning = {}): Promise<PlanOutcome> {
  const observed = await listPools(api, config.userPools.map((p) => ({ id: p.id, region: p.region })), planning.onReadProgress);
  const dropMembers = planning.dropMembers === true;
  const first = config.userPools.map((p) => computePoolPlan(p, observed.get(p.id) ?? [], { dropMembers }));
  const read = await Promise.all(
    config.userPools.map((p, i) => readMembers(api, { id: p.id, region: p.region }, memberReadsOf(first[i] as (typeof first)[number]), planning.onMembersProgress)),
  );
  const members: MembersRead = new Map(config.userPools.map((p, i) => [p.id, read[i] ?? new Map<string, string[]>()]));
  const plan: Plan = {
    pools: config.userPools.map((p) => computePoolPlan(p, observed.get(p.id) ?? [], { dropMembers, members: members.get(p.id) ?? new Map() })),
    ...(dropMembers ? { dropMembers: true as const } : {}),
  };
  return { plan, observed, members };
}

/** Lists the pools of the file and computes the plan. Read-only. */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  const config = await desiredOf(options);
  const session = openSession(options, config.settings.maxRps);
  try {
    const outcome = await planWith(session.api, config, options);
    return { ...outcome, config, counts: session.api.counts };
  } finally {
    session.close();
  }
}
