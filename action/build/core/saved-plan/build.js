import { accessJson, accessReadJson } from '../access/canonical.js';
import { compareNames, nameKey } from '../config/names.js';
import { changeJson, groupJson, orphanHoldJson, unmanagedJson } from '../plan/canonical.js';
import { countPlan } from '../plan/summary.js';
import { listingDigest, sha256 } from './digest.js';
import { PLAN_FORMAT_VERSION } from './model.js';
/** The names (case-folded) a change touches: its own, the name the pool has (replace, rename) and its holding group. */
export function touchedKeys(pool) {
    const keys = new Set();
    for (const c of pool.changes) {
        keys.add(nameKey(c.name));
        if ('previousName' in c)
            keys.add(nameKey(c.previousName));
        if ('hold' in c && c.hold !== undefined)
            keys.add(nameKey(c.hold.group));
    }
    return keys;
}
/** Members as a plan document records them: by group, usernames sorted. */
export function membersJson(members) {
    return [...members.entries()]
        .sort(([a], [b]) => compareNames(a, b))
        .map(([group, users]) => ({ group, usernames: [...users].sort(compareNames) }));
}
/** The members a document records for one pool, as the planner takes them. */
export function membersOfDocument(pool) {
    return new Map((pool.members ?? []).map((m) => [m.group, m.usernames]));
}
/** Builds the versioned, checksummed plan document. */
export function buildPlanDocument({ plan, observed, members, caseSensitive, accessReads, credentialsRead }, meta) {
    const pools = plan.pools.map((pool) => {
        const listing = observed.get(pool.userPoolId) ?? [];
        const read = members?.get(pool.userPoolId);
        return {
            userPoolId: pool.userPoolId,
            region: pool.region,
            listed: pool.listed,
            listingDigest: listingDigest(listing),
            observed: [...listing].sort((a, b) => compareNames(a.name, b.name)).map(groupJson),
            changes: pool.changes.map(changeJson),
            unchanged: [...pool.unchanged],
            unmanaged: pool.unmanaged.map(unmanagedJson),
            ...(pool.lookalikes === undefined ? {} : { lookalikes: pool.lookalikes.map((l) => ({ inFile: l.inFile, inPool: l.inPool })) }),
            ...(pool.orphanHolds === undefined ? {} : { orphanHolds: pool.orphanHolds.map(orphanHoldJson) }),
            ...(read === undefined || read.size === 0 ? {} : { members: membersJson(read) }),
            ...(caseSensitive?.has(pool.userPoolId) === true ? { usernamesCaseSensitive: caseSensitive.get(pool.userPoolId) === true } : {}),
            ...(pool.access === undefined ? {} : { access: accessJson(pool.access) }),
            ...(accessReads?.get(pool.userPoolId) === undefined ? {} : { accessRead: accessReadJson(accessReads.get(pool.userPoolId)) }),
            ...(pool.credentials === undefined ? {} : { credentials: pool.credentials }),
        };
    });
    const body = {
        formatVersion: PLAN_FORMAT_VERSION,
        kind: 'cognito-groups-plan',
        toolVersion: meta.toolVersion,
        createdAt: meta.createdAt.toISOString(),
        desiredFile: { path: meta.desiredFile.path, sha256: sha256(meta.desiredFile.text) },
        target: meta.target,
        ...(meta.endpoint === undefined ? {} : { endpoint: meta.endpoint }),
        ...(meta.environment === undefined ? {} : { environment: meta.environment.name, ...(meta.environment.account === undefined ? {} : { account: meta.environment.account }) }),
        ...(plan.dropMembers === true ? { dropMembers: true } : {}),
        settings: {
            ...(meta.settings?.maxRps === undefined ? {} : { maxRps: meta.settings.maxRps }),
            ...(meta.settings?.sensitiveRoles === undefined ? {} : { sensitiveRoles: [...meta.settings.sensitiveRoles] }),
        },
        summary: { ...countPlan(plan), text: meta.summaryText },
        pools,
        ...(plan.credentials === undefined ? {} : { credentials: plan.credentials }),
        ...(credentialsRead === undefined ? {} : { credentialsRead }),
    };
    return { ...body, checksum: checksumOf(body) };
}
/** sha256 of a document's JSON without its checksum field. */
export function checksumOf(body) {
    const { checksum: _ignored, ...rest } = body;
    return `sha256:${sha256(JSON.stringify(rest))}`;
}
/** The plan a document holds, for rendering and applying. */
export function planOfDocument(doc) {
    return {
        pools: doc.pools.map((p) => ({
            userPoolId: p.userPoolId,
            region: p.region,
            listed: p.listed,
            changes: p.changes,
            unchanged: p.unchanged,
            unmanaged: p.unmanaged,
            ...(p.lookalikes === undefined ? {} : { lookalikes: p.lookalikes }),
            ...(p.orphanHolds === undefined ? {} : { orphanHolds: p.orphanHolds }),
            ...(p.access === undefined ? {} : { access: p.access }),
            ...(p.credentials === undefined ? {} : { credentials: p.credentials }),
        })),
        ...(doc.dropMembers === true ? { dropMembers: true } : {}),
        ...(doc.credentials === undefined ? {} : { credentials: doc.credentials }),
    };
}
