// What apply says about its leases on stderr (waiting for another run, taking over an expired lease,
// losing one, running without one), and the library's lock options for apply's flags.
import { holderText } from '../../core/plan/lease.js';
import { describeState } from '../../run/lease/leases.js';
import { safeOutput } from '../render/outside-text.js';
import { VERSION } from './version.js';
/** How often a waiting run says so when stderr is not a terminal. */
const WAIT_LOG_MS = 10_000;
/**
 * The library's lock options for these flags. --local takes no lease: the embedded emulator's state
 * file is locked for the whole run instead, which already serialises runs on it.
 */
export function lockOptionsOf(flags, local, io) {
    let lastWaitLog = -Infinity;
    const note = (line) => io.err(`${safeOutput(line)}\n`);
    const onLock = (e) => {
        switch (e.kind) {
            case 'skipped':
                note('note: --lock=false: no lease taken; this apply is not protected from another one running at the same time');
                return;
            case 'waiting':
                if (e.waitedMs - lastWaitLog < WAIT_LOG_MS)
                    return;
                lastWaitLog = e.waitedMs;
                note(`waiting for the lease on user pool ${e.poolId}, held by ${describeState(e.held)}${e.held.kind === 'lease' ? ` since ${e.held.record.since}, until ${e.held.record.until}` : ''}: ${Math.round(e.waitedMs / 1000)}s of ${Math.round(e.timeoutMs / 1000)}s`);
                return;
            case 'taken-over':
                note(`note: took over the lease on user pool ${e.poolId}: it ran out at ${e.previous.until}, held by ${holderText(e.previous)} (lock id ${e.previous.id}), which may have stopped half-way; this apply finishes its work`);
                return;
            case 'lost':
                note(`error: lost the lease on user pool ${e.poolId} (${e.why}): no further change is started`);
                return;
            case 'release-failed':
                note(`warning: could not release the lease on user pool ${e.poolId} (${e.why}); it runs out by itself, or: cognito-groups unlock --pool ${e.poolId} --lock-id <id>`);
                return;
            case 'taken':
            case 'renewed':
            case 'released':
                return;
        }
    };
    return {
        lock: flags.lock && !local,
        lockTimeoutMs: flags.lockTimeout,
        ...(flags.lockDuration === undefined ? {} : { lockSeconds: flags.lockDuration }),
        holder: { version: VERSION },
        // Running without a lease is said only when the user asked for it; --local is serialised by its state file.
        onLock: (e) => (e.kind === 'skipped' && local ? undefined : onLock(e)),
    };
}
