import type { GroupsApi } from '../edge/cognito/port.js';
import type { DesiredConfig } from '../core/config/model.js';
import { readConfigFile } from '../edge/files/read-config.js';
import type { CallCounts } from '../edge/pacing/paced-api.js';
import { computePoolPlan, memberReadsOf } from '../core/plan/compute.js';
import { usernameKey } from '../core/plan/member-changes.js';
import type { ObservedGroup, Plan, PoolPlan } from '../core/plan/model.js';
import { checkUsers, usernameCaseByPool } from '../edge/read/check-users.js';
import { CgError } from '../core/errors.js';
import { readMembers, type MembersProgress } from '../edge/read/list-members.js';
import { listPools, type ReadProgress } from '../edge/read/list-pool.js';
import { checkAccount, openSession, type Session, type SessionOptions } from './session.js';
import { checkCredentials, type CredentialsRead } from './credentials.js';
import type { UserClaimChange } from '../core/credentials/transitions.js';
import type { CredentialsApi } from '../edge/identity/port.js';
import type { CredentialCallCounts } from '../edge/pacing/paced-credentials.js';
import { checkOptions, SESSION, SOURCE, type Spec } from './option-check.js';
import { checkAccess, type AccessProgress } from './access.js';
import { memberChangesOnly } from '../core/access/drift.js';
import type { AccessRead } from '../core/access/model.js';
import type { Rates } from '../edge/pacing/rates.js';

/** Where the desired groups come from: a parsed config, or a file to read (as one of its environments, for a file with them; relative to `cwd`, default the process's). */
export type DesiredSource = { config: DesiredConfig; desiredFile?: { path: string; text: string } } | { file: string; env?: string; cwd?: string };

/** A config with the file it was read from, when it was (so a warning can name the line of a roleArn). */
interface Desired {
  config: DesiredConfig;
  file?: { path: string; text: string };
}

/** How a plan is made, besides what it is made from. */
export interface Planning {
  /** Replaces drop the groups' members instead of keeping them (`--drop-members`). */
  dropMembers?: boolean;
  onReadProgress?: (p: ReadProgress) => void;
  onMembersProgress?: (p: MembersProgress) => void;
  /** False (`--no-credentials-check`): no identity pool or role is read. */
  credentialsCheck?: boolean;
  /** Check every role the file names, not only those the plan sets (drift: a role deleted since). */
  checkAllRoles?: boolean;
  /** False (`--no-access-check`): whose claims the changes alter is not read; the plan says so. */
  accessCheck?: boolean;
  /** The rates the run is paced at, to choose how the access check reads (default: Cognito's quotas). */
  rates?: Rates;
  onAccessProgress?: (p: AccessProgress) => void;
  /** `member-drift` (drift): predict only what the member changes of groups with `members:` do, apart from any field change. */
  accessScope?: 'changes' | 'member-drift';
}

/** Options of `plan()`. */
export type PlanOptions = DesiredSource & SessionOptions & Planning;

/** The options `plan()` takes, and what each value must be (checked before any call). */
export const PLAN_OPTIONS: Spec<PlanOptions> = { ...SOURCE, ...SESSION, dropMembers: 'boolean', onReadProgress: 'function', onMembersProgress: 'function', accessCheck: 'boolean', onAccessProgress: 'function', accessScope: 'string', rates: 'object', credentialsCheck: 'boolean', checkAllRoles: 'boolean' } as Spec<PlanOptions>;

/** Members a plan read: by pool id, then by group name (usernames as listed). */
export type MembersRead = Map<string, Map<string, string[]>>;

/** A plan with the listings it was made from. */
export interface PlanOutcome {
  plan: Plan;
  /** Every group of each pool as listed, sorted by name; keyed by pool id. */
  observed: Map<string, ObservedGroup[]>;
  /** The members of the groups the plan counts or manages, read after the listing. */
  members: MembersRead;
  /** Whether each pool with `members:` compares usernames case-sensitively (DescribeUserPool), by pool id. */
  caseSensitive: Map<string, boolean>;
  /** What the credentials check read of the identity pools, when it ran. */
  credentialsRead?: CredentialsRead;
  /** What each pool's access check read, by pool id (pools whose access was checked). */
  accessReads: Map<string, AccessRead>;
  /** By pool id: each user whose claims the plan changes, with the claims before and after (the access check's prediction). */
  accessClaims?: Map<string, UserClaimChange[]>;
}

/** A plan with the config it was made for and the calls it took. */
export interface PlanResult extends PlanOutcome {
  config: DesiredConfig;
  counts: CallCounts;
  /** The credentials check's calls (identity pools and roles), when the session had its port. */
  credentialCounts?: CredentialCallCounts;
}

/** The config of a source, reading the file if that is what it names. */
async function desiredOf(source: DesiredSource): Promise<Desired> {
  if ('config' in source) return { config: source.config, ...(source.desiredFile === undefined ? {} : { file: source.desiredFile }) };
  const loaded = await readConfigFile(source.file, source.cwd, source.env === undefined ? {} : { env: source.env });
  return { config: loaded.config, file: { path: source.file, text: loaded.text } };
}

/**
 * Lists every pool of the file and plans each against it; then reads the members of the groups whose
 * members a change drops, moves or gives new tokens, and of the groups with `members:` (only those),
 * counts them and plans the member changes. For a pool with `members:` it first asks how the pool
 * compares usernames, and it looks up every user to add: users the pool does not have (or names the
 * file gives that are not usernames) are an error before anything is applied.
 */
export async function planWith(api: GroupsApi, config: DesiredConfig, planning: Planning = {}): Promise<PlanOutcome> {
  const observed = await listPools(api, config.userPools.map((p) => ({ id: p.id, region: p.region })), planning.onReadProgress);
  const dropMembers = planning.dropMembers === true;
  const managing = config.userPools.filter((p) => p.groups.some((g) => g.members !== undefined));
  const caseSensitive = await usernameCaseByPool(api, managing.map((p) => ({ id: p.id, region: p.region })));
  const first = config.userPools.map((p) => computePoolPlan(p, observed.get(p.id) ?? [], { dropMembers }));
  const read = await Promise.all(
    config.userPools.map((p, i) => readMembers(api, { id: p.id, region: p.region }, memberReadsOf(first[i] as PoolPlan, p), planning.onMembersProgress)),
  );
  const members: MembersRead = new Map(config.userPools.map((p, i) => [p.id, read[i] ?? new Map<string, string[]>()]));
  const plan: Plan = {
    pools: config.userPools.map((p) =>
      computePoolPlan(p, observed.get(p.id) ?? [], { dropMembers, members: members.get(p.id) ?? new Map(), ...(caseSensitive.has(p.id) ? { caseSensitive: caseSensitive.get(p.id) } : {}) }),
    ),
    ...(dropMembers ? { dropMembers: true as const } : {}),
  };
  await checkUsersToAdd(api, plan, caseSensitive);
  const scoped = planning.accessScope === 'member-drift' ? { ...plan, pools: plan.pools.map(memberChangesOnly) } : plan;
  const access = await checkAccess(api, scoped, observed, members, caseSensitive, {
    check: planning.accessCheck !== false,
    sensitiveRoles: config.settings.sensitiveRoles ?? [],
    ...(planning.rates === undefined ? {} : { rates: planning.rates }),
    ...(planning.onAccessProgress === undefined ? {} : { onProgress: planning.onAccessProgress }),
  });
  const pools = plan.pools.map((p, i) => {
    const predicted = access.plan.pools[i]?.access;
    return predicted === undefined ? p : { ...p, access: predicted };
  });
  return { plan: { ...plan, pools }, observed, members, caseSensitive, accessReads: access.reads, accessClaims: access.claims };
}

/** Users shown by name in the error before the rest are only counted. */
const USERS_NAMED = 20;

/** Refuses (MEMBERS_INVALID) a plan that would add users the pool does not have, or names that are not usernames. */
async function checkUsersToAdd(api: GroupsApi, plan: Plan, caseSensitive: Map<string, boolean>): Promise<void> {
  const problems = (
    await Promise.all(
      plan.pools.map((pool) => {
        const sensitive = caseSensitive.get(pool.userPoolId) ?? true;
        const users = new Map<string, string>();
        for (const c of pool.changes) for (const u of ('members' in c ? c.members?.add : undefined) ?? []) users.set(usernameKey(u, sensitive), u);
        return checkUsers(api, { id: pool.userPoolId, region: pool.region }, [...users.values()], sensitive);
      }),
    )
  ).flat();
  if (problems.length === 0) return;
  const lines = problems.map((p) => (p.actually === undefined ? `${p.poolId}: no user ${JSON.stringify(p.username)}` : `${p.poolId}: ${JSON.stringify(p.username)} is not a username; the user's username is ${JSON.stringify(p.actually)}: write that`));
  const shown = lines.slice(0, USERS_NAMED);
  if (lines.length > USERS_NAMED) shown.push(`and ${lines.length - USERS_NAMED} more`);
  throw new CgError('MEMBERS_INVALID', `the groups file lists ${problems.length} member(s) the pools do not know by that username; nothing was planned (to try a file's members without AWS, --local creates the users the file names in its local emulator)`, { details: shown.map((l) => `  ${l}`) });
}

/** Lists the pools of the file and computes the plan. Read-only. */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  checkOptions('plan', PLAN_OPTIONS, options);
  return await withPlanned(options, async (config, session, outcome) => ({
    ...outcome,
    config,
    counts: session.api.counts,
    ...(session.credentials === undefined ? {} : { credentialCounts: session.credentials.counts }),
  }));
}

/**
 * The setup every run shares: the desired config, a session, the account check, and the plan; `use`
 * gets them while the session is open.
 */
export async function withPlanned<T>(options: PlanOptions, use: (config: DesiredConfig, session: Session, planned: PlanOutcome) => Promise<T>, held?: HeldDuringRun): Promise<T> {
  const desired = await desiredOf(options);
  const config = desired.config;
  const session = openSession(options, config.settings.maxRps);
  try {
    await checkAccount(session, config.environment, firstRegion(config));
    await held?.take(config, session);
    const planned = await planWith(session.api, config, { ...options, rates: session.rates });
    const credentials = session.credentials === undefined ? planned : await withCredentials(planned, session.credentials, config, options, desired.file);
    return await use(config, session, credentials);
  } finally {
    try {
      await held?.release();
    } finally {
      session.close();
    }
  }
}

/** What a run holds while its session is open (an apply's leases): taken after the account check and before the listing, released before the session closes however the run ends. */
export interface HeldDuringRun {
  take(config: DesiredConfig, session: Session): Promise<void>;
  release(): Promise<void>;
}

/** The region the account check asks STS in: the first pool's. */
function firstRegion(config: DesiredConfig): string {
  return config.userPools[0]?.region ?? 'us-east-1';
}

/**
 * The plan with its credentials check: which identity pools hand out roles from the tokens whose
 * claims it changes, and whose credentials change; whether the roles the file names can work.
 */
async function withCredentials(planned: PlanOutcome, api: CredentialsApi, config: DesiredConfig, planning: Planning, file: { path: string; text: string } | undefined): Promise<PlanOutcome> {
  const checked = await checkCredentials(api, config, planned.plan.pools, planned.accessClaims ?? new Map(), {
    check: planning.credentialsCheck !== false,
    ...(planning.checkAllRoles === true ? { allRoles: true } : {}),
    ...(file === undefined ? {} : { file: file.path, text: file.text }),
    ...(config.environment?.account === undefined ? {} : { account: config.environment.account }),
  });
  if (!checked.plan.checked) return planned;
  const pools = planned.plan.pools.map((p) => {
    const c = checked.pools.get(p.userPoolId);
    return c === undefined ? p : { ...p, credentials: c };
  });
  return { ...planned, plan: { ...planned.plan, pools, credentials: checked.plan }, ...(checked.read.regions.length === 0 ? {} : { credentialsRead: checked.read }) };
}
