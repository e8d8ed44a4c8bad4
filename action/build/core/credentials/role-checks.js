import { judgeTrust } from './trust.js';
/** The warnings for every group whose role is missing or untrusting; roles not read are left out (the caller says so). */
export function roleWarnings(pools, lookups, sites = [], file) {
    const out = [];
    for (const pool of pools) {
        for (const group of pool.groups) {
            if (group.roleArn === undefined)
                continue;
            const lookup = lookups.get(group.roleArn);
            if (lookup === undefined || lookup.status === 'unchecked')
                continue;
            const site = sites.find((s) => s.poolIndex === pool.poolIndex && s.group === group.name);
            const base = {
                poolId: pool.poolId,
                group: group.name,
                roleArn: group.roleArn,
                problem: 'missing',
                ...(site === undefined ? {} : { ...(file === undefined ? {} : { file }), line: site.line, column: site.column }),
            };
            if (lookup.status === 'missing') {
                out.push(base);
                continue;
            }
            const verdict = judgeTrust(lookup.trustPolicy, pool.identityPoolIds);
            if (verdict.ok)
                continue;
            out.push({ ...base, problem: verdict.problem, ...(verdict.problem === 'other-identity-pools' ? { audiences: verdict.audiences } : {}) });
        }
    }
    return out;
}
/** The distinct role ARNs of the groups, sorted: each is read once. */
export function distinctRoles(pools) {
    return [...new Set(pools.flatMap((p) => p.groups.flatMap((g) => (g.roleArn === undefined ? [] : [g.roleArn]))))].sort();
}
