import { usernameKey } from '../../core/plan/member-changes.js';
/** Users looked up at once; pacing (AdminGetUser's quota), not this, sets the rate. */
const LOOKUP_CONCURRENCY = 8;
/** Whether each pool compares usernames case-sensitively (DescribeUserPool), keyed by pool id: asked of the pool, never assumed. */
export async function usernameCaseByPool(api, pools) {
    return new Map(await Promise.all(pools.map(async (p) => [p.id, (await api.describePool(p)).caseSensitiveUsernames])));
}
/**
 * Looks up each user (AdminGetUser) and returns those the pool does not have, and those the file
 * names by an alias or sub rather than by their username (the name ListUsersInGroup returns, which
 * the plan compares with): applying either would fail or never settle.
 */
export async function checkUsers(api, pool, usernames, caseSensitive) {
    const problems = new Array(usernames.length);
    let next = 0;
    let failure;
    const worker = async () => {
        while (failure === undefined && next < usernames.length) {
            const i = next++;
            const username = usernames[i];
            try {
                const found = await api.getUser(pool, username);
                if (found === undefined)
                    problems[i] = { poolId: pool.id, username };
                else if (usernameKey(found, caseSensitive) !== usernameKey(username, caseSensitive))
                    problems[i] = { poolId: pool.id, username, actually: found };
            }
            catch (err) {
                failure ??= err;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, usernames.length) }, worker));
    if (failure !== undefined)
        throw failure;
    return problems.filter((p) => p !== undefined);
}
