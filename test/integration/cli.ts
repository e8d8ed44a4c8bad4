import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runInProcess } from '../cli-io.js';
import { ROOT } from './servers.js';

/** What a CLI run printed and how it exited. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The built bin, as `npx cognito-groups` runs it. */
export const BIN = join(ROOT, 'dist', 'src', 'faces', 'cli', 'main.js');

/**
 * An environment that can only reach loopback: fake static credentials, no shared config files,
 * no instance metadata, no colour.
 */
export function isolatedEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_COLOR: '1',
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the CLI in a child process (no terminal) and collects its output. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void; onStdout?: (chunk: string) => void } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: options.env ?? isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      options.onStdout?.(b.toString());
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Runs the CLI in this process, with the same environment rules as runCli (the SDK of the test
 * process uses vitest's fake credentials): the way most tests run it. Keep runCli for what only a
 * real process shows (signals, the SDK reading its own environment, the bin itself).
 */
export async function runCliHere(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const run = await runInProcess(args, { cwd: options.cwd ?? ROOT, env: options.env ?? isolatedEnv() });
  return { code: run.code, signal: null, stdout: run.stdout, stderr: run.stderr };
}
