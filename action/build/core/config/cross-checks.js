import { MAX_GROUPS_PER_USER, RESERVED_PREFIX } from './model.js';
import { nameKey } from './names.js';
import { isRecord } from './positions.js';
/** Checks JSON Schema cannot express: unique pool ids, group names unique ignoring case. Runs on unchecked data. */
export function crossChecks(data, pos, at) {
    const out = [];
    const pools = new Map();
    const rawPools = isRecord(data) && Array.isArray(data.userPools) ? data.userPools : [];
    rawPools.forEach((rawPool, i) => {
        for (const e of groupChecks(rawPool, i, pos, at))
            out.push(e);
        if (!isRecord(rawPool))
            return;
        const pool = { id: rawPool.id, groups: Array.isArray(rawPool.groups) ? rawPool.groups : [] };
        const first = typeof pool.id === 'string' ? pools.get(pool.id) : undefined;
        if (typeof pool.id !== 'string') {
            // reported by the schema
        }
        else if (first !== undefined) {
            const path = ['userPools', i, 'id'];
            out.push(at(pos.offsetOf(path), path, `duplicate user pool id "${pool.id}" (first at userPools[${first}]); list each pool once`));
        }
        else
            pools.set(pool.id, i);
        const names = new Map();
        pool.groups.forEach((group, j) => {
            if (!isRecord(group))
                return;
            for (const [field, max] of LENGTH_LIMITS) {
                const value = group[field];
                // The schema counts characters (code points); a server may count UTF-16 code units, in which
                // an emoji counts twice. Until Cognito's count is known, only what both counts accept passes.
                if (typeof value === 'string' && [...value].length <= max && value.length > max) {
                    const path = ['userPools', i, 'groups', j, field];
                    out.push(at(pos.offsetOf(path), path, `is ${[...value].length} characters but ${value.length} UTF-16 code units; Cognito allows ${max}, and may count either, so at most ${max} of both are allowed`));
                }
            }
            if (typeof group.name !== 'string')
                return;
            const key = nameKey(group.name);
            const firstGroup = names.get(key);
            if (firstGroup !== undefined) {
                const path = ['userPools', i, 'groups', j, 'name'];
                const otherGroup = pool.groups[firstGroup];
                const other = isRecord(otherGroup) ? String(otherGroup.name) : '';
                const how = other === group.name ? `duplicate group name "${group.name}"` : `group name "${group.name}" equals "${other}" ignoring case`;
                out.push(at(pos.offsetOf(path), path, `${how} (first at groups[${firstGroup}]); Cognito group names are unique ignoring case`));
            }
            else
                names.set(key, j);
        });
    });
    return out;
}
/**
 * What a pool's groups may not do together: a reserved name; a previous name that is a group of the
 * file, another group's previous name or the group's own name; a member listed twice; a user listed
 * in more groups than Cognito lets a user be in.
 */
function groupChecks(rawPool, i, pos, at) {
    const out = [];
    if (!isRecord(rawPool) || !Array.isArray(rawPool.groups))
        return out;
    const groups = rawPool.groups;
    const names = new Map();
    groups.forEach((g, j) => {
        if (isRecord(g) && typeof g.name === 'string')
            names.set(nameKey(g.name), j);
    });
    const previous = new Map();
    const userGroups = new Map();
    groups.forEach((g, j) => {
        if (!isRecord(g))
            return;
        const here = ['userPools', i, 'groups', j];
        // Cognito names are equal ignoring case: the reserved prefix is reserved in every case.
        if (typeof g.name === 'string' && nameKey(g.name).startsWith(RESERVED_PREFIX)) {
            out.push(at(pos.offsetOf([...here, 'name']), [...here, 'name'], `group names starting with "${RESERVED_PREFIX}" are reserved: cognito-groups keeps members there while it moves them, and the lease of a running apply (${RESERVED_PREFIX}lock); choose another name`));
        }
        const prev = typeof g.previously === 'string' ? [g.previously] : Array.isArray(g.previously) ? g.previously : [];
        prev.forEach((p, k) => {
            if (typeof p !== 'string')
                return;
            const path = typeof g.previously === 'string' ? [...here, 'previously'] : [...here, 'previously', k];
            const key = nameKey(p);
            const asGroup = names.get(key);
            const earlier = previous.get(key);
            if (key.startsWith(RESERVED_PREFIX)) {
                out.push(at(pos.offsetOf(path), path, `"${p}" starts with the reserved "${RESERVED_PREFIX}": it is a holding group, never renamed from; a stopped run's members are put back when the group it held them for is in the file`));
            }
            else if (typeof g.name === 'string' && key === nameKey(g.name)) {
                out.push(at(pos.offsetOf(path), path, `"${p}" is this group's own name${p === g.name ? '' : ' ignoring case (a change of case is a replace that keeps the members: just change the name)'}; leave it out of previously`));
            }
            else if (asGroup !== undefined) {
                out.push(at(pos.offsetOf(path), path, `"${p}" is also a group of this file (groups[${asGroup}]); a group cannot be renamed into one that stays`));
            }
            else if (earlier !== undefined && earlier.group !== j) {
                out.push(at(pos.offsetOf(path), path, `"${p}" is also a previous name of groups[${earlier.group}]; only one group can be renamed from it`));
            }
            else
                previous.set(key, { group: j, name: p });
        });
        const members = Array.isArray(g.members) ? g.members : isRecord(g.members) && Array.isArray(g.members.include) ? g.members.include : [];
        const membersPath = Array.isArray(g.members) ? [...here, 'members'] : [...here, 'members', 'include'];
        const seen = new Map();
        members.forEach((u, k) => {
            if (typeof u !== 'string')
                return;
            const path = [...membersPath, k];
            const first = seen.get(u);
            if (first !== undefined) {
                out.push(at(pos.offsetOf(path), path, `user "${u}" is listed twice in this group (first at ${first}); list each member once`));
                return;
            }
            seen.set(u, k);
            const key = u.toLowerCase();
            const tally = userGroups.get(key) ?? { name: u, count: 0, reported: false };
            tally.count++;
            userGroups.set(key, tally);
            if (tally.count > MAX_GROUPS_PER_USER && !tally.reported) {
                tally.reported = true;
                out.push(at(pos.offsetOf(path), path, `user "${u}" is listed in more than ${MAX_GROUPS_PER_USER} groups of this pool; Cognito lets a user be in at most ${MAX_GROUPS_PER_USER}`));
            }
        });
    });
    return out;
}
/** Fields with a length limit and the limit, checked in both counts. */
const LENGTH_LIMITS = [
    ['name', 128],
    ['description', 2048],
    ['roleArn', 2048],
];
