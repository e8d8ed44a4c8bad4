import { claimOf } from '../../core/access/transitions.js';
/** Transitions a refusal names, largest first. */
export const TRANSITIONS_NAMED = 5;
/** What a plan's access does beyond the budget; undefined when within it. Pure. */
export function accessViolations(plan, maxRoleChanges) {
    const preferred = [];
    const sensitive = [];
    const sensitiveUsers = new Set();
    const unchecked = [];
    let credentialUsers = 0;
    for (const pool of plan.pools) {
        const a = pool.access;
        if (a === undefined)
            continue;
        if (!a.checked) {
            unchecked.push(pool.userPoolId);
            continue;
        }
        // Where an identity pool hands out roles from these tokens, the budget counts whose credentials change.
        const c = pool.credentials;
        if (c?.checked === true && c.identityPools.length > 0) {
            credentialUsers += c.users;
            for (const t of c.transitions) {
                const ref = { poolId: pool.userPoolId, credential: t, count: t.count };
                preferred.push(ref);
                if (t.sensitive === true) {
                    sensitive.push(ref);
                    for (const u of t.usernames)
                        sensitiveUsers.add(`${pool.userPoolId}\u0000${u}`);
                }
            }
            continue;
        }
        for (const t of a.transitions) {
            const ref = { poolId: pool.userPoolId, change: claimOf(t), count: t.count };
            if (t.claim === 'preferred_role')
                preferred.push(ref);
            if (t.sensitive === true) {
                sensitive.push(ref);
                for (const u of t.usernames)
                    sensitiveUsers.add(`${pool.userPoolId}\u0000${u}`);
            }
        }
    }
    const largest = (refs) => [...refs].sort((a, b) => b.count - a.count).slice(0, TRANSITIONS_NAMED);
    // A user has at most one preferred-role transition per pool: the counts add up to users.
    const users = preferred.filter((r) => 'change' in r).reduce((n, r) => n + r.count, 0) + credentialUsers;
    const v = {
        ...(users > maxRoleChanges ? { overMaxRoleChanges: { users, maxRoleChanges, largest: largest(preferred), ...(credentialUsers > 0 ? { credentials: true } : {}) } } : {}),
        ...(sensitiveUsers.size > 0 ? { sensitive: { users: sensitiveUsers.size, largest: largest(sensitive) } } : {}),
        ...(unchecked.length > 0 ? { unchecked } : {}),
    };
    return Object.keys(v).length === 0 ? undefined : v;
}
