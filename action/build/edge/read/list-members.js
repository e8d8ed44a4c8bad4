import { CgError } from '../../core/errors.js';
import { MAX_EMPTY_PAGES } from './list-pool.js';
/** Groups whose members are read at once; pacing (ListUsersInGroup's quota), not this, sets the rate. */
const READ_CONCURRENCY = 4;
/**
 * The most members one group's listing may give: far above the groups this tool is for (its
 * membership quotas read about 1,800 members a second, so this is about twenty minutes of listing),
 * and a bound on memory against a server that hands out new users and NextTokens forever.
 */
export const MAX_MEMBERS_LISTED = 2_000_000;
/**
 * Every member of a group (usernames as the pool lists them), page by page; none when the group does
 * not exist. A listing that cannot be a real one is refused (AWS_BAD_RESPONSE): a token seen twice, a
 * user listed twice, empty pages without end, or more than MAX_MEMBERS_LISTED members.
 */
export async function membersOf(api, pool, group, onPage) {
    const refuse = (why) => new CgError('AWS_BAD_RESPONSE', `ListUsersInGroup on user pool ${pool.id} (${pool.region}) for group ${JSON.stringify(group)} ${why}; the listing cannot be trusted`);
    const users = [];
    const seenUsers = new Set();
    const seenTokens = new Set();
    let token;
    let emptyInARow = 0;
    try {
        do {
            const page = await api.listMembersPage(pool, group, token);
            emptyInARow = page.usernames.length === 0 ? emptyInARow + 1 : 0;
            for (const u of page.usernames) {
                if (seenUsers.has(u))
                    throw refuse(`listed ${JSON.stringify(u)} twice`);
                seenUsers.add(u);
                users.push(u);
            }
            onPage?.(page.usernames.length);
            if (users.length > MAX_MEMBERS_LISTED)
                throw refuse(`listed more than ${MAX_MEMBERS_LISTED.toLocaleString('en-US')} members (the most this tool reads in one group)`);
            token = page.nextToken;
            if (token !== undefined) {
                if (seenTokens.has(token))
                    throw refuse('returned the same NextToken twice');
                if (emptyInARow >= MAX_EMPTY_PAGES)
                    throw refuse(`returned ${MAX_EMPTY_PAGES} empty pages in a row, each with a new NextToken`);
                seenTokens.add(token);
            }
        } while (token !== undefined);
    }
    catch (err) {
        if (err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND')
            return [];
        throw err;
    }
    return users;
}
/** The members of several groups of one pool, a few groups at a time; keyed by group name. */
export async function readMembers(api, pool, groups, onProgress) {
    const out = new Map();
    let next = 0;
    let members = 0;
    const report = () => onProgress?.({ poolId: pool.id, groupsRead: out.size, groupsTotal: groups.length, members });
    let failed = false;
    const worker = async () => {
        // After a failure no worker starts another group: the whole read fails with the first error.
        while (!failed && next < groups.length) {
            const group = groups[next++];
            try {
                const users = await membersOf(api, pool, group, (more) => {
                    members += more;
                    report();
                });
                out.set(group, users);
            }
            catch (err) {
                failed = true;
                throw err;
            }
            report();
        }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, groups.length) }, worker));
    // In the order asked for, whatever order the reads finished in.
    return new Map(groups.map((g) => [g, out.get(g) ?? []]));
}
