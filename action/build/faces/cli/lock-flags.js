import { LOCK_SECONDS_RANGE, parseDuration } from '../../core/plan/lease.js';
import { InvalidArgumentError, Option } from './commander.js';
/** Adds --lock, --lock-timeout and --lock-duration to apply. */
export function addLockOptions(cmd) {
    return cmd
        .addOption(new Option('--lock <bool>', 'take a lease on each pool so no two applies write at once; --lock=false only if you serialise applies another way').default(true).argParser(bool))
        .addOption(new Option('--lock-timeout <duration>', 'wait this long for a lease another apply holds (such as 60s or 5m), then refuse; 0 refuses at once').default(0).argParser(timeout))
        .addOption(new Option('--lock-duration <duration>', `how long the lease lasts before another run may take it over (renewed at half of it; default 5m, or settings.lockSeconds)`).argParser(leaseSeconds));
}
function bool(value) {
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new InvalidArgumentError('expected true or false (--lock=false)');
}
function timeout(value) {
    const ms = parseDuration(value);
    if (ms === undefined || ms > 24 * 3_600_000)
        throw new InvalidArgumentError('expected a duration such as 0, 60s, 5m or 1h (at most 24h)');
    return ms;
}
function leaseSeconds(value) {
    const ms = parseDuration(value);
    if (ms === undefined || ms % 1000 !== 0 || ms / 1000 < LOCK_SECONDS_RANGE.min || ms / 1000 > LOCK_SECONDS_RANGE.max) {
        throw new InvalidArgumentError(`expected whole seconds from ${LOCK_SECONDS_RANGE.min}s to 24h, such as 5m or 90s`);
    }
    return ms / 1000;
}
