// Which way the access check reads the groups of the users whose role claims may change: the members
// of every role-bearing group of the pool (ListUsersInGroup, 60 per page, UserList quota) or each
// user's groups (AdminListGroupsForUser, one page per user, UserResourceRead quota), whichever the
// counts the plan already has say is faster at the quotas. Pure.
import type { AccessVia } from './model.js';

/** The page size of ListUsersInGroup. */
const MEMBERS_PER_PAGE = 60;

/** What the choice is made from. */
export interface ReadChoiceInput {
  /** Role-bearing groups of the pool whose members the plan has not read. */
  unreadRoleGroups: number;
  /** Member counts of the role-bearing groups the plan read: how large the others likely are. */
  readRoleGroupSizes: readonly number[];
  /** Users whose groups must be known. */
  users: number;
  /** Requests per second: ListUsersInGroup (UserList), AdminListGroupsForUser (UserResourceRead), and the run's cap. */
  rates: { userList: number; userRead: number; maxRps?: number };
}

/** The way chosen, with the calls and seconds each way is expected to take. */
export interface ReadChoice {
  via: AccessVia;
  groupPages: number;
  groupSeconds: number;
  userCalls: number;
  userSeconds: number;
}

/**
 * Chooses the faster way. The pages of groups the plan did not read are estimated from the groups it
 * did (their mean pages per group; one page each when it read none), since nothing else says how
 * large they are. Nothing to read either way: `plan-reads`.
 */
export function chooseAccessRead(input: ReadChoiceInput): ReadChoice {
  const pagesOf = (n: number): number => Math.max(1, Math.ceil(n / MEMBERS_PER_PAGE));
  const known = input.readRoleGroupSizes.map(pagesOf);
  const perGroup = known.length === 0 ? 1 : known.reduce((a, b) => a + b, 0) / known.length;
  const groupPages = Math.ceil(input.unreadRoleGroups * perGroup);
  const cap = input.rates.maxRps ?? Infinity;
  const groupSeconds = groupPages / Math.min(input.rates.userList, cap);
  const userCalls = input.users;
  const userSeconds = userCalls / Math.min(input.rates.userRead, cap);
  const via: AccessVia = input.users === 0 || input.unreadRoleGroups === 0 ? 'plan-reads' : groupSeconds <= userSeconds ? 'group-members' : 'user-groups';
  return { via, groupPages, groupSeconds, userCalls, userSeconds };
}
