// The emulator's pools, groups, users and memberships, in memory. No I/O and no clock: callers pass
// the time in.
//
// ListGroups order: groups are kept sorted by a sort key made of a 32-bit FNV-1a hash of the
// lower-cased name followed by the lower-cased name. That order is stable (it depends on the names
// only, not on insertion), is not name order, and lets a page start at "the first key after the
// previous page's last key" with a binary search, so paging costs O(log n + page) and groups created
// or deleted during a listing never make unchanged groups appear twice or go missing.
import { Memberships } from './members.js';
import { foldName, sortKeyOf } from './order-key.js';
import { UserDirectory, type UserRecord } from './users.js';
import type { GroupRecord } from './group-record.js';

export type { GroupRecord } from './group-record.js';

/** One user pool, its groups, users and memberships. */
export interface PoolRecord {
  readonly id: string;
  readonly name: string;
  /** UsernameConfiguration.CaseSensitive: false means usernames compare ignoring case. */
  readonly caseSensitive: boolean;
  /** The pre token generation trigger of LambdaConfig (the only trigger modelled), with its event version. */
  preTokenGeneration: PreTokenTrigger | undefined;
  readonly creationDate: number;
  lastModifiedDate: number;
  /** Random per pool; binds pagination tokens to the pool that issued them. */
  readonly salt: string;
  /** Groups by folded name. */
  readonly groups: Map<string, GroupRecord>;
  /** The same groups sorted by sortKey: the ListGroups order. */
  readonly order: GroupRecord[];
  readonly users: UserDirectory;
  readonly members: Memberships;
}

/** The fields of a new pool. */
export interface NewPool {
  readonly id: string;
  readonly name: string;
  readonly creationDate: number;
  readonly lastModifiedDate?: number;
  readonly salt: string;
  /** Default false, as for pools created in the console today. */
  readonly caseSensitive?: boolean;
  readonly preTokenGeneration?: PreTokenTrigger;
}

/** A pool's pre token generation Lambda and the event version it gets. */
export interface PreTokenTrigger {
  readonly lambdaArn: string;
  readonly version: 'V1_0' | 'V2_0' | 'V3_0';
}

/** The optional, changeable fields of a group. */
export interface GroupAttributes {
  readonly description?: string | undefined;
  readonly roleArn?: string | undefined;
  readonly precedence?: number | undefined;
}

/** Index of the first group whose sort key is greater than `key`. */
function upperBound(order: readonly GroupRecord[], key: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((order[mid] as GroupRecord).sortKey <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function emptyToUndefined(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

export function newGroupRecord(name: string, attrs: GroupAttributes, creationDate: number, lastModifiedDate = creationDate): GroupRecord {
  return {
    name,
    fold: foldName(name),
    sortKey: sortKeyOf(name),
    description: emptyToUndefined(attrs.description),
    roleArn: emptyToUndefined(attrs.roleArn),
    precedence: attrs.precedence,
    creationDate,
    lastModifiedDate,
  };
}

export type CreateGroupResult =
  | { readonly kind: 'created'; readonly group: GroupRecord }
  | { readonly kind: 'exists' }
  | { readonly kind: 'limit' };

/** A page of a pool's groups in ListGroups order. */
export interface GroupPage {
  readonly groups: readonly GroupRecord[];
  /** Sort key of the last group on the page when more groups follow. */
  readonly continueAfter: string | undefined;
}

/** All pools, in creation order. */
export class GroupStore {
  readonly pools = new Map<string, PoolRecord>();

  constructor(public maxGroupsPerPool: number) {}

  pool(id: string): PoolRecord | undefined {
    return this.pools.get(id);
  }

  addPool(p: NewPool): PoolRecord {
    const caseSensitive = p.caseSensitive ?? false;
    const pool: PoolRecord = {
      id: p.id,
      name: p.name,
      caseSensitive,
      preTokenGeneration: p.preTokenGeneration,
      creationDate: p.creationDate,
      lastModifiedDate: p.lastModifiedDate ?? p.creationDate,
      salt: p.salt,
      groups: new Map(),
      order: [],
      users: new UserDirectory(caseSensitive),
      members: new Memberships(),
    };
    this.pools.set(p.id, pool);
    return pool;
  }

  /** The group with exactly this name (lookups are case-sensitive; uniqueness is not). */
  group(pool: PoolRecord, name: string): GroupRecord | undefined {
    const g = pool.groups.get(foldName(name));
    return g !== undefined && g.name === name ? g : undefined;
  }

  /** A group whose name equals `name` ignoring case. */
  groupIgnoringCase(pool: PoolRecord, name: string): GroupRecord | undefined {
    return pool.groups.get(foldName(name));
  }

  createGroup(pool: PoolRecord, name: string, attrs: GroupAttributes, now: number): CreateGroupResult {
    if (pool.groups.has(foldName(name))) return { kind: 'exists' };
    if (pool.groups.size >= this.maxGroupsPerPool) return { kind: 'limit' };
    const group = newGroupRecord(name, attrs, now);
    pool.groups.set(group.fold, group);
    pool.order.splice(upperBound(pool.order, group.sortKey), 0, group);
    return { kind: 'created', group };
  }

  /** Inserts many new groups at once (callers have checked names and limits). */
  addGroups(pool: PoolRecord, groups: readonly GroupRecord[]): void {
    for (const g of groups) {
      pool.groups.set(g.fold, g);
      pool.order.push(g);
    }
    pool.order.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  }

  /** Sets the given attributes and leaves omitted ones alone; an empty description clears it. */
  updateGroup(group: GroupRecord, attrs: GroupAttributes, now: number): void {
    if (attrs.description !== undefined) group.description = emptyToUndefined(attrs.description);
    if (attrs.roleArn !== undefined) group.roleArn = attrs.roleArn;
    if (attrs.precedence !== undefined) group.precedence = attrs.precedence;
    group.lastModifiedDate = now;
  }

  /** Deletes the group and, with it, its memberships. */
  deleteGroup(pool: PoolRecord, group: GroupRecord): void {
    pool.members.dropGroup(group);
    pool.groups.delete(group.fold);
    const i = upperBound(pool.order, group.sortKey) - 1;
    if (i >= 0 && pool.order[i] === group) pool.order.splice(i, 1);
  }

  /** Deletes the user and, with it, its memberships. */
  deleteUser(pool: PoolRecord, user: UserRecord): void {
    pool.members.dropUser(user);
    pool.users.delete(user);
  }

  /** Up to `limit` groups following the sort key `after` (from the start when undefined). */
  page(pool: PoolRecord, after: string | undefined, limit: number): GroupPage {
    const start = after === undefined ? 0 : upperBound(pool.order, after);
    const end = Math.min(start + limit, pool.order.length);
    const groups = pool.order.slice(start, end);
    const last = groups[groups.length - 1];
    return { groups, continueAfter: end < pool.order.length && last !== undefined ? last.sortKey : undefined };
  }
}
