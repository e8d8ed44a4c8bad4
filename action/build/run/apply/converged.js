import { compareNames, nameKey } from '../../core/config/names.js';
import { usernameKey } from '../../core/plan/member-changes.js';
import { computePoolPlan } from '../../core/plan/compute.js';
import { diffFields, normalFields } from '../../core/plan/fields.js';
/** The groups of a pool plan that its changes put members in (a member-keeping replace, a rename, members put back). */
export function memberTargets(pool) {
    const out = [];
    for (const c of pool.changes) {
        if (c.action === 'delete')
            continue;
        const held = 'hold' in c && c.hold?.resuming === true ? [c.hold.group] : [];
        const sources = (c.action === 'replace' && c.hold !== undefined) || c.action === 'rename' ? [c.previousName, ...held] : c.action === 'replace' ? [] : held;
        const add = c.members?.add ?? [];
        const remove = c.members?.remove ?? [];
        if (sources.length + add.length + remove.length > 0)
            out.push({ group: c.name, sources, add, remove });
    }
    return out;
}
/**
 * Checks the pools after an apply, the same way in every pool: each planned change must hold (the
 * group exists with the planned fields, or is gone, and a group the run put members in has every one
 * the plan read); with the groups file, the other groups of the pools it changed are compared with
 * the file too, and differences reported apart.
 */
export function checkAfterApply(plan, after, config, members) {
    const remaining = [];
    const elsewhere = [];
    const membersMissing = [];
    for (const pool of plan.pools) {
        const poolId = pool.userPoolId;
        const observed = after.get(poolId);
        if (observed === undefined || pool.changes.length === 0)
            continue;
        const byName = new Map(observed.map((g) => [g.name, g]));
        for (const c of pool.changes) {
            const now = byName.get(c.name);
            if (c.action === 'delete') {
                if (now !== undefined)
                    remaining.push({ poolId, change: { action: 'delete', name: c.name, before: normalFields(now) } });
                continue;
            }
            if (c.action !== 'restore') {
                if (now === undefined)
                    remaining.push({ poolId, change: { action: 'create', name: c.name, after: c.after } });
                else {
                    const fields = diffFields(now, c.after);
                    if (fields.length > 0)
                        remaining.push({ poolId, change: { action: 'update', name: c.name, before: normalFields(now), after: c.after, fields } });
                }
            }
            // A rename leaves no old group, and nothing the run moved members through is left behind.
            const old = c.action === 'rename' ? byName.get(c.previousName) : undefined;
            if (old !== undefined)
                remaining.push({ poolId, change: { action: 'delete', name: old.name, before: normalFields(old) } });
            const hold = 'hold' in c ? c.hold : undefined;
            if (hold !== undefined && byName.has(hold.group))
                remaining.push({ poolId, change: { action: 'restore', name: c.name, hold } });
        }
        const key = (u) => usernameKey(u, members?.caseSensitive?.get(poolId) ?? false);
        for (const target of memberTargets(pool)) {
            const now = members?.now.get(poolId)?.get(target.group);
            if (now === undefined)
                continue;
            const has = new Set(now.map(key));
            const removed = new Set(target.remove.map(key));
            const kept = target.sources.flatMap((source) => [...(members?.then.get(poolId)?.get(source) ?? [])]).filter((u) => !removed.has(key(u)));
            const expected = [...new Map([...kept, ...target.add].map((u) => [key(u), u])).values()];
            const missing = expected.filter((u) => !has.has(key(u))).sort(compareNames);
            const unexpected = now.filter((u) => removed.has(key(u))).sort(compareNames);
            if (missing.length + unexpected.length > 0)
                membersMissing.push({ poolId, group: target.group, expected: expected.length, missing, unexpected });
        }
        const desired = config?.userPools.find((p) => p.id === poolId);
        if (desired === undefined)
            continue;
        const touched = new Set(pool.changes.flatMap((c) => [nameKey(c.name), ...('previousName' in c ? [nameKey(c.previousName)] : [])]));
        for (const change of computePoolPlan(desired, observed).changes) {
            if (!touched.has(nameKey(change.name)) && !('previousName' in change && touched.has(nameKey(change.previousName))))
                elsewhere.push({ poolId, change });
        }
    }
    return { remaining, elsewhere, membersMissing };
}
