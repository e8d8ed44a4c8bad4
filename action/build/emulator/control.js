// The part of the control API that seeds state directly: pools, groups, users, members and provider
// groups, validated as the API validates them but bypassing quotas and faults.
import { randomUUID } from 'node:crypto';
import { usage } from './misuse.js';
import { preTokenTriggerOf } from './operations.js';
import { foldName } from './order-key.js';
import { seedMembers, seedUsers } from './seeding.js';
import { newSalt } from './state.js';
import { newGroupRecord } from './store.js';
import { checkGroupRequest, checkString, POOL_NAME, USER_POOL_ID } from './validation.js';
/** The seeding methods of the control API, working on `state`. */
export function controlApi(state) {
    const { store, clock } = state;
    function requirePool(poolId, caller) {
        const pool = store.pool(poolId);
        if (pool === undefined)
            throw usage(`${caller}: user pool ${poolId} does not exist (create it with ensureUserPool)`);
        return pool;
    }
    const api = {
        ensureUserPool(id, nameOrOptions) {
            const o = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : (nameOrOptions ?? {});
            const bad = [...checkString('userPoolId', id, USER_POOL_ID, true), ...checkString('poolName', o.name, POOL_NAME)];
            if (o.caseSensitive !== undefined && typeof o.caseSensitive !== 'boolean')
                bad.push(`caseSensitive must be true or false, got ${String(o.caseSensitive)}`);
            if (bad.length > 0)
                throw usage(`ensureUserPool: invalid arguments`, bad);
            const existing = store.pool(id);
            if (existing !== undefined) {
                if (o.caseSensitive !== undefined && o.caseSensitive !== existing.caseSensitive) {
                    throw usage(`ensureUserPool: pool ${id} exists with CaseSensitive ${existing.caseSensitive}; a pool's username case sensitivity cannot change`);
                }
                return false;
            }
            const trigger = o.preTokenGeneration === undefined ? undefined : preTokenTriggerOf({ PreTokenGeneration: undefined, PreTokenGenerationConfig: { LambdaArn: o.preTokenGeneration.lambdaArn, LambdaVersion: o.preTokenGeneration.version ?? 'V1_0' } });
            if (typeof trigger === 'string')
                throw usage('ensureUserPool: invalid arguments', [trigger]);
            store.addPool({ id, name: o.name ?? id, creationDate: clock(), salt: newSalt(), caseSensitive: o.caseSensitive ?? false, ...(trigger === undefined ? {} : { preTokenGeneration: trigger }) });
            state.persistInBackground();
            return true;
        },
        listUserPools() {
            return [...store.pools.values()].map((p) => ({ id: p.id, name: p.name, caseSensitive: p.caseSensitive, groups: p.groups.size, users: p.users.size }));
        },
        seedGroups(poolId, groups) {
            const pool = requirePool(poolId, 'seedGroups');
            const problems = [];
            const batch = new Set();
            groups.forEach((g, i) => {
                for (const p of checkGroupRequest({ ...g, UserPoolId: poolId }))
                    problems.push(`groups[${i}]: ${p}`);
                const fold = foldName(g.GroupName);
                if (pool.groups.has(fold) || batch.has(fold))
                    problems.push(`groups[${i}]: a group with the name ${g.GroupName} already exists (names are unique ignoring case)`);
                batch.add(fold);
            });
            if (pool.groups.size + groups.length > store.maxGroupsPerPool) {
                problems.push(`pool ${poolId} would hold ${pool.groups.size + groups.length} groups; the limit is ${store.maxGroupsPerPool}`);
            }
            if (problems.length > 0)
                throw usage(`seedGroups: ${problems.length} problem(s) with the groups for ${poolId}`, problems);
            const now = clock();
            const records = groups.map((g) => newGroupRecord(g.GroupName, { description: g.Description, roleArn: g.RoleArn, precedence: g.Precedence }, now));
            store.addGroups(pool, records);
            state.persistInBackground();
        },
        seedUsers(poolId, users, seedOptions = {}) {
            const added = seedUsers(requirePool(poolId, 'seedUsers'), users, seedOptions, clock(), randomUUID);
            if (added > 0)
                state.persistInBackground();
            return added;
        },
        seedMembers(poolId, groupName, usernames) {
            const added = seedMembers(store, requirePool(poolId, 'seedMembers'), groupName, usernames);
            if (added > 0)
                state.persistInBackground();
            return added;
        },
        seedProviderGroup(poolId, providerName, fields = {}) {
            const pool = requirePool(poolId, 'seedProviderGroup');
            const name = `${poolId}_${providerName}`;
            const existing = store.groupIgnoringCase(pool, name);
            if (existing !== undefined)
                return existing.name;
            const group = { GroupName: name, Description: `Autogenerated group for users who sign in using ${providerName}`, ...fields };
            api.seedGroups(poolId, [group]);
            return name;
        },
    };
    return api;
}
