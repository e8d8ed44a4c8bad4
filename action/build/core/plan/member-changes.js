import { compareNames } from '../config/names.js';
import { CgError } from '../errors.js';
/** The members a group will have after its change, from the members the plan read; undefined when one of them was not read. */
export function membersAfter(before, read) {
    const out = [];
    for (const group of before.from) {
        const users = read?.get(group);
        if (users === undefined)
            return undefined;
        for (const u of users)
            out.push(u);
    }
    return out;
}
/** The key two usernames share when the pool takes them for one user. */
export function usernameKey(username, caseSensitive) {
    return caseSensitive ? username : username.toLowerCase();
}
/**
 * The adds and removes that bring `after` to what the file asks of `want`; undefined when there are
 * none. Throws MEMBERS_INVALID when the file lists one user twice as the pool compares usernames.
 */
export function memberChangeOf(poolId, want, after, caseSensitive) {
    if (want.members === undefined)
        return undefined;
    const key = (u) => usernameKey(u, caseSensitive);
    const wanted = new Map();
    for (const u of want.members.users) {
        const earlier = wanted.get(key(u));
        if (earlier !== undefined) {
            throw new CgError('MEMBERS_INVALID', `${poolId}: group ${JSON.stringify(want.name)} lists ${JSON.stringify(earlier)} and ${JSON.stringify(u)}, one user in this pool (it compares usernames ignoring case); list the user once`);
        }
        wanted.set(key(u), u);
    }
    const has = new Set(after.map(key));
    const add = want.members.users.filter((u) => !has.has(key(u)));
    const present = [...new Set(after)];
    const remove = want.members.mode === 'exact' ? present.filter((u) => !wanted.has(key(u))).sort(compareNames) : [];
    return add.length + remove.length === 0 ? undefined : { add, remove, had: present.length };
}
