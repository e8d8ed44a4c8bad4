import {
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUserPoolsCommand,
  UpdateGroupCommand,
  type CognitoIdentityProviderClient,
  type GroupType,
  type ListUserPoolsCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CgError } from '../../src/core/errors.js';
import { startEmulator } from '../../src/emulator/index.js';
import { GroupStore, newGroupRecord } from '../../src/emulator/store.js';
import { failure, harness, POOL } from './fixture.js';

const ROLE = 'arn:aws:iam::123456789012:role/admins';
const PATTERN = String.raw`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`;

async function listAll(client: CognitoIdentityProviderClient, poolId: string, limit?: number): Promise<{ names: string[]; pages: number[] }> {
  const names: string[] = [];
  const pages: number[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: limit, NextToken: token }));
    const groups = out.Groups ?? [];
    pages.push(groups.length);
    names.push(...groups.map((g) => g.GroupName ?? ''));
    token = out.NextToken;
  } while (token !== undefined);
  return { names, pages };
}

function names(n: number, prefix = 'group-'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
}

describe('CreateGroup and GetGroup', () => {
  it('creates a group and returns it with epoch timestamps turned into Dates by the SDK', async () => {
    const { client } = await harness({ clock: () => 1_700_000_000_123 });
    const created = await client.send(
      new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'Admins', Description: 'the admins', RoleArn: ROLE, Precedence: 0 }),
    );
    expect(created.Group).toMatchObject({ GroupName: 'Admins', UserPoolId: POOL, Description: 'the admins', RoleArn: ROLE, Precedence: 0 });
    const got = await client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'Admins' }));
    expect(got.Group?.CreationDate).toBeInstanceOf(Date);
    expect(got.Group?.CreationDate?.getTime()).toBe(1_700_000_000_123);
    expect(got.Group?.LastModifiedDate?.getTime()).toBe(1_700_000_000_123);
  });

  it('leaves unset Description, RoleArn and Precedence out of responses', async () => {
    const { client, emulator } = await harness();
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'bare' }));
    const res = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetGroup' },
      body: JSON.stringify({ UserPoolId: POOL, GroupName: 'bare' }),
    });
    const body = (await res.json()) as { Group: Record<string, unknown> };
    expect(Object.keys(body.Group).sort()).toEqual(['CreationDate', 'GroupName', 'LastModifiedDate', 'UserPoolId']);
    expect(typeof body.Group['CreationDate']).toBe('number');
  });

  it('refuses a name that exists ignoring case with GroupExistsException', async () => {
    const { client } = await harness();
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'ADMINS' }));
    const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'Admins' })));
    expect(f).toEqual({ name: 'GroupExistsException', message: 'A group with the name Admins already exists.', status: 400 });
  });

  it('looks groups up by their exact name', async () => {
    const { client } = await harness();
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'Admins' }));
    expect((await failure(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'admins' })))).name).toBe('ResourceNotFoundException');
  });

  it('accepts unicode letters, marks, symbols, digits and punctuation, up to 128 characters', async () => {
    const { client } = await harness();
    for (const name of ['Ünïcödé', 'emoji-😀', 'a/b:c_d-e.f', '数字123', 'x'.repeat(128), '😀'.repeat(128)]) {
      const out = await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: name }));
      expect(out.Group?.GroupName).toBe(name);
    }
  });

  it('tells a missing pool from a missing group', async () => {
    const { client } = await harness();
    const pool = await failure(client.send(new GetGroupCommand({ UserPoolId: 'eu-west-1_Missing', GroupName: 'a' })));
    expect(pool).toEqual({ name: 'ResourceNotFoundException', message: 'User pool eu-west-1_Missing does not exist.', status: 400 });
    const group = await failure(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'nope' })));
    expect(group).toEqual({ name: 'ResourceNotFoundException', message: 'Group not found.', status: 400 });
    for (const cmd of [
      new CreateGroupCommand({ UserPoolId: 'eu-west-1_Missing', GroupName: 'a' }),
      new ListGroupsCommand({ UserPoolId: 'eu-west-1_Missing' }),
      new DeleteGroupCommand({ UserPoolId: 'eu-west-1_Missing', GroupName: 'a' }),
      new UpdateGroupCommand({ UserPoolId: 'eu-west-1_Missing', GroupName: 'a' }),
    ]) {
      expect((await failure(client.send(cmd as never))).message).toBe('User pool eu-west-1_Missing does not exist.');
    }
  });

  it('stops at maxGroupsPerPool with LimitExceededException and creates nothing more', async () => {
    const { client } = await harness({ maxGroupsPerPool: 3 });
    for (const n of ['a', 'b', 'c']) await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: n }));
    const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'd' })));
    expect(f.name).toBe('LimitExceededException');
    expect(f.status).toBe(400);
    expect((await listAll(client, POOL)).names).toHaveLength(3);
    await client.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: 'a' }));
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'd' }));
  });
});

describe('validation', () => {
  it('reports one problem in the AWS wording', async () => {
    const { client } = await harness();
    const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'x y' })));
    expect(f).toEqual({
      name: 'InvalidParameterException',
      status: 400,
      message: `1 validation error detected: Value 'x y' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${PATTERN}`,
    });
  });

  it('reports several problems at once, joined by semicolons', async () => {
    const { client } = await harness();
    const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'a b', Precedence: -1 })));
    expect(f.message).toBe(
      '2 validation errors detected: ' +
        `Value 'a b' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${PATTERN}; ` +
        "Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
  });

  it('checks every field constraint', async () => {
    const { client } = await harness();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ GroupName: 'x'.repeat(129) }, "at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128"],
      [{ GroupName: 'tab\there' }, "at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern"],
      [{ UserPoolId: 'nounderscore' }, "Value 'nounderscore' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"],
      [{ UserPoolId: `eu-west-1_${'a'.repeat(46)}` }, "at 'userPoolId' failed to satisfy constraint: Member must have length less than or equal to 55"],
      [{ Description: 'd'.repeat(2049) }, "at 'description' failed to satisfy constraint: Member must have length less than or equal to 2048"],
      [{ RoleArn: 'arn:aws:iam::role/no-account-id' }, "at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern"],
      [{ RoleArn: 'arn:a:b::1:c' }, "Value 'arn:a:b::1:c' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"],
      [{ Precedence: 2147483648 }, "Value '2147483648' at 'precedence' failed to satisfy constraint: Member must have value less than or equal to 2147483647"],
    ];
    for (const [fields, expected] of cases) {
      const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'ok', ...fields } as never)));
      expect(f.name).toBe('InvalidParameterException');
      expect(f.message).toContain(expected);
    }
    const max = await client.send(
      new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'max', Precedence: 2147483647, Description: 'd'.repeat(2048), RoleArn: ROLE }),
    );
    expect(max.Group?.Precedence).toBe(2147483647);
  });

  it('validates before looking the pool up', async () => {
    const { client } = await harness();
    const f = await failure(client.send(new GetGroupCommand({ UserPoolId: 'bad', GroupName: 'a' })));
    expect(f.name).toBe('InvalidParameterException');
  });
});

describe('UpdateGroup', () => {
  it('keeps omitted fields, clears Description with "", and moves LastModifiedDate only', async () => {
    let now = 1_700_000_000_000;
    const { client } = await harness({ clock: () => now });
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g', Description: 'd', RoleArn: ROLE, Precedence: 5 }));
    now += 60_000;
    const kept = await client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'g', Precedence: 7 }));
    expect(kept.Group).toMatchObject({ Description: 'd', RoleArn: ROLE, Precedence: 7 });
    expect(kept.Group?.CreationDate?.getTime()).toBe(1_700_000_000_000);
    expect(kept.Group?.LastModifiedDate?.getTime()).toBe(1_700_000_060_000);
    const cleared = await client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'g', Description: '' }));
    expect(cleared.Group?.Description).toBeUndefined();
    expect(cleared.Group).toMatchObject({ RoleArn: ROLE, Precedence: 7 });
    const got = await client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' }));
    expect(got.Group?.Description).toBeUndefined();
  });

  it('rejects an empty RoleArn and changes nothing', async () => {
    const { client } = await harness();
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g', RoleArn: ROLE }));
    const f = await failure(client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'g', RoleArn: '' })));
    expect(f.name).toBe('InvalidParameterException');
    expect(f.message).toContain("Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20");
    expect((await client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' }))).Group?.RoleArn).toBe(ROLE);
  });

  it('answers Group not found for a missing group', async () => {
    const { client } = await harness();
    expect((await failure(client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'none', Precedence: 1 })))).message).toBe('Group not found.');
  });
});

describe('DeleteGroup', () => {
  it('deletes, after which the group is not found', async () => {
    const { client } = await harness();
    await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g' }));
    await client.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: 'g' }));
    expect((await failure(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).message).toBe('Group not found.');
    expect((await failure(client.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).message).toBe('Group not found.');
  });
});

describe('ListGroups', () => {
  it('pages 130 groups, 25 at a time by default, with no duplicates or losses and not in name order', async () => {
    const { client, emulator } = await harness();
    const all = names(130);
    emulator.seedGroups(POOL, all.map((GroupName) => ({ GroupName })));
    const listed = await listAll(client, POOL);
    expect(listed.pages).toEqual([25, 25, 25, 25, 25, 5]);
    expect(new Set(listed.names).size).toBe(130);
    expect([...listed.names].sort()).toEqual(all);
    expect(listed.names).not.toEqual(all);
    // The order is stable from one listing to the next.
    expect((await listAll(client, POOL)).names).toEqual(listed.names);
    expect((await listAll(client, POOL, 60)).pages).toEqual([60, 60, 10]);
  });

  it('gives the last page no NextToken, even when it is exactly full', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, names(50).map((GroupName) => ({ GroupName })));
    expect((await listAll(client, POOL, 25)).pages).toEqual([25, 25]);
    emulator.ensureUserPool('eu-west-1_Empty1');
    const empty = await client.send(new ListGroupsCommand({ UserPoolId: 'eu-west-1_Empty1' }));
    expect(empty.Groups).toEqual([]);
    expect(empty.NextToken).toBeUndefined();
  });

  it('keeps unchanged groups exactly once when groups are created and deleted during a listing', async () => {
    const { client, emulator } = await harness();
    const all = names(100);
    emulator.seedGroups(POOL, all.map((GroupName) => ({ GroupName })));
    const seen: string[] = [];
    let token: string | undefined;
    let page = 0;
    const churn = new Set<string>();
    do {
      const out = await client.send(new ListGroupsCommand({ UserPoolId: POOL, Limit: 10, NextToken: token }));
      seen.push(...(out.Groups ?? []).map((g: GroupType) => g.GroupName ?? ''));
      token = out.NextToken;
      if (page === 2) {
        await client.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: 'group-0050' }));
        churn.add('group-0050');
        for (const n of names(10, 'new-')) {
          await client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: n }));
          churn.add(n);
        }
      }
      page++;
    } while (token !== undefined);
    const stable = seen.filter((n) => !churn.has(n));
    expect(new Set(stable).size).toBe(stable.length);
    expect(stable.sort()).toEqual(all.filter((n) => !churn.has(n)));
  });

  it('rejects Limit 0 and 61', async () => {
    const { client } = await harness();
    const zero = await failure(client.send(new ListGroupsCommand({ UserPoolId: POOL, Limit: 0 })));
    expect(zero.name).toBe('InvalidParameterException');
    expect(zero.message).toBe("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    const big = await failure(client.send(new ListGroupsCommand({ UserPoolId: POOL, Limit: 61 })));
    expect(big.message).toBe("1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
  });

  it('rejects garbage tokens and tokens from another pool', async () => {
    const { client, emulator } = await harness();
    emulator.ensureUserPool('eu-west-1_Other1');
    emulator.seedGroups(POOL, names(30).map((GroupName) => ({ GroupName })));
    emulator.seedGroups('eu-west-1_Other1', names(30).map((GroupName) => ({ GroupName })));
    const first = await client.send(new ListGroupsCommand({ UserPoolId: POOL, Limit: 10 }));
    expect(first.NextToken).toMatch(/^\S+$/);
    const other = await failure(client.send(new ListGroupsCommand({ UserPoolId: 'eu-west-1_Other1', NextToken: first.NextToken })));
    expect(other.name).toBe('InvalidParameterException');
    for (const bad of ['garbage', 'AAAA', `${first.NextToken ?? ''}x`]) {
      expect((await failure(client.send(new ListGroupsCommand({ UserPoolId: POOL, NextToken: bad })))).name).toBe('InvalidParameterException');
    }
    const spaced = await failure(client.send(new ListGroupsCommand({ UserPoolId: POOL, NextToken: 'a b' })));
    expect(spaced.message).toContain("at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+");
  });

  it('lists a full pool of 10,000 groups in 167 pages of 60, and refuses one more', async () => {
    const { client, emulator } = await harness();
    emulator.seedGroups(POOL, names(10_000).map((GroupName) => ({ GroupName, Description: 'd', Precedence: 1 })));
    const listed = await listAll(client, POOL, 60);
    expect(listed.pages).toHaveLength(167);
    expect(new Set(listed.names).size).toBe(10_000);
    expect((await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'one-more' })))).name).toBe('LimitExceededException');
  });

  // What keeps listing a full pool quick, counted rather than timed: a page starts with a binary
  // search for the previous page's last key, never a scan of the groups before it.
  it('finds where each page of a 10,000-group pool starts with a binary search', () => {
    const store = new GroupStore(10_000);
    const pool = store.addPool({ id: POOL, name: POOL, creationDate: 0, salt: 'salt' });
    store.addGroups(pool, names(10_000).map((name) => newGroupRecord(name, {}, 0)));
    let keyReads = 0;
    for (const group of pool.order) {
      const key = group.sortKey;
      Object.defineProperty(group, 'sortKey', { get: () => (keyReads++, key) });
    }

    const seen: string[] = [];
    let pages = 0;
    let after: string | undefined;
    do {
      const page = store.page(pool, after, 60);
      seen.push(...page.groups.map((g) => g.name));
      after = page.continueAfter;
      pages++;
    } while (after !== undefined);

    expect(pages).toBe(167);
    expect(new Set(seen).size).toBe(10_000);
    // Per page: at most ceil(log2(10,001)) = 14 key comparisons, and the page's last key. A scan
    // from the start would read about 5,000 keys a page.
    expect(keyReads).toBeLessThanOrEqual(167 * (Math.ceil(Math.log2(10_001)) + 1));
  });
});

describe('user pools', () => {
  it('creates a pool in the signing region and describes and lists it', async () => {
    const { client } = await harness({ clock: () => 1_700_000_000_500 });
    const created = await client.send(new CreateUserPoolCommand({ PoolName: 'my pool' }));
    const pool = created.UserPool;
    expect(pool?.Id).toMatch(/^eu-west-1_[0-9a-zA-Z]{9}$/);
    expect(pool?.Name).toBe('my pool');
    expect(pool?.Arn).toBe(`arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${pool?.Id}`);
    expect(pool?.CreationDate?.getTime()).toBe(1_700_000_000_500);
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: pool?.Id }));
    expect(described.UserPool).toMatchObject({ Id: pool?.Id, Name: 'my pool', Arn: pool?.Arn });
    await client.send(new CreateGroupCommand({ UserPoolId: pool?.Id, GroupName: 'g' }));
    const missing = await failure(client.send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_Nope' })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', message: 'User pool eu-west-1_Nope does not exist.' });
  });

  it('lists pools in pages and requires MaxResults 1..60', async () => {
    const { client } = await harness();
    for (const n of ['a', 'b', 'c', 'd']) await client.send(new CreateUserPoolCommand({ PoolName: n }));
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const out = await client.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
      expect((out.UserPools ?? []).length).toBeLessThanOrEqual(2);
      ids.push(...(out.UserPools ?? []).map((p) => p.Id ?? ''));
      token = out.NextToken;
    } while (token !== undefined);
    expect(ids).toHaveLength(5);
    expect(ids[0]).toBe(POOL);
    const none = await failure(client.send(new ListUserPoolsCommand({} as ListUserPoolsCommandInput)));
    expect(none.message).toBe("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
    expect((await failure(client.send(new ListUserPoolsCommand({ MaxResults: 61 })))).name).toBe('InvalidParameterException');
    expect((await failure(client.send(new ListUserPoolsCommand({ MaxResults: 0 })))).name).toBe('InvalidParameterException');
    expect((await failure(client.send(new ListUserPoolsCommand({ MaxResults: 5, NextToken: 'junk' })))).name).toBe('InvalidParameterException');
  });

  it('ensureUserPool creates a pool once with exactly the given id', async () => {
    const { emulator, client } = await harness();
    expect(emulator.ensureUserPool('us-east-2_Exact9')).toBe(true);
    expect(emulator.ensureUserPool('us-east-2_Exact9')).toBe(false);
    const out = await client.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-2_Exact9' }));
    expect(out.UserPool?.Arn).toBe('arn:aws:cognito-idp:us-east-2:000000000000:userpool/us-east-2_Exact9');
    expect(() => emulator.ensureUserPool('not a pool id')).toThrow(CgError);
  });
});

describe('account id', () => {
  it('puts the configured account in every ARN and refuses one that is not 12 digits', async () => {
    const { client, emulator } = await harness({ account: '123456789012', deny: [{ operation: 'ListGroups' }] });
    expect(emulator.account).toBe('123456789012');
    const out = await client.send(new DescribeUserPoolCommand({ UserPoolId: POOL }));
    expect(out.UserPool?.Arn).toBe(`arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${POOL}`);
    const denied = await failure(client.send(new ListGroupsCommand({ UserPoolId: POOL })));
    expect(denied.message).toBe(
      `User: arn:aws:iam::123456789012:user/test is not authorized to perform: cognito-idp:ListGroups on resource: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${POOL}`,
    );
    await expect(startEmulator({ account: '12345' })).rejects.toThrow("invalid emulator options: account must be 12 digits, got '12345'");
  });
});

describe('seeding', () => {
  it('creates provider groups named <poolId>_<provider> as Cognito does', async () => {
    const { client, emulator } = await harness();
    expect(emulator.seedProviderGroup(POOL, 'Google')).toBe(`${POOL}_Google`);
    const got = await client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: `${POOL}_Google` }));
    expect(got.Group?.Description).toBe('Autogenerated group for users who sign in using Google');
    expect(got.Group?.RoleArn).toBeUndefined();
    const name = emulator.seedProviderGroup(POOL, 'MySAML', { RoleArn: ROLE, Precedence: 1 });
    const saml = await client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: name }));
    expect(saml.Group).toMatchObject({ RoleArn: ROLE, Precedence: 1 });
    expect(emulator.seedProviderGroup(POOL, 'Google')).toBe(`${POOL}_Google`);
    expect((await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: `${POOL}_google` })))).name).toBe('GroupExistsException');
  });

  it('validates seeded groups and reports every problem', async () => {
    const { emulator } = await harness({ maxGroupsPerPool: 5 });
    emulator.seedGroups(POOL, [{ GroupName: 'Admins' }]);
    let err: unknown;
    try {
      emulator.seedGroups(POOL, [{ GroupName: 'a b' }, { GroupName: 'admins' }, { GroupName: 'x', Precedence: -1 }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CgError);
    expect((err as CgError).code).toBe('USAGE');
    expect((err as CgError).details).toHaveLength(3);
    expect(() => emulator.seedGroups(POOL, names(5).map((GroupName) => ({ GroupName })))).toThrow(/limit is 5/);
    expect(() => emulator.seedGroups('eu-west-1_Nope', [])).toThrow(CgError);
  });
});

describe('wire format', () => {
  async function raw(url: string, target: string | undefined, body: string): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.1' };
    if (target !== undefined) headers['X-Amz-Target'] = target;
    const res = await fetch(url, { method: 'POST', headers, body });
    return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
  }

  it('sends errors with __type, message, x-amzn-ErrorType and x-amzn-RequestId', async () => {
    const { emulator } = await harness();
    const r = await raw(emulator.url, 'AWSCognitoIdentityProviderService.GetGroup', JSON.stringify({ UserPoolId: POOL, GroupName: 'none' }));
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ __type: 'ResourceNotFoundException', message: 'Group not found.' });
    expect(r.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it('answers malformed JSON and wrong member types with SerializationException', async () => {
    const { emulator } = await harness();
    const bad = await raw(emulator.url, 'AWSCognitoIdentityProviderService.ListGroups', '{"UserPoolId":');
    expect(bad.status).toBe(400);
    expect(bad.json['__type']).toBe('SerializationException');
    const typed = await raw(emulator.url, 'AWSCognitoIdentityProviderService.CreateGroup', JSON.stringify({ UserPoolId: POOL, GroupName: 'g', Precedence: 'high' }));
    expect(typed.json['__type']).toBe('SerializationException');
    const array = await raw(emulator.url, 'AWSCognitoIdentityProviderService.ListGroups', '[]');
    expect(array.json['__type']).toBe('SerializationException');
  });

  it('answers unknown targets with UnknownOperationException', async () => {
    const { emulator } = await harness();
    for (const target of ['AWSCognitoIdentityProviderService.AdminSetUserPassword', 'Other.CreateGroup', undefined]) {
      const r = await raw(emulator.url, target, '{}');
      expect(r.status).toBe(400);
      expect(r.json['__type']).toBe('UnknownOperationException');
    }
    expect(emulator.stats().operations['AdminSetUserPassword']?.errors).toBe(1);
  });

  it('ignores unknown members and treats null as absent', async () => {
    const { emulator } = await harness();
    const r = await raw(
      emulator.url,
      'AWSCognitoIdentityProviderService.CreateGroup',
      JSON.stringify({ UserPoolId: POOL, GroupName: 'g', Extra: 1, Description: null }),
    );
    expect(r.status).toBe(200);
    expect((r.json['Group'] as Record<string, unknown>)['Description']).toBeUndefined();
  });
});
