// Shared fixtures of the pipeline tests: an in-process emulator per test, temp dirs, groups files,
// the real CLI as a child process, and an SDK client for changing pools behind the tool's back.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { stringify } from 'yaml';
import { startEmulator, type RunningEmulator, type SeedGroup } from '../../src/emulator/index.js';
import { runInProcess } from '../cli-io.js';
import { isolatedEnv, runCli, type CliRun } from '../integration/cli.js';

export { isolatedEnv, runCli, type CliRun };

/** A role of the emulator's account that trusts Cognito, so the plans' role checks find it. */
export const ROLE = 'arn:aws:iam::000000000000:role/Pipeline';

/** A group as the groups file writes it. */
export interface FileGroup {
  name: string;
  description?: string;
  precedence?: number;
  roleArn?: string;
}

/** A pool as the groups file writes it. */
export interface FilePool {
  id: string;
  unmanagedGroups?: 'keep' | 'delete';
  groups: FileGroup[];
}

/** The YAML of a groups file. */
export function groupsYaml(pools: FilePool[]): string {
  return stringify({ version: 1, userPools: pools });
}

/** Registers cleanup for the running test; concurrent tests must pass their own context's hook. */
export type Finish = (fn: () => void | Promise<void>) => void;

/** A temp dir removed when the test ends. */
export function tempDir(finish: Finish = onTestFinished, prefix = 'cg-pipe-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  finish(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes text to dir/name and returns the path. */
export function writeIn(dir: string, name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** An SDK client for the emulator. */
export function sdkClient(url: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
}

/** One emulator for one test, with its pools seeded; closed with its client when the test ends. */
export interface Env {
  emulator: RunningEmulator;
  client: CognitoIdentityProviderClient;
  dir: string;
  /** Runs the CLI in this process against the emulator (target flags appended for commands that talk to Cognito). */
  cli(args: string[], env?: Record<string, string | undefined>): Promise<CliRun>;
  /** Write calls (CreateGroup, UpdateGroup, DeleteGroup) the emulator received since the last resetStats. */
  writes(): number;
  /** Calls of one operation since the last resetStats. */
  calls(op: string): number;
}

const TARGET_COMMANDS = new Set(['plan', 'apply', 'drift', 'import']);

/**
 * Starts an emulator with these pools. In `describe.concurrent` pass the test context's
 * onTestFinished, or the cleanup may run when another test ends.
 */
export async function setup(pools: Record<string, SeedGroup[]> = {}, finish: Finish = onTestFinished): Promise<Env> {
  const emulator = await startEmulator({ port: 0, quotas: { enabled: false } });
  emulator.createRole('Pipeline', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] });
  for (const [id, groups] of Object.entries(pools)) {
    emulator.ensureUserPool(id);
    if (groups.length > 0) emulator.seedGroups(id, groups);
  }
  const client = sdkClient(emulator.url);
  const dir = tempDir(finish);
  finish(async () => {
    client.destroy();
    await emulator.close();
  });
  const calls = (op: string): number => emulator.stats().operations[op]?.calls ?? 0;
  return {
    emulator,
    client,
    dir,
    cli: (args, env = {}) => {
      const target = TARGET_COMMANDS.has(args[0] ?? '') ? ['--endpoint-url', emulator.url, '--no-progress'] : [];
      return runInProcess([...args, ...target], { cwd: dir, env: isolatedEnv(env) }).then((r) => ({ code: r.code, signal: null, stdout: r.stdout, stderr: r.stderr }));
    },
    writes: () => calls('CreateGroup') + calls('UpdateGroup') + calls('DeleteGroup'),
    calls,
  };
}

/** The writes an apply makes for its lease on each pool it writes, whatever else it does: the lock group's create and delete. */
export const LEASE_WRITES = 2;
