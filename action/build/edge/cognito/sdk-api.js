import { AdminAddUserToGroupCommand, AdminGetUserCommand, AdminListGroupsForUserCommand, AdminRemoveUserFromGroupCommand, CognitoIdentityProviderClient, CreateGroupCommand, DeleteGroupCommand, DescribeUserPoolCommand, GetGroupCommand, ListGroupsCommand, ListUsersInGroupCommand, UpdateGroupCommand, } from '@aws-sdk/client-cognito-identity-provider';
import { clientConfig, CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from './client-config.js';
import { callError } from './call-error.js';
import { badAnswer, groupOf, groupPageOf, memberPageOf, poolSettingsOf, userGroupsPageOf, usernameOf } from './response.js';
/** The page size the tool always asks for: the largest ListGroups allows. */
const LIST_PAGE_SIZE = 60;
/** How long a call may still wait for its answer after a stop: enough for any answer Cognito gives. */
const STOP_GRACE_MS = 3_000;
/** After this long past a stop, every call still waiting is abandoned, however it started. */
const STOP_DEADLINE_MS = 8_000;
/** The port implemented with the AWS SDK v3; retries are left to the caller (maxAttempts 1). */
export class SdkGroupsApi {
    options;
    clients = new Map();
    timeoutMs;
    stoppedAt;
    constructor(options = {}) {
        this.options = options;
        this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
        options.signal?.addEventListener('abort', () => (this.stoppedAt = performance.now()), { once: true });
    }
    async listGroupsPage(pool, nextToken) {
        const out = await this.send('ListGroups', pool, undefined, (c, abortSignal) => c.send(new ListGroupsCommand({ UserPoolId: pool.id, Limit: LIST_PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }), { abortSignal }));
        return groupPageOf(out, where('ListGroups', pool));
    }
    async getGroup(pool, name) {
        try {
            const out = await this.send('GetGroup', pool, name, (c, abortSignal) => c.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: name }), { abortSignal }));
            if (out.Group === undefined || out.Group === null)
                throw badAnswer(where('GetGroup', pool), 'no Group');
            return groupOf(out.Group, where('GetGroup', pool), 'Group');
        }
        catch (err) {
            if (err instanceof Error && 'code' in err && err.code === 'AWS_GROUP_NOT_FOUND')
                return undefined;
            throw err;
        }
    }
    async createGroup(pool, group) {
        await this.send('CreateGroup', pool, group.name, (c, abortSignal) => c.send(new CreateGroupCommand({ ...groupInput(pool, group), ...(group.description === undefined ? {} : { Description: group.description }) }), { abortSignal }));
    }
    async updateGroup(pool, group) {
        // Every managed field is sent, so the result is the same whether Cognito keeps or resets omitted
        // fields (cognito-contract.md): "" clears a description. RoleArn and Precedence cannot be
        // cleared: the planner replaces instead.
        await this.send('UpdateGroup', pool, group.name, (c, abortSignal) => c.send(new UpdateGroupCommand({ ...groupInput(pool, group), Description: group.description ?? '' }), { abortSignal }));
    }
    async deleteGroup(pool, name) {
        await this.send('DeleteGroup', pool, name, (c, abortSignal) => c.send(new DeleteGroupCommand({ UserPoolId: pool.id, GroupName: name }), { abortSignal }));
    }
    async listMembersPage(pool, group, nextToken) {
        const out = await this.send('ListUsersInGroup', pool, group, (c, abortSignal) => c.send(new ListUsersInGroupCommand({ UserPoolId: pool.id, GroupName: group, Limit: LIST_PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }), { abortSignal }));
        return memberPageOf(out, where('ListUsersInGroup', pool));
    }
    async addMember(pool, group, username) {
        await this.send('AdminAddUserToGroup', pool, group, (c, abortSignal) => c.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.id, GroupName: group, Username: username }), { abortSignal }), username);
    }
    async removeMember(pool, group, username) {
        await this.send('AdminRemoveUserFromGroup', pool, group, (c, abortSignal) => c.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool.id, GroupName: group, Username: username }), { abortSignal }), username);
    }
    async getUser(pool, username) {
        try {
            const out = await this.send('AdminGetUser', pool, undefined, (c, abortSignal) => c.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: username }), { abortSignal }), username);
            return usernameOf(out, where('AdminGetUser', pool));
        }
        catch (err) {
            if (err instanceof Error && 'code' in err && err.code === 'AWS_USER_NOT_FOUND')
                return undefined;
            throw err;
        }
    }
    /** The user's sub (AdminGetUser), or undefined when no such user exists: CloudTrail names users by sub. */
    async userSub(pool, username) {
        try {
            const out = await this.send('AdminGetUser', pool, undefined, (c, abortSignal) => c.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: username }), { abortSignal }), username);
            const sub = out.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
            return typeof sub === 'string' && sub !== '' ? sub : undefined;
        }
        catch (err) {
            if (err instanceof Error && 'code' in err && err.code === 'AWS_USER_NOT_FOUND')
                return undefined;
            throw err;
        }
    }
    async listUserGroupsPage(pool, username, nextToken) {
        const out = await this.send('AdminListGroupsForUser', pool, undefined, (c, abortSignal) => c.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: username, Limit: LIST_PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }), { abortSignal }), username);
        return userGroupsPageOf(out, where('AdminListGroupsForUser', pool));
    }
    async describePool(pool) {
        const out = await this.send('DescribeUserPool', pool, undefined, (c, abortSignal) => c.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }), { abortSignal }));
        return poolSettingsOf(out, where('DescribeUserPool', pool));
    }
    /** Closes the HTTP connections of every client made. */
    destroy() {
        for (const c of this.clients.values())
            c.destroy();
        this.clients.clear();
    }
    async send(op, pool, groupName, call, username) {
        const abandon = this.abandonment(op);
        try {
            return await call(this.client(pool.region), abandon.signal);
        }
        catch (err) {
            throw callError(op, pool, failureOf(err, this.timeoutMs, abandon.signal.aborted), groupName, username);
        }
        finally {
            abandon.release();
        }
    }
    /** An abort for one call: at once for a read after a stop, after the grace for a write, and never later than the deadline. */
    abandonment(op) {
        const controller = new AbortController();
        const stop = this.options.signal;
        if (stop === undefined)
            return { signal: controller.signal, release: () => undefined };
        let timer;
        const arm = () => {
            const now = performance.now();
            const stoppedAt = this.stoppedAt ?? now;
            // Listing the groups is never part of finishing a change, so it is dropped at once. Every other call
            // may be finishing one (a replace putting members back reads the holding group), so it gets the grace.
            const grace = op === 'ListGroups' ? 0 : STOP_GRACE_MS;
            const wait = Math.max(0, Math.min(grace, stoppedAt + STOP_DEADLINE_MS - now));
            timer = setTimeout(() => controller.abort(), wait);
            timer.unref?.();
        };
        if (stop.aborted)
            arm();
        else
            stop.addEventListener('abort', arm, { once: true });
        return {
            signal: controller.signal,
            release: () => {
                stop.removeEventListener('abort', arm);
                if (timer !== undefined)
                    clearTimeout(timer);
            },
        };
    }
    client(region) {
        let c = this.clients.get(region);
        if (c === undefined) {
            c = new CognitoIdentityProviderClient(clientConfig(this.options, region, { userAgent: true }));
            this.clients.set(region, c);
        }
        return c;
    }
}
function where(op, pool) {
    return `${op} on user pool ${pool.id} (${pool.region})`;
}
/** The request fields CreateGroup and UpdateGroup share. */
function groupInput(pool, group) {
    return {
        UserPoolId: pool.id,
        GroupName: group.name,
        ...(group.precedence === undefined ? {} : { Precedence: group.precedence }),
        ...(group.roleArn === undefined ? {} : { RoleArn: group.roleArn }),
    };
}
function failureOf(err, timeoutMs, abandoned) {
    if (!(err instanceof Error))
        return { name: 'Error', message: String(err) };
    const meta = err.$metadata;
    const errno = err.code;
    if (abandoned)
        return { name: 'Abandoned', message: 'stopped while waiting for the answer' };
    const failure = { name: err.name, message: err.message };
    if (err.name === 'TimeoutError') {
        failure.message = /establish a connection/.test(err.message) ? `could not connect within ${seconds(Math.min(timeoutMs, CONNECT_TIMEOUT_MS))}` : `no answer within ${seconds(timeoutMs)}`;
    }
    // A body the SDK could not read as JSON (an HTML page, a truncated answer).
    if (err.name === 'SyntaxError' || /Deserialization error/.test(err.message)) {
        failure.name = 'BadResponse';
        failure.message = (err.message.split('\n')[0] ?? '').trim();
    }
    if (meta?.httpStatusCode !== undefined)
        failure.status = meta.httpStatusCode;
    if (typeof errno === 'string')
        failure.errno = errno;
    return failure;
}
function seconds(ms) {
    return `${Number((ms / 1000).toFixed(3))} s`;
}
