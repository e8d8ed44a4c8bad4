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
import { UserDirectory } from './users.js';
/** Index of the first group whose sort key is greater than `key`. */
function upperBound(order, key) {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (order[mid].sortKey <= key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
function emptyToUndefined(s) {
    return s === undefined || s === '' ? undefined : s;
}
export function newGroupRecord(name, attrs, creationDate, lastModifiedDate = creationDate) {
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
/** All pools, in creation order. */
export class GroupStore {
    maxGroupsPerPool;
    pools = new Map();
    constructor(maxGroupsPerPool) {
        this.maxGroupsPerPool = maxGroupsPerPool;
    }
    pool(id) {
        return this.pools.get(id);
    }
    addPool(p) {
        const caseSensitive = p.caseSensitive ?? false;
        const pool = {
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
    group(pool, name) {
        const g = pool.groups.get(foldName(name));
        return g !== undefined && g.name === name ? g : undefined;
    }
    /** A group whose name equals `name` ignoring case. */
    groupIgnoringCase(pool, name) {
        return pool.groups.get(foldName(name));
    }
    createGroup(pool, name, attrs, now) {
        if (pool.groups.has(foldName(name)))
            return { kind: 'exists' };
        if (pool.groups.size >= this.maxGroupsPerPool)
            return { kind: 'limit' };
        const group = newGroupRecord(name, attrs, now);
        pool.groups.set(group.fold, group);
        pool.order.splice(upperBound(pool.order, group.sortKey), 0, group);
        return { kind: 'created', group };
    }
    /** Inserts many new groups at once (callers have checked names and limits). */
    addGroups(pool, groups) {
        for (const g of groups) {
            pool.groups.set(g.fold, g);
            pool.order.push(g);
        }
        pool.order.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    }
    /** Sets the given attributes and leaves omitted ones alone; an empty description clears it. */
    updateGroup(group, attrs, now) {
        if (attrs.description !== undefined)
            group.description = emptyToUndefined(attrs.description);
        if (attrs.roleArn !== undefined)
            group.roleArn = attrs.roleArn;
        if (attrs.precedence !== undefined)
            group.precedence = attrs.precedence;
        group.lastModifiedDate = now;
    }
    /** Deletes the group and, with it, its memberships. */
    deleteGroup(pool, group) {
        pool.members.dropGroup(group);
        pool.groups.delete(group.fold);
        const i = upperBound(pool.order, group.sortKey) - 1;
        if (i >= 0 && pool.order[i] === group)
            pool.order.splice(i, 1);
    }
    /** Deletes the user and, with it, its memberships. */
    deleteUser(pool, user) {
        pool.members.dropUser(user);
        pool.users.delete(user);
    }
    /** Up to `limit` groups following the sort key `after` (from the start when undefined). */
    page(pool, after, limit) {
        const start = after === undefined ? 0 : upperBound(pool.order, after);
        const end = Math.min(start + limit, pool.order.length);
        const groups = pool.order.slice(start, end);
        const last = groups[groups.length - 1];
        return { groups, continueAfter: end < pool.order.length && last !== undefined ? last.sortKey : undefined };
    }
}
