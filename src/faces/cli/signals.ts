// Requests to stop a run: SIGINT, SIGTERM, SIGHUP, and the output going away (a closed pipe, a CI
// log collector that left). All are handled alike: no new call starts, calls in flight finish.

/** Why a run was asked to stop. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'output-lost';

/** The exit code each stop leads to: 128 + the signal's number (SIGPIPE's for lost output). */
export const STOP_EXIT_CODES: Readonly<Record<StopReason, number>> = { SIGHUP: 129, SIGINT: 130, 'output-lost': 141, SIGTERM: 143 };

/** Where stop requests come from; the process's signals and streams, or a test's own. */
export interface StopSource {
  /** Calls `listener` on every stop request until the returned function is called. */
  subscribe(listener: (reason: StopReason) => void): () => void;
  /** The first stop request received during this run, if any. */
  received(): StopReason | undefined;
}

/** A stop source a caller drives itself (tests, embedding). */
export class ManualStops implements StopSource {
  private readonly listeners = new Set<(reason: StopReason) => void>();
  private first: StopReason | undefined;

  subscribe(listener: (reason: StopReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  received(): StopReason | undefined {
    return this.first;
  }

  /** Delivers a stop request as a signal would. */
  stop(reason: StopReason): void {
    this.first ??= reason;
    for (const l of [...this.listeners]) l(reason);
  }
}

/** What withStopSignals needs of the run's surroundings. */
export interface StopContext {
  stops: StopSource;
  err(text: string): void;
  exit(code: number): void;
}

/**
 * Turns stop requests into an abort for the duration of `work`: no new call starts, calls in flight
 * finish. A second request exits at once.
 */
export async function withStopSignals<T>(ctx: StopContext, onFirst: (reason: StopReason) => void, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const unsubscribe = ctx.stops.subscribe((reason) => {
    if (controller.signal.aborted) {
      ctx.err(`\n${reason} again: exiting now; calls in flight may or may not have completed. Run plan to see the state.\n`);
      ctx.exit(STOP_EXIT_CODES[reason]);
      return;
    }
    onFirst(reason);
    controller.abort();
  });
  try {
    return await work(controller.signal);
  } finally {
    unsubscribe();
  }
}
