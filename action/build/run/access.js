import { compareNames } from '../core/config/names.js';
import { chooseAccessRead } from '../core/access/read-choice.js';
import { accessNeeds, predictAccess } from '../core/access/transitions.js';
import { groupsFromMembers } from '../core/access/recompute.js';
import { membersOf } from '../edge/read/list-members.js';
import { groupsOfUsers } from '../edge/read/user-groups.js';
import { COGNITO_RATES } from '../edge/pacing/rates.js';
/** Groups whose members are read at once; pacing (ListUsersInGroup's quota, 30/s), not this, sets the rate. */
const GROUP_READ_CONCURRENCY = 16;
/**
 * Predicts, for every pool with a change that can alter a claim, whose claims change and how: asks
 * DescribeUserPool for a pre token generation trigger, reads the groups of the users whose role
 * claims may change the faster way, and puts the prediction on the pool. A pool with no such change
 * costs no call.
 */
export async function checkAccess(api, plan, observed, members, caseSensitive, checking) {
    const reads = new Map();
    const claims = new Map();
    const pools = await Promise.all(plan.pools.map(async (pool) => {
        const listing = observed.get(pool.userPoolId) ?? [];
        const read = members.get(pool.userPoolId) ?? new Map();
        const sensitive = caseSensitive.get(pool.userPoolId) ?? true;
        const needs = accessNeeds(pool, listing, read, sensitive);
        if (!needs.changesClaims)
            return pool;
        if (!checking.check)
            return { ...pool, access: { checked: false } };
        const ref = { id: pool.userPoolId, region: pool.region };
        const trigger = (await api.describePool(ref)).preTokenTrigger;
        const found = await readGroupsOfUsers(api, ref, needs.roleUsers, needs.roleGroups, read, checking.rates ?? COGNITO_RATES, sensitive, checking.via, checking.onProgress);
        reads.set(pool.userPoolId, found.read);
        const prediction = predictAccess({ pool, observed: listing, members: found.members, caseSensitive: sensitive, groupsOf: found.groupsOf, sensitiveRoles: checking.sensitiveRoles });
        const access = { checked: true, via: found.read.via, reads: found.calls, users: prediction.users, transitions: prediction.transitions, ...(trigger === undefined ? {} : { trigger }) };
        if (prediction.claims.length > 0)
            claims.set(pool.userPoolId, prediction.claims);
        return { ...pool, access };
    }));
    return { plan: { ...plan, pools }, reads, claims };
}
/** Reads the groups of `users` the faster way; reads nothing when the plan's own reads tell them already. */
async function readGroupsOfUsers(api, pool, users, roleGroups, read, rates, caseSensitive, force, onProgress) {
    const unread = roleGroups.filter((g) => !read.has(g));
    const choice = chooseAccessRead({
        unreadRoleGroups: unread.length,
        readRoleGroupSizes: roleGroups.filter((g) => read.has(g)).map((g) => read.get(g)?.length ?? 0),
        users: users.length,
        rates: { userList: rates.userList, userRead: rates.userRead, ...(rates.maxRps === undefined ? {} : { maxRps: rates.maxRps }) },
    });
    switch (choice.via === 'plan-reads' ? choice.via : (force ?? choice.via)) {
        case 'plan-reads':
            return { read: { via: 'plan-reads' }, groupsOf: groupsFromMembers(users, roleGroups, read, caseSensitive), members: read, calls: 0 };
        case 'group-members': {
            const { lists, pages } = await readGroupMembers(api, pool, unread, (done) => onProgress?.({ poolId: pool.id, via: 'group-members', done, total: unread.length }));
            const all = new Map([...read, ...lists]);
            return {
                read: { via: 'group-members', members: [...lists].sort(([a], [b]) => compareNames(a, b)).map(([group, usernames]) => ({ group, usernames: [...usernames].sort(compareNames) })) },
                groupsOf: groupsFromMembers(users, roleGroups, all, caseSensitive),
                members: read,
                calls: pages,
            };
        }
        case 'user-groups': {
            const { groups, pages } = await groupsOfUsers(api, pool, users, (done) => onProgress?.({ poolId: pool.id, via: 'user-groups', done, total: users.length }));
            return {
                read: { via: 'user-groups', users: [...groups].map(([username, gs]) => ({ username, groups: [...gs].sort(compareNames) })) },
                groupsOf: groups,
                members: read,
                calls: pages,
            };
        }
    }
}
/** The members of each group, a few groups at a time, with the pages read. */
export async function readGroupMembers(api, pool, groups, onGroup) {
    const lists = new Map();
    let next = 0;
    let pages = 0;
    let failure;
    const worker = async () => {
        while (failure === undefined && next < groups.length) {
            const group = groups[next++];
            try {
                lists.set(group, await membersOf(api, pool, group, () => pages++));
                onGroup?.(lists.size);
            }
            catch (err) {
                failure ??= err;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(GROUP_READ_CONCURRENCY, groups.length) }, worker));
    if (failure !== undefined)
        throw failure;
    return { lists: new Map(groups.map((g) => [g, lists.get(g) ?? []])), pages };
}
/** What each checked pool's access check of a saved plan read, read again now (the same groups, or the same users, and the pool's trigger), by pool id. */
export async function readAccessAgain(api, doc) {
    const out = new Map();
    await Promise.all(doc.pools.map(async (pool) => {
        if (pool.access?.checked !== true)
            return;
        const read = pool.accessRead;
        const ref = { id: pool.userPoolId, region: pool.region };
        const trigger = (await api.describePool(ref)).preTokenTrigger ?? null;
        if (read === undefined || read.via === 'plan-reads') {
            out.set(pool.userPoolId, { trigger });
        }
        else if (read.via === 'group-members') {
            const { lists } = await readGroupMembers(api, ref, read.members.map((m) => m.group));
            out.set(pool.userPoolId, { trigger, read: { via: 'group-members', members: [...lists].map(([group, usernames]) => ({ group, usernames: [...usernames].sort(compareNames) })) } });
        }
        else {
            const { groups } = await groupsOfUsers(api, ref, read.users.map((u) => u.username));
            out.set(pool.userPoolId, { trigger, read: { via: 'user-groups', users: [...groups].map(([username, gs]) => ({ username, groups: [...gs].sort(compareNames) })) } });
        }
    }));
    return out;
}
