import { isProviderGroup } from '../config/model.js';
import { compareNames, lookalikeKey, nameKey } from '../config/names.js';
import { CgError } from '../errors.js';
import { diffFields, normalFields, replaceReasons } from './fields.js';
import { holdName, holdRecordOf, isReserved } from './holding.js';
import { isLockGroup } from './lease.js';
import { memberChangeOf, membersAfter } from './member-changes.js';
/**
 * Compares what a pool should have with what it has. Pure and deterministic: the same inputs give
 * the same plan whatever order the pool listed its groups in. Holding groups (left by a run that
 * stopped while it moved members) are never planned as groups: the change of the group they serve
 * finishes their work, and the lock group (an apply's lease) is left out altogether. Throws PLAN_CONFLICT when a group and one of its previous names both exist
 * and no holding group says a rename was under way: the plan does not guess which one is meant.
 */
export function computePoolPlan(desired, observed, options = {}) {
    const pool = indexPool(desired, observed, options);
    const changes = [];
    const unchanged = [];
    for (const want of [...desired.groups].sort((a, b) => compareNames(a.name, b.name))) {
        const change = planGroup(pool, want);
        if (change === undefined)
            unchanged.push(want.name);
        else
            changes.push(change);
    }
    const unmanaged = [];
    const leftover = pool.regular.filter((g) => !pool.matched.has(g.name)).sort((a, b) => compareNames(a.name, b.name));
    for (const g of leftover) {
        const provider = isProviderGroup(desired.id, g.name);
        // A reserved name that is not a holding group of ours is someone else's business: never deleted.
        if (desired.unmanagedGroups === 'delete' && !provider && !isReserved(g.name)) {
            changes.push({ action: 'delete', name: g.name, before: normalFields(g), ...pool.counted(g.name) });
        }
        else {
            const alert = provider ? providerAlert(g) : undefined;
            unmanaged.push({ name: g.name, ...normalFields(g), provider, ...(alert === undefined ? {} : { alert }) });
        }
    }
    const orphanHolds = [...pool.holds.values()].map((h) => ({ group: h.group.name, for: h.record.group, ...pool.counted(h.group.name) })).sort((a, b) => compareNames(a.group, b.group));
    changes.sort((a, b) => compareNames(a.name, b.name));
    const lookalikes = lookalikesOf(desired.groups, pool.regular);
    return {
        userPoolId: desired.id,
        region: desired.region,
        // The lock group is an apply's, not the pool's: an empty pool being applied lists no group.
        listed: observed.filter((g) => !isLockGroup(g.name)).length,
        changes,
        unchanged,
        unmanaged,
        ...(orphanHolds.length === 0 ? {} : { orphanHolds }),
        ...(lookalikes.length === 0 ? {} : { lookalikes }),
    };
}
function indexPool(desired, observed, options) {
    const holds = new Map();
    const regular = [];
    for (const g of observed) {
        // The lease of a run applying now is no group of the pool's: never planned, shown as unmanaged or deleted.
        if (isLockGroup(g.name))
            continue;
        const record = holdRecordOf(g);
        if (record !== undefined)
            holds.set(nameKey(record.group), { group: g, record });
        else
            regular.push(g);
    }
    const exact = new Map();
    const byKey = new Map();
    for (const g of regular) {
        exact.set(g.name, g);
        if (!byKey.has(nameKey(g.name)))
            byKey.set(nameKey(g.name), g);
    }
    return {
        desired,
        options,
        holds,
        regular,
        exact,
        byKey,
        matched: new Set(),
        counted(name) {
            const users = options.members?.get(name);
            return users === undefined ? {} : { memberCount: users.length };
        },
        memberWork(want, before) {
            if (want.members === undefined)
                return {};
            const after = membersAfter(before, options.members);
            if (after === undefined)
                return {};
            // Unknown, the pool is taken to ignore case: then two spellings of one name are never one added and the other removed.
            const change = memberChangeOf(desired.id, want, after, options.caseSensitive ?? false);
            return change === undefined ? {} : { members: change };
        },
    };
}
/** The change one wanted group needs (undefined: none), marking the pool's groups it takes as matched. */
function planGroup(pool, want) {
    const { options, holds, exact, byKey, matched, counted, memberWork } = pool;
    const after = normalFields(want);
    const found = holds.get(nameKey(want.name));
    holds.delete(nameKey(want.name));
    const held = found === undefined ? undefined : options.members?.get(found.group.name);
    const hold = found === undefined
        ? { group: holdName(want.name), resuming: false }
        : { group: found.group.name, resuming: true, ...counted(found.group.name), ...(held === undefined ? {} : { usernames: [...held].sort(compareNames) }) };
    const same = exact.get(want.name);
    const caseOnly = same === undefined ? byKey.get(nameKey(want.name)) : undefined;
    const current = same ?? (caseOnly !== undefined && !matched.has(caseOnly.name) ? caseOnly : undefined);
    const previous = previousGroup(pool.desired.id, want, current, byKey, matched, found?.record);
    if (previous !== undefined) {
        matched.add(previous.name);
        if (current !== undefined)
            matched.add(current.name);
        const before = normalFields(previous);
        // A rename under way may have filled the new group already: its members count too.
        const from = [previous.name, ...(current === undefined ? [] : [current.name]), ...(hold.resuming ? [hold.group] : [])];
        return { action: 'rename', name: want.name, previousName: previous.name, before, after, fields: diffFields(before, after), hold, ...counted(previous.name), ...memberWork(want, { from }) };
    }
    if (current === undefined) {
        // A `previously` name with no group behind it is said, so a mistyped old name is not silently a new, empty group.
        const missing = (want.previously ?? []).filter((p) => !byKey.has(nameKey(p)));
        return { action: 'create', name: want.name, after, ...(found === undefined ? {} : { hold }), ...memberWork(want, { from: found === undefined ? [] : [hold.group] }), ...(missing.length === 0 ? {} : { previouslyMissing: missing }) };
    }
    matched.add(current.name);
    const before = normalFields(current);
    const fields = diffFields(before, after);
    const reasons = replaceReasons(current, want);
    const kept = { from: [current.name, ...(found === undefined ? [] : [hold.group])] };
    if (reasons.length > 0) {
        // Members a stopped run already holds are always put back; --drop-members only skips holding them anew.
        const keeps = found !== undefined || options.dropMembers !== true;
        return { action: 'replace', name: want.name, previousName: current.name, before, after, fields, reasons, ...(keeps ? { hold } : {}), ...counted(current.name), ...memberWork(want, keeps ? kept : { from: [] }) };
    }
    const members = memberWork(want, kept);
    if (fields.length > 0 || (members.members !== undefined && found === undefined)) {
        const tokens = fields.some((f) => f.field === 'roleArn' || f.field === 'precedence') ? counted(current.name) : {};
        return { action: 'update', name: want.name, before, after, fields, ...(found === undefined ? {} : { hold }), ...tokens, ...members };
    }
    if (found !== undefined)
        return { action: 'restore', name: want.name, hold, ...members };
    return undefined;
}
/**
 * The group a wanted group is renamed from: one of its previous names that the pool has. When the
 * wanted group exists too, that is a rename under way only if a holding group records it; otherwise
 * both exist and the plan refuses to guess. Several previous names present: also refused.
 */
function previousGroup(poolId, want, current, byKey, matched, record) {
    const candidates = (want.previously ?? []).map((p) => byKey.get(nameKey(p))).filter((g) => g !== undefined && !matched.has(g.name));
    if (candidates.length === 0)
        return undefined;
    const names = candidates.map((g) => JSON.stringify(g.name)).join(' and ');
    if (candidates.length > 1) {
        throw new CgError('PLAN_CONFLICT', `${poolId}: ${JSON.stringify(want.name)} could be renamed from ${names}, which all exist; keep one of them in previously (or delete the others) and plan again`);
    }
    const from = candidates[0];
    if (current === undefined)
        return from;
    if (record?.op === 'rename' && nameKey(record.from) === nameKey(from.name))
        return from;
    throw new CgError('PLAN_CONFLICT', `${poolId}: both ${JSON.stringify(current.name)} and its previous name ${JSON.stringify(from.name)} exist, so the plan cannot tell which one the file means; delete one of them, or take ${JSON.stringify(from.name)} out of previously, and plan again`);
}
/** The alert a provider group raises when it carries what Cognito never gives one; undefined when it carries neither. */
export function providerAlert(g) {
    const carries = [];
    if (g.roleArn !== undefined)
        carries.push('roleArn');
    if (g.precedence !== undefined)
        carries.push('precedence');
    return carries.length === 0 ? undefined : { carries };
}
/** Pairs of a file name and a pool name that look the same but are different groups. */
function lookalikesOf(wanted, observed) {
    const byLook = new Map();
    for (const g of observed)
        byLook.set(lookalikeKey(g.name), [...(byLook.get(lookalikeKey(g.name)) ?? []), g.name]);
    const out = [];
    for (const w of wanted) {
        for (const inPool of byLook.get(lookalikeKey(w.name)) ?? []) {
            if (nameKey(inPool) !== nameKey(w.name))
                out.push({ inFile: w.name, inPool });
        }
    }
    return out.sort((a, b) => compareNames(a.inFile, b.inFile) || compareNames(a.inPool, b.inPool));
}
/**
 * The groups whose members a plan reads: those whose members a change drops, moves or gives new
 * tokens (the group a replace, delete or rename starts from; an update of its role or precedence),
 * holding groups left by a run that stopped, and (with the file's pool) every group of the pool that
 * a group with `members:` is or comes from. Sorted, as the pool names them.
 */
export function memberReadsOf(pool, desired) {
    const names = new Set();
    for (const c of pool.changes) {
        if (c.action === 'replace' || c.action === 'rename')
            names.add(c.previousName);
        else if (c.action === 'delete')
            names.add(c.name);
        else if (c.action === 'update' && c.fields.some((f) => f.field === 'roleArn' || f.field === 'precedence'))
            names.add(c.name);
        if ('hold' in c && c.hold?.resuming === true)
            names.add(c.hold.group);
    }
    for (const h of pool.orphanHolds ?? [])
        names.add(h.group);
    const managed = new Set((desired?.groups ?? []).filter((g) => g.members !== undefined).map((g) => nameKey(g.name)));
    if (managed.size > 0) {
        for (const c of pool.changes) {
            if (!managed.has(nameKey(c.name)))
                continue;
            // The group as the pool has it now (a rename under way may have made it already).
            if (c.action === 'update' || c.action === 'restore' || (c.action === 'rename' && c.hold.resuming))
                names.add(c.name);
        }
        for (const name of pool.unchanged)
            if (managed.has(nameKey(name)))
                names.add(name);
    }
    return [...names].sort(compareNames);
}
