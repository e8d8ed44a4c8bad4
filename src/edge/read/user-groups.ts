import type { GroupsApi, PoolRef } from '../cognito/port.js';
import { CgError } from '../../core/errors.js';
import { MAX_EMPTY_PAGES } from './list-pool.js';

/**
 * Users read at once; pacing (AdminListGroupsForUser's quota, 50/s shared with AdminGetUser), not
 * this, sets the rate: enough calls in flight to keep that rate with answers that take a few hundred ms.
 */
const READ_CONCURRENCY = 32;

/** Groups a user can be in (Cognito's quota): a listing that goes past it is not a real one. */
const MAX_GROUPS_PER_USER = 100;

/**
 * Every group of a user (names as the pool has them), page by page, and the pages it took; none when
 * the user does not exist (deleted since the plan read it). A listing that cannot be a real one is
 * refused (AWS_BAD_RESPONSE): a token seen twice, a group listed twice, empty pages without end, or
 * more groups than a user can be in.
 */
export async function groupsOfUser(api: GroupsApi, pool: PoolRef, username: string): Promise<{ groups: string[]; pages: number }> {
  const refuse = (why: string): CgError =>
    new CgError('AWS_BAD_RESPONSE', `AdminListGroupsForUser on user pool ${pool.id} (${pool.region}) for user ${JSON.stringify(username)} ${why}; the listing cannot be trusted`);
  const groups: string[] = [];
  const seen = new Set<string>();
  const tokens = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  let emptyInARow = 0;
  try {
    do {
      // A call answered "no such user" is a read too.
      pages++;
      const page = await api.listUserGroupsPage(pool, username, token);
      emptyInARow = page.groups.length === 0 ? emptyInARow + 1 : 0;
      for (const g of page.groups) {
        if (seen.has(g)) throw refuse(`listed ${JSON.stringify(g)} twice`);
        seen.add(g);
        groups.push(g);
      }
      if (groups.length > MAX_GROUPS_PER_USER) throw refuse(`listed more than ${MAX_GROUPS_PER_USER} groups, more than a user can be in`);
      token = page.nextToken;
      if (token !== undefined) {
        if (tokens.has(token)) throw refuse('returned the same NextToken twice');
        if (emptyInARow >= MAX_EMPTY_PAGES) throw refuse(`returned ${MAX_EMPTY_PAGES} empty pages in a row, each with a new NextToken`);
        tokens.add(token);
      }
    } while (token !== undefined);
  } catch (err) {
    if (err instanceof CgError && err.code === 'AWS_USER_NOT_FOUND') return { groups: [], pages };
    throw err;
  }
  return { groups, pages };
}

/** The groups of several users of one pool, a few users at a time; keyed by username as given, in that order, with the pages read in all. */
export async function groupsOfUsers(api: GroupsApi, pool: PoolRef, usernames: readonly string[], onUser?: (done: number) => void): Promise<{ groups: Map<string, string[]>; pages: number }> {
  const out = new Map<string, string[]>();
  let next = 0;
  let pages = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    // After a failure no worker starts another user: the whole read fails with the first error.
    while (failure === undefined && next < usernames.length) {
      const username = usernames[next++] as string;
      try {
        const read = await groupsOfUser(api, pool, username);
        pages += read.pages;
        out.set(username, read.groups);
        onUser?.(out.size);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, usernames.length) }, worker));
  if (failure !== undefined) throw failure;
  return { groups: new Map(usernames.map((u) => [u, out.get(u) ?? []])), pages };
}
