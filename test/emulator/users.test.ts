import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
  type ListUsersCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CgError } from '../../src/core/errors.js';
import { FILTER_SCAN_PER_PAGE } from '../../src/emulator/index.js';
import { failure, harness, POOL } from './fixture.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function userNames(n: number, prefix = 'user-'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
}

async function listAllUsers(client: CognitoIdentityProviderClient, input: Omit<ListUsersCommandInput, 'PaginationToken'>): Promise<{ names: string[]; pages: number[] }> {
  const names: string[] = [];
  const pages: number[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new ListUsersCommand({ ...input, PaginationToken: token }));
    pages.push((out.Users ?? []).length);
    names.push(...(out.Users ?? []).map((u) => u.Username ?? ''));
    token = out.PaginationToken;
  } while (token !== undefined);
  return { names, pages };
}

function caught(fn: () => unknown): CgError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CgError) return e;
    throw e;
  }
  throw new Error('expected a CgError');
}

describe('AdminCreateUser and AdminGetUser', () => {
  it('creates an enabled FORCE_CHANGE_PASSWORD user with a generated sub and epoch dates', async () => {
    const { client } = await harness({ clock: () => 1_700_000_000_250 });
    const out = await client.send(
      new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'Alice', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }], TemporaryPassword: 'ignored' }),
    );
    const user = out.User;
    expect(user).toMatchObject({ Username: 'Alice', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(user?.UserCreateDate?.getTime()).toBe(1_700_000_000_250);
    expect(user?.UserLastModifiedDate?.getTime()).toBe(1_700_000_000_250);
    const sub = user?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? '';
    expect(sub).toMatch(UUID);
    expect(user?.Attributes).toEqual([
      { Name: 'sub', Value: sub },
      { Name: 'email', Value: 'alice@example.com' },
    ]);

    const got = await client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'Alice' }));
    expect(got).toMatchObject({ Username: 'Alice', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD', UserAttributes: user?.Attributes });
    expect(got.UserCreateDate?.getTime()).toBe(1_700_000_000_250);
    // The sub names the same user.
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: sub }))).Username).toBe('Alice');
  });

  it('gives every user its own sub', async () => {
    const { client } = await harness();
    const subs = new Set<string>();
    for (const name of ['a', 'b', 'c']) {
      const out = await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: name }));
      subs.add(out.User?.Attributes?.[0]?.Value ?? '');
    }
    expect(subs.size).toBe(3);
  });

  it('compares usernames ignoring case by default, returning them as created', async () => {
    const { client } = await harness();
    await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'Alice' }));
    const f = await failure(client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'ALICE' })));
    expect(f).toEqual({ name: 'UsernameExistsException', message: 'User account already exists.', status: 400 });
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'aLiCe' }))).Username).toBe('Alice');
  });

  it('compares usernames exactly in a pool created with CaseSensitive true', async () => {
    const { client } = await harness();
    const pool = (await client.send(new CreateUserPoolCommand({ PoolName: 'strict', UsernameConfiguration: { CaseSensitive: true } }))).UserPool?.Id ?? '';
    await client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'Alice' }));
    await client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'alice' }));
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'alice' }))).Username).toBe('alice');
    const f = await failure(client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'ALICE' })));
    expect(f).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.', status: 400 });
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
    expect(described.UserPool?.UsernameConfiguration).toEqual({ CaseSensitive: true });
    expect(described.UserPool?.EstimatedNumberOfUsers).toBe(2);
  });

  it('validates the username, the attributes and the schema, and tells a missing pool', async () => {
    const { client } = await harness();
    const spaced = await failure(client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'a b' })));
    expect(spaced).toEqual({
      name: 'InvalidParameterException',
      status: 400,
      message: String.raw`1 validation error detected: Value 'a b' at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+`,
    });
    const long = await failure(client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'u', UserAttributes: [{ Name: 'email', Value: 'v'.repeat(2049) }] })));
    expect(long.message).toContain("at 'userAttributes.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 2048");
    const unknown = await failure(client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'u', UserAttributes: [{ Name: 'favourite', Value: 'x' }] })));
    expect(unknown).toEqual({ name: 'InvalidParameterException', status: 400, message: 'Attributes did not conform to the schema: favourite: Attribute does not exist in the schema.\n' });
    const sub = await failure(client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'u', UserAttributes: [{ Name: 'sub', Value: 'mine' }] })));
    expect(sub.message).toBe('Attributes did not conform to the schema: sub: Attribute cannot be written.\n');
    await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'u', UserAttributes: [{ Name: 'custom:team', Value: 'red' }] }));
    const pool = await failure(client.send(new AdminCreateUserCommand({ UserPoolId: 'eu-west-1_Missing', Username: 'u' })));
    expect(pool).toEqual({ name: 'ResourceNotFoundException', message: 'User pool eu-west-1_Missing does not exist.', status: 400 });
    for (const cmd of [new AdminGetUserCommand({ UserPoolId: 'eu-west-1_Missing', Username: 'u' }), new AdminDeleteUserCommand({ UserPoolId: 'eu-west-1_Missing', Username: 'u' })]) {
      expect((await failure(client.send(cmd as never))).message).toBe('User pool eu-west-1_Missing does not exist.');
    }
  });
});

describe('AdminDeleteUser', () => {
  it('deletes the user, named by username or sub, after which it does not exist', async () => {
    const { client } = await harness();
    await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'gone' }));
    const sub = (await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'gone-too' }))).User?.Attributes?.[0]?.Value;
    await client.send(new AdminDeleteUserCommand({ UserPoolId: POOL, Username: 'GONE' }));
    await client.send(new AdminDeleteUserCommand({ UserPoolId: POOL, Username: sub }));
    for (const name of ['gone', 'gone-too']) {
      expect(await failure(client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: name })))).toMatchObject({ name: 'UserNotFoundException' });
    }
    const again = await failure(client.send(new AdminDeleteUserCommand({ UserPoolId: POOL, Username: 'gone' })));
    expect(again).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.', status: 400 });
    expect((await client.send(new DescribeUserPoolCommand({ UserPoolId: POOL }))).UserPool?.EstimatedNumberOfUsers).toBe(0);
    // The name is free again.
    await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'gone' }));
  });
});

describe('ListUsers', () => {
  it('pages 130 users, 60 at a time by default (and for Limit 0), in a stable order that is not name order', async () => {
    const { client, emulator } = await harness();
    const all = userNames(130);
    expect(emulator.seedUsers(POOL, all.map((Username) => ({ Username })))).toBe(130);
    const listed = await listAllUsers(client, { UserPoolId: POOL });
    expect(listed.pages).toEqual([60, 60, 10]);
    expect([...listed.names].sort()).toEqual(all);
    expect(listed.names).not.toEqual(all);
    expect((await listAllUsers(client, { UserPoolId: POOL })).names).toEqual(listed.names);
    expect((await listAllUsers(client, { UserPoolId: POOL, Limit: 0 })).pages).toEqual([60, 60, 10]);
    expect((await listAllUsers(client, { UserPoolId: POOL, Limit: 50 })).pages).toEqual([50, 50, 30]);
    const first = await client.send(new ListUsersCommand({ UserPoolId: POOL, Limit: 1 }));
    expect(first.Users?.[0]).toMatchObject({ Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(first.Users?.[0]?.Attributes?.[0]?.Name).toBe('sub');
  });

  it('checks Limit and tokens', async () => {
    const { client, emulator } = await harness();
    emulator.ensureUserPool('eu-west-1_Other1');
    emulator.seedUsers(POOL, userNames(5).map((Username) => ({ Username })));
    emulator.seedUsers('eu-west-1_Other1', userNames(5).map((Username) => ({ Username })));
    const big = await failure(client.send(new ListUsersCommand({ UserPoolId: POOL, Limit: 61 })));
    expect(big.message).toBe("1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
    const page = await client.send(new ListUsersCommand({ UserPoolId: POOL, Limit: 2 }));
    expect(page.PaginationToken).toMatch(/^\S+$/);
    expect((await failure(client.send(new ListUsersCommand({ UserPoolId: 'eu-west-1_Other1', PaginationToken: page.PaginationToken })))).message).toBe('Invalid pagination token.');
    // A token continues only the listing (filter included) that issued it.
    const filtered = await failure(client.send(new ListUsersCommand({ UserPoolId: POOL, PaginationToken: page.PaginationToken, Filter: 'username ^= "user"' })));
    expect(filtered.name).toBe('InvalidParameterException');
    expect((await failure(client.send(new ListUsersCommand({ UserPoolId: POOL, PaginationToken: 'junk' })))).name).toBe('InvalidParameterException');
  });

  it('filters by username, username prefix, sub and email, and refuses other filters', async () => {
    const { client, emulator } = await harness();
    emulator.seedUsers(POOL, [
      { Username: 'Alice', Attributes: [{ Name: 'email', Value: 'alice@example.com' }] },
      { Username: 'alan' },
      { Username: 'bob', Attributes: [{ Name: 'email', Value: 'bob@example.com' }] },
    ]);
    const names = async (Filter: string): Promise<string[]> => (await listAllUsers(client, { UserPoolId: POOL, Filter })).names.sort();
    expect(await names('username = "alice"')).toEqual(['Alice']);
    expect(await names('username = "nobody"')).toEqual([]);
    expect(await names('username ^= "al"')).toEqual(['Alice', 'alan']);
    expect(await names('username^="AL"')).toEqual(['Alice', 'alan']);
    expect(await names('email = "bob@example.com"')).toEqual(['bob']);
    expect(await names('email ^= "alice@"')).toEqual(['Alice']);
    expect(await names('status = "Enabled"')).toHaveLength(3);
    expect(await names('cognito:user_status = "force_change_password"')).toHaveLength(3);
    expect(await names('')).toHaveLength(3);
    const sub = (await client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'bob' }))).UserAttributes?.[0]?.Value ?? '';
    expect(await names(`sub = "${sub}"`)).toEqual(['bob']);
    const custom = await failure(client.send(new ListUsersCommand({ UserPoolId: POOL, Filter: 'custom:team = "red"' })));
    expect(custom).toEqual({ name: 'InvalidParameterException', message: 'Invalid search attribute: custom:team', status: 400 });
    for (const bad of ['username', 'username == "x"', 'username = x', 'username > "x"']) {
      expect(await failure(client.send(new ListUsersCommand({ UserPoolId: POOL, Filter: bad })))).toEqual({
        name: 'InvalidParameterException',
        message: 'Error while parsing filter.',
        status: 400,
      });
    }
  });

  it('examines a bounded number of users per filtered page, so pages may be short or empty yet carry a token', async () => {
    const { client, emulator } = await harness();
    const all = userNames(2 * FILTER_SCAN_PER_PAGE + 500);
    emulator.seedUsers(POOL, all.map((Username) => ({ Username })));
    const listed = await listAllUsers(client, { UserPoolId: POOL, Filter: 'username ^= "user-0000"' });
    expect(listed.names.sort()).toEqual(all.filter((n) => n.startsWith('user-0000')));
    expect(listed.pages).toHaveLength(3);
    expect(listed.pages.reduce((a, b) => a + b, 0)).toBe(9);
    const everyone = await listAllUsers(client, { UserPoolId: POOL, Filter: 'username ^= "user-"', Limit: 60 });
    expect(new Set(everyone.names).size).toBe(all.length);
  });
});

describe('user pools and users in-process', () => {
  it('ensureUserPool takes a name or options and refuses to change case sensitivity', async () => {
    const { client, emulator } = await harness();
    expect(emulator.ensureUserPool('eu-west-1_Strict1', { name: 'strict', caseSensitive: true })).toBe(true);
    expect(emulator.ensureUserPool('eu-west-1_Strict1', { caseSensitive: true })).toBe(false);
    expect(emulator.ensureUserPool('eu-west-1_Strict1', 'another name')).toBe(false);
    expect(caught(() => emulator.ensureUserPool('eu-west-1_Strict1', { caseSensitive: false })).message).toBe(
      'ensureUserPool: pool eu-west-1_Strict1 exists with CaseSensitive true; a pool\'s username case sensitivity cannot change',
    );
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_Strict1' }));
    expect(described.UserPool).toMatchObject({ Name: 'strict', UsernameConfiguration: { CaseSensitive: true } });
    expect((await client.send(new DescribeUserPoolCommand({ UserPoolId: POOL }))).UserPool?.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(emulator.listUserPools()).toEqual([
      { id: POOL, name: POOL, caseSensitive: false, groups: 0, users: 0 },
      { id: 'eu-west-1_Strict1', name: 'strict', caseSensitive: true, groups: 0, users: 0 },
    ]);
  });

  it('CreateUserPool requires CaseSensitive inside UsernameConfiguration', async () => {
    const { client } = await harness();
    const f = await failure(client.send(new CreateUserPoolCommand({ PoolName: 'p', UsernameConfiguration: {} as never })));
    expect(f.message).toBe("1 validation error detected: Value null at 'usernameConfiguration.caseSensitive' failed to satisfy constraint: Member must not be null");
  });

  it('seedUsers validates like AdminCreateUser, names every problem and changes nothing', async () => {
    const { emulator } = await harness();
    emulator.seedUsers(POOL, [{ Username: 'Taken' }]);
    const err = caught(() =>
      emulator.seedUsers(POOL, [
        { Username: 'ok' },
        { Username: 'a b' },
        { Username: 'taken' },
        { Username: 'twice' },
        { Username: 'TWICE' },
        { Username: 'x', Attributes: [{ Name: 'shoe_size', Value: '9' }] },
      ]),
    );
    expect(err.code).toBe('USAGE');
    expect(err.details).toEqual([
      String.raw`users[1]: Value 'a b' at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+`,
      'users[2]: a user named taken already exists',
      'users[4]: TWICE is given twice (usernames compare ignoring case in this pool)',
      'users[5]: Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.',
    ]);
    expect(emulator.listUserPools()[0]?.users).toBe(1);
    expect(emulator.seedUsers(POOL, [{ Username: 'taken' }, { Username: 'new' }], { skipExisting: true })).toBe(1);
    expect(() => emulator.seedUsers('eu-west-1_Nope', [])).toThrow(/does not exist/);
  });
});
