// The emulator's identity pools (Cognito Identity) and IAM roles: what CreateIdentityPool,
// SetIdentityPoolRoles and CreateRole make, kept in memory and, as the optional `identity` part of
// the state file, on disk (emulators without it read the file as before).
/** Identity pools by id (in creation order) and roles by name (IAM role names are unique ignoring case). */
export class IdentityStore {
    pools = new Map();
    roles = new Map();
    role(name) {
        return this.roles.get(name.toLowerCase());
    }
    addRole(role) {
        this.roles.set(role.RoleName.toLowerCase(), role);
    }
    /** The state file's part; undefined when there is nothing to keep, so files without it stay as they were. */
    toState() {
        if (this.pools.size === 0 && this.roles.size === 0)
            return undefined;
        return { identityPools: [...this.pools.values()], roles: [...this.roles.values()] };
    }
    load(state) {
        for (const p of state?.identityPools ?? [])
            this.pools.set(p.IdentityPoolId, p);
        for (const r of state?.roles ?? [])
            this.addRole(r);
    }
}
function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
/**
 * Checks the shape of the state file's `identity` part (absent: undefined); a problem is thrown as
 * an Error naming where it is, which the state-file reader reports as a corrupt file.
 */
export function parseIdentityState(v) {
    if (v === undefined)
        return undefined;
    const fail = (where, what) => {
        throw new Error(`identity.${where} must be ${what}`);
    };
    if (!isObject(v))
        return fail('', 'an object');
    const pools = v['identityPools'];
    const roles = v['roles'];
    if (!Array.isArray(pools))
        return fail('identityPools', 'an array');
    if (!Array.isArray(roles))
        return fail('roles', 'an array');
    pools.forEach((p, i) => {
        if (!isObject(p) || typeof p['IdentityPoolId'] !== 'string' || typeof p['IdentityPoolName'] !== 'string' || typeof p['AllowUnauthenticatedIdentities'] !== 'boolean') {
            fail(`identityPools[${i}]`, 'an identity pool with IdentityPoolId, IdentityPoolName and AllowUnauthenticatedIdentities');
        }
        const rec = p;
        if (!Array.isArray(rec['CognitoIdentityProviders']))
            fail(`identityPools[${i}].CognitoIdentityProviders`, 'an array');
        if (!isObject(rec['Roles']))
            fail(`identityPools[${i}].Roles`, 'an object');
        if (!isObject(rec['RoleMappings']))
            fail(`identityPools[${i}].RoleMappings`, 'an object');
    });
    roles.forEach((r, i) => {
        if (!isObject(r) || typeof r['RoleName'] !== 'string' || typeof r['Path'] !== 'string' || typeof r['RoleId'] !== 'string' || typeof r['AssumeRolePolicyDocument'] !== 'string' || typeof r['CreateDate'] !== 'number' || typeof r['MaxSessionDuration'] !== 'number') {
            fail(`roles[${i}]`, 'a role with RoleName, Path, RoleId, AssumeRolePolicyDocument, MaxSessionDuration and CreateDate');
        }
    });
    return { identityPools: pools, roles: roles };
}
