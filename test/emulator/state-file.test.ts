import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CgError } from '../../src/core/errors.js';
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
    expect(json.formatVersion).toBe(3);

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
      expect((await readdir(dir)).sort()).toEqual(['state.json', 'state.json.lock']);
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
    await writeFile(statePath, JSON.stringify({ formatVersion: 4, accountSalt: 'x', pools: [] }));
    expect((await startError(statePath)).message).toContain('formatVersion must be 1, 2 or 3 (found 4)');
    await writeFile(statePath, JSON.stringify({ formatVersion: 3, accountSalt: 'x', pools: [], trail: [{ eventId: 'e' }] }));
    expect((await startError(statePath)).message).toContain('trail[0].eventName must be a string');
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

  it('keeps users, their attributes, subs, dates, memberships and case sensitivity across a restart (format 2)', async () => {
    const statePath = join(await tempDir(), 'state.json');
    const first = await startEmulator({ statePath, quotas: { enabled: false }, clock: () => 1_700_000_000_500 });
    first.ensureUserPool(POOL);
    const c1 = sdkClient(first.url);
    const strict = (await c1.send(new CreateUserPoolCommand({ PoolName: 'strict', UsernameConfiguration: { CaseSensitive: true } }))).UserPool?.Id ?? '';
    await c1.send(new AdminCreateUserCommand({ UserPoolId: strict, Username: 'Bob' }));
    await c1.send(new AdminCreateUserCommand({ UserPoolId: strict, Username: 'bob' }));
    await c1.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'admins' }));
    first.seedGroups(POOL, [{ GroupName: 'ops' }, { GroupName: 'empty' }]);
    const alice = await c1.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'Alice', UserAttributes: [{ Name: 'email', Value: 'a@example.com' }] }));
    first.seedUsers(POOL, Array.from({ length: 70 }, (_, i) => ({ Username: `user-${i}` })));
    first.seedMembers(POOL, 'ops', Array.from({ length: 70 }, (_, i) => `user-${i}`));
    await c1.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'alice', GroupName: 'admins' }));
    await c1.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'alice', GroupName: 'ops' }));
    const page1 = await c1.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'ops', Limit: 30 }));
    const rest1 = await c1.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'ops', NextToken: page1.NextToken }));
    const users1 = await c1.send(new ListUsersCommand({ UserPoolId: POOL }));
    c1.destroy();
    await first.close();

    const json = JSON.parse(await readFile(statePath, 'utf8')) as { formatVersion: number; pools: Array<{ users: unknown[]; caseSensitive: boolean }> };
    expect(json.formatVersion).toBe(3);
    expect(json.pools.map((p) => [p.caseSensitive, p.users.length])).toEqual([
      [false, 71],
      [true, 2],
    ]);

    const second = await startEmulator({ statePath, quotas: { enabled: false } });
    const c2 = sdkClient(second.url);
    try {
      const got = await c2.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'ALICE' }));
      expect(got).toMatchObject({ Username: 'Alice', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD', UserAttributes: alice.User?.Attributes });
      expect(got.UserCreateDate?.getTime()).toBe(1_700_000_000_500);
      const groups = await c2.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'Alice' }));
      expect(groups.Groups?.map((g) => g.GroupName).sort()).toEqual(['admins', 'ops']);
      const rest2 = await c2.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'ops', NextToken: page1.NextToken }));
      expect(rest2.Users).toEqual(rest1.Users);
      expect((await c2.send(new ListUsersCommand({ UserPoolId: POOL }))).Users).toEqual(users1.Users);
      expect((await c2.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'empty' }))).Users).toEqual([]);
      expect((await c2.send(new DescribeUserPoolCommand({ UserPoolId: strict }))).UserPool).toMatchObject({ UsernameConfiguration: { CaseSensitive: true }, EstimatedNumberOfUsers: 2 });
      expect((await c2.send(new AdminGetUserCommand({ UserPoolId: strict, Username: 'bob' }))).Username).toBe('bob');
    } finally {
      c2.destroy();
      await second.close();
    }
  });

  it('reads a format 1 file (groups only; usernames ignore case) and writes it back as format 2', async () => {
    const statePath = join(await tempDir(), 'state.json');
    const v1 = {
      formatVersion: 1,
      accountSalt: 'salt',
      pools: [{ id: POOL, name: 'old', salt: 's1', creationDate: 1, lastModifiedDate: 2, groups: [{ name: 'Admins', roleArn: ROLE, creationDate: 3, lastModifiedDate: 4 }] }],
    };
    await writeFile(statePath, JSON.stringify(v1));
    const emulator = await startEmulator({ statePath, quotas: { enabled: false } });
    const client = sdkClient(emulator.url);
    try {
      expect((await client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'Admins' }))).Group).toMatchObject({ RoleArn: ROLE });
      expect((await client.send(new DescribeUserPoolCommand({ UserPoolId: POOL }))).UserPool).toMatchObject({ UsernameConfiguration: { CaseSensitive: false }, EstimatedNumberOfUsers: 0 });
      await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'Carol' }));
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'carol', GroupName: 'Admins' }));
    } finally {
      client.destroy();
      await emulator.close();
    }
    const written = parseStateFile(JSON.parse(await readFile(statePath, 'utf8')));
    expect(written.ok).toBe(true);
    const pool = written.ok ? written.state.pools[0] : undefined;
    expect(pool?.caseSensitive).toBe(false);
    expect(pool?.users.map((u) => [u.username, u.groups])).toEqual([['Carol', ['Admins']]]);
  });

  it('refuses users that are wrongly shaped, repeated, or in groups the pool does not have', () => {
    const pool = (users: unknown[], caseSensitive = false) => ({
      formatVersion: 2,
      accountSalt: 'a',
      pools: [{ id: 'eu-west-1_A', name: 'n', salt: 's', caseSensitive, creationDate: 1, lastModifiedDate: 1, groups: [{ name: 'g', creationDate: 1, lastModifiedDate: 1 }], users }],
    });
    const user = (username: string, sub: string, extra: object = {}) => ({ username, sub, enabled: true, status: 'CONFIRMED', creationDate: 1, lastModifiedDate: 1, ...extra });
    expect(parseStateFile(pool([user('a', 's1', { groups: ['g'] }), user('b', 's2')])).ok).toBe(true);
    expect(parseStateFile(pool([user('a', 's1'), user('A', 's2')]))).toEqual({ ok: false, problem: "pools[0].users[1].username must be unique ignoring case ('A' repeats)" });
    expect(parseStateFile(pool([user('a', 's1'), user('A', 's2')], true)).ok).toBe(true);
    expect(parseStateFile(pool([user('a', 's1'), user('b', 's1')]))).toEqual({ ok: false, problem: "pools[0].users[1].sub must be unique ('s1' repeats)" });
    expect(parseStateFile(pool([user('a', 's1', { groups: ['G'] })]))).toEqual({ ok: false, problem: 'pools[0].users[0].groups[0] must be the name of a group of the pool' });
    expect(parseStateFile(pool([user('a', 's1', { status: 'HAPPY' })])).ok).toBe(false);
    expect(parseStateFile(pool([user('a', 's1', { attributes: [{ name: 'email' }] })]))).toEqual({ ok: false, problem: 'pools[0].users[0].attributes[0].value must be a string' });
    const v2WithoutUsers = pool([]);
    delete (v2WithoutUsers.pools[0] as { users?: unknown }).users;
    expect(parseStateFile(v2WithoutUsers)).toEqual({ ok: false, problem: 'pools[0].users must be an array' });
  });
});
