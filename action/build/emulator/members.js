// Who is in which group, in one pool, indexed both ways: a group's members in the users' listing
// order (ListUsersInGroup pages through 100,000 members without scanning them), and a user's groups
// (at most 100) in the groups' listing order, on the user record.
import { SortedList } from './sorted-list.js';
/** Groups one user can belong to (Cognito developer guide, "Quotas"; hard limit). */
export const MAX_GROUPS_PER_USER = 100;
/** Index of the first group in `groups` whose sort key is >= key. */
function lowerBound(groups, key) {
    let lo = 0;
    let hi = groups.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (groups[mid].sortKey < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/** The memberships of one pool. */
export class Memberships {
    byGroup = new Map();
    listOf(group) {
        let list = this.byGroup.get(group);
        if (list === undefined) {
            list = new SortedList();
            this.byGroup.set(group, list);
        }
        return list;
    }
    isMember(user, group) {
        const i = lowerBound(user.groups, group.sortKey);
        return user.groups[i] === group;
    }
    /** Adds the user to the group; a member already in it stays, whatever the limit. */
    add(user, group) {
        const i = lowerBound(user.groups, group.sortKey);
        if (user.groups[i] === group)
            return 'already-member';
        if (user.groups.length >= MAX_GROUPS_PER_USER)
            return 'user-group-limit';
        user.groups.splice(i, 0, group);
        this.listOf(group).insert(user);
        return 'added';
    }
    /** Adds users known not to be members, whose group counts the caller has checked; one sort for a large batch. */
    addMany(group, users) {
        for (const user of users)
            user.groups.splice(lowerBound(user.groups, group.sortKey), 0, group);
        this.listOf(group).insertMany(users);
    }
    /** Removes the user from the group; false when the user was not a member. */
    remove(user, group) {
        const i = lowerBound(user.groups, group.sortKey);
        if (user.groups[i] !== group)
            return false;
        user.groups.splice(i, 1);
        this.byGroup.get(group)?.delete(user.sortKey);
        return true;
    }
    /** Takes a user out of every group (the user is being deleted). */
    dropUser(user) {
        for (const group of user.groups)
            this.byGroup.get(group)?.delete(user.sortKey);
        user.groups.length = 0;
    }
    /** Takes every member out of a group (the group is being deleted). */
    dropGroup(group) {
        const list = this.byGroup.get(group);
        if (list === undefined)
            return;
        for (const user of list.values()) {
            const i = lowerBound(user.groups, group.sortKey);
            if (user.groups[i] === group)
                user.groups.splice(i, 1);
        }
        this.byGroup.delete(group);
    }
    memberCount(group) {
        return this.byGroup.get(group)?.size ?? 0;
    }
    /** Up to `limit` members of the group following the user sort key `after`. */
    membersPage(group, after, limit) {
        const list = this.byGroup.get(group);
        if (list === undefined)
            return { users: [], continueAfter: undefined };
        const page = list.page(after, limit);
        return { users: page.items, continueAfter: page.continueAfter };
    }
    /** Up to `limit` of the user's groups following the group sort key `after`. */
    groupsPage(user, after, limit) {
        let start = 0;
        if (after !== undefined) {
            start = lowerBound(user.groups, after);
            if (user.groups[start]?.sortKey === after)
                start++;
        }
        const end = Math.min(start + limit, user.groups.length);
        const groups = user.groups.slice(start, end);
        const last = groups[groups.length - 1];
        return { groups, continueAfter: end < user.groups.length && last !== undefined ? last.sortKey : undefined };
    }
}
