// A saved plan is stale when its access prediction, made again from what the pools have now, differs
// (src/core/saved-plan/stale.ts): made from the access reads read again at apply (or, when none were,
// the ones the plan recorded), the members read again, how the plan says the pool compares usernames
// and the plan's settings.sensitiveRoles; judged in every checked pool with nothing else stale, and
// only there; a pool's trigger is compared only where the access was checked. The lock group (held by
// this apply, or by the run the plan was made during) is never drift. Plans made with the in-memory fake.
import { describe, expect, it } from 'vitest';
import type { MemberPage, PoolRef } from '../../src/edge/cognito/port.js';
import { LOCK_GROUP } from '../../src/core/plan/lease.js';
import type { ObservedGroup } from '../../src/core/plan/model.js';
import type { PlanDocument } from '../../src/core/saved-plan/model.js';
import { checkStaleness, type AccessNow } from '../../src/core/saved-plan/stale.js';
import { FakeGroupsApi } from './fake-groups-api.js';
import { ADMIN, OPS, OPS2, roleMovePlan } from './role-move-plan.js';

const { A, B, FILE, seeded, config, document } = roleMovePlan('Stale');
const LEGACY = 'arn:aws:iam::123456789012:role/Legacy';
const LEGACY2 = 'arn:aws:iam::123456789012:role/Legacy2';
const LAMBDA = 'arn:aws:lambda:eu-west-1:123456789012:function:claims';

/** What the pools hold now, as apply lists them. */
function listing(fake: FakeGroupsApi, pools: readonly string[] = [A, B]): Map<string, ObservedGroup[]> {
  return new Map(pools.map((id) => [id, fake.groupsOf(id)]));
}

/** A deep copy to edit. */
const copy = (doc: PlanDocument): PlanDocument => JSON.parse(JSON.stringify(doc)) as PlanDocument;

/** The admins' members read again now, as readAccessAgain gives them. */
const adminsNow = (usernames: string[], trigger: string | null = null): Map<string, AccessNow> => new Map([[A, { trigger, read: { via: 'group-members', members: [{ group: 'admins', usernames }] } }]]);

describe('a stale plan: the lock group', () => {
  it('is never drift, whether it appeared since the plan or the plan saw it', async () => {
    const fake = seeded();
    const doc = await document(fake);
    fake.addPool(B, [{ name: 'b1' }, { name: LOCK_GROUP, description: 'held' }]);
    expect(checkStaleness(doc, listing(fake))).toStrictEqual({ stale: [], elsewhere: [] });

    const locked = seeded().addPool(B, [{ name: 'b1' }, { name: LOCK_GROUP, description: 'held' }]);
    const during = await document(locked);
    expect(during.pools[1]?.observed.map((g) => g.name)).toEqual(['b1', LOCK_GROUP]);
    expect(checkStaleness(during, listing(seeded()))).toStrictEqual({ stale: [], elsewhere: [] });
  });
});

describe('a stale plan: access read again', () => {
  it('is not stale when the access reads give the same prediction now, or were not read again', async () => {
    const fake = seeded();
    const doc = await document(fake);
    expect(doc.pools[0]?.accessRead).toStrictEqual({ via: 'group-members', members: [{ group: 'admins', usernames: ['a9', 'u1'] }] });
    expect(checkStaleness(doc, listing(fake))).toStrictEqual({ stale: [], elsewhere: [] });
    expect(checkStaleness(doc, listing(fake), config(FILE), undefined, undefined, adminsNow(['a9', 'u1'])).stale).toStrictEqual([]);
    // Read again for another pool only: this pool's recorded reads stand.
    expect(checkStaleness(doc, listing(fake), undefined, undefined, undefined, new Map([[B, { trigger: null }]])).stale).toStrictEqual([]);
  });

  it('is stale when the access reads now give another prediction (u1 left admins: ops now sets their preferred role)', async () => {
    const fake = seeded();
    const doc = await document(fake);
    expect(checkStaleness(doc, listing(fake), undefined, undefined, undefined, adminsNow(['a9'])).stale).toStrictEqual([{ kind: 'access', poolId: A, inPlan: 2, now: 2 }]);
  });

  it('falls back on the plan\'s own reads when it recorded no access read', async () => {
    const fake = seeded();
    const doc = copy(await document(fake));
    delete doc.pools[0]?.accessRead;
    // Without admins' members, u1 looks like a user whose preferred role moves: another prediction.
    expect(checkStaleness(doc, listing(fake)).stale).toStrictEqual([{ kind: 'access', poolId: A, inPlan: 2, now: 2 }]);
  });

  it('judges the access of a pool after another pool was found stale', async () => {
    // B is judged first (the plan's pools in the other order) and is stale with the file; A's access is still judged.
    const fake = seeded();
    const doc = copy(await document(fake));
    doc.pools.reverse();
    const a = doc.pools[1];
    if (a?.access?.checked !== true) throw new Error('expected a checked prediction');
    a.access.transitions = a.access.transitions.slice(1);
    fake.addPool(B, [{ name: 'b1', description: 'changed' }]);
    expect(checkStaleness(doc, listing(fake), config(FILE)).stale).toStrictEqual([
      { kind: 'unplanned', poolId: B, name: 'b1' },
      { kind: 'access', poolId: A, inPlan: 2, now: 2 },
    ]);
  });

  it('is stale, with no users now, when a pool\'s changes no longer alter any claim', async () => {
    const fake = seeded();
    const doc = copy(await document(fake));
    (doc.pools[1] as PlanDocument['pools'][number]).access = { checked: true, via: 'plan-reads', reads: 0, users: 2, transitions: [] };
    expect(checkStaleness(doc, listing(fake)).stale).toStrictEqual([{ kind: 'access', poolId: B, inPlan: 2, now: 0 }]);
  });

  it('compares the trigger only in pools whose access was checked', async () => {
    const fake = seeded();
    const doc = await document(fake);
    expect(checkStaleness(doc, listing(fake), undefined, undefined, undefined, new Map([[B, { trigger: LAMBDA }]])).stale).toStrictEqual([]);
    const unchecked = await document(fake, FILE, { accessCheck: false });
    expect(unchecked.pools[0]?.access).toStrictEqual({ checked: false });
    expect(checkStaleness(unchecked, listing(fake), undefined, undefined, undefined, new Map([[A, { trigger: LAMBDA }]])).stale).toStrictEqual([]);
    expect(checkStaleness(doc, listing(fake), undefined, undefined, undefined, adminsNow(['a9', 'u1'], LAMBDA)).stale).toStrictEqual([{ kind: 'trigger', poolId: A, inPlan: null, now: LAMBDA }]);
  });
});

describe('a stale plan: how the prediction is made again', () => {
  it('marks the roles settings.sensitiveRoles names as the plan did', async () => {
    const text = FILE.replace('userPools:', `settings:\n  sensitiveRoles: ["${OPS2}"]\nuserPools:`);
    const fake = seeded();
    const doc = await document(fake, text);
    expect(doc.pools[0]?.access).toMatchObject({ transitions: [{ role: OPS2, sensitive: true }, {}, {}] });
    expect(checkStaleness(doc, listing(fake), config(text)).stale).toStrictEqual([]);
  });

  it('compares usernames case-sensitively in a pool the plan says nothing of (no members: in the file)', async () => {
    // ops lists Bob, legacy lists bob: two users to a case-sensitive pool, one otherwise.
    const text = [
      'version: 1',
      'userPools:',
      `  - id: ${A}`,
      '    groups:',
      '      - name: legacy',
      '        precedence: 2',
      `        roleArn: ${LEGACY2}`,
      '      - name: ops',
      '        precedence: 2',
      `        roleArn: ${OPS2}`,
      '',
    ].join('\n');
    class MixedCase extends FakeGroupsApi {
      override async listMembersPage(pool: PoolRef, group: string, nextToken?: string): Promise<MemberPage> {
        const page = await super.listMembersPage(pool, group, nextToken);
        return group === 'ops' ? { ...page, usernames: page.usernames.map((u) => (u === 'bob' ? 'Bob' : u)) } : page;
      }
    }
    const fake = new MixedCase().addPool(A, [{ name: 'legacy', precedence: 2, roleArn: LEGACY }, { name: 'ops', precedence: 2, roleArn: OPS }]).addMembers(A, 'ops', ['bob']).addMembers(A, 'legacy', ['bob']);
    const doc = await document(fake, text);
    expect(doc.pools[0]).not.toHaveProperty('usernamesCaseSensitive');
    expect(doc.pools[0]?.access).toMatchObject({ checked: true, via: 'plan-reads', users: 2 });
    expect(checkStaleness(doc, listing(fake, [A]), config(text)).stale).toStrictEqual([]);
    // With no access read recorded either, the plan's own reads are all there is: the same prediction.
    const bare = copy(doc);
    delete bare.pools[0]?.accessRead;
    expect(checkStaleness(bare, listing(fake, [A])).stale).toStrictEqual([]);
  });

  it('predicts a pool the plan read no members of, and one no longer listed, from what there is', async () => {
    // The plan creates a role group and adds bob to it: no group existed, none was read.
    const text = ['version: 1', 'userPools:', `  - id: ${A}`, '    groups:', '      - name: admins', `        roleArn: ${ADMIN}`, '        members: [bob]', ''].join('\n');
    const fake = new FakeGroupsApi().addPool(A).addUsers(A, ['bob']);
    const doc = await document(fake, text);
    expect(doc.pools[0]).not.toHaveProperty('members');
    expect(doc.pools[0]?.access).toMatchObject({ checked: true, users: 1 });
    expect(checkStaleness(doc, listing(fake, [A])).stale).toStrictEqual([]);
    expect(checkStaleness(doc, new Map()).stale).toStrictEqual([]);
  });
});
