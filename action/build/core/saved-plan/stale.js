import { transitionJson } from '../access/canonical.js';
import { predictionFrom } from '../access/recompute.js';
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
export function checkStaleness(doc, current, config, members, caseSensitive, accessNow) {
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
        // The prediction again, from what the pools have now: the listing, the members and what the access check read.
        // Only when nothing else is stale in the pool: a changed group or member changes the prediction too, and is named already.
        if (pool.access?.checked === true && !stale.some((s) => 'poolId' in s && s.poolId === poolId)) {
            const plannedMembers = new Map((pool.members ?? []).map((m) => [m.group, now?.get(m.group) ?? m.usernames]));
            const again = predictionFrom(pool, {
                observed: current.get(poolId) ?? [],
                members: plannedMembers,
                caseSensitive: pool.usernamesCaseSensitive ?? true,
                read: accessNow?.get(poolId)?.read ?? pool.accessRead ?? { via: 'plan-reads' },
                sensitiveRoles: doc.settings.sensitiveRoles ?? [],
            });
            const same = again !== undefined && JSON.stringify(again.transitions.map(transitionJson)) === JSON.stringify(pool.access.transitions.map(transitionJson));
            if (!same)
                stale.push({ kind: 'access', poolId, inPlan: pool.access.users, now: again?.users ?? 0 });
        }
        const triggerNow = accessNow?.get(poolId)?.trigger;
        if (pool.access?.checked === true && triggerNow !== undefined && triggerNow !== (pool.access.trigger ?? null)) {
            stale.push({ kind: 'trigger', poolId, inPlan: pool.access.trigger ?? null, now: triggerNow });
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
