// What Cognito Identity and IAM answer, checked before the credentials check believes it.
import { CgError } from '../../core/errors.js';
function bad(where, why) {
    return new CgError('AWS_BAD_RESPONSE', `${where}: the answer is not the service's (${why}); check --endpoint-url or any proxy in between`);
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** A ListIdentityPools page. */
export function identityPoolPageOf(out, where) {
    const list = out['IdentityPools'] ?? [];
    if (!Array.isArray(list))
        throw bad(where, 'IdentityPools is not a list');
    const pools = list.map((p, i) => {
        if (!isObject(p) || typeof p['IdentityPoolId'] !== 'string' || typeof p['IdentityPoolName'] !== 'string')
            throw bad(where, `IdentityPools[${i}] is not an identity pool`);
        return { id: p['IdentityPoolId'], name: p['IdentityPoolName'] };
    });
    const token = out['NextToken'];
    return typeof token === 'string' && token !== '' ? { pools, nextToken: token } : { pools };
}
/** A DescribeIdentityPool answer. */
export function identityPoolOf(out, where) {
    const id = out['IdentityPoolId'];
    const name = out['IdentityPoolName'];
    if (typeof id !== 'string' || typeof name !== 'string')
        throw bad(where, 'no IdentityPoolId or IdentityPoolName');
    const raw = out['CognitoIdentityProviders'] ?? [];
    if (!Array.isArray(raw))
        throw bad(where, 'CognitoIdentityProviders is not a list');
    const providers = raw.map((p, i) => {
        if (!isObject(p) || typeof p['ProviderName'] !== 'string' || typeof p['ClientId'] !== 'string')
            throw bad(where, `CognitoIdentityProviders[${i}] has no ProviderName or ClientId`);
        return { providerName: p['ProviderName'], clientId: p['ClientId'] };
    });
    return { id, name, providers };
}
const MATCH_TYPES = ['Equals', 'Contains', 'StartsWith', 'NotEqual'];
/** A GetIdentityPoolRoles answer. */
export function identityPoolRolesOf(out, where) {
    const roles = out['Roles'] ?? {};
    if (!isObject(roles))
        throw bad(where, 'Roles is not a map');
    const auth = roles['authenticated'];
    const rawMappings = out['RoleMappings'] ?? {};
    if (!isObject(rawMappings))
        throw bad(where, 'RoleMappings is not a map');
    const mappings = {};
    for (const [key, m] of Object.entries(rawMappings)) {
        if (!isObject(m))
            throw bad(where, `RoleMappings[${JSON.stringify(key)}] is not a mapping`);
        // An absent AmbiguousRoleResolution cannot be set through the API; read as the stricter Deny.
        const ambiguous = m['AmbiguousRoleResolution'] === 'AuthenticatedRole' ? 'AuthenticatedRole' : 'Deny';
        if (m['Type'] === 'Token')
            mappings[key] = { type: 'Token', ambiguous };
        else if (m['Type'] === 'Rules') {
            const config = m['RulesConfiguration'];
            const rules = isObject(config) ? config['Rules'] : undefined;
            if (!Array.isArray(rules))
                throw bad(where, `RoleMappings[${JSON.stringify(key)}] of Type Rules has no RulesConfiguration.Rules`);
            mappings[key] = {
                type: 'Rules',
                ambiguous,
                rules: rules.map((r, i) => {
                    if (!isObject(r) || typeof r['Claim'] !== 'string' || !MATCH_TYPES.includes(r['MatchType']) || typeof r['Value'] !== 'string' || typeof r['RoleARN'] !== 'string') {
                        throw bad(where, `RoleMappings[${JSON.stringify(key)}] rule ${i + 1} is not a rule`);
                    }
                    return { claim: r['Claim'], matchType: r['MatchType'], value: r['Value'], roleArn: r['RoleARN'] };
                }),
            };
        }
        else
            throw bad(where, `RoleMappings[${JSON.stringify(key)}] has Type ${JSON.stringify(m['Type'])}`);
    }
    return { ...(typeof auth === 'string' ? { authenticatedRole: auth } : {}), mappings };
}
/** A GetRole answer, its trust policy URL-decoded (IAM returns it URL-encoded). */
export function roleOf(role, where) {
    if (role === undefined)
        throw bad(where, 'no Role');
    const arn = role['Arn'];
    const doc = role['AssumeRolePolicyDocument'];
    if (typeof arn !== 'string')
        throw bad(where, 'no Role.Arn');
    if (typeof doc !== 'string')
        return { arn, trustPolicy: '' };
    let trustPolicy = doc;
    try {
        trustPolicy = decodeURIComponent(doc);
    }
    catch {
        // Not URL-encoded after all: judged as it is.
    }
    return { arn, trustPolicy };
}
