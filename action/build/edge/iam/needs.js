// Which Cognito operations a command may call for a groups file, per pool: the least a policy must
// allow. Decided from the file alone (no call is made), so it covers every plan the file can lead to
// whatever the pools hold, and leaves out what no plan of this file can do. Pure.
import { OPERATIONS } from '../cognito/port.js';
export { POLICY_COMMANDS } from './commands.js';
/** The commands that run the credentials check. */
const CREDENTIAL_COMMANDS = new Set(['plan', 'apply', 'drift']);
/** The operations and roles `command` needs for `config`. */
export function needsOf(config, command, options = {}) {
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
        ...((command === 'drift' && options.attribution !== false) || (command === 'plan' && options.attribution === true) ? { lookupEvents: true } : {}),
    };
}
/** The operations `command` may call on one pool of the file. */
export function operationsFor(pool, command) {
    const ops = new Set(readsOf(pool));
    // The access check of plan and apply: the pool's pre token generation trigger, and the groups of the users whose role claims may change.
    if (command === 'plan' || command === 'apply')
        for (const op of ACCESS_READS)
            ops.add(op);
    // Drift's access check: what members added or removed by hand did to their claims (pools with `members:` only).
    if (command === 'drift' && managesMembers(pool))
        for (const op of ACCESS_READS)
            ops.add(op);
    if (command === 'apply')
        for (const op of writesOf(pool))
            ops.add(op);
    return OPERATIONS.filter((op) => ops.has(op));
}
/**
 * What plan and drift read: every group (ListGroups), and the members of the groups a change drops,
 * moves or gives new tokens (ListUsersInGroup; any listed group can need that, depending on the pool).
 * Groups whose members the file manages also need the pool's username rules and the users looked up.
 */
function readsOf(pool) {
    const ops = ['ListGroups', 'ListUsersInGroup'];
    if (managesMembers(pool))
        ops.push('DescribeUserPool', 'AdminGetUser');
    return ops;
}
/**
 * What apply writes besides the reads. Creates, updates and deletes always: every apply takes and
 * releases its lease (CreateGroup and DeleteGroup of the lock group; GetGroup and UpdateGroup to
 * renew or take it over), and IAM cannot scope a permission to one group. GetGroup also when a create
 * meets a group created meanwhile. Members are added when a replace keeps them, a rename moves them
 * or the file manages them; removed only when the file lists a group's exact members.
 */
function writesOf(pool) {
    const ops = ['GetGroup', 'CreateGroup', 'UpdateGroup', 'DeleteGroup'];
    const replaces = pool.groups.some((g) => g.roleArn === undefined || g.precedence === undefined);
    const renames = pool.groups.some((g) => (g.previously ?? []).length > 0);
    if (replaces || renames || managesMembers(pool))
        ops.push('AdminAddUserToGroup');
    if (pool.groups.some((g) => g.members?.mode === 'exact'))
        ops.push('AdminRemoveUserFromGroup');
    return ops;
}
/** What the access check may read (any pool's plan can change a claim: a group without roleArn in the file is a replace of one with it). */
const ACCESS_READS = ['DescribeUserPool', 'AdminListGroupsForUser'];
function managesMembers(pool) {
    return pool.groups.some((g) => g.members !== undefined);
}
