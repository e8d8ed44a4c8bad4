// Reading a group's members: every page to the end, and a listing that cannot be Cognito's refused.
import { describe, expect, it } from 'vitest';
import type { GroupsApi, MemberPage, PoolRef } from '../../src/edge/cognito/port.js';
import { CgError } from '../../src/core/errors.js';
import { MAX_MEMBERS_LISTED, membersOf } from '../../src/edge/read/list-members.js';

const POOL: PoolRef = { id: 'eu-west-1_Members', region: 'eu-west-1' };

/** An API whose only call is ListUsersInGroup, answered by `page` (the token it was given, or undefined first). */
function lister(page: (token: string | undefined) => MemberPage): GroupsApi {
  return { listMembersPage: async (_pool: PoolRef, _group: string, token?: string) => page(token) } as unknown as GroupsApi;
}

async function codeAndMessage(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CgError) return [err.code, err.message];
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('membersOf', () => {
  it('reads every page to the end, in the order listed', async () => {
    const api = lister((t) => (t === undefined ? { usernames: ['b', 'a'], nextToken: 't1' } : { usernames: ['c'] }));
    expect(await membersOf(api, POOL, 'ops')).toEqual(['b', 'a', 'c']);
  });

  it('refuses a server that hands out new users and NextTokens forever, after the documented bound', async () => {
    let pages = 0;
    const api = lister(() => {
      const start = pages++ * 1000;
      return { usernames: Array.from({ length: 1000 }, (_, i) => `u${start + i}`), nextToken: `t${pages}` };
    });
    const [code, message] = await codeAndMessage(membersOf(api, POOL, 'ops'));
    expect(code).toBe('AWS_BAD_RESPONSE');
    expect(message).toContain('listed more than 2,000,000 members');
    expect(pages).toBe(MAX_MEMBERS_LISTED / 1000 + 1);
  });

  it('refuses a user listed twice and a NextToken repeated', async () => {
    expect((await codeAndMessage(membersOf(lister((t) => (t === undefined ? { usernames: ['a'], nextToken: 'x' } : { usernames: ['a'] })), POOL, 'ops')))[1]).toContain('listed "a" twice');
    expect((await codeAndMessage(membersOf(lister(() => ({ usernames: [`u${Math.random()}`], nextToken: 'same' })), POOL, 'ops')))[1]).toContain('returned the same NextToken twice');
  });
});
