// Field constraints of the Cognito service model, reported the way AWS's request validation words them.
// Lengths count Unicode code points (Smithy's definition); the real service's counting is not documented.
export const GROUP_NAME = { min: 1, max: 128, pattern: String.raw `[\p{L}\p{M}\p{S}\p{N}\p{P}]+` };
export const USER_POOL_ID = { min: 1, max: 55, pattern: String.raw `[\w-]+_[0-9a-zA-Z]+` };
const DESCRIPTION = { max: 2048 };
export const ROLE_ARN = {
    min: 20,
    max: 2048,
    pattern: String.raw `arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?`,
};
const PRECEDENCE = { min: 0, max: 2147483647 };
// The model allows 0 for ListGroups' Limit, but the service rejects it (contract page); 1 is the effective minimum.
export const LIST_GROUPS_LIMIT = { min: 1, max: 60 };
export const LIST_USER_POOLS_MAX_RESULTS = { min: 1, max: 60 };
export const PAGINATION_TOKEN = { min: 1, pattern: String.raw `[\S]+` };
export const POOL_NAME = { min: 1, max: 128, pattern: String.raw `[\w\s+=,.@-]+` };
export const USERNAME = { min: 1, max: 128, pattern: String.raw `[\p{L}\p{M}\p{S}\p{N}\p{P}]+` };
export const ATTRIBUTE_NAME = { min: 1, max: 32, pattern: String.raw `[\p{L}\p{M}\p{S}\p{N}\p{P}]+` };
export const ATTRIBUTE_VALUE = { max: 2048 };
export const USER_FILTER = { max: 256 };
export const LIST_USERS_LIMIT = { min: 0, max: 60 };
// The model allows 0 here too; the contract page records 1..60 as what the service accepts.
export const MEMBERS_LIMIT = { min: 1, max: 60 };
const compiled = new Map();
function wholeMatch(pattern) {
    let re = compiled.get(pattern);
    if (re === undefined) {
        re = new RegExp(`^(?:${pattern})$`, 'u');
        compiled.set(pattern, re);
    }
    return re;
}
function codePointLength(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        // A high surrogate followed by a low one is a single code point.
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
            const d = s.charCodeAt(i + 1);
            if (d >= 0xdc00 && d <= 0xdfff)
                i++;
        }
        n++;
    }
    return n;
}
function violation(value, member, rule) {
    const shown = value === undefined ? 'null' : `'${value}'`;
    return `Value ${shown} at '${member}' failed to satisfy constraint: ${rule}`;
}
/** Problems of a string member, in the order AWS lists them (required, length, pattern). */
export function checkString(member, value, c, required = false) {
    if (value === undefined)
        return required ? [violation(value, member, 'Member must not be null')] : [];
    const out = [];
    const needLength = c.min !== undefined || c.max !== undefined;
    const len = needLength ? codePointLength(value) : 0;
    if (c.min !== undefined && len < c.min)
        out.push(violation(value, member, `Member must have length greater than or equal to ${c.min}`));
    if (c.max !== undefined && len > c.max)
        out.push(violation(value, member, `Member must have length less than or equal to ${c.max}`));
    if (c.pattern !== undefined && !wholeMatch(c.pattern).test(value)) {
        out.push(violation(value, member, `Member must satisfy regular expression pattern: ${c.pattern}`));
    }
    return out;
}
/** Problems of an integer member. */
export function checkInteger(member, value, c, required = false) {
    if (value === undefined)
        return required ? [violation(value, member, 'Member must not be null')] : [];
    const out = [];
    if (c.min !== undefined && value < c.min)
        out.push(violation(value, member, `Member must have value greater than or equal to ${c.min}`));
    if (c.max !== undefined && value > c.max)
        out.push(violation(value, member, `Member must have value less than or equal to ${c.max}`));
    return out;
}
/** The InvalidParameterException message for a list of problems, or undefined when there are none. */
export function validationMessage(problems) {
    if (problems.length === 0)
        return undefined;
    const n = problems.length;
    return `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`;
}
/** Problems of a group's name, pool and optional fields, in model member order. */
export function checkGroupRequest(input) {
    return [
        ...checkString('groupName', input.GroupName, GROUP_NAME, true),
        ...checkString('userPoolId', input.UserPoolId, USER_POOL_ID, true),
        ...checkString('description', input.Description, DESCRIPTION),
        ...checkString('roleArn', input.RoleArn, ROLE_ARN),
        ...checkInteger('precedence', input.Precedence, PRECEDENCE),
    ];
}
