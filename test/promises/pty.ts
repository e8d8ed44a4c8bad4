// The built bin on a real pseudo-terminal (Python's pty module), as a user at a terminal runs it:
// stdin, stdout and stderr are the terminal, keys typed are bytes written to it.
import { spawn } from 'node:child_process';
import { onTestFinished } from 'vitest';
import { BIN } from '../integration/cli.js';

// Forks the command on a new pty; copies the pty's output to stdout and this process's stdin to the
// pty; says the child's pid first and how it ended last, on stderr.
const DRIVER = `
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
sys.stderr.write("pid %d\\n" % pid)
sys.stderr.flush()
stdin_open = True
while True:
    r, _, _ = select.select([fd] + ([0] if stdin_open else []), [], [])
    if fd in r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            break
        os.write(1, data)
    if 0 in r:
        data = os.read(0, 4096)
        if data:
            os.write(fd, data)
        else:
            stdin_open = False
_, status = os.waitpid(pid, 0)
if os.WIFEXITED(status):
    sys.stderr.write("exit %d\\n" % os.WEXITSTATUS(status))
else:
    sys.stderr.write("signal %d\\n" % os.WTERMSIG(status))
`;

/** How a command on the terminal ended. */
export interface PtyEnd {
  /** Its exit code, or null when a signal killed it. */
  code: number | null;
  /** The number of the signal that killed it. */
  signal: number | null;
  /** Everything it wrote to the terminal (stdout and stderr together, with the terminal's \r\n). */
  screen: string;
}

/** A command running on a terminal. */
export interface PtyRun {
  /** Resolves when the terminal shows `text`. */
  shows(text: string): Promise<void>;
  /** Types these bytes on the terminal. */
  type(bytes: string): void;
  /** Sends a signal to the command itself (not to the terminal's driver). */
  kill(signal: NodeJS.Signals): Promise<void>;
  ended: Promise<PtyEnd>;
}

/** Runs `cognito-groups args` on a new pseudo-terminal; killed when the test ends if still running. */
export function runOnTerminal(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): PtyRun {
  const driver = spawn('python3', ['-c', DRIVER, process.execPath, BIN, ...args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let control = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  let pidKnown: (pid: number) => void = () => undefined;
  const pid = new Promise<number>((resolve) => (pidKnown = resolve));
  driver.stdout.on('data', (b: Buffer) => {
    screen += b.toString();
    for (const w of waiters.filter((x) => screen.includes(x.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  driver.stderr.on('data', (b: Buffer) => {
    control += b.toString();
    const m = /^pid (\d+)$/m.exec(control);
    if (m?.[1] !== undefined) pidKnown(Number(m[1]));
  });
  const ended = new Promise<PtyEnd>((resolve, reject) => {
    driver.once('error', reject);
    driver.once('close', () => {
      const exit = /^exit (\d+)$/m.exec(control);
      const signal = /^signal (\d+)$/m.exec(control);
      if (exit === null && signal === null) reject(new Error(`the terminal driver ended without saying how the command did: ${control}`));
      resolve({ code: exit === null ? null : Number(exit[1]), signal: signal === null ? null : Number(signal[1]), screen });
    });
  });
  onTestFinished(async () => {
    if (driver.exitCode === null && driver.signalCode === null) {
      process.kill(await pid, 'SIGKILL');
      driver.kill('SIGKILL');
    }
  });
  return {
    shows: (text) =>
      screen.includes(text)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiters.push({ text, resolve });
            void ended.then(() => reject(new Error(`the command ended without showing ${JSON.stringify(text)}:\n${screen}`)), reject);
          }),
    type: (bytes) => {
      driver.stdin.write(bytes);
    },
    kill: async (signal) => {
      process.kill(await pid, signal);
    },
    ended,
  };
}
