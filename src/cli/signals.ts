/** A signal that asks a run to stop, and the exit code it leads to. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

const EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

let received: StopSignal | undefined;

/** The exit code for the stop signal received during this process, if any. */
export function stopExitCode(): number | undefined {
  return received === undefined ? undefined : EXIT_CODES[received];
}

/**
 * Turns SIGINT/SIGTERM into an abort for the duration of `work`: no new call starts, calls in flight
 * finish. A second signal exits at once.
 */
export async function withStopSignals<T>(onFirst: (signal: StopSignal) => void, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const handler = (signal: StopSignal): void => {
    if (controller.signal.aborted) {
      process.stderr.write(`\n${signal} again: exiting now; calls in flight may or may not have completed. Run plan to see the state.\n`);
      process.exit(EXIT_CODES[signal]);
    }
    received = signal;
    onFirst(signal);
    controller.abort();
  };
  const onInt = (): void => handler('SIGINT');
  const onTerm = (): void => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
