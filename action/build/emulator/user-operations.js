// The user operations: AdminCreateUser, AdminGetUser, AdminDeleteUser and ListUsers. A user is named
// by its username (compared as the pool compares usernames) or by its sub.
import { assertNever } from '../core/errors.js';
import { changed, findPool, findUserIn, INVALID_TOKEN, invalid, isHandled, MISSING_REQUIRED, unchanged } from './handler.js';
import { attributeList, int, str } from './input.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { attributesToWire, userToWire } from './shapes.js';
import { checkAttributeConstraints, schemaProblem, toUserAttributes } from './user-attributes.js';
import { parseUserFilter } from './user-filter.js';
import { checkInteger, checkString, LIST_USERS_LIMIT, PAGINATION_TOKEN, USER_FILTER, USER_POOL_ID, USERNAME } from './validation.js';
import { epochSeconds, errorReply, okReply } from './wire.js';
/** ListUsers returns this many users when Limit is omitted or 0 (the model's maximum; the service's default is undocumented). */
export const DEFAULT_LIST_USERS_LIMIT = 60;
/**
 * Users a filtered ListUsers page examines at most. Cognito's filtered pages can hold fewer users
 * than the limit, even none, and still carry a token (API reference, ListUsers); the emulator does
 * the same rather than scan the whole pool for a rare match.
 */
export const FILTER_SCAN_PER_PAGE = 1_000;
/** Validates a (UserPoolId, Username) pair and finds the user, or the reply explaining why not. */
function findUser(input, ctx) {
    const UserPoolId = str(input, 'UserPoolId');
    const Username = str(input, 'Username');
    const bad = invalid([...checkString('userPoolId', UserPoolId, USER_POOL_ID, true), ...checkString('username', Username, USERNAME, true)]);
    if (bad !== undefined || UserPoolId === undefined || Username === undefined)
        return bad ?? MISSING_REQUIRED;
    const pool = findPool(ctx, UserPoolId);
    if (isHandled(pool))
        return pool;
    const user = findUserIn(pool, Username);
    return isHandled(user) ? user : { pool, user };
}
export function adminCreateUser(input, ctx) {
    const UserPoolId = str(input, 'UserPoolId');
    const Username = str(input, 'Username');
    const attributes = attributeList(input, 'UserAttributes');
    const bad = invalid([
        ...checkString('userPoolId', UserPoolId, USER_POOL_ID, true),
        ...checkString('username', Username, USERNAME, true),
        ...checkAttributeConstraints(attributes),
    ]);
    if (bad !== undefined || UserPoolId === undefined || Username === undefined)
        return bad ?? MISSING_REQUIRED;
    const pool = findPool(ctx, UserPoolId);
    if (isHandled(pool))
        return pool;
    const schema = schemaProblem(attributes);
    if (schema !== undefined)
        return unchanged(errorReply('InvalidParameterException', schema));
    if (pool.users.byUsername(Username) !== undefined)
        return unchanged(errorReply('UsernameExistsException', 'User account already exists.'));
    let sub = ctx.newSub();
    while (pool.users.bySubValue(sub) !== undefined)
        sub = ctx.newSub();
    const user = pool.users.add({ username: Username, sub, attributes: toUserAttributes(attributes), creationDate: ctx.now });
    if (user === undefined)
        return unchanged(errorReply('UsernameExistsException', 'User account already exists.'));
    return changed(okReply({ User: userToWire(user) }));
}
export function adminGetUser(input, ctx) {
    const found = findUser(input, ctx);
    if (isHandled(found))
        return found;
    const u = found.user;
    return unchanged(okReply({
        Username: u.username,
        UserAttributes: attributesToWire(u),
        UserCreateDate: epochSeconds(u.creationDate),
        UserLastModifiedDate: epochSeconds(u.lastModifiedDate),
        Enabled: u.enabled,
        UserStatus: u.status,
    }));
}
export function adminDeleteUser(input, ctx) {
    const found = findUser(input, ctx);
    if (isHandled(found))
        return found;
    ctx.store.deleteUser(found.pool, found.user);
    return changed(okReply({}));
}
/** Tokens of a listing are bound to the pool and to the filter they continue. */
function listUsersSalt(pool, filter) {
    return `${pool.salt}/ListUsers/${filter}`;
}
/** One page of users matching a scanning filter, examining at most FILTER_SCAN_PER_PAGE users. */
function scanPage(pool, test, after, limit) {
    const users = [];
    let examined = 0;
    let lastExamined;
    for (const u of pool.users.order.valuesAfter(after)) {
        // A full page, or the scan budget spent, with this user still to look at: continue after the last one examined.
        if (users.length === limit || examined === FILTER_SCAN_PER_PAGE)
            return { users, continueAfter: lastExamined ?? after };
        examined++;
        lastExamined = u.sortKey;
        if (test(u))
            users.push(u);
    }
    return { users, continueAfter: undefined };
}
function lookupPage(user) {
    return { users: user === undefined ? [] : [user], continueAfter: undefined };
}
function filteredPage(pool, filter, after, limit) {
    if (filter === undefined) {
        const page = pool.users.order.page(after, limit);
        return { users: page.items, continueAfter: page.continueAfter };
    }
    switch (filter.kind) {
        case 'username':
            return lookupPage(after === undefined ? pool.users.byUsername(filter.value) : undefined);
        case 'sub':
            return lookupPage(after === undefined ? pool.users.bySubValue(filter.value) : undefined);
        case 'scan':
            return scanPage(pool, filter.test, after, limit);
        default:
            return assertNever(filter);
    }
}
export function listUsers(input, ctx) {
    const UserPoolId = str(input, 'UserPoolId');
    const Limit = int(input, 'Limit');
    const PaginationToken = str(input, 'PaginationToken');
    const Filter = str(input, 'Filter');
    const bad = invalid([
        ...checkString('userPoolId', UserPoolId, USER_POOL_ID, true),
        ...checkInteger('limit', Limit, LIST_USERS_LIMIT),
        ...checkString('paginationToken', PaginationToken, PAGINATION_TOKEN),
        ...checkString('filter', Filter, USER_FILTER),
    ]);
    if (bad !== undefined || UserPoolId === undefined)
        return bad ?? MISSING_REQUIRED;
    const pool = findPool(ctx, UserPoolId);
    if (isHandled(pool))
        return pool;
    let filter;
    // An empty (or blank) filter lists every user, as the API reference says.
    if (Filter !== undefined && Filter.trim() !== '') {
        const parsed = parseUserFilter(Filter, (name) => pool.users.keyOf(name));
        if (!parsed.ok)
            return unchanged(errorReply('InvalidParameterException', parsed.message));
        filter = parsed.filter;
    }
    const salt = listUsersSalt(pool, filter === undefined ? '' : (Filter ?? ''));
    let after;
    if (PaginationToken !== undefined) {
        after = decodePageToken(PaginationToken, salt);
        if (after === undefined)
            return INVALID_TOKEN;
    }
    // Limit 0 is valid in the model; it is taken as "the default" so that a page is never empty for nothing.
    const limit = Limit === undefined || Limit === 0 ? DEFAULT_LIST_USERS_LIMIT : Limit;
    const page = filteredPage(pool, filter, after, limit);
    const body = { Users: page.users.map(userToWire) };
    if (page.continueAfter !== undefined)
        body['PaginationToken'] = encodePageToken(salt, page.continueAfter);
    return unchanged(okReply(body));
}
