// The CLI run in this process, as the built bin runs it but with its streams, environment,
// directory and stop requests in the test's hands.
import { PassThrough } from 'node:stream';
import { main } from '../src/faces/cli/entry.js';
import type { Io } from '../src/faces/cli/io.js';
import { ManualStops } from '../src/faces/cli/signals.js';

/** An Io that records what a command prints. */
export interface TestIo extends Io {
  stdout: string;
  stderr: string;
  stops: ManualStops;
  /** What the command was given to read on stdin (end() it for Ctrl-D). */
  stdin: PassThrough;
  /** The code a second stop request exited with, if one did. */
  exited: number | undefined;
}

/** Options of a test Io; everything not given is what a pipeline job has: no terminal, no colour. */
export interface TestIoOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  stdinIsTTY?: boolean;
  /** Called with each chunk written to stdout or stderr, as it is written. */
  onOutput?: (stream: 'stdout' | 'stderr', text: string, io: TestIo) => void;
}

/** A fresh Io for one command run. */
export function testIo(options: TestIoOptions = {}): TestIo {
  const stdin = new PassThrough();
  const io: TestIo = {
    stdout: '',
    stderr: '',
    out: (t) => {
      io.stdout += t;
      options.onOutput?.('stdout', t, io);
    },
    err: (t) => {
      io.stderr += t;
      options.onOutput?.('stderr', t, io);
    },
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    stdin,
    stdinIsTTY: options.stdinIsTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stops: new ManualStops(),
    exited: undefined,
    exit: (code) => {
      io.exited = code;
    },
  };
  return io;
}

/** What a CLI run printed and how it exited. */
export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  io: TestIo;
}

/** Runs the CLI in this process with a test Io; resolves with its exit code and output. */
export async function runInProcess(args: string[], options: TestIoOptions & { io?: TestIo } = {}): Promise<InProcessRun> {
  const io = options.io ?? testIo(options);
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr, io };
}
