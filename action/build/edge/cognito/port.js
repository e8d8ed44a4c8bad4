/** Every operation, in a fixed order (for counts). */
export const OPERATIONS = ['ListGroups', 'GetGroup', 'CreateGroup', 'UpdateGroup', 'DeleteGroup', 'ListUsersInGroup', 'AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'AdminGetUser', 'AdminListGroupsForUser', 'DescribeUserPool'];
/** The quota category of an operation. */
export function categoryOf(op) {
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
export function isRead(op) {
    const c = categoryOf(op);
    return c !== 'UserPoolResourceUpdate' && c !== 'UserResourceUpdate';
}
/** Whether an operation is one of the group operations, which Cognito also limits per pool and operation. */
export function isGroupOperation(op) {
    const c = categoryOf(op);
    return c === 'UserPoolResourceRead' || c === 'UserPoolResourceUpdate';
}
