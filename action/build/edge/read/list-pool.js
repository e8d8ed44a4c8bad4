import { compareNames, nameKey } from '../../core/config/names.js';
import { CgError } from '../../core/errors.js';
/** Cognito's hard quota of groups in one pool: a listing that goes beyond it is not a real pool's. */
const MAX_GROUPS_PER_POOL = 10_000;
/** Pages one listing may take (a page holds at least one group, except an empty pool's only page). */
const MAX_LIST_PAGES = MAX_GROUPS_PER_POOL + 1;
/** Empty pages in a row that still carry a NextToken before the listing is refused. */
export const MAX_EMPTY_PAGES = 100;
/**
 * Every group of a pool: one ListGroups page stream (Limit 60) to the end, sorted by name. A listing
 * that cannot be a real pool's is refused (AWS_BAD_RESPONSE): a token seen twice, more groups than
 * the 10,000 quota, too many pages or empty pages, a group listed twice or two names equal ignoring case.
 */
export async function listPool(api, pool, onProgress) {
    const where = `ListGroups on user pool ${pool.id} (${pool.region})`;
    const refuse = (why) => new CgError('AWS_BAD_RESPONSE', `${where} ${why}; the listing cannot be trusted, so nothing was planned from it`);
    const groups = [];
    const byKey = new Map();
    const seenTokens = new Set();
    let token;
    let pages = 0;
    let emptyInARow = 0;
    do {
        const page = await api.listGroupsPage(pool, token);
        pages++;
        emptyInARow = page.groups.length === 0 ? emptyInARow + 1 : 0;
        for (const g of page.groups) {
            const earlier = byKey.get(nameKey(g.name));
            if (earlier === g.name)
                throw refuse(`listed ${JSON.stringify(g.name)} twice`);
            if (earlier !== undefined)
                throw refuse(`listed ${JSON.stringify(earlier)} and ${JSON.stringify(g.name)}, names Cognito keeps unique ignoring case`);
            byKey.set(nameKey(g.name), g.name);
            groups.push(g);
        }
        if (groups.length > MAX_GROUPS_PER_POOL)
            throw refuse(`went on past ${MAX_GROUPS_PER_POOL.toLocaleString('en-US')} groups, more than a pool can hold`);
        token = page.nextToken;
        if (token !== undefined) {
            if (seenTokens.has(token))
                throw refuse('returned the same NextToken twice');
            if (pages >= MAX_LIST_PAGES)
                throw refuse(`went on past ${MAX_LIST_PAGES.toLocaleString('en-US')} pages`);
            if (emptyInARow >= MAX_EMPTY_PAGES)
                throw refuse(`returned ${MAX_EMPTY_PAGES} empty pages in a row, each with a new NextToken`);
            seenTokens.add(token);
        }
        onProgress?.({ poolId: pool.id, groups: groups.length, pages, done: token === undefined });
    } while (token !== undefined);
    return groups.sort((a, b) => compareNames(a.name, b.name));
}
/** Lists several pools at once (each its own page stream); keyed by pool id. */
export async function listPools(api, pools, onProgress) {
    const lists = await Promise.all(pools.map((p) => listPool(api, p, onProgress)));
    return new Map(pools.map((p, i) => [p.id, lists[i] ?? []]));
}
