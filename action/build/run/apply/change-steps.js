import { assertNever, CgError, messageOf } from '../../core/errors.js';
import { replaceReasons, sameFields } from '../../core/plan/fields.js';
import { copyMembers, ensureHold } from './member-moves.js';
/** The operations a change may call, for deciding which later changes would meet the same refusal. */
export function operationsOf(change) {
    const members = 'members' in change && change.members !== undefined ? change.members : undefined;
    const memberOps = [...(members !== undefined && members.add.length > 0 ? ['AdminAddUserToGroup'] : []), ...(members !== undefined && members.remove.length > 0 ? ['AdminRemoveUserFromGroup'] : [])];
    return [...groupOperationsOf(change), ...memberOps];
}
function groupOperationsOf(change) {
    const moves = ['ListUsersInGroup', 'AdminAddUserToGroup'];
    switch (change.action) {
        case 'create':
            return ['CreateGroup', ...(change.hold === undefined ? [] : [...moves, 'DeleteGroup'])];
        case 'update':
            return [...(change.fields.length > 0 || change.members === undefined ? ['UpdateGroup'] : []), ...(change.hold === undefined ? [] : [...moves, 'DeleteGroup'])];
        case 'delete':
            return ['DeleteGroup'];
        case 'replace':
            return ['CreateGroup', ...(change.hold === undefined ? [] : moves), 'DeleteGroup'];
        case 'rename':
            return ['CreateGroup', ...moves, 'DeleteGroup'];
        case 'restore':
            return [...moves, 'DeleteGroup'];
        default:
            return assertNever(change);
    }
}
/** Applies one change: the group's own steps, then (once they are done) its member adds and removes. */
export async function applyOne(api, finishing, pool, change, options) {
    const result = await applyGroupChange(api, finishing, pool, change, options);
    const members = 'members' in change ? change.members : undefined;
    if (members === undefined || result.status !== 'done')
        return result;
    const done = await changeMembers(api, pool, change.name, members, options.onCopied);
    const counts = { ...(done.added > 0 ? { membersAdded: done.added } : {}), ...(done.removed > 0 ? { membersRemoved: done.removed } : {}) };
    if (done.failures.length === 0)
        return { ...result, ...counts };
    const first = done.failures[0];
    const named = done.failures.slice(0, 5).map((f) => `${f.op} ${JSON.stringify(f.user)}: ${f.error.message}`).join('; ');
    const more = done.failures.length > 5 ? ` and ${done.failures.length - 5} more` : '';
    const skipped = done.removalsSkipped > 0 ? `; the ${done.removalsSkipped} removal(s) were not made, since not every add went through` : '';
    const message = `${done.failures.length} member change(s) failed (${named}${more}); ${done.added} added, ${done.removed} removed${skipped}`;
    if (first.error.code === 'INTERRUPTED')
        return { status: 'failed', message: `stopped while changing members: ${done.added} added, ${done.removed} removed; run apply again to finish`, ...counts, failure: failureOf(first.error) };
    return { status: 'failed', message, ...counts, failure: failureOf(first.error, message), ...(result.membersMoved === undefined ? {} : { membersMoved: result.membersMoved }) };
}
/** Members added at once; pacing (the membership quotas), not this, sets the rate. */
const MEMBER_CONCURRENCY = 16;
/**
 * Adds, then removes, a group's members, a few at a time. One user's failure (at the 100-group
 * limit, deleted meanwhile) does not stop the others; a stop does: no new call starts.
 */
async function changeMembers(api, pool, group, members, onDone) {
    let added = 0;
    let removed = 0;
    const failures = [];
    let stopped = false;
    const run = async (op, users) => {
        let next = 0;
        const worker = async () => {
            while (!stopped && next < users.length) {
                const user = users[next++];
                try {
                    if (op === 'add')
                        await api.addMember(pool, group, user);
                    else
                        await api.removeMember(pool, group, user);
                    if (op === 'add')
                        added++;
                    else
                        removed++;
                    onDone?.(1);
                }
                catch (err) {
                    const error = asCgError(err);
                    failures.push({ op, user, error });
                    if (error.code === 'INTERRUPTED' || error.code === 'AWS_CREDENTIALS' || error.code === 'AWS_ACCESS_DENIED' || error.code === 'AWS_GROUP_NOT_FOUND')
                        stopped = true;
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(MEMBER_CONCURRENCY, users.length) }, worker));
    };
    // Adds first, and removals only once every add went through: an exact list that swaps members never
    // leaves the group emptier than the file says (a user who cannot be added keeps the others in).
    await run('add', members.add);
    if (failures.length > 0)
        return { added, removed, failures, removalsSkipped: members.remove.length };
    await run('remove', members.remove);
    return { added, removed, failures, removalsSkipped: 0 };
}
/** The group's own steps of a change. */
async function applyGroupChange(api, finishing, pool, change, options) {
    // Members copied into the group the change is about (not into a holding group), for the report.
    let moved = 0;
    const copy = async (port, from, to) => {
        let last = 0;
        const onCopied = (copied) => {
            options.onCopied?.(copied - last);
            last = copied;
        };
        const copied = await copyMembers(port, pool, from, to, onCopied);
        if (to === change.name)
            moved += copied;
        return copied;
    };
    const outcome = (step) => ({
        status: step.status,
        ...(step.message === undefined ? {} : { message: step.message }),
        ...(step.adopted === true ? { adopted: true } : {}),
        ...(moved > 0 ? { membersMoved: moved } : {}),
        ...(step.status === 'failed' ? { failure: { code: step.code ?? 'AWS_ERROR', operation: undefined, message: step.message ?? '', deletedNotCreated: false } } : {}),
    });
    const want = () => ({ name: change.name, ...('after' in change ? change.after : {}) });
    try {
        switch (change.action) {
            case 'create':
                return outcome(await thenRestore(await createOrAdopt(api, finishing, pool, want()), change.hold, finishing, change.name, copy, pool));
            case 'update':
                // An update of the members alone has nothing to send to UpdateGroup.
                if (change.fields.length === 0 && change.members !== undefined && change.hold === undefined)
                    return outcome({ status: 'done' });
                return outcome(await thenRestore(await updateOrCreate(api, finishing, pool, want()), change.hold, finishing, change.name, copy, pool));
            case 'restore':
                await copy(api, change.hold.group, change.name);
                return outcome(await deleteIfPresent(finishing, pool, change.hold.group));
            case 'delete':
                return outcome(await deleteIfPresent(api, pool, change.name));
            case 'rename':
                return outcome(await rename(api, finishing, pool, change, copy));
            case 'replace':
                // The plan decides: a replace with a holding group keeps the members, one without (--drop-members) drops them.
                if (change.hold !== undefined)
                    return await replaceKeepingMembers(api, finishing, pool, { ...change, hold: change.hold }, copy);
                return await replaceDroppingMembers(api, finishing, pool, change);
            default:
                return assertNever(change);
        }
    }
    catch (err) {
        const e = asCgError(err);
        if (e.code === 'INTERRUPTED')
            return { status: 'not-started', message: e.message };
        return { status: 'failed', message: e.message, failure: failureOf(e), ...(moved > 0 ? { membersMoved: moved } : {}) };
    }
}
/** After a create or update that went through: members a stopped run left held for the group are put back, then the holding group goes. */
async function thenRestore(step, hold, finishing, group, copy, pool) {
    if (hold === undefined || step.status !== 'done')
        return step;
    await copy(finishing, hold.group, group);
    await deleteIfPresent(finishing, pool, hold.group);
    return { ...step, message: step.message ?? `put back the members held in ${JSON.stringify(hold.group)}` };
}
/**
 * A replace that keeps the members: they are copied into the holding group first, and only then is
 * the group deleted; it is created again, the members copied back, and the holding group deleted.
 * Killed at any moment, no member is lost: until the delete, the group has them all; after it, the
 * holding group does, and the next plan (on any machine) sees the holding group and finishes.
 */
async function replaceKeepingMembers(api, finishing, pool, change, copy) {
    const hold = change.hold.group;
    const old = JSON.stringify(change.previousName);
    try {
        await ensureHold(api, finishing, pool, hold, { op: 'replace', group: change.name, from: change.previousName });
        await copy(api, change.previousName, hold);
    }
    catch (err) {
        const e = asCgError(err);
        // Nothing was deleted: the group is as it was. A holding group this run made is not left behind.
        if (!change.hold.resuming)
            await deleteIfPresent(finishing, pool, hold).catch(() => undefined);
        const what = e.code === 'INTERRUPTED' ? 'stopped before the group was deleted' : `its members could not be held (${e.message})`;
        const message = `${what}; ${old} is unchanged${e.code === 'AWS_USER_GROUP_LIMIT' ? ': remove that user from a group, or apply with --drop-members' : ''}`;
        return { status: e.code === 'INTERRUPTED' ? 'not-started' : 'failed', message, ...(e.code === 'INTERRUPTED' ? {} : { failure: failureOf(e, message) }) };
    }
    // The point of no return: from here on the change completes even when the run is stopped.
    await deleteIfPresent(api, pool, change.previousName);
    try {
        const created = await createOrAdopt(finishing, finishing, pool, { name: change.name, ...change.after });
        if (created.status === 'failed')
            throw new CgError(created.code ?? 'AWS_ERROR', created.message ?? 'could not create the group');
        const kept = await copy(finishing, hold, change.name);
        await deleteIfPresent(finishing, pool, hold);
        return { status: 'done', ...(created.adopted === true && created.message !== undefined ? { message: created.message } : {}), membersMoved: kept };
    }
    catch (err) {
        const e = asCgError(err);
        const message = `deleted ${old} but could not finish: ${e.message}; its members are held in ${JSON.stringify(hold)}: run apply again to finish`;
        return { status: 'failed', message, failure: { code: e.code, operation: e.operation ?? 'CreateGroup', message, deletedNotCreated: true } };
    }
}
/** A replace whose members are dropped (a plan made with --drop-members): delete, then create through `finishing`. */
async function replaceDroppingMembers(api, finishing, pool, change) {
    await deleteIfPresent(api, pool, change.previousName);
    let created;
    let cause;
    try {
        created = await createOrAdopt(finishing, finishing, pool, { name: change.name, ...change.after });
    }
    catch (err) {
        cause = asCgError(err);
        created = { status: 'failed', code: cause.code, message: cause.message };
    }
    if (created.status !== 'failed')
        return { status: created.status, ...(created.message === undefined ? {} : { message: created.message }) };
    const message = `deleted "${change.previousName}" but could not create "${change.name}": ${created.message ?? ''}; run apply again to create it`;
    return { status: 'failed', message, failure: { code: created.code ?? 'AWS_ERROR', operation: cause?.operation ?? 'CreateGroup', message, deletedNotCreated: true } };
}
/**
 * A rename, make-before-break: the new group is created and the members copied into it before the
 * old one is deleted, so members never lack both. The holding group records the rename while it is
 * under way, so a run stopped between any two steps is finished by the next, never guessed at.
 */
async function rename(api, finishing, pool, change, copy) {
    await ensureHold(api, finishing, pool, change.hold.group, { op: 'rename', group: change.name, from: change.previousName });
    const created = await createOrAdopt(api, finishing, pool, { name: change.name, ...change.after });
    if (created.status === 'failed')
        return created;
    await copy(api, change.previousName, change.name);
    // A holding group left by a stopped run (a replace of the new name, killed after its delete) holds
    // members too: they are put back before the holding group goes.
    if (change.hold.resuming)
        await copy(api, change.hold.group, change.name);
    await deleteIfPresent(api, pool, change.previousName);
    await deleteIfPresent(finishing, pool, change.hold.group);
    return { status: 'done' };
}
async function deleteIfPresent(api, pool, name) {
    try {
        await api.deleteGroup(pool, name);
        return { status: 'done' };
    }
    catch (err) {
        // A retried delete whose first attempt went through, or a group someone else removed: the goal is met.
        if (err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND')
            return { status: 'done', message: 'was already gone' };
        throw err;
    }
}
/** Creates a group; if one was created meanwhile, adopts it (through `finishing`) and updates it when its fields differ. */
async function createOrAdopt(api, finishing, pool, want) {
    try {
        await api.createGroup(pool, want);
        return { status: 'done' };
    }
    catch (err) {
        if (!(err instanceof CgError && err.code === 'AWS_GROUP_EXISTS'))
            throw err;
    }
    const existing = await finishing.getGroup(pool, want.name);
    if (existing === undefined) {
        return { status: 'failed', code: 'AWS_GROUP_EXISTS', message: `a group whose name equals "${want.name}" ignoring case was created meanwhile; run plan again` };
    }
    if (sameFields(existing, want))
        return { status: 'done', adopted: true, message: 'already existed with these fields' };
    if (replaceReasons(existing, want).length > 0) {
        return { status: 'failed', code: 'AWS_GROUP_EXISTS', message: 'was created meanwhile with a roleArn or precedence the file does not have, which needs a replace; run plan again' };
    }
    await finishing.updateGroup(pool, want);
    return { status: 'done', adopted: true, message: 'was created meanwhile; updated it to the file' };
}
/** Updates a group; if it was deleted meanwhile, creates it (through `finishing`). */
async function updateOrCreate(api, finishing, pool, want) {
    try {
        await api.updateGroup(pool, want);
        return { status: 'done' };
    }
    catch (err) {
        if (!(err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND'))
            throw err;
    }
    const created = await createOrAdopt(finishing, finishing, pool, want);
    return { ...created, message: created.message ?? 'was deleted meanwhile; created it' };
}
function failureOf(e, message = e.message) {
    return { code: e.code, operation: e.operation, message, deletedNotCreated: false };
}
function asCgError(err) {
    if (err instanceof CgError)
        return err;
    return new CgError('INTERNAL', messageOf(err), { cause: err });
}
