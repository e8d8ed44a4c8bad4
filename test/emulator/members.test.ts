import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DescribeUserPoolCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CgError } from '../../src/core/errors.js';
import { failure, harness, POOL } from './fixture.js';

function names(n: number, prefix: string): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
}

async function members(client: CognitoIdentityProviderClient, group: string, limit?: number): Promise<{ names: string[]; pages: number[] }> {
  const out: string[] = [];
  const pages: number[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: group, Limit: limit, NextToken: token }));
    pages.push((page.Users ?? []).length);
    out.push(...(page.Users ?? []).map((u) => u.Username ?? ''));
    token = page.NextToken;
  } while (token !== undefined);
  return { names: out, pages };
}

async function groupsOf(client: CognitoIdentityProviderClient, user: string, limit?: number): Promise<{ names: string[]; pages: number[] }> {
  const out: string[] = [];
  const pages: number[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: user, Limit: limit, NextToken: token }));
    pages.push((page.Groups ?? []).length);
    out.push(...(page.Groups ?? []).map((g) => g.GroupName ?? ''));
    token = page.NextToken;
  } while (token !== undefined);
  return { names: out, pages };
}

describe('adding and removing members', () => {
  it('adds users named by username (any case) or sub, lists them both ways, and removes them', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, [{ GroupName: 'admins', Description: 'd', Precedence: 1 }, { GroupName: 'ops' }]);
    const alice = await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'Alice' }));
    const sub = alice.User?.Attributes?.[0]?.Value ?? '';
    await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'bob' }));

    expect((await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'ALICE', GroupName: 'admins' }))).$metadata.httpStatusCode).toBe(200);
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: sub, GroupName: 'ops' }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'bob', GroupName: 'admins' }));

    const listed = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'admins' }));
    expect(listed.Users?.map((u) => u.Username).sort()).toEqual(['Alice', 'bob']);
    expect(listed.Users?.find((u) => u.Username === 'Alice')).toMatchObject({ Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD', Attributes: [{ Name: 'sub', Value: sub }] });
    const groups = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect(groups.Groups?.map((g) => g.GroupName).sort()).toEqual(['admins', 'ops']);
    expect(groups.Groups?.find((g) => g.GroupName === 'admins')).toMatchObject({ UserPoolId: POOL, Description: 'd', Precedence: 1 });

    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL, Username: sub, GroupName: 'admins' }));
    expect((await members(client, 'admins')).names).toEqual(['bob']);
    expect((await groupsOf(client, 'Alice')).names).toEqual(['ops']);
  });

  it('adding a member again and removing a non-member succeed and change nothing', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    emulator.seedUsers(POOL, [{ Username: 'u' }, { Username: 'v' }]);
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'u', GroupName: 'g' }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'U', GroupName: 'g' }));
    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL, Username: 'v', GroupName: 'g' }));
    expect((await members(client, 'g')).names).toEqual(['u']);
    expect(emulator.stats().operations['AdminAddUserToGroup']).toMatchObject({ calls: 2, ok: 2 });
    expect(emulator.stats().operations['AdminRemoveUserFromGroup']).toMatchObject({ calls: 1, ok: 1 });
  });

  it('tells a missing user, a missing group and a missing pool apart', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    emulator.seedUsers(POOL, [{ Username: 'u' }]);
    for (const Cmd of [AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand]) {
      expect(await failure(client.send(new Cmd({ UserPoolId: POOL, Username: 'nobody', GroupName: 'g' })))).toEqual({
        name: 'UserNotFoundException',
        message: 'User does not exist.',
        status: 400,
      });
      expect(await failure(client.send(new Cmd({ UserPoolId: POOL, Username: 'u', GroupName: 'none' })))).toEqual({
        name: 'ResourceNotFoundException',
        message: 'Group not found.',
        status: 400,
      });
      // Group names are looked up exactly.
      expect((await failure(client.send(new Cmd({ UserPoolId: POOL, Username: 'u', GroupName: 'G' })))).message).toBe('Group not found.');
      expect(await failure(client.send(new Cmd({ UserPoolId: 'eu-west-1_Missing', Username: 'u', GroupName: 'g' })))).toEqual({
        name: 'ResourceNotFoundException',
        message: 'User pool eu-west-1_Missing does not exist.',
        status: 400,
      });
    }
    expect((await failure(client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'nobody' })))).name).toBe('UserNotFoundException');
    expect((await failure(client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'none' })))).message).toBe('Group not found.');
    expect((await failure(client.send(new ListUsersInGroupCommand({ UserPoolId: 'eu-west-1_Missing', GroupName: 'g' })))).message).toBe(
      'User pool eu-west-1_Missing does not exist.',
    );
    const bad = await failure(client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'a b', GroupName: 'g' })));
    expect(bad.name).toBe('InvalidParameterException');
    expect(bad.message).toContain("Value 'a b' at 'username' failed to satisfy constraint");
  });

  it('keeps a user in at most 100 groups; re-adding to one of them still succeeds', async () => {
    const { client, emulator } = await harness();
    const groups = names(101, 'g-');
    emulator.seedGroups(POOL, groups.map((GroupName) => ({ GroupName })));
    emulator.seedUsers(POOL, [{ Username: 'busy' }]);
    for (const g of groups.slice(0, 99)) emulator.seedMembers(POOL, g, ['busy']);
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'busy', GroupName: groups[99] }));
    const f = await failure(client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'busy', GroupName: groups[100] })));
    expect(f.name).toBe('LimitExceededException');
    expect(f.status).toBe(400);
    expect(f.message).toBe('User busy is already in the maximum number of groups (100).');
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'busy', GroupName: groups[0] }));
    expect((await members(client, groups[100] as string)).names).toEqual([]);
    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL, Username: 'busy', GroupName: groups[0] }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'busy', GroupName: groups[100] }));
    const listed = await groupsOf(client, 'busy');
    expect(listed.pages).toEqual([60, 40]);
    expect(listed.names.sort()).toEqual(groups.slice(1).sort());
  });
});

describe('deleting groups and users drops their memberships', () => {
  it('DeleteGroup empties the group: a group created again with the name has no members', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, [{ GroupName: 'g' }, { GroupName: 'h' }]);
    emulator.seedUsers(POOL, [{ Username: 'u' }]);
    emulator.seedMembers(POOL, 'g', ['u']);
    emulator.seedMembers(POOL, 'h', ['u']);
    await client.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: 'g' }));
    expect((await groupsOf(client, 'u')).names).toEqual(['h']);
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g' }));
    expect((await members(client, 'g')).names).toEqual([]);
  });

  it('AdminDeleteUser takes the user out of every group; a user created again with the name is in none', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, [{ GroupName: 'g' }, { GroupName: 'h' }]);
    emulator.seedUsers(POOL, [{ Username: 'u' }, { Username: 'w' }]);
    emulator.seedMembers(POOL, 'g', ['u', 'w']);
    emulator.seedMembers(POOL, 'h', ['u']);
    await client.send(new AdminDeleteUserCommand({ UserPoolId: POOL, Username: 'u' }));
    expect((await members(client, 'g')).names).toEqual(['w']);
    expect((await members(client, 'h')).names).toEqual([]);
    await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'u' }));
    expect((await groupsOf(client, 'u')).names).toEqual([]);
  });
});

describe('ListUsersInGroup and AdminListGroupsForUser paging', () => {
  it('pages 130 members, 60 at a time by default, in a stable order that is not name order', async () => {
    const { client, emulator } = await harness();
    const users = names(130, 'user-');
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    emulator.seedUsers(POOL, users.map((Username) => ({ Username })));
    expect(emulator.seedMembers(POOL, 'g', users)).toBe(130);
    const listed = await members(client, 'g');
    expect(listed.pages).toEqual([60, 60, 10]);
    expect([...listed.names].sort()).toEqual(users);
    expect(listed.names).not.toEqual(users);
    expect((await members(client, 'g')).names).toEqual(listed.names);
    expect((await members(client, 'g', 25)).pages).toEqual([25, 25, 25, 25, 25, 5]);
  });

  it('validates Limit 1..60 and refuses tokens of another listing', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, [{ GroupName: 'g' }, { GroupName: 'h' }]);
    emulator.seedUsers(POOL, names(5, 'user-').map((Username) => ({ Username })));
    emulator.seedMembers(POOL, 'g', names(5, 'user-'));
    emulator.seedMembers(POOL, 'h', names(5, 'user-'));
    for (const Limit of [0, 61]) {
      expect((await failure(client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'g', Limit })))).name).toBe('InvalidParameterException');
      expect((await failure(client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'user-00001', Limit })))).name).toBe('InvalidParameterException');
    }
    const zero = await failure(client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'g', Limit: 0 })));
    expect(zero.message).toBe("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'g', Limit: 2 }));
    expect(page.NextToken).toMatch(/^\S+$/);
    const other = await failure(client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'h', NextToken: page.NextToken })));
    expect(other).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
    const groupsPage = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'user-00001', Limit: 1 }));
    expect(groupsPage.NextToken).toMatch(/^\S+$/);
    expect((await failure(client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'user-00002', NextToken: groupsPage.NextToken })))).name).toBe(
      'InvalidParameterException',
    );
    // The same user named by its sub continues its own listing.
    const sub = page.Users?.[0]?.Attributes?.[0]?.Value;
    const owner = page.Users?.[0]?.Username ?? '';
    const firstOfOwner = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: owner, Limit: 1 }));
    const rest = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: sub, NextToken: firstOfOwner.NextToken }));
    expect(rest.Groups).toHaveLength(1);
    expect(rest.NextToken).toBeUndefined();
  });

  it('keeps unchanged members exactly once when members come and go during a listing', async () => {
    const { client, emulator } = await harness();
    const users = names(100, 'user-');
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    emulator.seedUsers(POOL, [...users, ...names(10, 'late-')].map((Username) => ({ Username })));
    emulator.seedMembers(POOL, 'g', users);
    const seen: string[] = [];
    const churn = new Set<string>(['user-00050', ...names(10, 'late-')]);
    let token: string | undefined;
    let page = 0;
    do {
      const out = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'g', Limit: 10, NextToken: token }));
      seen.push(...(out.Users ?? []).map((u) => u.Username ?? ''));
      token = out.NextToken;
      if (page === 2) {
        await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL, Username: 'user-00050', GroupName: 'g' }));
        for (const n of names(10, 'late-')) await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: n, GroupName: 'g' }));
      }
      page++;
    } while (token !== undefined);
    const stable = seen.filter((n) => !churn.has(n));
    expect(new Set(stable).size).toBe(stable.length);
    expect(stable.sort()).toEqual(users.filter((n) => !churn.has(n)));
  });

  it('lists a group of 6,000 members completely, 60 at a time', async () => {
    const { client, emulator } = await harness();
    const users = names(6_000, 'member-');
    emulator.seedGroups(POOL, [{ GroupName: 'everyone' }]);
    emulator.seedUsers(POOL, users.map((Username) => ({ Username })));
    expect(emulator.seedMembers(POOL, 'everyone', users)).toBe(6_000);
    const listed = await members(client, 'everyone', 60);
    expect(listed.pages).toEqual(Array(100).fill(60));
    expect(new Set(listed.names).size).toBe(6_000);
  });

  it('serves a pool of 100,000 users all in one group: pages of users and of members, and members added and removed through the API', async () => {
    const { client, emulator } = await harness();
    const users = names(100_000, 'member-');
    emulator.seedGroups(POOL, [{ GroupName: 'everyone' }]);
    emulator.seedUsers(POOL, [...users, 'newcomer'].map((Username) => ({ Username })));
    expect(emulator.seedMembers(POOL, 'everyone', users)).toBe(100_000);
    const firstPages = async (): Promise<string[]> => {
      const seen: string[] = [];
      let token: string | undefined;
      for (let i = 0; i < 20; i++) {
        const out = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'everyone', NextToken: token }));
        seen.push(...(out.Users ?? []).map((u) => u.Username ?? ''));
        token = out.NextToken;
      }
      expect(token).toBeDefined();
      return seen;
    };
    const before = await firstPages();
    expect(new Set(before).size).toBe(1200);
    // Removing a listed member and adding one takes effect in place: the other listed members keep their order.
    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL, Username: before[0], GroupName: 'everyone' }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'newcomer', GroupName: 'everyone' }));
    const after = await firstPages();
    expect(after).not.toContain(before[0]);
    expect(after.filter((n) => n !== 'newcomer').slice(0, 1199)).toEqual(before.slice(1));
    expect((await groupsOf(client, 'newcomer')).names).toEqual(['everyone']);
    let token: string | undefined;
    const listedUsers = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const out = await client.send(new ListUsersCommand({ UserPoolId: POOL, PaginationToken: token }));
      for (const u of out.Users ?? []) listedUsers.add(u.Username ?? '');
      token = out.PaginationToken;
    }
    expect(listedUsers.size).toBe(1200);
    expect((await client.send(new DescribeUserPoolCommand({ UserPoolId: POOL }))).UserPool?.EstimatedNumberOfUsers).toBe(100_001);
  });
});

describe('seedMembers', () => {
  it('validates like AdminAddUserToGroup, names every problem and changes nothing', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, names(100, 'g-').map((GroupName) => ({ GroupName })));
    emulator.seedGroups(POOL, [{ GroupName: 'target' }]);
    emulator.seedUsers(POOL, [{ Username: 'u' }, { Username: 'full' }]);
    for (const g of names(100, 'g-')) emulator.seedMembers(POOL, g, ['full']);
    let err: unknown;
    try {
      emulator.seedMembers(POOL, 'target', ['u', 'nobody', 'full', 'a b']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CgError);
    expect((err as CgError).code).toBe('USAGE');
    expect((err as CgError).details).toEqual([
      'usernames[1]: user nobody does not exist',
      'usernames[2]: user full is already in the maximum number of groups (100)',
      String.raw`usernames[3]: Value 'a b' at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+`,
    ]);
    expect((await members(client, 'target')).names).toEqual([]);
    expect(() => emulator.seedMembers(POOL, 'missing', ['u'])).toThrow('group missing does not exist');
    expect(emulator.seedMembers(POOL, 'target', ['u', 'U'])).toBe(1);
    expect(emulator.seedMembers(POOL, 'g-00001', ['full'])).toBe(0);
  });
});
