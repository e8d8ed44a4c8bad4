import { CgError } from '../../core/errors.js';
import { holdDescription, holdRecordOf } from '../../core/plan/holding.js';
import { membersOf } from '../../edge/read/list-members.js';
/** Members added at once while copying; pacing, not this, sets the rate. */
const COPY_CONCURRENCY = 16;
/**
 * Adds every member of `from` to `to`, a few at a time. Throws the first failure once the adds in
 * flight have settled; a user already in `to` is fine (adding again succeeds).
 */
export async function copyMembers(api, pool, from, to, onCopied) {
    const users = await membersOf(api, pool, from);
    let next = 0;
    let copied = 0;
    let failure;
    const worker = async () => {
        while (failure === undefined && next < users.length) {
            const user = users[next++];
            try {
                await api.addMember(pool, to, user);
                copied++;
                onCopied?.(copied);
            }
            catch (err) {
                failure ??= err;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(COPY_CONCURRENCY, users.length) }, worker));
    if (failure !== undefined)
        throw failure;
    return copied;
}
/**
 * Makes sure the holding group exists and says what it is for; a holding group left by an earlier
 * run for the same work is taken over. A group of that name that is not ours is an error.
 */
export async function ensureHold(api, finishing, pool, group, record) {
    try {
        await api.createGroup(pool, { name: group, description: holdDescription(record) });
        return;
    }
    catch (err) {
        if (!(err instanceof CgError && err.code === 'AWS_GROUP_EXISTS'))
            throw err;
    }
    const existing = await finishing.getGroup(pool, group);
    const found = existing === undefined ? undefined : holdRecordOf(existing);
    if (found === undefined || found.group !== record.group) {
        throw new CgError('AWS_GROUP_EXISTS', `the holding group ${JSON.stringify(group)} exists but does not hold members of ${JSON.stringify(record.group)}; delete it by hand if nothing needs it, then run apply again`);
    }
}
