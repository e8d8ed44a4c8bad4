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

/** Run settings the file may carry. */
export interface FileSettings {
  maxRps?: number;
  /** Seconds an apply's lease on a pool lasts (renewed at half of it). */
  lockSeconds?: number;
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

/** The region a pool id names: the part before the first underscore. */
export function regionOfPoolId(poolId: string): string {
  const i = poolId.indexOf('_');
  return i < 0 ? poolId : poolId.slice(0, i);
}

/** Whether a group is one Cognito creates for a federated identity provider: `<poolId>_<Provider>`. */
export function isProviderGroup(poolId: string, groupName: string): boolean {
  return groupName.length > poolId.length + 1 && groupName.startsWith(`${poolId}_`);
}
