import { compareNames, nameKey } from '../config/names.js';
import { diffFields } from '../plan/fields.js';
import { computePoolPlan } from '../plan/compute.js';
import { isLockGroup } from '../plan/lease.js';
import { touchedKeys } from './build.js';
/**
 * Compares what a plan saw with what the pools have now, group by group, and the members it read with
 * `members` read again now (by pool, then group); with the groups file, also finds the groups the plan
 * leaves alone that no longer match it. Pure.
 */
export function checkStaleness(doc, current, config, members, caseSensitive) {
    const stale = [];
    const elsewhere = [];
    for (const pool of doc.pools) {
        const poolId = pool.userPoolId;
        // The lock group comes and goes with every apply (this one holds it now): never a change made elsewhere.
        const nowByKey = new Map((current.get(poolId) ?? []).filter((g) => !isLockGroup(g.name)).map((g) => [nameKey(g.name), g]));
        const thenByKey = new Map(pool.observed.filter((g) => !isLockGroup(g.name)).map((g) => [nameKey(g.name), g]));
        const touched = touchedKeys(pool);
        const keys = [...new Set([...thenByKey.keys(), ...nowByKey.keys(), ...touched])].sort(compareNames);
        for (const key of keys) {
            const into = touched.has(key) ? stale : elsewhere;
            const then = thenByKey.get(key);
            const found = nowByKey.get(key);
            if (then === undefined && found !== undefined) {
                into.push({ kind: 'created', poolId, name: found.name });
            }
            else if (then !== undefined && found === undefined) {
                into.push({ kind: 'deleted', poolId, name: then.name });
            }
            else if (then !== undefined && found !== undefined) {
                if (then.name !== found.name)
                    into.push({ kind: 'renamed', poolId, from: then.name, to: found.name });
                const fields = diffFields(then, found);
                if (fields.length > 0)
                    into.push({ kind: 'changed', poolId, name: found.name, fields });
            }
        }
        const sensitiveNow = caseSensitive?.get(poolId);
        if (pool.usernamesCaseSensitive !== undefined && sensitiveNow !== undefined && sensitiveNow !== pool.usernamesCaseSensitive) {
            stale.push({ kind: 'usernames', poolId, inPlan: pool.usernamesCaseSensitive, now: sensitiveNow });
        }
        const now = members?.get(poolId);
        for (const then of pool.members ?? []) {
            const users = now?.get(then.group);
            if (users === undefined)
                continue;
            const before = new Set(then.usernames);
            const after = new Set(users);
            const joined = users.filter((u) => !before.has(u)).length;
            const left = then.usernames.filter((u) => !after.has(u)).length;
            if (joined + left > 0)
                stale.push({ kind: 'members', poolId, name: then.group, joined, left });
        }
        const desired = config?.userPools.find((p) => p.id === poolId);
        if (desired === undefined)
            continue;
        for (const change of computePoolPlan(desired, current.get(poolId) ?? []).changes) {
            const keys = [nameKey(change.name), ...('previousName' in change ? [nameKey(change.previousName)] : [])];
            if (!keys.some((k) => touched.has(k)))
                stale.push({ kind: 'unplanned', poolId, name: 'previousName' in change ? change.previousName : change.name });
        }
    }
    return { stale, elsewhere };
}
