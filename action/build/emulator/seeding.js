import { MAX_GROUPS_PER_USER } from './members.js';
import { usage } from './misuse.js';
import { checkAttributeConstraints, schemaProblem, toUserAttributes } from './user-attributes.js';
import { checkString, GROUP_NAME, USERNAME } from './validation.js';
/** Inserts users into a pool; returns how many were added. Throws CgError('USAGE') naming every problem, changing nothing. */
export function seedUsers(pool, users, options, now, newSub) {
    const problems = [];
    const batch = new Set();
    const subs = new Set();
    const fresh = [];
    users.forEach((u, i) => {
        const attributes = u.Attributes?.map((a) => ({ Name: a.Name, Value: a.Value }));
        const bad = [...checkString('username', u.Username, USERNAME, true), ...checkAttributeConstraints(attributes, 'attributes')];
        const schema = bad.length === 0 ? schemaProblem(attributes) : undefined;
        if (schema !== undefined)
            bad.push(schema.trim());
        for (const p of bad)
            problems.push(`users[${i}]: ${p}`);
        if (bad.length > 0)
            return;
        const key = pool.users.keyOf(u.Username);
        if (batch.has(key)) {
            problems.push(`users[${i}]: ${u.Username} is given twice${pool.caseSensitive ? '' : ' (usernames compare ignoring case in this pool)'}`);
            return;
        }
        batch.add(key);
        if (pool.users.byUsername(u.Username) !== undefined) {
            if (options.skipExisting !== true)
                problems.push(`users[${i}]: a user named ${u.Username} already exists`);
            return;
        }
        let sub = newSub();
        while (subs.has(sub) || pool.users.bySubValue(sub) !== undefined)
            sub = newSub();
        subs.add(sub);
        fresh.push({ username: u.Username, sub, attributes: toUserAttributes(attributes), creationDate: now });
    });
    if (problems.length > 0)
        throw usage(`seedUsers: ${problems.length} problem(s) with the users for ${pool.id}`, problems);
    pool.users.addMany(fresh);
    return fresh.length;
}
/** Adds users (by username or sub) to a group; members already in it stay. Throws CgError('USAGE') naming every problem, changing nothing. */
export function seedMembers(store, pool, groupName, usernames) {
    const problems = checkString('groupName', groupName, GROUP_NAME, true);
    const group = problems.length === 0 ? store.group(pool, groupName) : undefined;
    if (problems.length === 0 && group === undefined)
        problems.push(`group ${groupName} does not exist in ${pool.id}`);
    const adding = new Set();
    usernames.forEach((name, i) => {
        const bad = checkString('username', name, USERNAME, true);
        if (bad.length > 0) {
            for (const p of bad)
                problems.push(`usernames[${i}]: ${p}`);
            return;
        }
        const user = pool.users.find(name);
        if (user === undefined)
            problems.push(`usernames[${i}]: user ${name} does not exist`);
        else if (group !== undefined && !adding.has(user) && !pool.members.isMember(user, group)) {
            if (user.groups.length >= MAX_GROUPS_PER_USER)
                problems.push(`usernames[${i}]: user ${user.username} is already in the maximum number of groups (${MAX_GROUPS_PER_USER})`);
            else
                adding.add(user);
        }
    });
    if (problems.length > 0 || group === undefined)
        throw usage(`seedMembers: ${problems.length} problem(s) with the members for ${pool.id}`, problems);
    pool.members.addMany(group, [...adding]);
    return adding.size;
}
