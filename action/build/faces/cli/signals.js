// Requests to stop a run: SIGINT, SIGTERM, SIGHUP, and the output going away (a closed pipe, a CI
// log collector that left). All are handled alike: no new call starts, calls in flight finish.
/** The exit code each stop leads to: 128 + the signal's number (SIGPIPE's for lost output). */
export const STOP_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, 'output-lost': 141, SIGTERM: 143 };
/** A stop source a caller drives itself (tests, embedding). */
export class ManualStops {
    listeners = new Set();
    first;
    subscribe(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    received() {
        return this.first;
    }
    /** Delivers a stop request as a signal would. */
    stop(reason) {
        this.first ??= reason;
        for (const l of [...this.listeners])
            l(reason);
    }
}
/**
 * Turns stop requests into an abort for the duration of `work`: no new call starts, calls in flight
 * finish. A second request exits at once.
 */
export async function withStopSignals(ctx, onFirst, work) {
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
    }
    finally {
        unsubscribe();
    }
}
