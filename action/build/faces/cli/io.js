import { resolve } from 'node:path';
import { colourStyle, plainStyle } from '../render/style.js';
/**
 * A path as the run reads or writes it: relative ones taken from the Io's directory. In the process's
 * own directory the path stays as the user gave it, so messages name it that way.
 */
export function pathIn(io, path) {
    return io.cwd === process.cwd() ? path : resolve(io.cwd, path);
}
/** The process's own streams, signals and environment. */
export function processIo() {
    const lost = { stdout: false, stderr: false };
    const stops = new ProcessStops(() => lost.stdout || lost.stderr);
    // A reader that went away (`| head`, a CI log collector) must never crash a run: the write error is
    // a stop request, and nothing more is written to that stream (the other one still says why).
    const onStreamError = (stream) => (err) => {
        if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED')
            throw err;
        if (lost[stream])
            return;
        lost[stream] = true;
        stops.deliver('output-lost');
    };
    process.stdout.on('error', onStreamError('stdout'));
    process.stderr.on('error', onStreamError('stderr'));
    return {
        out: (t) => {
            if (!lost.stdout)
                process.stdout.write(t);
        },
        err: (t) => {
            if (!lost.stderr)
                process.stderr.write(t);
        },
        stdoutIsTTY: process.stdout.isTTY === true,
        stderrIsTTY: process.stderr.isTTY === true,
        stdin: process.stdin,
        stdinIsTTY: process.stdin.isTTY === true,
        env: process.env,
        cwd: process.cwd(),
        stops,
        exit: (code) => process.exit(code),
    };
}
/** SIGINT, SIGTERM and SIGHUP of this process, and lost output, as stop requests. */
class ProcessStops {
    outputLost;
    listeners = new Set();
    first;
    onSignal = (signal) => this.deliver(signal);
    constructor(outputLost) {
        this.outputLost = outputLost;
    }
    subscribe(listener) {
        if (this.listeners.size === 0)
            for (const s of SIGNALS)
                process.on(s, this.onSignal);
        this.listeners.add(listener);
        return () => {
            this.listeners.delete(listener);
            if (this.listeners.size === 0)
                for (const s of SIGNALS)
                    process.off(s, this.onSignal);
        };
    }
    received() {
        return this.first ?? (this.outputLost() ? 'output-lost' : undefined);
    }
    deliver(reason) {
        this.first ??= reason;
        for (const l of [...this.listeners])
            l(reason);
    }
}
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Colour only on a terminal, never with NO_COLOR set (any value) or --no-color. */
export function styleFor(isTTY, env, colourFlag) {
    const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
    return isTTY && colourFlag && !noColor && env.TERM !== 'dumb' ? colourStyle : plainStyle;
}
