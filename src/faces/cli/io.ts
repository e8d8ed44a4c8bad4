import { resolve } from 'node:path';
import { colourStyle, plainStyle, type Style } from '../render/style.js';
import type { StopReason, StopSource } from './signals.js';

/** The streams, environment, directory and stop requests a command runs with; tests run commands with their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Where the approval prompt reads its answer. */
  stdin: NodeJS.ReadableStream;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The directory relative paths are taken from. */
  cwd: string;
  /** Stop requests: signals, and the output going away. */
  stops: StopSource;
  /** Ends the process at once with this code (a second stop request). */
  exit(code: number): void;
}

/**
 * A path as the run reads or writes it: relative ones taken from the Io's directory. In the process's
 * own directory the path stays as the user gave it, so messages name it that way.
 */
export function pathIn(io: Pick<Io, 'cwd'>, path: string): string {
  return io.cwd === process.cwd() ? path : resolve(io.cwd, path);
}

/** The process's own streams, signals and environment. */
export function processIo(): Io {
  const lost = { stdout: false, stderr: false };
  const stops = new ProcessStops(() => lost.stdout || lost.stderr);
  // A reader that went away (`| head`, a CI log collector) must never crash a run: the write error is
  // a stop request, and nothing more is written to that stream (the other one still says why).
  const onStreamError = (stream: 'stdout' | 'stderr') => (err: NodeJS.ErrnoException): void => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    if (lost[stream]) return;
    lost[stream] = true;
    stops.deliver('output-lost');
  };
  process.stdout.on('error', onStreamError('stdout'));
  process.stderr.on('error', onStreamError('stderr'));
  return {
    out: (t) => {
      if (!lost.stdout) process.stdout.write(t);
    },
    err: (t) => {
      if (!lost.stderr) process.stderr.write(t);
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
class ProcessStops implements StopSource {
  private readonly listeners = new Set<(reason: StopReason) => void>();
  private first: StopReason | undefined;
  private readonly onSignal = (signal: NodeJS.Signals): void => this.deliver(signal as StopReason);

  constructor(private readonly outputLost: () => boolean) {}

  subscribe(listener: (reason: StopReason) => void): () => void {
    if (this.listeners.size === 0) for (const s of SIGNALS) process.on(s, this.onSignal);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) for (const s of SIGNALS) process.off(s, this.onSignal);
    };
  }

  received(): StopReason | undefined {
    return this.first ?? (this.outputLost() ? 'output-lost' : undefined);
  }

  deliver(reason: StopReason): void {
    this.first ??= reason;
    for (const l of [...this.listeners]) l(reason);
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Colour only on a terminal, never with NO_COLOR set (any value) or --no-color. */
export function styleFor(isTTY: boolean, env: NodeJS.ProcessEnv, colourFlag: boolean): Style {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return isTTY && colourFlag && !noColor && env.TERM !== 'dumb' ? colourStyle : plainStyle;
}
