// Whose token claims a pool's plan changes: each affected user's groups before and after the plan,
// the claims the rule gives for each (core/claims/rule.ts), and the differences grouped into
// transitions, largest first. Pure.
import { claimsOf } from '../claims/rule.js';
import { compareNames } from '../config/names.js';
import { usernameKey } from '../plan/member-changes.js';
import { isSensitiveRole } from './sensitive.js';
/** Whether a change's group has a role before or after it. */
function roleBearing(c, observed) {
    switch (c.action) {
        case 'create':
            return c.after.roleArn !== undefined;
        case 'update':
        case 'replace':
        case 'rename':
            return c.before.roleArn !== undefined || c.after.roleArn !== undefined;
        case 'delete':
            return c.before.roleArn !== undefined;
        case 'restore':
            return observed.get(c.name)?.roleArn !== undefined;
    }
}
/** Whether a change alters its group's role or precedence (so every member's role claims may change). */
function changesRanking(c) {
    if (c.action === 'create' || c.action === 'delete' || c.action === 'replace')
        return true;
    if (c.action === 'restore')
        return false;
    return c.fields.some((f) => f.field === 'roleArn' || f.field === 'precedence');
}
/** The users a change puts in or takes out of its group (without the members it keeps). */
function movedUsers(c, members) {
    const out = [];
    const hold = 'hold' in c && c.hold?.resuming === true ? members.get(c.hold.group) ?? c.hold.usernames ?? [] : [];
    for (const u of hold)
        out.push(u);
    const m = 'members' in c ? c.members : undefined;
    for (const u of m?.add ?? [])
        out.push(u);
    for (const u of m?.remove ?? [])
        out.push(u);
    return out;
}
/** The members a change's group has before it (as the pool names the group). */
function membersBefore(c, members) {
    if (c.action === 'create' || c.action === 'restore')
        return [];
    const from = 'previousName' in c ? c.previousName : c.name;
    const own = members.get(from) ?? [];
    // A rename under way may have filled the new group already.
    return c.action === 'rename' && c.name !== from ? [...own, ...(members.get(c.name) ?? [])] : own;
}
/** What a pool's plan needs read to predict its claims; nothing when no change can alter one. */
export function accessNeeds(pool, observed, members, caseSensitive) {
    const byName = new Map(observed.map((g) => [g.name, g]));
    const roleGroups = observed.filter((g) => g.roleArn !== undefined).map((g) => g.name).sort(compareNames);
    const users = new Map();
    let changesClaims = false;
    for (const c of pool.changes) {
        const roles = roleBearing(c, byName);
        const moved = movedUsers(c, members);
        const dropsNames = c.action === 'rename' || c.action === 'delete' || (c.action === 'replace' && (c.hold === undefined || c.previousName !== c.name));
        // A change alters a claim only if it has users: a new role group nobody joins alters none.
        if (moved.length > 0 || ((roles || dropsNames) && membersBefore(c, members).length > 0))
            changesClaims = true;
        if (!roles)
            continue;
        const touched = changesRanking(c) ? [...membersBefore(c, members), ...moved] : moved;
        for (const u of touched)
            if (!users.has(usernameKey(u, caseSensitive)))
                users.set(usernameKey(u, caseSensitive), u);
    }
    return { changesClaims, roleUsers: [...users.values()].sort(compareNames), roleGroups };
}
/**
 * Each affected user's claims before and after the plan, grouped into transitions, largest first:
 * role claims for the users `accessNeeds` named (from all their groups), group names for every user
 * a change moves, drops or renames the group of.
 */
export function predictAccess(input) {
    const { pool, members, caseSensitive } = input;
    const key = (u) => usernameKey(u, caseSensitive);
    const before = new Map(input.observed.map((g) => [g.name, fieldsOf(g)]));
    const after = fieldsAfter(pool, before);
    // Each user's groups before the plan, as far as the reads tell: every group read that lists them.
    const shown = new Map();
    const groupsBefore = new Map();
    const join = (u, group) => {
        const k = key(u);
        if (!shown.has(k))
            shown.set(k, u);
        let set = groupsBefore.get(k);
        if (set === undefined)
            groupsBefore.set(k, (set = new Set()));
        set.add(group);
    };
    for (const [group, users] of members)
        for (const u of users)
            join(u, group);
    const roleUsers = new Set();
    for (const [u, groups] of input.groupsOf) {
        roleUsers.add(key(u));
        if (!shown.has(key(u)))
            shown.set(key(u), u);
        if (!groupsBefore.has(key(u)))
            groupsBefore.set(key(u), new Set());
        for (const g of groups)
            join(u, g);
    }
    for (const c of pool.changes)
        for (const u of movedUsers(c, members))
            if (!groupsBefore.has(key(u))) {
                groupsBefore.set(key(u), new Set());
                shown.set(key(u), u);
            }
    const byChange = new Map();
    const note = (change, user) => {
        const id = JSON.stringify(change);
        const entry = byChange.get(id);
        if (entry === undefined)
            byChange.set(id, { change, users: [user] });
        else
            entry.users.push(user);
    };
    // Each user meets only the changes of the groups they are in and the changes that add or remove them,
    // so a plan of thousands of changes costs per user what concerns that user.
    const byName = new Map();
    const byUser = new Map();
    const index = (map, k, i) => {
        const list = map.get(k);
        if (list === undefined)
            map.set(k, [i]);
        else if (list[list.length - 1] !== i)
            list.push(i);
    };
    pool.changes.forEach((c, i) => {
        index(byName, c.name, i);
        if ('previousName' in c)
            index(byName, c.previousName, i);
        if ('hold' in c && c.hold !== undefined)
            index(byName, c.hold.group, i);
        const m = 'members' in c ? c.members : undefined;
        for (const u of [...(m?.add ?? []), ...(m?.remove ?? [])])
            index(byUser, key(u), i);
    });
    let affected = 0;
    const claims = [];
    for (const [k, had] of groupsBefore) {
        const relevant = new Set(byUser.get(k) ?? []);
        for (const g of had)
            for (const i of byName.get(g) ?? [])
                relevant.add(i);
        const mine = [...relevant].sort((a, b) => a - b).map((i) => pool.changes[i]);
        const has = groupsAfter(mine, had, k, key);
        const user = shown.get(k) ?? k;
        const changes = [];
        for (const g of had)
            if (!has.has(g))
                changes.push({ claim: 'groups', change: 'lose', group: g });
        for (const g of has)
            if (!had.has(g))
                changes.push({ claim: 'groups', change: 'gain', group: g });
        const then = claimsOf(withFields(had, before));
        const now = claimsOf(withFields(has, after));
        if (roleUsers.has(k))
            for (const c of roleChanges(then, now))
                changes.push(c);
        if (changes.length > 0) {
            affected++;
            // A user whose role claims were not read keeps them: only the group names it is known to change differ.
            claims.push(roleUsers.has(k) ? { username: user, before: then, after: now } : { username: user, before: then, after: { ...then, groups: [...has].sort(compareNames) } });
        }
        for (const c of changes)
            note(c, user);
    }
    const transitions = [...byChange.values()].map(({ change, users }) => {
        const usernames = users.sort(compareNames);
        const sensitive = gainedRole(change);
        return { ...change, count: usernames.length, usernames, ...(sensitive !== undefined && isSensitiveRole(sensitive, input.sensitiveRoles) ? { sensitive: true } : {}) };
    });
    return { users: affected, transitions: transitions.sort(largestFirst), claims };
}
/** The role a change gives users, if any: the role gained in `cognito:roles`, or the new preferred role. */
export function gainedRole(c) {
    if (c.claim === 'roles')
        return c.change === 'gain' ? c.role : undefined;
    if (c.claim === 'preferred_role')
        return c.after ?? undefined;
    return undefined;
}
const CLAIM_ORDER = { preferred_role: 0, roles: 1, groups: 2 };
/** Largest first; then preferred role, roles, groups; then by value, so the order is stable. */
function largestFirst(a, b) {
    return b.count - a.count || CLAIM_ORDER[a.claim] - CLAIM_ORDER[b.claim] || compareNames(JSON.stringify(claimOf(a)), JSON.stringify(claimOf(b)));
}
/** The claim change of a transition, without its users. */
export function claimOf(t) {
    switch (t.claim) {
        case 'preferred_role':
            return { claim: t.claim, before: t.before, after: t.after, ...(t.tie === undefined ? {} : { tie: [...t.tie] }) };
        case 'roles':
            return { claim: t.claim, change: t.change, role: t.role };
        case 'groups':
            return { claim: t.claim, change: t.change, group: t.group };
    }
}
function roleChanges(then, now) {
    const out = [];
    const was = then.preferredRole ?? null;
    const is = now.preferredRole ?? null;
    if (was !== is)
        out.push({ claim: 'preferred_role', before: was, after: is, ...(now.tie === undefined ? {} : { tie: now.tie }) });
    for (const r of now.roles)
        if (!then.roles.includes(r))
            out.push({ claim: 'roles', change: 'gain', role: r });
    for (const r of then.roles)
        if (!now.roles.includes(r))
            out.push({ claim: 'roles', change: 'lose', role: r });
    return out;
}
function fieldsOf(g) {
    return { ...(g.precedence === undefined ? {} : { precedence: g.precedence }), ...(g.roleArn === undefined ? {} : { roleArn: g.roleArn }) };
}
function withFields(groups, fields) {
    return [...groups].map((name) => ({ name, ...(fields.get(name) ?? {}) }));
}
/** Every group of the pool once the plan is applied, with its precedence and role. */
function fieldsAfter(pool, before) {
    const out = new Map(before);
    for (const c of pool.changes) {
        if ('hold' in c && c.hold !== undefined)
            out.delete(c.hold.group);
        if ('previousName' in c)
            out.delete(c.previousName);
        if (c.action === 'delete')
            out.delete(c.name);
        else if (c.action !== 'restore')
            out.set(c.name, fieldsOf(c.after));
    }
    return out;
}
/** The groups a user is in once the plan is applied, from the groups it was in (as far as they were read). */
function groupsAfter(changes, had, k, key) {
    const has = new Set(had);
    for (const c of changes) {
        const m = 'members' in c ? c.members : undefined;
        const adds = m?.add.some((u) => key(u) === k) === true;
        const removes = m?.remove.some((u) => key(u) === k) === true;
        const held = 'hold' in c && c.hold !== undefined && had.has(c.hold.group);
        let member;
        switch (c.action) {
            case 'create':
            case 'restore':
                member = held || had.has(c.name);
                break;
            case 'update':
                member = had.has(c.name) || held;
                break;
            case 'replace':
                // Without a holding group (--drop-members) the members are dropped; a stopped run's held ones come back.
                member = (c.hold !== undefined && had.has(c.previousName)) || held;
                break;
            case 'rename':
                member = had.has(c.previousName) || had.has(c.name) || held;
                break;
            case 'delete':
                member = false;
                break;
        }
        if ('previousName' in c)
            has.delete(c.previousName);
        if ('hold' in c && c.hold !== undefined)
            has.delete(c.hold.group);
        if ((member || adds) && !removes && c.action !== 'delete')
            has.add(c.name);
        else
            has.delete(c.name);
    }
    return has;
}
