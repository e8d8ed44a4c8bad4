import { CgError } from '../../core/errors.js';
/** The real clock. */
export const systemClock = {
    now: () => performance.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(interrupted());
        if (ms <= 0)
            return resolve();
        const onAbort = () => {
            clearTimeout(timer);
            reject(interrupted());
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
/** The error every component raises when the run was asked to stop. */
export function interrupted() {
    return new CgError('INTERRUPTED', 'interrupted: no new calls were started');
}
