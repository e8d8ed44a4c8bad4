import { assertNever } from '../errors.js';
/** Drift is the plan read as a report: what differs, what is missing, what nobody manages. Pure. */
export function driftOf(plan) {
    return { pools: plan.pools.map(poolDrift) };
}
function poolDrift(pool) {
    const drift = { userPoolId: pool.userPoolId, region: pool.region, listed: pool.listed, drifted: [], missing: [], unmanaged: [], toDelete: [], providerGroups: [], orphanHolds: [...(pool.orphanHolds ?? [])] };
    for (const c of pool.changes) {
        switch (c.action) {
            case 'create':
                // A group whose members a stopped run holds is missing all the same; apply creates it and puts them back.
                drift.missing.push(c.name);
                if (c.previouslyMissing !== undefined)
                    (drift.previouslyMissing ??= []).push({ name: c.name, previously: [...c.previouslyMissing] });
                break;
            case 'update':
            case 'replace':
            case 'rename': {
                const fields = c.fields.map((f) => ({ field: f.field, expected: f.after, actual: f.before }));
                drift.drifted.push({
                    name: c.name,
                    fix: c.action,
                    fields,
                    ...(c.action !== 'update' && c.previousName !== c.name ? { actualName: c.previousName } : {}),
                    ...(c.memberCount === undefined ? {} : { memberCount: c.memberCount }),
                    ...(c.action !== 'rename' && c.hold?.resuming === true ? { heldIn: c.hold.group } : {}),
                    ...(c.members === undefined ? {} : { members: { missing: [...c.members.add], unexpected: [...c.members.remove] } }),
                });
                break;
            }
            case 'restore':
                drift.drifted.push({
                    name: c.name,
                    fix: 'restore',
                    fields: [],
                    heldIn: c.hold.group,
                    ...(c.members === undefined ? {} : { members: { missing: [...c.members.add], unexpected: [...c.members.remove] } }),
                });
                break;
            case 'delete':
                drift.toDelete.push(c.name);
                break;
            default:
                assertNever(c);
        }
    }
    for (const g of pool.unmanaged) {
        const { provider, alert, ...group } = g;
        if (!provider)
            drift.unmanaged.push(group);
        else
            drift.providerGroups.push({ ...group, ...(alert === undefined ? {} : { alert }) });
    }
    return drift;
}
