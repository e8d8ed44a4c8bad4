// Request bodies: the members each operation reads, type-checked as the AWS JSON 1.1 deserializer
// would (a wrong type is a SerializationException; constraints are the operation's to check).
import { errorReply } from './wire.js';
const GROUP_WRITE_SHAPE = { GroupName: 'string', UserPoolId: 'string', Description: 'string', RoleArn: 'string', Precedence: 'integer' };
const GROUP_KEY_SHAPE = { GroupName: 'string', UserPoolId: 'string' };
const USER_KEY_SHAPE = { UserPoolId: 'string', Username: 'string' };
const MEMBERSHIP_SHAPE = { UserPoolId: 'string', Username: 'string', GroupName: 'string' };
/** The members each operation reads; other members are ignored, as AWS ignores unknown members. */
const INPUT_SHAPES = {
    CreateGroup: GROUP_WRITE_SHAPE,
    UpdateGroup: GROUP_WRITE_SHAPE,
    GetGroup: GROUP_KEY_SHAPE,
    DeleteGroup: GROUP_KEY_SHAPE,
    ListGroups: { UserPoolId: 'string', Limit: 'integer', NextToken: 'string' },
    CreateUserPool: { PoolName: 'string', UsernameConfiguration: 'usernameConfiguration', LambdaConfig: 'lambdaConfig' },
    DescribeUserPool: { UserPoolId: 'string' },
    ListUserPools: { MaxResults: 'integer', NextToken: 'string' },
    AdminCreateUser: { UserPoolId: 'string', Username: 'string', UserAttributes: 'attributeList' },
    AdminGetUser: USER_KEY_SHAPE,
    AdminDeleteUser: USER_KEY_SHAPE,
    ListUsers: { UserPoolId: 'string', Limit: 'integer', PaginationToken: 'string', Filter: 'string' },
    ListUsersInGroup: { UserPoolId: 'string', GroupName: 'string', Limit: 'integer', NextToken: 'string' },
    AdminListGroupsForUser: { UserPoolId: 'string', Username: 'string', Limit: 'integer', NextToken: 'string' },
    AdminAddUserToGroup: MEMBERSHIP_SHAPE,
    AdminRemoveUserFromGroup: MEMBERSHIP_SHAPE,
};
function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
class WrongType extends Error {
}
function optionalString(o, k, where) {
    const v = o[k];
    if (v === undefined || v === null)
        return undefined;
    if (typeof v !== 'string')
        throw new WrongType(`Member '${where}.${k}' must be a string.`);
    return v;
}
function decodeMember(member, type, v) {
    switch (type) {
        case 'string':
            if (typeof v !== 'string')
                throw new WrongType(`Member '${member}' must be a string.`);
            return v;
        case 'integer':
            if (!(typeof v === 'number' && Number.isInteger(v)))
                throw new WrongType(`Member '${member}' must be an integer.`);
            return v;
        case 'attributeList': {
            if (!Array.isArray(v))
                throw new WrongType(`Member '${member}' must be a list.`);
            return v.map((e, i) => {
                if (!isObject(e))
                    throw new WrongType(`Member '${member}[${i}]' must be an object.`);
                return { Name: optionalString(e, 'Name', `${member}[${i}]`), Value: optionalString(e, 'Value', `${member}[${i}]`) };
            });
        }
        case 'lambdaConfig': {
            if (!isObject(v))
                throw new WrongType(`Member '${member}' must be an object.`);
            const config = v['PreTokenGenerationConfig'];
            if (config !== undefined && config !== null && !isObject(config))
                throw new WrongType(`Member '${member}.PreTokenGenerationConfig' must be an object.`);
            return {
                PreTokenGeneration: optionalString(v, 'PreTokenGeneration', member),
                PreTokenGenerationConfig: isObject(config)
                    ? { LambdaArn: optionalString(config, 'LambdaArn', `${member}.PreTokenGenerationConfig`), LambdaVersion: optionalString(config, 'LambdaVersion', `${member}.PreTokenGenerationConfig`) }
                    : undefined,
            };
        }
        case 'usernameConfiguration': {
            if (!isObject(v))
                throw new WrongType(`Member '${member}' must be an object.`);
            const c = v['CaseSensitive'];
            if (c !== undefined && c !== null && typeof c !== 'boolean')
                throw new WrongType(`Member '${member}.CaseSensitive' must be a boolean.`);
            return { CaseSensitive: typeof c === 'boolean' ? c : undefined };
        }
    }
}
/** Parses and type-checks a request body. Wrong JSON or wrong member types give SerializationException. */
export function decodeInput(op, body) {
    let parsed;
    try {
        parsed = body.trim() === '' ? {} : JSON.parse(body);
    }
    catch (e) {
        return { ok: false, reply: errorReply('SerializationException', `Request body is not valid JSON: ${e.message}`) };
    }
    if (!isObject(parsed))
        return { ok: false, reply: errorReply('SerializationException', 'Request body must be a JSON object.') };
    const input = {};
    try {
        for (const [member, type] of Object.entries(INPUT_SHAPES[op])) {
            const v = parsed[member];
            if (v === undefined || v === null)
                continue;
            input[member] = decodeMember(member, type, v);
        }
    }
    catch (e) {
        if (e instanceof WrongType)
            return { ok: false, reply: errorReply('SerializationException', e.message) };
        throw e;
    }
    return { ok: true, input };
}
export function str(input, k) {
    const v = input[k];
    return typeof v === 'string' ? v : undefined;
}
export function int(input, k) {
    const v = input[k];
    return typeof v === 'number' ? v : undefined;
}
export function attributeList(input, k) {
    const v = input[k];
    return Array.isArray(v) ? v : undefined;
}
export function usernameConfiguration(input, k) {
    const v = input[k];
    return typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
export function lambdaConfig(input, k) {
    const v = input[k];
    return typeof v === 'object' && !Array.isArray(v) && 'PreTokenGeneration' in v ? v : undefined;
}
