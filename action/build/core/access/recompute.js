// A pool's prediction from what its reads recorded: how a saved plan's access is checked offline
// against the plan document, and again at apply time against what is read then. Pure.
import { usernameKey } from '../plan/member-changes.js';
import { accessNeeds, predictAccess } from './transitions.js';
/** Each user's role-bearing groups, from the members of every role-bearing group. */
export function groupsFromMembers(users, roleGroups, lists, caseSensitive) {
    const byKey = new Map(users.map((u) => [usernameKey(u, caseSensitive), []]));
    for (const g of roleGroups)
        for (const u of lists.get(g) ?? [])
            byKey.get(usernameKey(u, caseSensitive))?.push(g);
    return new Map(users.map((u) => [u, byKey.get(usernameKey(u, caseSensitive)) ?? []]));
}
/** The prediction these reads give for the pool's changes; undefined when no change can alter a claim. */
export function predictionFrom(pool, reads) {
    const needs = accessNeeds(pool, reads.observed, reads.members, reads.caseSensitive);
    if (!needs.changesClaims)
        return undefined;
    const r = reads.read;
    const groupsOf = r.via === 'user-groups'
        ? new Map(r.users.map((u) => [u.username, u.groups]))
        : groupsFromMembers(needs.roleUsers, needs.roleGroups, r.via === 'group-members' ? new Map([...reads.members, ...r.members.map((m) => [m.group, m.usernames])]) : reads.members, reads.caseSensitive);
    return predictAccess({ pool, observed: reads.observed, members: reads.members, caseSensitive: reads.caseSensitive, groupsOf, sensitiveRoles: reads.sensitiveRoles });
}
