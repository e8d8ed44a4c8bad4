import type { DesiredGroup } from '../../core/config/model.js';
import type { ObservedGroup } from '../../core/plan/model.js';

/** Which pool a call is for; the region picks the endpoint. */
export interface PoolRef {
  id: string;
  region: string;
}

/** One page of ListGroups. */
export interface GroupPage {
  groups: ObservedGroup[];
  /** Absent on the last page. */
  nextToken?: string;
}

/** One page of ListUsersInGroup: the members' usernames, as Cognito returns them (canonical). */
export interface MemberPage {
  usernames: string[];
  /** Absent on the last page. */
  nextToken?: string;
}

/** One page of AdminListGroupsForUser: the names of the user's groups. */
export interface UserGroupsPage {
  groups: string[];
  /** Absent on the last page. */
  nextToken?: string;
}

/** What the tool needs to know of a user pool. */
export interface PoolSettings {
  /** Whether usernames are compared with case (UsernameConfiguration.CaseSensitive; false when unset). */
  caseSensitiveUsernames: boolean;
  /** The pre token generation Lambda (LambdaConfig.PreTokenGenerationConfig.LambdaArn or PreTokenGeneration), which can override the group claims. */
  preTokenTrigger?: string;
}

/** A Cognito operation this tool calls. */
export type Operation =
  | 'ListGroups'
  | 'GetGroup'
  | 'CreateGroup'
  | 'UpdateGroup'
  | 'DeleteGroup'
  | 'ListUsersInGroup'
  | 'AdminAddUserToGroup'
  | 'AdminRemoveUserFromGroup'
  | 'AdminGetUser'
  | 'AdminListGroupsForUser'
  | 'DescribeUserPool';

/** Every operation, in a fixed order (for counts). */
export const OPERATIONS: readonly Operation[] = ['ListGroups', 'GetGroup', 'CreateGroup', 'UpdateGroup', 'DeleteGroup', 'ListUsersInGroup', 'AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'AdminGetUser', 'AdminListGroupsForUser', 'DescribeUserPool'];

/**
 * The narrow port to Cognito's group and membership API, declared by the code that uses it. Every
 * method throws CgError; codes AWS_THROTTLED and AWS_UNAVAILABLE are the ones worth retrying.
 */
export interface GroupsApi {
  listGroupsPage(pool: PoolRef, nextToken?: string): Promise<GroupPage>;
  /** Undefined when the group does not exist. */
  getGroup(pool: PoolRef, name: string): Promise<ObservedGroup | undefined>;
  createGroup(pool: PoolRef, group: DesiredGroup): Promise<void>;
  /** Sends every managed field: the desired value, or "" to clear the description. */
  updateGroup(pool: PoolRef, group: DesiredGroup): Promise<void>;
  deleteGroup(pool: PoolRef, name: string): Promise<void>;
  /** A page of a group's members (AWS_GROUP_NOT_FOUND when the group does not exist). */
  listMembersPage(pool: PoolRef, group: string, nextToken?: string): Promise<MemberPage>;
  /** Adds a user to a group; adding a member again succeeds. */
  addMember(pool: PoolRef, group: string, username: string): Promise<void>;
  /** Removes a user from a group; removing a non-member succeeds. */
  removeMember(pool: PoolRef, group: string, username: string): Promise<void>;
  /** The user's canonical username, or undefined when no such user exists (the name may be an alias or the sub). */
  getUser(pool: PoolRef, username: string): Promise<string | undefined>;
  /** A page of the groups of a user (AWS_USER_NOT_FOUND when no such user exists). */
  listUserGroupsPage(pool: PoolRef, username: string, nextToken?: string): Promise<UserGroupsPage>;
  describePool(pool: PoolRef): Promise<PoolSettings>;
}

/** Looks up a user's sub (AdminGetUser), which CloudTrail names users by; undefined for no such user. */
export interface UserSubs {
  userSub(pool: PoolRef, username: string): Promise<string | undefined>;
}

/**
 * Cognito's account-wide quota category of an operation (developer guide, "Quotas"; the user
 * operations' categories are inferred from the category descriptions, cognito-contract.md).
 */
export type QuotaCategory = 'UserPoolResourceRead' | 'UserPoolResourceUpdate' | 'UserList' | 'UserResourceRead' | 'UserResourceUpdate' | 'UserPoolRead';

/** The quota category of an operation. */
export function categoryOf(op: Operation): QuotaCategory {
  switch (op) {
    case 'ListGroups':
    case 'GetGroup':
      return 'UserPoolResourceRead';
    case 'CreateGroup':
    case 'UpdateGroup':
    case 'DeleteGroup':
      return 'UserPoolResourceUpdate';
    case 'ListUsersInGroup':
      return 'UserList';
    case 'AdminGetUser':
    case 'AdminListGroupsForUser':
      return 'UserResourceRead';
    case 'AdminAddUserToGroup':
    case 'AdminRemoveUserFromGroup':
      return 'UserResourceUpdate';
    case 'DescribeUserPool':
      return 'UserPoolRead';
  }
}

/** Whether an operation only reads (abandoning it on a stop loses nothing). */
export function isRead(op: Operation): boolean {
  const c = categoryOf(op);
  return c !== 'UserPoolResourceUpdate' && c !== 'UserResourceUpdate';
}

/** Whether an operation is one of the group operations, which Cognito also limits per pool and operation. */
export function isGroupOperation(op: Operation): boolean {
  const c = categoryOf(op);
  return c === 'UserPoolResourceRead' || c === 'UserPoolResourceUpdate';
}
