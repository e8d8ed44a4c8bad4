// Cognito Identity (AWS JSON 1.1, `X-Amz-Target: AWSCognitoIdentityService.<Operation>`): the identity
// pool operations the credentials check reads, and the ones a test needs to make what it reads.
// Shapes and constraints from the cognito-identity 2014-06-30 service model.
import { randomUUID } from 'node:crypto';
export const IDENTITY_TARGET_PREFIX = 'AWSCognitoIdentityService.';
/** The operations the emulator answers. */
export const IDENTITY_OPERATIONS = ['CreateIdentityPool', 'ListIdentityPools', 'DescribeIdentityPool', 'SetIdentityPoolRoles', 'GetIdentityPoolRoles'];
/** The operation an `X-Amz-Target` names, undefined when it names none of ours; null when it is not Cognito Identity at all. */
export function identityOperationOf(target) {
    if (target === undefined || !target.startsWith(IDENTITY_TARGET_PREFIX))
        return null;
    const op = target.slice(IDENTITY_TARGET_PREFIX.length);
    return IDENTITY_OPERATIONS.includes(op) ? op : undefined;
}
const POOL_ID = /^[\w-]+:[0-9a-f-]+$/u;
const POOL_NAME = /^[\w\s+=,.@-]+$/u;
const PROVIDER_NAME = /^[\w._:/-]+$/u;
const CLIENT_ID = /^[\w_]+$/u;
const CLAIM = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const ARN = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/u;
const MAX_RESULTS = 60;
function invalid(message) {
    return { ok: false, error: 'InvalidParameterException', message };
}
function notFound(id) {
    return { ok: false, error: 'ResourceNotFoundException', message: `IdentityPool '${id}' not found.` };
}
function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function checkString(problems, field, v, min, max, pattern, required = true) {
    if (v === undefined) {
        if (required)
            problems.push(`${field}: member must not be null`);
        return;
    }
    if (typeof v !== 'string')
        problems.push(`${field}: member must be a string`);
    else if (v.length < min || v.length > max)
        problems.push(`${field}: member must have length between ${min} and ${max}`);
    else if (pattern !== undefined && !pattern.test(v))
        problems.push(`${field}: member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`);
}
function validation(problems) {
    if (problems.length === 0)
        return undefined;
    return invalid(`${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
}
function providersOf(v, problems) {
    if (v === undefined)
        return [];
    if (!Array.isArray(v)) {
        problems.push('cognitoIdentityProviders: member must be a list');
        return [];
    }
    return v.map((p, i) => {
        const o = isObject(p) ? p : {};
        checkString(problems, `cognitoIdentityProviders.${i + 1}.member.providerName`, o['ProviderName'], 1, 128, PROVIDER_NAME);
        checkString(problems, `cognitoIdentityProviders.${i + 1}.member.clientId`, o['ClientId'], 1, 128, CLIENT_ID);
        const check = o['ServerSideTokenCheck'];
        return { ProviderName: String(o['ProviderName']), ClientId: String(o['ClientId']), ...(typeof check === 'boolean' ? { ServerSideTokenCheck: check } : {}) };
    });
}
function describe(p) {
    return {
        IdentityPoolId: p.IdentityPoolId,
        IdentityPoolName: p.IdentityPoolName,
        AllowUnauthenticatedIdentities: p.AllowUnauthenticatedIdentities,
        ...(p.AllowClassicFlow === undefined ? {} : { AllowClassicFlow: p.AllowClassicFlow }),
        CognitoIdentityProviders: p.CognitoIdentityProviders,
        IdentityPoolTags: {},
    };
}
function mappingOf(key, v, problems) {
    const o = isObject(v) ? v : {};
    const where = `roleMappings.${key}.member`;
    const type = o['Type'];
    if (type !== 'Token' && type !== 'Rules')
        problems.push(`${where}.type: member must satisfy enum value set: [Token, Rules]`);
    const ambiguous = o['AmbiguousRoleResolution'];
    if (ambiguous !== undefined && ambiguous !== 'AuthenticatedRole' && ambiguous !== 'Deny')
        problems.push(`${where}.ambiguousRoleResolution: member must satisfy enum value set: [AuthenticatedRole, Deny]`);
    // The API reference: AmbiguousRoleResolution is required when Type is Token or Rules.
    if (ambiguous === undefined)
        problems.push(`${where}.ambiguousRoleResolution: member must not be null when Type is Token or Rules`);
    const out = { Type: String(type), ...(typeof ambiguous === 'string' ? { AmbiguousRoleResolution: ambiguous } : {}) };
    const config = o['RulesConfiguration'];
    if (type === 'Rules' && !isObject(config))
        problems.push(`${where}.rulesConfiguration: member must not be null when Type is Rules`);
    if (isObject(config)) {
        const rules = config['Rules'];
        if (!Array.isArray(rules) || rules.length < 1 || rules.length > 25) {
            problems.push(`${where}.rulesConfiguration.rules: member must have between 1 and 25 items`);
        }
        else {
            out.RulesConfiguration = {
                Rules: rules.map((r, i) => {
                    const rule = isObject(r) ? r : {};
                    const at = `${where}.rulesConfiguration.rules.${i + 1}.member`;
                    checkString(problems, `${at}.claim`, rule['Claim'], 1, 64, CLAIM);
                    if (!['Equals', 'Contains', 'StartsWith', 'NotEqual'].includes(rule['MatchType']))
                        problems.push(`${at}.matchType: member must satisfy enum value set: [Equals, Contains, StartsWith, NotEqual]`);
                    checkString(problems, `${at}.value`, rule['Value'], 1, 128);
                    checkString(problems, `${at}.roleARN`, rule['RoleARN'], 20, 2048, ARN);
                    return { Claim: String(rule['Claim']), MatchType: String(rule['MatchType']), Value: String(rule['Value']), RoleARN: String(rule['RoleARN']) };
                }),
            };
        }
    }
    return out;
}
/** Answers one Cognito Identity request signed for `region`. */
export function handleIdentityOperation(op, input, store, region) {
    const problems = [];
    const same = (reply) => ({ reply, mutated: false });
    const poolFrom = () => {
        checkString(problems, 'identityPoolId', input['IdentityPoolId'], 1, 55, POOL_ID);
        const bad = validation(problems);
        if (bad !== undefined)
            return bad;
        const id = input['IdentityPoolId'];
        return store.pools.get(id) ?? notFound(id);
    };
    switch (op) {
        case 'CreateIdentityPool': {
            checkString(problems, 'identityPoolName', input['IdentityPoolName'], 1, 128, POOL_NAME);
            const allow = input['AllowUnauthenticatedIdentities'];
            if (typeof allow !== 'boolean')
                problems.push('allowUnauthenticatedIdentities: member must not be null');
            const classic = input['AllowClassicFlow'];
            const providers = providersOf(input['CognitoIdentityProviders'], problems);
            const bad = validation(problems);
            if (bad !== undefined)
                return same(bad);
            const pool = {
                IdentityPoolId: `${region}:${randomUUID()}`,
                IdentityPoolName: input['IdentityPoolName'],
                AllowUnauthenticatedIdentities: allow,
                ...(typeof classic === 'boolean' ? { AllowClassicFlow: classic } : {}),
                CognitoIdentityProviders: providers,
                Roles: {},
                RoleMappings: {},
            };
            store.pools.set(pool.IdentityPoolId, pool);
            return { reply: { ok: true, body: describe(pool) }, mutated: true };
        }
        case 'ListIdentityPools': {
            const max = input['MaxResults'];
            if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS)
                problems.push(`maxResults: member must be an integer between 1 and ${MAX_RESULTS}`);
            checkString(problems, 'nextToken', input['NextToken'], 1, 4096, /^\S+$/u, false);
            const bad = validation(problems);
            if (bad !== undefined)
                return same(bad);
            // Each region has its own identity pools, as each regional endpoint does.
            const all = [...store.pools.values()].filter((p) => p.IdentityPoolId.startsWith(`${region}:`));
            const token = input['NextToken'];
            const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8').replace(/^ip:/, ''), 10);
            if (token !== undefined && !(Number.isInteger(start) && start > 0 && Buffer.from(token, 'base64url').toString('utf8').startsWith('ip:')))
                return same(invalid('Invalid pagination token.'));
            const page = all.slice(start, start + max);
            const next = start + page.length;
            return same({
                ok: true,
                body: {
                    IdentityPools: page.map((p) => ({ IdentityPoolId: p.IdentityPoolId, IdentityPoolName: p.IdentityPoolName })),
                    ...(next < all.length ? { NextToken: Buffer.from(`ip:${next}`).toString('base64url') } : {}),
                },
            });
        }
        case 'DescribeIdentityPool': {
            const pool = poolFrom();
            return same('ok' in pool ? pool : { ok: true, body: describe(pool) });
        }
        case 'GetIdentityPoolRoles': {
            const pool = poolFrom();
            if ('ok' in pool)
                return same(pool);
            return same({ ok: true, body: { IdentityPoolId: pool.IdentityPoolId, Roles: pool.Roles, RoleMappings: pool.RoleMappings } });
        }
        case 'SetIdentityPoolRoles': {
            const roles = input['Roles'];
            if (!isObject(roles))
                problems.push('roles: member must not be null');
            else {
                for (const [k, v] of Object.entries(roles)) {
                    if (k !== 'authenticated' && k !== 'unauthenticated')
                        problems.push(`roles: map keys must satisfy pattern (un)?authenticated, got ${k}`);
                    checkString(problems, `roles.${k}.member`, v, 20, 2048, ARN);
                }
            }
            const rawMappings = input['RoleMappings'];
            const mappings = {};
            if (rawMappings !== undefined) {
                if (!isObject(rawMappings) || Object.keys(rawMappings).length > 10)
                    problems.push('roleMappings: member must have at most 10 entries');
                else
                    for (const [k, v] of Object.entries(rawMappings)) {
                        if (k.length < 1 || k.length > 128)
                            problems.push(`roleMappings: map keys must have length between 1 and 128`);
                        mappings[k] = mappingOf(k, v, problems);
                    }
            }
            const pool = poolFrom();
            if ('ok' in pool)
                return same(pool);
            pool.Roles = { ...roles };
            pool.RoleMappings = mappings;
            return { reply: { ok: true, body: {} }, mutated: true };
        }
    }
}
