// The users of one pool, in memory: found by username (compared as the pool compares usernames) or
// by sub, and listed in a stable hash order like groups (see store.ts), which is not name order.
import { foldName, hashOrderKey } from './order-key.js';
import { SortedList } from './sorted-list.js';
/** The account states Cognito reports in UserStatus. */
export const USER_STATUSES = [
    'UNCONFIRMED',
    'CONFIRMED',
    'ARCHIVED',
    'COMPROMISED',
    'UNKNOWN',
    'RESET_REQUIRED',
    'FORCE_CHANGE_PASSWORD',
    'EXTERNAL_PROVIDER',
];
/** All users of one pool. */
export class UserDirectory {
    caseSensitive;
    byKey = new Map();
    bySub = new Map();
    /** The ListUsers order. */
    order = new SortedList();
    constructor(caseSensitive) {
        this.caseSensitive = caseSensitive;
    }
    get size() {
        return this.byKey.size;
    }
    /** A username as this pool compares it. */
    keyOf(username) {
        return this.caseSensitive ? username : foldName(username);
    }
    /** The user with this username (compared as the pool compares). */
    byUsername(username) {
        return this.byKey.get(this.keyOf(username));
    }
    bySubValue(sub) {
        return this.bySub.get(sub);
    }
    /** The user a request names: by username first, then by sub, as Cognito accepts either. */
    find(name) {
        return this.byUsername(name) ?? this.bySub.get(name);
    }
    record(u) {
        const key = this.keyOf(u.username);
        return {
            username: u.username,
            key,
            sortKey: hashOrderKey(key),
            sub: u.sub,
            attributes: [...(u.attributes ?? [])],
            enabled: u.enabled ?? true,
            status: u.status ?? 'FORCE_CHANGE_PASSWORD',
            creationDate: u.creationDate,
            lastModifiedDate: u.lastModifiedDate ?? u.creationDate,
            groups: [],
        };
    }
    /** Adds a user; undefined (and nothing changed) when the username or sub is taken. */
    add(u) {
        const user = this.record(u);
        if (this.byKey.has(user.key) || this.bySub.has(user.sub))
            return undefined;
        this.byKey.set(user.key, user);
        this.bySub.set(user.sub, user);
        this.order.insert(user);
        return user;
    }
    /** Adds many users at once; callers have checked that usernames and subs are new. */
    addMany(users) {
        const records = users.map((u) => this.record(u));
        for (const user of records) {
            this.byKey.set(user.key, user);
            this.bySub.set(user.sub, user);
        }
        this.order.insertMany(records);
        return records;
    }
    /** Removes the user from the directory; memberships are the caller's (see Memberships.dropUser). */
    delete(user) {
        this.byKey.delete(user.key);
        this.bySub.delete(user.sub);
        this.order.delete(user.sortKey);
    }
}
