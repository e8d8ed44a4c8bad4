// A saved plan follows from its groups file only if its access prediction does too
// (src/core/saved-plan/verify.ts): the prediction recorded is exactly what the recorded reads give
// (the members the access check read, the plan's own member reads, how the pool compares usernames),
// a pool whose changes cannot alter a claim records none, a plan made with --no-access-check records
// no reads; settings.sensitiveRoles must be the file's. The access is judged only in a pool with
// nothing else wrong. Also: only a plan made against an endpoint compares endpoints
// (src/core/saved-plan/target.ts). Plans made with the in-memory fake, as `plan --out` makes them.
import { describe, expect, it } from 'vitest';
import type { MemberPage, PoolRef } from '../../src/edge/cognito/port.js';
import type { PlanDocument } from '../../src/core/saved-plan/model.js';
import { targetMismatch } from '../../src/core/saved-plan/target.js';
import { planFollowsFrom } from '../../src/core/saved-plan/verify.js';
import { FakeGroupsApi } from './fake-groups-api.js';
import { ADMIN, OPS, OPS2, roleMovePlan } from './role-move-plan.js';

const { A, B, FILE, seeded, config, document } = roleMovePlan('Verify');
const LEGACY = 'arn:aws:iam::123456789012:role/Legacy';
const LEGACY2 = 'arn:aws:iam::123456789012:role/Legacy2';

/** A deep copy to edit. */
const copy = (doc: PlanDocument): PlanDocument => JSON.parse(JSON.stringify(doc)) as PlanDocument;

/** Pool A of a document, whose access the plan checked. */
function checkedA(doc: PlanDocument): PlanDocument['pools'][number] & { access: { checked: true } } {
  const pool = doc.pools[0];
  if (pool?.access?.checked !== true) throw new Error('expected a checked prediction in pool A');
  return pool as PlanDocument['pools'][number] & { access: { checked: true } };
}

describe('a saved plan whose access prediction follows from its reads', () => {
  it('follows when nothing was edited, the prediction taken from the members the access check read', async () => {
    const doc = await document(seeded());
    expect(checkedA(doc).access).toMatchObject({ via: 'group-members', users: 2 });
    expect(doc.pools[0]?.accessRead).toStrictEqual({ via: 'group-members', members: [{ group: 'admins', usernames: ['a9', 'u1'] }] });
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([]);
  });

  it('does not follow when the access reads are left out: the plan\'s own reads alone give another prediction', async () => {
    const doc = copy(await document(seeded()));
    delete doc.pools[0]?.accessRead;
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'access', poolId: A }]);
  });

  it('does not follow when the number of users with a changed claim was edited', async () => {
    const doc = copy(await document(seeded()));
    checkedA(doc).access.users = 3;
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'access', poolId: A }]);
  });

  it('does not follow when a transition was left out, even with the number of users kept', async () => {
    const doc = copy(await document(seeded()));
    const pool = checkedA(doc);
    pool.access.transitions = pool.access.transitions.slice(1);
    expect(pool.access.users).toBe(2);
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'access', poolId: A }]);
  });

  it('does not follow when a pool whose changes alter claims records no prediction', async () => {
    const doc = copy(await document(seeded()));
    delete doc.pools[0]?.access;
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'access', poolId: A }]);
  });

  it('does not follow when a pool whose changes alter no claim records a prediction, or access reads', async () => {
    const predicted = copy(await document(seeded()));
    (predicted.pools[1] as PlanDocument['pools'][number]).access = { checked: false };
    expect(planFollowsFrom(predicted, FILE, config(FILE))).toStrictEqual([{ kind: 'access', poolId: B }]);
    const read = copy(await document(seeded()));
    (read.pools[1] as PlanDocument['pools'][number]).accessRead = { via: 'plan-reads' };
    expect(planFollowsFrom(read, FILE, config(FILE))).toStrictEqual([{ kind: 'access', poolId: B }]);
  });

  it('follows when made with --no-access-check, and not when it then records access reads', async () => {
    const doc = await document(seeded(), FILE, { accessCheck: false });
    expect(doc.pools[0]?.access).toStrictEqual({ checked: false });
    expect('accessRead' in (doc.pools[0] as object)).toBe(false);
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([]);
    const edited = copy(doc);
    (edited.pools[0] as PlanDocument['pools'][number]).accessRead = { via: 'plan-reads' };
    expect(planFollowsFrom(edited, FILE, config(FILE))).toStrictEqual([{ kind: 'access', poolId: A }]);
  });

  it('judges the access of a pool after problems in other pools and in the plan as a whole', async () => {
    // Pools in the other order (a pools problem), B's region edited (a problem of B, judged first),
    // maxRps edited, and A's prediction edited: A's access is still judged.
    const doc = copy(await document(seeded()));
    checkedA(doc).access.users = 3;
    doc.pools.reverse();
    (doc.pools[0] as { region: string }).region = 'us-east-1';
    doc.settings = { maxRps: 3 };
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([
      { kind: 'setting', setting: 'maxRps', inPlan: 3, inFile: null },
      { kind: 'pools', inPlan: [B, A], inFile: [A, B] },
      { kind: 'region', poolId: B, inPlan: 'us-east-1', inFile: 'eu-west-1' },
      { kind: 'access', poolId: A },
    ]);
  });

  it('leaves the access of a pool with another problem unjudged (that problem changes the prediction too)', async () => {
    const doc = copy(await document(seeded()));
    checkedA(doc).access.users = 3;
    (doc.pools[0] as { listed: number }).listed = 9;
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'listed', poolId: A, inPlan: 9, shown: 2 }]);
  });
});

describe('a saved plan and usernames that differ only in case', () => {
  // ops lists Bob, legacy lists bob: two users in a pool that compares usernames case-sensitively
  // (the default for a pool the file gives no members:), one user otherwise.
  const MIXED = [
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

  const mixed = (): FakeGroupsApi =>
    new MixedCase().addPool(A, [{ name: 'legacy', precedence: 2, roleArn: LEGACY }, { name: 'ops', precedence: 2, roleArn: OPS }]).addMembers(A, 'ops', ['bob']).addMembers(A, 'legacy', ['bob']);

  it('predicts them as two users, and follows from its file so', async () => {
    const doc = await document(mixed(), MIXED);
    expect(doc.pools[0]?.members).toStrictEqual([{ group: 'legacy', usernames: ['bob'] }, { group: 'ops', usernames: ['Bob'] }]);
    expect('usernamesCaseSensitive' in (doc.pools[0] as object)).toBe(false);
    expect(checkedA(doc).access).toMatchObject({ via: 'plan-reads', users: 2 });
    expect(planFollowsFrom(doc, MIXED, config(MIXED))).toStrictEqual([]);
  });
});

describe('a saved plan and settings.sensitiveRoles', () => {
  const SENSITIVE = FILE.replace('userPools:', `settings:\n  sensitiveRoles: ["${OPS2}"]\nuserPools:`);

  it('follows when it names the roles the file names, its prediction marking the role gained as sensitive', async () => {
    const doc = await document(seeded(), SENSITIVE);
    expect(doc.settings).toStrictEqual({ sensitiveRoles: [OPS2] });
    expect(checkedA(doc).access.transitions[0]).toMatchObject({ claim: 'roles', change: 'gain', role: OPS2, sensitive: true });
    expect(planFollowsFrom(doc, SENSITIVE, config(SENSITIVE))).toStrictEqual([]);
  });

  it('does not follow when they differ from the file\'s, naming both', async () => {
    const doc = copy(await document(seeded(), SENSITIVE));
    doc.settings = { sensitiveRoles: [OPS2, ADMIN] };
    expect(planFollowsFrom(doc, SENSITIVE, config(SENSITIVE))).toStrictEqual([{ kind: 'sensitive-roles', inPlan: [OPS2, ADMIN], inFile: [OPS2] }]);
    const none = copy(await document(seeded()));
    none.settings = { sensitiveRoles: [ADMIN] };
    expect(planFollowsFrom(none, FILE, config(FILE))).toStrictEqual([{ kind: 'sensitive-roles', inPlan: [ADMIN], inFile: [] }]);
  });
});

describe('targetMismatch: endpoints', () => {
  it('compares endpoints only for a plan made against an endpoint', () => {
    const aws = { target: 'aws', endpoint: 'http://127.0.0.1:9329/' } as PlanDocument;
    expect(targetMismatch(aws, { kind: 'aws' })).toBeUndefined();
    expect(targetMismatch({ target: 'local-emulator' } as PlanDocument, { kind: 'local-emulator', endpoint: 'http://127.0.0.1:9329/' })).toBeUndefined();
  });
});
