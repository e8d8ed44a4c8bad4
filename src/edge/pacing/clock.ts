import { CgError } from '../../core/errors.js';

/** Time as the pacer and retries see it; tests substitute a fake. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with INTERRUPTED as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(interrupted());
      if (ms <= 0) return resolve();
      const onAbort = (): void => {
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
export function interrupted(): CgError {
  return new CgError('INTERRUPTED', 'interrupted: no new calls were started');
}
