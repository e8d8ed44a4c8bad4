// The IAM role an identity pool gives a user, from the user's predicted ID-token claims. Pure.
//
// What the documentation says (GetIdentityPoolRoles and RoleMapping references; developer guide
// "role-based access control"; cognito-contract.md "Identity pools"):
// - no mapping for the provider and app client: the pool's authenticated role;
// - Token: `cognito:preferred_role`; without one, `AmbiguousRoleResolution` (AuthenticatedRole: the
//   pool's authenticated role; Deny: no credentials);
// - Rules: the first rule whose claim matches gives its role; none matching, `AmbiguousRoleResolution`.
// What it does not say, and the reading this tool takes (every result is a prediction):
// - a Token mapping and a token with no role claim at all: the ambiguous resolution too;
// - a rule on a list claim (`cognito:groups`, `cognito:roles`) matches when any one value does
//   (Equals: a value equal to the rule's; Contains: a value containing it; StartsWith: a value starting
//   with it); NotEqual matches when the claim is present and no value equals the rule's;
// - a claim the token lacks (a user in no group has no `cognito:groups`) matches no rule, NotEqual included;
// - a rule on any other claim (`email`, `custom:*` ...) cannot be decided here: the result is
//   "decided by a rule on <claim>, not predicted", unless an earlier rule already matched.
import { mappingKey } from './federation.js';
/** The claims a rule can be decided on, because the claim rule predicts them. */
export const PREDICTED_CLAIMS = ['cognito:groups', 'cognito:roles', 'cognito:preferred_role'];
/** The values of a predicted claim in a token; undefined when the token lacks the claim or the claim is not predicted. */
function claimValues(claims, claim) {
    switch (claim) {
        case 'cognito:groups':
            return claims.groups.length === 0 ? undefined : claims.groups;
        case 'cognito:roles':
            return claims.roles.length === 0 ? undefined : claims.roles;
        case 'cognito:preferred_role':
            return claims.preferredRole === undefined ? undefined : [claims.preferredRole];
        default:
            return undefined;
    }
}
/** Whether a rule on a predicted claim matches the token. */
export function ruleMatches(rule, claims) {
    const values = claimValues(claims, rule.claim);
    if (values === undefined)
        return false;
    switch (rule.matchType) {
        case 'Equals':
            return values.includes(rule.value);
        case 'Contains':
            return values.some((v) => v.includes(rule.value));
        case 'StartsWith':
            return values.some((v) => v.startsWith(rule.value));
        case 'NotEqual':
            return !values.includes(rule.value);
    }
}
function authenticated(pool, reason) {
    return pool.authenticatedRole === undefined
        ? { kind: 'denied', why: 'no-authenticated-role' }
        : { kind: 'role', roleArn: pool.authenticatedRole, via: { from: 'authenticated-role', reason } };
}
/** The credentials a user with these claims gets from `pool` signing in through app client `clientId` of provider `providerName`. */
export function credentialOf(claims, pool, providerName, clientId) {
    const mapping = pool.mappings[mappingKey(providerName, clientId)];
    if (mapping === undefined)
        return authenticated(pool, 'no-mapping');
    const ambiguous = () => (mapping.ambiguous === 'Deny' ? { kind: 'denied', why: 'deny' } : authenticated(pool, 'ambiguous'));
    if (mapping.type === 'Token') {
        return claims.preferredRole === undefined ? ambiguous() : { kind: 'role', roleArn: claims.preferredRole, via: { from: 'preferred-role' } };
    }
    for (const [i, rule] of mapping.rules.entries()) {
        if (!PREDICTED_CLAIMS.includes(rule.claim))
            return { kind: 'unpredicted', claim: rule.claim };
        if (ruleMatches(rule, claims))
            return { kind: 'role', roleArn: rule.roleArn, via: { from: 'rule', rule: i + 1 } };
    }
    return ambiguous();
}
/** The same credential: equal role (however chosen), equal denial, or the same undecided claim. */
export function sameCredential(a, b) {
    if (a.kind === 'role' && b.kind === 'role')
        return a.roleArn === b.roleArn;
    if (a.kind === 'denied' && b.kind === 'denied')
        return a.why === b.why;
    if (a.kind === 'unpredicted' && b.kind === 'unpredicted')
        return a.claim === b.claim;
    return false;
}
/** A short name for a credential in a transition: the role's name, "no credentials", or the undecided claim. */
export function credentialLabel(c) {
    switch (c.kind) {
        case 'role':
            return roleName(c.roleArn);
        case 'denied':
            return c.why === 'deny' ? 'no credentials (Deny)' : 'no credentials (no authenticated role)';
        case 'unpredicted':
            return `decided by a rule on ${c.claim}, not predicted`;
    }
}
/** The name part of a role ARN (`arn:aws:iam::1:role/path/AppAdmin` -> `AppAdmin`); the ARN itself when it names no role. */
export function roleName(roleArn) {
    const m = /^arn:[^:]+:iam::[0-9]*:role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    return m?.[1] ?? roleArn;
}
