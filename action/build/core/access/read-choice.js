/** The page size of ListUsersInGroup. */
const MEMBERS_PER_PAGE = 60;
/**
 * Chooses the faster way. The pages of groups the plan did not read are estimated from the groups it
 * did (their mean pages per group; one page each when it read none), since nothing else says how
 * large they are. Nothing to read either way: `plan-reads`.
 */
export function chooseAccessRead(input) {
    const pagesOf = (n) => Math.max(1, Math.ceil(n / MEMBERS_PER_PAGE));
    const known = input.readRoleGroupSizes.map(pagesOf);
    const perGroup = known.length === 0 ? 1 : known.reduce((a, b) => a + b, 0) / known.length;
    const groupPages = Math.ceil(input.unreadRoleGroups * perGroup);
    const cap = input.rates.maxRps ?? Infinity;
    const groupSeconds = groupPages / Math.min(input.rates.userList, cap);
    const userCalls = input.users;
    const userSeconds = userCalls / Math.min(input.rates.userRead, cap);
    const via = input.users === 0 || input.unreadRoleGroups === 0 ? 'plan-reads' : groupSeconds <= userSeconds ? 'group-members' : 'user-groups';
    return { via, groupPages, groupSeconds, userCalls, userSeconds };
}
