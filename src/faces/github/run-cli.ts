import { spawn } from 'node:child_process';
import { CgError } from '../../core/errors.js';

/** How a CLI run ended and what it printed. */
export interface CliResult {
  /** The exit code, or 1 when a signal ended it. */
  code: number;
  signal: NodeJS.Signals | undefined;
  stdout: string;
  stderr: string;
}

/** Where the CLI's output goes while it runs (the step's log). */
export interface CliEcho {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Runs the CLI with this Node, its arguments as an array (no shell, so an input cannot inject a
 * command), echoing its output live to the log and keeping a copy.
 */
export function runCli(cliPath: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo: CliEcho }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      options.echo.out(text);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      options.echo.err(text);
    });
    child.once('error', (err) => reject(new CgError('INTERNAL', `could not run ${cliPath}: ${err.message}`, { cause: err })));
    child.once('close', (code, signal) => resolve({ code: code ?? 1, signal: signal ?? undefined, stdout, stderr }));
  });
}
