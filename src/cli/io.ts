import { colourStyle, plainStyle, type Style } from '../render/style.js';

/** The streams and environment a command runs with; tests can run commands with their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

/** The process's own streams. */
export function processIo(): Io {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
  };
}

/** Colour only on a terminal, never with NO_COLOR set (any value) or --no-color. */
export function styleFor(isTTY: boolean, env: NodeJS.ProcessEnv, colourFlag: boolean): Style {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return isTTY && colourFlag && !noColor && env.TERM !== 'dumb' ? colourStyle : plainStyle;
}
