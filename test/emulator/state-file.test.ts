import { CreateGroupCommand, GetGroupCommand, ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CgError } from '../../src/errors.js';
import { startEmulator } from '../../src/emulator/index.js';
import { parseStateFile } from '../../src/emulator/state-file.js';
import { POOL, sdkClient } from './fixture.js';

const ROLE = 'arn:aws:iam::123456789012:role/admins';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cg-emulator-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function startError(statePath: string): Promise<CgError> {
  try {
    const e = await startEmulator({ statePath });
    await e.close();
  } catch (err) {
    if (err instanceof CgError) return err;
    throw err;
  }
  throw new Error('expected startEmulator to fail');
}

describe('state file', () => {
  it('survives a restart with every field, date, order and pagination token', async () => {
    const statePath = join(await tempDir(), 'nested', 'state.json');
    const first = await startEmulator({ statePath, quotas: { enabled: false } });
    first.ensureUserPool(POOL);
    const c1 = sdkClient(first.url);
    await c1.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'Admins', Description: 'd', RoleArn: ROLE, Precedence: 3 }));
    first.seedGroups(POOL, Array.from({ length: 40 }, (_, i) => ({ GroupName: `g${i}` })));
    const before = await c1.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'Admins' }));
    const page1 = await c1.send(new ListGroupsCommand({ UserPoolId: POOL, Limit: 10 }));
    const rest1 = await c1.send(new ListGroupsCommand({ UserPoolId: POOL, Limit: 60, NextToken: page1.NextToken }));
    c1.destroy();
    await first.close();

    const json = JSON.parse(await readFile(statePath, 'utf8')) as { formatVersion: number };
    expect(json.formatVersion).toBe(1);

    const second = await startEmulator({ statePath, quotas: { enabled: false } });
    const c2 = sdkClient(second.url);
    try {
      expect(second.ensureUserPool(POOL)).toBe(false);
      const after = await c2.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'Admins' }));
      expect(after.Group).toEqual(before.Group);
      const rest2 = await c2.send(new ListGroupsCommand({ UserPoolId: POOL, Limit: 60, NextToken: page1.NextToken }));
      expect(rest2.Groups).toEqual(rest1.Groups);
    } finally {
      c2.destroy();
      await second.close();
    }
  });

  it('persists every acknowledged write, coalescing concurrent ones, and leaves no temp files', async () => {
    const dir = await tempDir();
    const statePath = join(dir, 'state.json');
    const emulator = await startEmulator({ statePath, quotas: { enabled: false } });
    emulator.ensureUserPool(POOL);
    const client = sdkClient(emulator.url);
    try {
      await Promise.all(Array.from({ length: 200 }, (_, i) => client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: `g${i}` }))));
      // Every acknowledged create is on disk before the emulator is closed.
      const parsed = parseStateFile(JSON.parse(await readFile(statePath, 'utf8')));
      expect(parsed.ok && parsed.state.pools[0]?.groups.length).toBe(200);
      expect(emulator.stats().stateWrites).toBeLessThan(100);
      expect(await readdir(dir)).toEqual(['state.json']);
    } finally {
      client.destroy();
      await emulator.close();
    }
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('refuses a corrupt file instead of starting empty, and leaves it alone', async () => {
    const statePath = join(await tempDir(), 'state.json');
    await writeFile(statePath, '{"formatVersion": 1, "pools": [');
    const err = await startError(statePath);
    expect(err.code).toBe('EMULATOR_STATE');
    expect(err.message).toMatch(new RegExp(`^${statePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: state file is not valid JSON \\(.+\\); move it away or delete it to start empty$`));
    expect(await readFile(statePath, 'utf8')).toBe('{"formatVersion": 1, "pools": [');
  });

  it('refuses a wrongly shaped file and says what is wrong', async () => {
    const statePath = join(await tempDir(), 'state.json');
    await writeFile(statePath, JSON.stringify({ formatVersion: 2, accountSalt: 'x', pools: [] }));
    expect((await startError(statePath)).message).toContain('formatVersion must be 1 (found 2)');
    await writeFile(statePath, JSON.stringify({ formatVersion: 1, accountSalt: 'x', pools: [{ id: 'a_b', name: 'n', salt: 's', creationDate: 1, lastModifiedDate: 1 }] }));
    expect((await startError(statePath)).message).toContain('pools[0].groups must be an array');
    await writeFile(statePath, '[]');
    expect((await startError(statePath)).code).toBe('EMULATOR_STATE');
  });

  it('checks shapes purely', () => {
    const good = {
      formatVersion: 1,
      accountSalt: 'abc',
      pools: [{ id: 'eu-west-1_A', name: 'n', salt: 's', creationDate: 1, lastModifiedDate: 2, groups: [{ name: 'g', precedence: 1, creationDate: 1, lastModifiedDate: 1 }] }],
    };
    expect(parseStateFile(good).ok).toBe(true);
    const dup = structuredClone(good);
    dup.pools[0]?.groups.push({ name: 'G', precedence: 1, creationDate: 1, lastModifiedDate: 1 });
    expect(parseStateFile(dup)).toEqual({ ok: false, problem: "pools[0].groups[1].name must be unique ignoring case ('G' repeats)" });
  });
});
