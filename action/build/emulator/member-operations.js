// The membership operations: ListUsersInGroup, AdminListGroupsForUser, AdminAddUserToGroup and
// AdminRemoveUserFromGroup. Adding a member again and removing a non-member both succeed, as in
// Cognito; a user can be in at most MAX_GROUPS_PER_USER groups.
import { assertNever } from '../core/errors.js';
import { changed, findGroupIn, findPool, findUserIn, INVALID_TOKEN, invalid, isHandled, MISSING_REQUIRED, unchanged } from './handler.js';
import { int, str } from './input.js';
import { MAX_GROUPS_PER_USER } from './members.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { groupToWire, userToWire } from './shapes.js';
import { checkInteger, checkString, GROUP_NAME, MEMBERS_LIMIT, PAGINATION_TOKEN, USER_POOL_ID, USERNAME } from './validation.js';
import { errorReply, okReply } from './wire.js';
/**
 * ListUsersInGroup and AdminListGroupsForUser return this many items when Limit is omitted. The
 * service's default is undocumented; 60, the most a request may ask for, keeps pages few.
 */
export const DEFAULT_MEMBERS_LIMIT = 60;
function decodeAfter(token, salt) {
    if (token === undefined)
        return { after: undefined };
    const after = decodePageToken(token, salt);
    return after === undefined ? INVALID_TOKEN : { after };
}
export function listUsersInGroup(input, ctx) {
    const UserPoolId = str(input, 'UserPoolId');
    const GroupName = str(input, 'GroupName');
    const Limit = int(input, 'Limit');
    const NextToken = str(input, 'NextToken');
    const bad = invalid([
        ...checkString('userPoolId', UserPoolId, USER_POOL_ID, true),
        ...checkString('groupName', GroupName, GROUP_NAME, true),
        ...checkInteger('limit', Limit, MEMBERS_LIMIT),
        ...checkString('nextToken', NextToken, PAGINATION_TOKEN),
    ]);
    if (bad !== undefined || UserPoolId === undefined || GroupName === undefined)
        return bad ?? MISSING_REQUIRED;
    const pool = findPool(ctx, UserPoolId);
    if (isHandled(pool))
        return pool;
    const group = findGroupIn(ctx, pool, GroupName);
    if (isHandled(group))
        return group;
    // Bound to the group, so a token of one group's listing cannot continue another's.
    const salt = `${pool.salt}/ListUsersInGroup/${group.name}`;
    const from = decodeAfter(NextToken, salt);
    if (isHandled(from))
        return from;
    const page = pool.members.membersPage(group, from.after, Limit ?? DEFAULT_MEMBERS_LIMIT);
    const body = { Users: page.users.map(userToWire) };
    if (page.continueAfter !== undefined)
        body['NextToken'] = encodePageToken(salt, page.continueAfter);
    return unchanged(okReply(body));
}
export function adminListGroupsForUser(input, ctx) {
    const UserPoolId = str(input, 'UserPoolId');
    const Username = str(input, 'Username');
    const Limit = int(input, 'Limit');
    const NextToken = str(input, 'NextToken');
    const bad = invalid([
        ...checkString('username', Username, USERNAME, true),
        ...checkString('userPoolId', UserPoolId, USER_POOL_ID, true),
        ...checkInteger('limit', Limit, MEMBERS_LIMIT),
        ...checkString('nextToken', NextToken, PAGINATION_TOKEN),
    ]);
    if (bad !== undefined || UserPoolId === undefined || Username === undefined)
        return bad ?? MISSING_REQUIRED;
    const pool = findPool(ctx, UserPoolId);
    if (isHandled(pool))
        return pool;
    const user = findUserIn(pool, Username);
    if (isHandled(user))
        return user;
    const salt = `${pool.salt}/AdminListGroupsForUser/${user.sub}`;
    const from = decodeAfter(NextToken, salt);
    if (isHandled(from))
        return from;
    const page = pool.members.groupsPage(user, from.after, Limit ?? DEFAULT_MEMBERS_LIMIT);
    const body = { Groups: page.groups.map((g) => groupToWire(pool.id, g)) };
    if (page.continueAfter !== undefined)
        body['NextToken'] = encodePageToken(salt, page.continueAfter);
    return unchanged(okReply(body));
}
/** Validates a membership request and finds its pool, group and user (group before user, as cognito-local and moto check them). */
function findMembership(input, ctx) {
    const UserPoolId = str(input, 'UserPoolId');
    const Username = str(input, 'Username');
    const GroupName = str(input, 'GroupName');
    const bad = invalid([
        ...checkString('userPoolId', UserPoolId, USER_POOL_ID, true),
        ...checkString('username', Username, USERNAME, true),
        ...checkString('groupName', GroupName, GROUP_NAME, true),
    ]);
    if (bad !== undefined || UserPoolId === undefined || Username === undefined || GroupName === undefined)
        return bad ?? MISSING_REQUIRED;
    const pool = findPool(ctx, UserPoolId);
    if (isHandled(pool))
        return pool;
    const group = findGroupIn(ctx, pool, GroupName);
    if (isHandled(group))
        return group;
    const user = findUserIn(pool, Username);
    return isHandled(user) ? user : { pool, group, user };
}
export function addUserToGroup(input, ctx) {
    const found = findMembership(input, ctx);
    if (isHandled(found))
        return found;
    const result = found.pool.members.add(found.user, found.group);
    switch (result) {
        case 'added':
            return changed(okReply({}));
        case 'already-member':
            return unchanged(okReply({}));
        case 'user-group-limit':
            return unchanged(errorReply('LimitExceededException', `User ${found.user.username} is already in the maximum number of groups (${MAX_GROUPS_PER_USER}).`));
        default:
            return assertNever(result);
    }
}
export function removeUserFromGroup(input, ctx) {
    const found = findMembership(input, ctx);
    if (isHandled(found))
        return found;
    const removed = found.pool.members.remove(found.user, found.group);
    return removed ? changed(okReply({})) : unchanged(okReply({}));
}
