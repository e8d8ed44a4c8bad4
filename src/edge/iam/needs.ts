// Which Cognito operations a command may call for a groups file, per pool: the least a policy must
// allow. Decided from the file alone (no call is made), so it covers every plan the file can lead to
// whatever the pools hold, and leaves out what no plan of this file can do. Pure.
import { OPERATIONS, type Operation } from '../cognito/port.js';
import type { DesiredConfig, DesiredPool } from '../../core/config/model.js';
import type { PolicyCommand } from './commands.js';

export { POLICY_COMMANDS, type PolicyCommand } from './commands.js';

/** The operations a command may call on one pool. */
export interface PoolNeeds {
  poolId: string;
  /** Where the requests go: the pool's `region:` or the part of its id before "_". */
  region: string;
  /** In OPERATIONS order. */
  operations: Operation[];
}

/** What a command needs for a groups file: operations per pool, and the roles it sets on groups. */
export interface Needs {
  command: PolicyCommand;
  /** In the file's order. */
  pools: PoolNeeds[];
  /** Role ARNs the file gives groups (apply only; sorted, each once): creating or updating a group with one may need iam:PassRole on it. */
  passRoles: string[];
  /**
   * The credentials check's reads (plan, apply and drift): the regions whose identity pools it lists,
   * describes and reads the roles of (sorted; empty for other commands).
   */
  identityPoolRegions: string[];
  /** The roles the credentials check reads with iam:GetRole: exactly the roles the file names (sorted, each once; empty for other commands). */
  getRoles: string[];
  /** drift (unless --no-attribution): CloudTrail's LookupEvents, to name who made each difference. */
  lookupEvents?: true;
}

/** What else shapes a command's needs. */
export interface NeedsOptions {
  /** Whether the command reads CloudTrail: drift does unless false (--no-attribution), plan only when true (--attribution). */
  attribution?: boolean;
}

/** The commands that run the credentials check. */
const CREDENTIAL_COMMANDS: ReadonlySet<PolicyCommand> = new Set<PolicyCommand>(['plan', 'apply', 'drift']);

/** The operations and roles `command` needs for `config`. */
export function needsOf(config: DesiredConfig, command: PolicyCommand, options: NeedsOptions = {}): Needs {
  const pools = config.userPools.map((p) => ({ poolId: p.id, region: p.region, operations: operationsFor(p, command) }));
  const roles = command === 'apply' ? config.userPools.flatMap((p) => p.groups.flatMap((g) => (g.roleArn === undefined ? [] : [g.roleArn]))) : [];
  const credentials = CREDENTIAL_COMMANDS.has(command);
  const fileRoles = config.userPools.flatMap((p) => p.groups.flatMap((g) => (g.roleArn === undefined ? [] : [g.roleArn])));
  return {
    command,
    pools,
    passRoles: [...new Set(roles)].sort(),
    identityPoolRegions: credentials ? [...new Set(config.userPools.map((p) => p.region))].sort() : [],
    getRoles: credentials ? [...new Set(fileRoles)].sort() : [],
    ...((command === 'drift' && options.attribution !== false) || (command === 'plan' && options.attribution === true) ? { lookupEvents: true as const } : {}),
  };
}

/** The operations `command` may call on one pool of the file. */
export function operationsFor(pool: DesiredPool, command: PolicyCommand): Operation[] {
  const ops = new Set<Operation>(readsOf(pool));
  // The access check of plan and apply: the pool's pre token generation trigger, and the groups of the users whose role claims may change.
  if (command === 'plan' || command === 'apply') for (const op of ACCESS_READS) ops.add(op);
  // Drift's access check: what members added or removed by hand did to their claims (pools with `members:` only).
  if (command === 'drift' && managesMembers(pool)) for (const op of ACCESS_READS) ops.add(op);
  if (command === 'apply') for (const op of writesOf(pool)) ops.add(op);
  return OPERATIONS.filter((op) => ops.has(op));
}

/**
 * What plan and drift read: every group (ListGroups), and the members of the groups a change drops,
 * moves or gives new tokens (ListUsersInGroup; any listed group can need that, depending on the pool).
 * Groups whose members the file manages also need the pool's username rules and the users looked up.
 */
function readsOf(pool: DesiredPool): Operation[] {
  const ops: Operation[] = ['ListGroups', 'ListUsersInGroup'];
  if (managesMembers(pool)) ops.push('DescribeUserPool', 'AdminGetUser');
  return ops;
}

/**
 * What apply writes besides the reads. Creates, updates and deletes always: every apply takes and
 * releases its lease (CreateGroup and DeleteGroup of the lock group; GetGroup and UpdateGroup to
 * renew or take it over), and IAM cannot scope a permission to one group. GetGroup also when a create
 * meets a group created meanwhile. Members are added when a replace keeps them, a rename moves them
 * or the file manages them; removed only when the file lists a group's exact members.
 */
function writesOf(pool: DesiredPool): Operation[] {
  const ops: Operation[] = ['GetGroup', 'CreateGroup', 'UpdateGroup', 'DeleteGroup'];
  const replaces = pool.groups.some((g) => g.roleArn === undefined || g.precedence === undefined);
  const renames = pool.groups.some((g) => (g.previously ?? []).length > 0);
  if (replaces || renames || managesMembers(pool)) ops.push('AdminAddUserToGroup');
  if (pool.groups.some((g) => g.members?.mode === 'exact')) ops.push('AdminRemoveUserFromGroup');
  return ops;
}

/** What the access check may read (any pool's plan can change a claim: a group without roleArn in the file is a replace of one with it). */
const ACCESS_READS: readonly Operation[] = ['DescribeUserPool', 'AdminListGroupsForUser'];

function managesMembers(pool: DesiredPool): boolean {
  return pool.groups.some((g) => g.members !== undefined);
}
