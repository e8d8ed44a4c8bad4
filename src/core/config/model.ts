/** The managed fields of a group; an absent field means the group must not have it. */
export interface GroupFields {
  description?: string;
  precedence?: number;
  roleArn?: string;
}

/** A group the file asks for. */
export interface DesiredGroup extends GroupFields {
  name: string;
  /** Names the group had before: a group found under one of them is renamed, its members moved. */
  previously?: string[];
  /** The members the file manages; absent, the group's membership is never read or touched. */
  members?: DesiredMembers;
  /** Known differences drift reports as acknowledged until their date (apply still reverts them). */
  acknowledge?: Acknowledgement[];
}

/** What an acknowledgement may cover: one managed field, or the group's members. */
export type AcknowledgedField = 'description' | 'precedence' | 'roleArn' | 'members';

/** A known difference the file allows until a date: drift lists it apart, and from `until` on it is drift again. */
export interface Acknowledgement {
  field: AcknowledgedField;
  reason: string;
  /** An ISO 8601 calendar date (YYYY-MM-DD, UTC): the first day the difference is drift again. */
  until: string;
}

/** Members a file asks a group to have: exactly these users, or at least these. */
export interface DesiredMembers {
  /** `exact`: these users and no others (others are removed); `include`: these users are added, nobody is removed. */
  mode: 'exact' | 'include';
  /** Usernames as Cognito knows them (or an alias, or the sub), in file order. */
  users: string[];
}

/** The prefix of the groups this tool keeps in a pool while it moves members (reserved: a file may not name one). */
export const RESERVED_PREFIX = 'cognito-groups.';

/** Most members a group may list in the file. */
export const MAX_MEMBERS_LISTED = 10_000;

/** Most groups a user may be in (Cognito's quota), so the most a file may list a user in. */
export const MAX_GROUPS_PER_USER = 100;

/** What to do with groups in a pool that the file does not list. */
export type UnmanagedPolicy = 'keep' | 'delete';

/** One user pool of the file and the groups it must have. */
export interface DesiredPool {
  id: string;
  region: string;
  unmanagedGroups: UnmanagedPolicy;
  groups: DesiredGroup[];
}

/**
 * The one range of requests per second a run may be limited to, for `settings.maxRps` (the schema
 * holds the same bounds; a test keeps them equal) and `--max-rps` alike.
 */
export const MAX_RPS_RANGE = { min: 0.1, max: 1000 } as const;

/** Whether a number is a request rate a run may be limited to (MAX_RPS_RANGE). */
export function isMaxRps(n: number): boolean {
  return Number.isFinite(n) && n >= MAX_RPS_RANGE.min && n <= MAX_RPS_RANGE.max;
}

/** Run settings the file may carry. */
export interface FileSettings {
  maxRps?: number;
  /** Seconds an apply's lease on a pool lasts (renewed at half of it). */
  lockSeconds?: number;
  /** Role ARNs (or patterns with `*`) whose every new holder `apply` refuses unless `--allow-role-changes`. */
  sensitiveRoles?: string[];
}

/** The environment a config was read as, for a file with `environments:`. */
export interface EnvironmentRef {
  name: string;
  /** The AWS account its pools live in: credentials of another account are refused. */
  account?: string;
}

/** A validated groups file (for a file with environments, as one environment sees it). */
export interface DesiredConfig {
  version: 1;
  settings: FileSettings;
  userPools: DesiredPool[];
  environment?: EnvironmentRef;
}

/** A user pool id's shape, as the schema's `userPoolId` has it (a test keeps them equal). */
export const POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/;

/** An AWS region's shape, as the schema's `region` has it (a test keeps them equal). */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;

/** Why a pool id names no region (the part before "_" is not one), or undefined when it does. */
export function poolIdRegionProblem(poolId: string): string | undefined {
  const region = regionOfPoolId(poolId);
  return REGION_PATTERN.test(region) ? undefined : `the part before "_" (${JSON.stringify(region)}) is not an AWS region such as eu-west-1; a user pool id is <region>_<letters and digits>`;
}

/** The region a pool id names: the part before the first underscore. */
export function regionOfPoolId(poolId: string): string {
  const i = poolId.indexOf('_');
  return i < 0 ? poolId : poolId.slice(0, i);
}

/** Whether a group is one Cognito creates for a federated identity provider: `<poolId>_<Provider>`. */
export function isProviderGroup(poolId: string, groupName: string): boolean {
  return groupName.length > poolId.length + 1 && groupName.startsWith(`${poolId}_`);
}
