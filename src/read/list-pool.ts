import type { GroupsApi, PoolRef } from '../cognito/port.js';
import { compareNames } from '../config/names.js';
import { CgError } from '../errors.js';
import type { ObservedGroup } from '../plan/model.js';

/** Progress of reading the pools: groups and pages read so far in one pool. */
export interface ReadProgress {
  poolId: string;
  groups: number;
  pages: number;
  done: boolean;
}

/** Every group of a pool: one ListGroups page stream (Limit 60) to the end, sorted by name. */
export async function listPool(api: GroupsApi, pool: PoolRef, onProgress?: (p: ReadProgress) => void): Promise<ObservedGroup[]> {
  const groups: ObservedGroup[] = [];
  const seenTokens = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await api.listGroupsPage(pool, token);
    pages++;
    for (const g of page.groups) groups.push(g);
    token = page.nextToken;
    if (token !== undefined) {
      if (seenTokens.has(token)) {
        throw new CgError('AWS_ERROR', `ListGroups on user pool ${pool.id} returned the same NextToken twice; stopping rather than looping`);
      }
      seenTokens.add(token);
    }
    onProgress?.({ poolId: pool.id, groups: groups.length, pages, done: token === undefined });
  } while (token !== undefined);
  return groups.sort((a, b) => compareNames(a.name, b.name));
}

/** Lists several pools at once (each its own page stream); keyed by pool id. */
export async function listPools(api: GroupsApi, pools: readonly PoolRef[], onProgress?: (p: ReadProgress) => void): Promise<Map<string, ObservedGroup[]>> {
  const lists = await Promise.all(pools.map((p) => listPool(api, p, onProgress)));
  return new Map(pools.map((p, i) => [p.id, lists[i] ?? []]));
}
