import { CreateGroupCommand, GetGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CgError } from '../../src/core/errors.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { parseOwner } from '../../src/emulator/state-lock.js';
import { POOL, sdkClient } from './fixture.js';

const DIST_EMULATOR = join(import.meta.dirname, '..', '..', 'dist', 'src', 'emulator', 'index.js');

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cg-lock-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function started(statePath: string): Promise<RunningEmulator> {
  const em = await startEmulator({ statePath, quotas: { enabled: false } });
  onTestFinished(() => em.close());
  return em;
}

async function startError(statePath: string): Promise<CgError> {
  try {
    const em = await startEmulator({ statePath });
    await em.close();
  } catch (e) {
    if (e instanceof CgError) return e;
    throw e;
  }
  throw new Error('expected startEmulator to fail');
}

function inUse(statePath: string, pid: number, lockPath: string): string {
  return `${statePath}: state file in use by process ${pid}; stop that process (or wait for it to finish) and try again, or use another state file. (If no such process is using it, delete ${lockPath}.)`;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

/** A child process running an emulator (the built one) on the state file; resolves once it serves. */
async function childEmulator(statePath: string, then: 'wait' | 'exit'): Promise<{ pid: number; exited: Promise<unknown>; kill(): void }> {
  const script = `
    const { existsSync } = await import('node:fs');
    const { startEmulator } = await import(process.argv[1]);
    const em = await startEmulator({ statePath: process.argv[2] });
    em.ensureUserPool('eu-west-1_Child1');
    while (!existsSync(process.argv[2])) await new Promise((r) => setTimeout(r, 5));
    process.stdout.write('ready\\n');
    if (process.argv[3] === 'exit') process.exit(0);
    setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, DIST_EMULATOR, statePath, then], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
    void exited.then(() => (then === 'exit' ? resolve() : reject(new Error('child emulator exited early'))));
  });
  return { pid: child.pid as number, exited, kill: () => child.kill('SIGKILL') };
}

describe('state file lock', () => {
  it('refuses a second emulator on the same file while the first runs, and lets it start after the first closes', async () => {
    const statePath = join(await tempDir(), 'state.json');
    const first = await startEmulator({ statePath, quotas: { enabled: false } });
    first.ensureUserPool(POOL);
    const err = await startError(statePath);
    expect(err.code).toBe('EMULATOR_STATE');
    expect(err.message).toBe(inUse(statePath, process.pid, `${statePath}.lock`));
    // The first is untouched by the refused start.
    const client = sdkClient(first.url);
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'kept' }));
    client.destroy();
    expect(parseOwner(await readFile(`${statePath}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await first.close();
    expect(existsSync(`${statePath}.lock`)).toBe(false);

    const second = await started(statePath);
    const c2 = sdkClient(second.url);
    expect((await c2.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'kept' }))).Group?.GroupName).toBe('kept');
    c2.destroy();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const statePath = join(await tempDir(), 'state.json');
    const pid = await deadPid();
    await writeFile(`${statePath}.lock`, JSON.stringify({ pid, host: hostname(), token: 'old' }));
    await started(statePath);
    expect(parseOwner(await readFile(`${statePath}.lock`, 'utf8'))?.pid).toBe(process.pid);
  });

  it('takes over the lock of an emulator process killed with SIGKILL, and keeps what it had written', async () => {
    const statePath = join(await tempDir(), 'state.json');
    const child = await childEmulator(statePath, 'wait');
    expect(parseOwner(await readFile(`${statePath}.lock`, 'utf8'))?.pid).toBe(child.pid);
    expect((await startError(statePath)).message).toBe(inUse(statePath, child.pid, `${statePath}.lock`));
    child.kill();
    await child.exited;
    const em = await started(statePath);
    expect(em.listUserPools().map((p) => p.id)).toEqual(['eu-west-1_Child1']);
    expect(parseOwner(await readFile(`${statePath}.lock`, 'utf8'))?.pid).toBe(process.pid);
  });

  it('is released when the process exits without closing the emulator', async () => {
    const statePath = join(await tempDir(), 'state.json');
    const child = await childEmulator(statePath, 'exit');
    await child.exited;
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });

  it.runIf(existsSync('/proc/self/stat'))('treats a lock whose pid now belongs to another process (a recycled pid) as abandoned', async () => {
    const statePath = join(await tempDir(), 'state.json');
    await writeFile(`${statePath}.lock`, JSON.stringify({ pid: process.pid, started: 'not-this-process', host: hostname(), token: 'old' }));
    await started(statePath);
  });

  it('takes over a lock file left empty long ago (its owner died before writing it)', async () => {
    const statePath = join(await tempDir(), 'state.json');
    await writeFile(`${statePath}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(`${statePath}.lock`, old, old);
    await started(statePath);
    expect(parseOwner(await readFile(`${statePath}.lock`, 'utf8'))?.pid).toBe(process.pid);
  });

  it('follows a symbolic link to the real file: the lock sits beside it and the state is written through the link', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'real'));
    await mkdir(join(dir, 'elsewhere'));
    const real = join(dir, 'real', 'state.json');
    const viaLink = join(dir, 'elsewhere', 'link.json');
    const made = await startEmulator({ statePath: real });
    made.ensureUserPool(POOL);
    await made.close();
    await symlink(join('..', 'real', 'state.json'), viaLink);

    const first = await startEmulator({ statePath: viaLink, quotas: { enabled: false } });
    expect(existsSync(`${real}.lock`)).toBe(true);
    expect(existsSync(`${viaLink}.lock`)).toBe(false);
    expect((await startError(real)).message).toBe(inUse(real, process.pid, `${real}.lock`));
    const client = sdkClient(first.url);
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'through-the-link' }));
    client.destroy();
    await first.close();

    expect((await lstat(viaLink)).isSymbolicLink()).toBe(true);
    expect(await readlink(viaLink)).toBe(join('..', 'real', 'state.json'));
    expect(JSON.parse(await readFile(real, 'utf8')).pools[0].groups.map((g: { name: string }) => g.name)).toEqual(['through-the-link']);
    await started(real);
    // And the other way round: held through the real path, refused through the link.
    expect((await startError(viaLink)).message).toBe(inUse(viaLink, process.pid, `${real}.lock`));
  });

  it('refuses at start a link to nothing, which the state writer would refuse at the first change', async () => {
    const dir = await tempDir();
    const viaLink = join(dir, 'link.json');
    await symlink(join(dir, 'missing', 'state.json'), viaLink);
    const err = await startError(viaLink);
    expect(err.code).toBe('EMULATOR_STATE');
    expect(err.message).toBe(
      `${viaLink}: cannot lock the state file (it is a symbolic link to nothing that exists (ENOENT); create the file it points to, or name another state file)`,
    );
  });
});
