// A saved plan is applied exactly as reviewed, or refused (src/core/saved-plan): the document is built
// canonically and checksummed; a plan that does not follow from its groups file (edited on purpose,
// checksum recomputed) is refused, each kind of edit on its own; a plan is stale when a group it
// touches changed, appeared or disappeared, when members it counted changed, or (with the file) when a
// group it leaves alone no longer matches the file; other drift is only noted. Plans made with the
// in-memory fake, as `plan --out` makes them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DesiredConfig } from '../../src/core/config/model.js';
import { parseConfig } from '../../src/core/config/parse.js';
import { changeJson, groupJson, holdJson, orphanHoldJson, unmanagedJson } from '../../src/core/plan/canonical.js';
import { holdDescription, holdName } from '../../src/core/plan/holding.js';
import type { GroupChange, ObservedGroup } from '../../src/core/plan/model.js';
import { buildPlanDocument, checksumOf, membersJson, membersOfDocument, planOfDocument, touchedKeys, type PlanMeta } from '../../src/core/saved-plan/build.js';
import { listingDigest } from '../../src/core/saved-plan/digest.js';
import type { PlanDocument } from '../../src/core/saved-plan/model.js';
import { parsePlanDocument } from '../../src/edge/files/read-saved-plan.js';
import { checkStaleness } from '../../src/core/saved-plan/stale.js';
import { planFollowsFrom } from '../../src/core/saved-plan/verify.js';
import { planWith } from '../../src/run/plan.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const A = 'eu-west-1_Stale1';
const B = 'eu-west-1_Stale2';
const ROLE = 'arn:aws:iam::123456789012:role/A';
const ROLE_B = 'arn:aws:iam::123456789012:role/B';

const FILE = [
  'version: 1',
  'userPools:',
  `  - id: ${A}`,
  '    unmanagedGroups: delete',
  '    groups:',
  '      - name: admins',
  '        description: new',
  '      - name: editors',
  '        previously: writers',
  '      - name: ops',
  '      - name: same',
  '        precedence: 1',
  '      - name: viewers',
  `  - id: ${B}`,
  '    groups:',
  '      - name: b1',
  '',
].join('\n');

function config(text: string): DesiredConfig {
  const r = parseConfig(text, 'groups.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

/** Pool A: one of each change (update, rename, delete, replace, create) and an untouched group; pool B: an unmanaged group. */
function seeded(): FakeGroupsApi {
  return new FakeGroupsApi()
    .addPool(A, [{ name: 'admins', description: 'old' }, { name: 'writers' }, { name: 'legacy' }, { name: 'ops', roleArn: ROLE }, { name: 'same', precedence: 1 }])
    .addMembers(A, 'writers', ['w1', 'w2'])
    .addMembers(A, 'legacy', ['l1'])
    .addMembers(A, 'ops', ['o1', 'o2', 'o3'])
    .addPool(B, [{ name: 'b1' }, { name: 'other', precedence: 3 }]);
}

const META: PlanMeta = { toolVersion: '9.9.9', createdAt: new Date('2026-01-02T03:04:05.000Z'), desiredFile: { path: 'groups.yaml', text: FILE }, target: 'aws', summaryText: 'Plan: (summary)' };

async function document(fake: FakeGroupsApi, text = FILE, meta: Partial<PlanMeta> = {}, dropMembers = false): Promise<PlanDocument> {
  const planned = await planWith(fake, config(text), { dropMembers });
  return buildPlanDocument(planned, { ...META, desiredFile: { path: 'groups.yaml', text }, ...meta });
}

/** What the pools hold now, as apply lists them. */
function listing(fake: FakeGroupsApi): Map<string, ObservedGroup[]> {
  return new Map([A, B].map((id) => [id, fake.groupsOf(id)]));
}

/** A deep copy to edit. */
const copy = (doc: PlanDocument): PlanDocument => JSON.parse(JSON.stringify(doc)) as PlanDocument;

describe('the plan document', () => {
  it('records what the plan was made from, and is read back as written', async () => {
    const doc = await document(seeded());
    expect(doc).toMatchObject({
      formatVersion: 5,
      kind: 'cognito-groups-plan',
      toolVersion: '9.9.9',
      createdAt: '2026-01-02T03:04:05.000Z',
      desiredFile: { path: 'groups.yaml', sha256: createHash('sha256').update(FILE).digest('hex') },
      target: 'aws',
      settings: {},
    });
    expect(doc).not.toHaveProperty('endpoint');
    expect(doc).not.toHaveProperty('dropMembers');
    expect(doc.summary).toEqual({
      add: 1, change: 1, replace: 1, delete: 1, rename: 1, restore: 0, unmanaged: 1, providerGroups: 0, alerts: 0, membersKept: 5, membersDropped: 1, orphanHolds: 0, memberAdds: 0, memberRemovals: 0,
      // Display only: the words the caller (a view) gave, stored as given.
      text: 'Plan: (summary)',
    });
    expect(doc.pools.map((p) => p.userPoolId)).toEqual([A, B]);
    const [a, b] = doc.pools;
    expect(a?.observed.map((g) => g.name)).toEqual(['admins', 'legacy', 'ops', 'same', 'writers']);
    expect(a?.listed).toBe(5);
    expect(a?.listingDigest).toBe(listingDigest(seeded().groupsOf(A)));
    expect(a?.members).toStrictEqual([
      { group: 'legacy', usernames: ['l1'] },
      { group: 'ops', usernames: ['o1', 'o2', 'o3'] },
      { group: 'writers', usernames: ['w1', 'w2'] },
    ]);
    expect(b).not.toHaveProperty('members');
    expect(b?.unmanaged).toEqual([{ name: 'other', precedence: 3, provider: false }]);
    expect(doc.checksum).toBe(checksumOf(doc));
    expect(doc.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parsePlanDocument(JSON.stringify(doc), 'plan.json')).toEqual(doc);
  });

  it('records an endpoint, --drop-members and settings.maxRps only when there are some', async () => {
    const text = FILE.replace('userPools:', 'settings:\n  maxRps: 2\nuserPools:');
    const doc = await document(seeded(), text, { target: 'endpoint', endpoint: 'http://127.0.0.1:9329/', settings: { maxRps: 2 } }, true);
    expect(doc).toMatchObject({ target: 'endpoint', endpoint: 'http://127.0.0.1:9329/', dropMembers: true, settings: { maxRps: 2 } });
    expect(doc.summary).toMatchObject({ membersKept: 2, membersDropped: 4 });
    expect(planOfDocument(doc).dropMembers).toBe(true);
    expect(planFollowsFrom(doc, text, config(text))).toEqual([]);
    const without = await document(seeded(), FILE, { settings: {} });
    expect(without.settings).toStrictEqual({});
    expect(planOfDocument(without)).not.toHaveProperty('dropMembers');
  });

  it('gives the plan back as it was made, and the same checksum however its values were built', async () => {
    const fake = seeded();
    const planned = await planWith(fake, config(FILE));
    const doc = buildPlanDocument(planned, META);
    expect(planOfDocument(doc)).toEqual(JSON.parse(JSON.stringify(planned.plan)));
    // The same plan with every object's keys in another order: the same document, byte for byte.
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const again = buildPlanDocument({ ...planned, plan: reversed(planned.plan) as typeof planned.plan, observed: new Map([...planned.observed].map(([k, v]) => [k, reversed([...v].reverse()) as ObservedGroup[]])) }, META);
    expect(JSON.stringify(again)).toBe(JSON.stringify(doc));
  });

  it('changes its checksum with any edit, and ignores the checksum field itself', async () => {
    const doc = await document(seeded());
    const edited = copy(doc);
    (edited.pools[0]?.changes[0] as { name: string }).name = 'x';
    expect(checksumOf(edited)).not.toBe(doc.checksum);
    expect(checksumOf({ ...doc, checksum: 'anything' })).toBe(doc.checksum);
    expect(() => parsePlanDocument(JSON.stringify(edited), 'plan.json')).toThrow(expect.objectContaining({ code: 'PLAN_FILE_INVALID' }));
  });

  it('records look-alike names and orphaned holding groups when there are some, and gives them back', async () => {
    const fake = new FakeGroupsApi()
      .addPool(A, [{ name: 'cafe\u0301' }, hold('gone')])
      .addMembers(A, holdName('gone'), ['u'])
      .addPool(B);
    const text = `version: 1\nuserPools:\n  - id: ${A}\n    groups:\n      - name: café\n  - id: ${B}\n    groups: []\n`;
    const doc = await document(fake, text);
    expect(doc.pools[0]?.lookalikes).toStrictEqual([{ inFile: 'café', inPool: 'cafe\u0301' }]);
    expect(doc.pools[0]?.orphanHolds).toStrictEqual([{ group: holdName('gone'), for: 'gone', memberCount: 1 }]);
    expect(doc.pools[1]).not.toHaveProperty('lookalikes');
    expect(doc.pools[1]).not.toHaveProperty('orphanHolds');
    const plan = planOfDocument(doc);
    expect(plan.pools[0]?.lookalikes).toStrictEqual([{ inFile: 'café', inPool: 'cafe\u0301' }]);
    expect(plan.pools[0]?.orphanHolds).toStrictEqual([{ group: holdName('gone'), for: 'gone', memberCount: 1 }]);
    expect(plan.pools[1]).not.toHaveProperty('lookalikes');
    expect(plan.pools[1]).not.toHaveProperty('orphanHolds');
    expect(planFollowsFrom(doc, text, config(text))).toEqual([]);
  });

  it('records a pool it has no listing or members for as empty', async () => {
    const planned = await planWith(seeded(), config(FILE));
    const doc = buildPlanDocument({ plan: planned.plan, observed: new Map() }, META);
    expect(doc.pools.map((p) => [p.observed, p.listingDigest, 'members' in p])).toEqual([
      [[], listingDigest([]), false],
      [[], listingDigest([]), false],
    ]);
  });

  it('records members by group and usernames in name order, and reads them back', () => {
    const recorded = membersJson(new Map([['zeta', ['b', 'a']], ['Alpha', ['c']]]));
    expect(recorded).toStrictEqual([
      { group: 'Alpha', usernames: ['c'] },
      { group: 'zeta', usernames: ['a', 'b'] },
    ]);
    expect([...membersOfDocument({ members: recorded } as PlanDocument['pools'][number])]).toEqual([
      ['Alpha', ['c']],
      ['zeta', ['a', 'b']],
    ]);
    expect(membersOfDocument({} as PlanDocument['pools'][number]).size).toBe(0);
  });
});

describe('canonical JSON', () => {
  const hold = { memberCount: 2, resuming: true, group: 'h' };
  const scrambled: Array<[GroupChange, string]> = [
    [{ after: { roleArn: ROLE, description: 'd' }, name: 'c', action: 'create' }, `{"action":"create","name":"c","after":{"description":"d","roleArn":"${ROLE}"}}`],
    [{ hold, after: {}, name: 'c', action: 'create' }, '{"action":"create","name":"c","after":{},"hold":{"group":"h","resuming":true,"memberCount":2}}'],
    [
      { memberCount: 1, fields: [{ after: 2, before: 1, field: 'precedence' }], after: { precedence: 2 }, before: { precedence: 1 }, name: 'u', action: 'update', hold: { resuming: false, group: 'h' } },
      '{"action":"update","name":"u","before":{"precedence":1},"after":{"precedence":2},"fields":[{"field":"precedence","before":1,"after":2}],"hold":{"group":"h","resuming":false},"memberCount":1}',
    ],
    [{ fields: [], after: {}, before: {}, name: 'u', action: 'update' }, '{"action":"update","name":"u","before":{},"after":{},"fields":[]}'],
    [
      { memberCount: 3, hold, reasons: ['case-rename'], fields: [], after: {}, before: {}, previousName: 'R', name: 'r', action: 'replace' },
      '{"action":"replace","name":"r","previousName":"R","before":{},"after":{},"fields":[],"reasons":["case-rename"],"hold":{"group":"h","resuming":true,"memberCount":2},"memberCount":3}',
    ],
    [{ reasons: ['roleArn-removed'], fields: [], after: {}, before: { roleArn: ROLE }, previousName: 'r', name: 'r', action: 'replace' }, `{"action":"replace","name":"r","previousName":"r","before":{"roleArn":"${ROLE}"},"after":{},"fields":[],"reasons":["roleArn-removed"]}`],
    [
      { memberCount: 4, hold, fields: [], after: {}, before: {}, previousName: 'o', name: 'n', action: 'rename' },
      '{"action":"rename","name":"n","previousName":"o","before":{},"after":{},"fields":[],"hold":{"group":"h","resuming":true,"memberCount":2},"memberCount":4}',
    ],
    [{ hold: { resuming: false, group: 'h' }, fields: [], after: {}, before: {}, previousName: 'o', name: 'n', action: 'rename' }, '{"action":"rename","name":"n","previousName":"o","before":{},"after":{},"fields":[],"hold":{"group":"h","resuming":false}}'],
    [{ memberCount: 5, before: { description: 'd' }, name: 'd', action: 'delete' }, '{"action":"delete","name":"d","before":{"description":"d"},"memberCount":5}'],
    [{ before: {}, name: 'd', action: 'delete' }, '{"action":"delete","name":"d","before":{}}'],
    [{ hold, name: 's', action: 'restore' }, '{"action":"restore","name":"s","hold":{"group":"h","resuming":true,"memberCount":2}}'],
  ];

  it.each(scrambled.map(([c, json]) => [c.action, json, c] as const))('writes a %s change with its keys in one order: %s', (_action, json, change) => {
    expect(JSON.stringify(changeJson(change))).toBe(json);
  });

  it('leaves out a member count it does not have, rather than writing it as undefined', () => {
    expect(changeJson({ action: 'delete', name: 'd', before: {} })).toStrictEqual({ action: 'delete', name: 'd', before: {} });
    expect(changeJson({ action: 'update', name: 'u', before: {}, after: {}, fields: [] })).toStrictEqual({ action: 'update', name: 'u', before: {}, after: {}, fields: [] });
    expect(orphanHoldJson({ group: 'h', for: 'g' })).toStrictEqual({ group: 'h', for: 'g' });
    expect(holdJson({ group: 'h', resuming: true })).toStrictEqual({ group: 'h', resuming: true });
  });

  it('writes a change\'s member adds and removes, and the usernames a holding group holds, as copies', () => {
    const add = ['b', 'a'];
    const json = changeJson({ action: 'update', name: 'u', before: {}, after: {}, fields: [], members: { had: 1, remove: ['z'], add } });
    expect(JSON.stringify(json)).toBe('{"action":"update","name":"u","before":{},"after":{},"fields":[],"members":{"add":["b","a"],"remove":["z"],"had":1}}');
    add.push('c');
    expect(json).toMatchObject({ members: { add: ['b', 'a'] } });
    const usernames = ['a'];
    const held = holdJson({ usernames, group: 'h', resuming: true });
    expect(JSON.stringify(held)).toBe('{"group":"h","resuming":true,"usernames":["a"]}');
    usernames.push('b');
    expect(held.usernames).toEqual(['a']);
  });

  it('refuses a change of an action it does not know, rather than writing something', () => {
    expect(() => changeJson({ action: 'purge', name: 'x' } as unknown as GroupChange)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('writes groups, unmanaged groups and holding groups with their keys in one order', () => {
    expect(JSON.stringify(groupJson({ roleArn: ROLE, name: 'g', precedence: 0 }))).toBe(`{"name":"g","precedence":0,"roleArn":"${ROLE}"}`);
    expect(JSON.stringify(unmanagedJson({ alert: { carries: ['precedence'] }, provider: true, precedence: 1, name: 'p' }))).toBe('{"name":"p","precedence":1,"provider":true,"alert":{"carries":["precedence"]}}');
    expect(JSON.stringify(unmanagedJson({ provider: false, name: 'u' }))).toBe('{"name":"u","provider":false}');
    expect(JSON.stringify(orphanHoldJson({ memberCount: 2, for: 'g', group: 'h' }))).toBe('{"group":"h","for":"g","memberCount":2}');
    expect(JSON.stringify(orphanHoldJson({ for: 'g', group: 'h' }))).toBe('{"group":"h","for":"g"}');
    expect(JSON.stringify(holdJson({ resuming: false, group: 'h' }))).toBe('{"group":"h","resuming":false}');
  });
});

describe('what a change touches', () => {
  it('is its name, the name the pool has and its holding group, ignoring case', () => {
    const keys = touchedKeys({
      changes: [
        { action: 'replace', name: 'Admins', previousName: 'ADMINS', before: {}, after: {}, fields: [], reasons: ['case-rename'], hold: { group: 'cognito-groups.hold.AB', resuming: false } },
        { action: 'rename', name: 'Editors', previousName: 'Writers', before: {}, after: {}, fields: [], hold: { group: 'cognito-groups.hold.CD', resuming: false } },
        { action: 'create', name: 'New', after: {} },
      ],
    });
    expect([...keys].sort()).toEqual(['admins', 'cognito-groups.hold.ab', 'cognito-groups.hold.cd', 'editors', 'new', 'writers']);
  });
});

describe('a plan that does not follow from its groups file', () => {
  it('follows when nothing was edited', async () => {
    const doc = await document(seeded());
    expect(planFollowsFrom(doc, FILE, config(FILE))).toEqual([]);
  });

  it('is refused for another groups file, byte for byte, and nothing else is checked then', async () => {
    const doc = await document(seeded());
    expect(planFollowsFrom(doc, `${FILE}\n`, config(FILE))).toStrictEqual([{ kind: 'file', planFile: 'groups.yaml' }]);
  });

  it('is refused when the settings differ', async () => {
    const doc = copy(await document(seeded()));
    doc.settings = { maxRps: 3 };
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'setting', setting: 'maxRps', inPlan: 3, inFile: null }]);
    const file = config(FILE);
    expect(planFollowsFrom(await document(seeded()), FILE, { ...file, settings: { maxRps: 4 } })).toStrictEqual([{ kind: 'setting', setting: 'maxRps', inPlan: null, inFile: 4 }]);
  });

  it('is refused when the pools are not the file\'s, in the file\'s order', async () => {
    const doc = copy(await document(seeded()));
    doc.pools.reverse();
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'pools', inPlan: [B, A], inFile: [A, B] }]);
    const one = copy(await document(seeded()));
    one.pools.pop();
    expect(planFollowsFrom(one, FILE, config(FILE))).toStrictEqual([{ kind: 'pools', inPlan: [A], inFile: [A, B] }]);
  });

  it('is refused when a pool\'s region was edited', async () => {
    const doc = copy(await document(seeded()));
    (doc.pools[1] as { region: string }).region = 'us-east-1';
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'region', poolId: B, inPlan: 'us-east-1', inFile: 'eu-west-1' }]);
  });

  it('is refused when a change was edited, left out or added', async () => {
    const edited = copy(await document(seeded()));
    const create = edited.pools[0]?.changes.find((c) => c.action === 'create');
    if (create?.action !== 'create') throw new Error('no create');
    create.after = { roleArn: ROLE_B };
    expect(planFollowsFrom(edited, FILE, config(FILE))).toStrictEqual([{ kind: 'changes', poolId: A }]);
    const dropped = copy(await document(seeded()));
    dropped.pools[0]?.changes.splice(2, 1);
    expect(planFollowsFrom(dropped, FILE, config(FILE))).toContainEqual({ kind: 'changes', poolId: A });
    const added = copy(await document(seeded()));
    added.pools[1]?.changes.push({ action: 'delete', name: 'other', before: { precedence: 3 } });
    expect(planFollowsFrom(added, FILE, config(FILE))).toStrictEqual([{ kind: 'changes', poolId: B }]);
  });

  it('is refused when it says a replace keeps or drops members other than it was planned', async () => {
    const doc = copy(await document(seeded()));
    doc.dropMembers = true;
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'changes', poolId: A }]);
  });

  it('is refused when what it leaves alone was edited', async () => {
    const unchanged = copy(await document(seeded()));
    unchanged.pools[0]?.unchanged.push('ghost');
    expect(planFollowsFrom(unchanged, FILE, config(FILE))).toStrictEqual([{ kind: 'unchanged-or-unmanaged', poolId: A }]);
    const unmanaged = copy(await document(seeded()));
    (unmanaged.pools[1]?.unmanaged[0] as { precedence?: number }).precedence = 4;
    expect(planFollowsFrom(unmanaged, FILE, config(FILE))).toStrictEqual([{ kind: 'unchanged-or-unmanaged', poolId: B }]);
  });

  it('is refused when what it says it saw is not the listing it was made from', async () => {
    // A group taken out of what the plan saw and out of its changes, the count fixed: only the digest tells.
    const doc = copy(await document(seeded()));
    const pool = doc.pools[1];
    if (pool === undefined) throw new Error('no pool');
    pool.observed = pool.observed.filter((g) => g.name !== 'other');
    pool.unmanaged = [];
    pool.listed = 1;
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'listing', poolId: B }]);
  });

  it('is refused when the number of groups listed was edited', async () => {
    const doc = copy(await document(seeded()));
    (doc.pools[1] as { listed: number }).listed = 7;
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'listed', poolId: B, inPlan: 7, shown: 2 }]);
  });

  it('is refused when it records the members of other groups than its changes count', async () => {
    const doc = copy(await document(seeded()));
    doc.pools[1]!.members = [{ group: 'b1', usernames: ['x'] }];
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'members', poolId: B }]);
    // Members edited in a group it counts change the counts, so its changes.
    const counted = copy(await document(seeded()));
    counted.pools[0]!.members = counted.pools[0]!.members!.map((m) => (m.group === 'ops' ? { group: 'ops', usernames: ['o1'] } : m));
    expect(planFollowsFrom(counted, FILE, config(FILE))).toStrictEqual([{ kind: 'changes', poolId: A }]);
  });

  it('checks the pools the file has, and names the others as a pools problem only', async () => {
    const doc = await document(seeded());
    const file = config(FILE);
    const onlyA = { ...file, userPools: file.userPools.filter((p) => p.id === A) };
    expect(planFollowsFrom(doc, FILE, onlyA)).toStrictEqual([{ kind: 'pools', inPlan: [A, B], inFile: [A] }]);
  });
});

describe('a stale plan', () => {
  it('is not stale when nothing changed, with or without the groups file and the members read again', async () => {
    const fake = seeded();
    const doc = await document(fake);
    const members = new Map([[A, new Map([['legacy', ['l1']], ['ops', ['o3', 'o1', 'o2']], ['writers', ['w1', 'w2']]])]]);
    expect(checkStaleness(doc, listing(fake), config(FILE), members)).toStrictEqual({ stale: [], elsewhere: [] });
    expect(checkStaleness(doc, listing(fake))).toStrictEqual({ stale: [], elsewhere: [] });
  });

  it('names each group it touches that changed, disappeared, appeared or changed case, in name order', async () => {
    const fake = seeded();
    const doc = await document(fake);
    fake.addPool(A, [
      { name: 'admins', description: 'edited' }, // the update's group changed
      // writers (the rename's) is gone
      { name: 'legacy' },
      { name: 'OPS', roleArn: ROLE }, // the replace's group changed case
      { name: 'same', precedence: 1 },
      { name: 'viewers' }, // the create's group appeared
      hold('ops'), // the replace's holding group appeared
    ]);
    expect(checkStaleness(doc, listing(fake)).stale).toStrictEqual([
      { kind: 'changed', poolId: A, name: 'admins', fields: [{ field: 'description', before: 'old', after: 'edited' }] },
      { kind: 'created', poolId: A, name: holdName('ops') },
      { kind: 'renamed', poolId: A, from: 'ops', to: 'OPS' },
      { kind: 'created', poolId: A, name: 'viewers' },
      { kind: 'deleted', poolId: A, name: 'writers' },
    ]);
  });

  it('only notes drift in groups it does not touch, in any pool', async () => {
    const fake = seeded();
    const doc = await document(fake);
    fake.addPool(A, [...fake.groupsOf(A).map((g) => (g.name === 'same' ? { name: 'Same', precedence: 2 } : g)), { name: 'newcomer' }]);
    fake.addPool(B, [{ name: 'b1' }]);
    expect(checkStaleness(doc, listing(fake))).toStrictEqual({
      stale: [],
      elsewhere: [
        { kind: 'created', poolId: A, name: 'newcomer' },
        { kind: 'renamed', poolId: A, from: 'same', to: 'Same' },
        { kind: 'changed', poolId: A, name: 'Same', fields: [{ field: 'precedence', before: 1, after: 2 }] },
        { kind: 'deleted', poolId: B, name: 'other' },
      ],
    });
  });

  it('takes a pool that is not listed at all for one whose groups all disappeared', async () => {
    const doc = await document(seeded());
    const only = listing(seeded());
    only.delete(B);
    expect(checkStaleness(doc, only)).toStrictEqual({ stale: [], elsewhere: [{ kind: 'deleted', poolId: B, name: 'b1' }, { kind: 'deleted', poolId: B, name: 'other' }] });
    // With the file, the group it wants there is one the plan does not create.
    expect(checkStaleness(doc, only, config(FILE)).stale).toStrictEqual([{ kind: 'unplanned', poolId: B, name: 'b1' }]);
  });

  it('is stale when the members it counted changed, saying how many joined and left', async () => {
    const fake = seeded();
    const doc = await document(fake);
    const now = new Map([[A, new Map([['ops', ['o1', 'o2', 'o3']], ['writers', ['w2', 'w3', 'w4']]])]]);
    expect(checkStaleness(doc, listing(fake), undefined, now).stale).toStrictEqual([{ kind: 'members', poolId: A, name: 'writers', joined: 2, left: 1 }]);
    const swapped = new Map([[A, new Map([['writers', ['w1', 'w3']]])]]);
    expect(checkStaleness(doc, listing(fake), undefined, swapped).stale).toStrictEqual([{ kind: 'members', poolId: A, name: 'writers', joined: 1, left: 1 }]);
    const left = new Map([[A, new Map([['legacy', []]])]]);
    expect(checkStaleness(doc, listing(fake), undefined, left).stale).toStrictEqual([{ kind: 'members', poolId: A, name: 'legacy', joined: 0, left: 1 }]);
    // A group whose members were not read again is not judged.
    expect(checkStaleness(doc, listing(fake), undefined, new Map([[A, new Map()]])).stale).toEqual([]);
  });

  it('with the groups file, is stale when a group it leaves alone no longer matches the file', async () => {
    const fake = seeded();
    const doc = await document(fake);
    fake.addPool(A, [...fake.groupsOf(A).map((g) => (g.name === 'same' ? { name: 'same', precedence: 9 } : g)), { name: 'intruder' }]);
    fake.addPool(B, [{ name: 'b1', description: 'changed' }, { name: 'other', precedence: 3 }]);
    const result = checkStaleness(doc, listing(fake), config(FILE));
    expect(result.stale).toStrictEqual([
      { kind: 'unplanned', poolId: A, name: 'intruder' },
      { kind: 'unplanned', poolId: A, name: 'same' },
      { kind: 'unplanned', poolId: B, name: 'b1' },
    ]);
    expect(result.elsewhere.map((d) => [d.kind, d.poolId, 'name' in d ? d.name : d.to])).toEqual([
      ['created', A, 'intruder'],
      ['changed', A, 'same'],
      ['changed', B, 'b1'],
    ]);
  });

  it('names an unplanned rename by the group the pool has', async () => {
    const text = FILE.replace('      - name: viewers\n', '      - name: viewers\n      - name: readers\n        previously: [lurkers]\n');
    const fake = seeded();
    fake.addPool(A, [...fake.groupsOf(A), { name: 'readers' }]);
    const doc = await document(fake, text);
    expect(doc.pools[0]?.unchanged).toContain('readers');
    // Someone renamed it back meanwhile: planning again renames it, a change the plan does not have.
    fake.addPool(A, [...fake.groupsOf(A).filter((g) => g.name !== 'readers'), { name: 'lurkers' }]);
    expect(checkStaleness(doc, listing(fake), config(text)).stale).toContainEqual({ kind: 'unplanned', poolId: A, name: 'lurkers' });
  });

  it('leaves to the touched-group check a change that starts from a group the plan touches', async () => {
    // The plan deletes "legacy"; a file that renames "legacy" into "archive" plans a change from a group
    // the plan already touches: judged by the check of touched groups, not named again as unplanned.
    const fake = seeded();
    const doc = await document(fake);
    const file = config(FILE);
    const renaming = { ...file, userPools: file.userPools.map((p) => (p.id === A ? { ...p, groups: [...p.groups, { name: 'archive', previously: ['legacy'] }] } : p)) };
    expect(checkStaleness(doc, listing(fake), renaming).stale).toEqual([]);
  });

  it('is stale the second time it is applied', async () => {
    const fake = seeded();
    const doc = await document(fake);
    const { executeChanges } = await import('../../src/run/apply/execute.js');
    await executeChanges(fake, fake, planOfDocument(doc).pools);
    const { stale } = checkStaleness(doc, listing(fake), config(FILE));
    expect(stale.map((s) => s.kind)).toEqual(expect.arrayContaining(['changed', 'created', 'deleted']));
    expect(stale.length).toBeGreaterThanOrEqual(5);
  });
});

function hold(group: string): ObservedGroup {
  return { name: holdName(group), description: holdDescription({ op: 'replace', group, from: group }) };
}

describe('a plan and how its pools compare usernames', () => {
  const MEMBERS_FILE = ['version: 1', 'userPools:', `  - id: ${A}`, '    groups:', '      - name: g', '        members: [bob]', ''].join('\n');
  const withMembers = (): FakeGroupsApi => new FakeGroupsApi().addPool(A, [{ name: 'g' }]).addMembers(A, 'g', ['Bob']).addPool(B);

  it('is stale when the pool now compares usernames otherwise than the plan says, and only then', async () => {
    const doc = await document(withMembers(), MEMBERS_FILE);
    expect(doc.pools[0]?.usernamesCaseSensitive).toBe(false);
    const fake = withMembers();
    expect(checkStaleness(doc, listing(fake), undefined, undefined, new Map([[A, true]])).stale).toStrictEqual([{ kind: 'usernames', poolId: A, inPlan: false, now: true }]);
    expect(checkStaleness(doc, listing(fake), undefined, undefined, new Map([[A, false]])).stale).toEqual([]);
    expect(checkStaleness(doc, listing(fake), undefined, undefined, new Map()).stale).toEqual([]);
    // A pool the plan did not ask (no members: in the file) is not judged.
    const plain = await document(seeded());
    expect(checkStaleness(plain, listing(seeded()), undefined, undefined, new Map([[A, true], [B, true]])).stale).toEqual([]);
  });

  it('records a case-sensitive pool as one, and follows from its file', async () => {
    class CaseSensitive extends FakeGroupsApi {
      override async describePool(): Promise<{ caseSensitiveUsernames: boolean }> {
        return { caseSensitiveUsernames: true };
      }
    }
    const fake = new CaseSensitive().addPool(A, [{ name: 'g' }]).addMembers(A, 'g', ['Bob']).addPool(B);
    const text = MEMBERS_FILE.replace('[bob]', '[Bob]');
    const doc = await document(fake, text);
    expect(doc.pools[0]?.usernamesCaseSensitive).toBe(true);
    expect(planFollowsFrom(doc, text, config(text))).toEqual([]);
  });

  it('does not follow from its file when it says the pool compares usernames otherwise than it was planned with', async () => {
    const doc = await document(withMembers(), MEMBERS_FILE);
    expect(planFollowsFrom(doc, MEMBERS_FILE, config(MEMBERS_FILE))).toEqual([]);
    const edited = copy(doc);
    (edited.pools[0] as { usernamesCaseSensitive?: boolean }).usernamesCaseSensitive = true;
    expect(planFollowsFrom(edited, MEMBERS_FILE, config(MEMBERS_FILE))).toStrictEqual([{ kind: 'changes', poolId: A }, { kind: 'unchanged-or-unmanaged', poolId: A }]);
  });

  it('does not follow when it leaves out how a pool with members: compares usernames, or says it for one without', async () => {
    const doc = copy(await document(withMembers(), MEMBERS_FILE));
    delete (doc.pools[0] as { usernamesCaseSensitive?: boolean }).usernamesCaseSensitive;
    expect(planFollowsFrom(doc, MEMBERS_FILE, config(MEMBERS_FILE))).toStrictEqual([{ kind: 'members', poolId: A }]);
    const plain = copy(await document(seeded()));
    (plain.pools[0] as { usernamesCaseSensitive?: boolean }).usernamesCaseSensitive = false;
    expect(planFollowsFrom(plain, FILE, config(FILE))).toStrictEqual([{ kind: 'members', poolId: A }]);
  });
});

describe('a plan made for an environment of the file', () => {
  const asEnv = (name: string, account?: string): DesiredConfig => ({ ...config(FILE), environment: { name, ...(account === undefined ? {} : { account }) } });

  it('follows only from the file read as the same environment, with the same account', async () => {
    const doc = await document(seeded(), FILE, { environment: { name: 'prod', account: '123456789012' } });
    expect(doc).toMatchObject({ environment: 'prod', account: '123456789012' });
    expect(planFollowsFrom(doc, FILE, asEnv('prod', '123456789012'))).toEqual([]);
    expect(planFollowsFrom(doc, FILE, asEnv('staging', '123456789012'))).toStrictEqual([{ kind: 'environment', inPlan: 'prod', inFile: 'staging', accountInPlan: '123456789012', accountInFile: '123456789012' }]);
    expect(planFollowsFrom(doc, FILE, asEnv('prod', '210987654321'))).toStrictEqual([{ kind: 'environment', inPlan: 'prod', inFile: 'prod', accountInPlan: '123456789012', accountInFile: '210987654321' }]);
    expect(planFollowsFrom(doc, FILE, config(FILE))).toStrictEqual([{ kind: 'environment', inPlan: 'prod', inFile: null, accountInPlan: '123456789012', accountInFile: null }]);
  });

  it('records no account for an environment that names none', async () => {
    const doc = await document(seeded(), FILE, { environment: { name: 'dev' } });
    expect(doc.environment).toBe('dev');
    expect(doc).not.toHaveProperty('account');
    expect(planFollowsFrom(doc, FILE, asEnv('dev'))).toEqual([]);
  });
});

describe('a stale plan: access', () => {
  it('is stale when the pool gained (or lost) a pre token generation trigger since the prediction', async () => {
    const fake = seeded();
    const doc = await document(fake);
    expect(doc.pools[0]?.access).toMatchObject({ checked: true, via: 'plan-reads' });
    const members = new Map([[A, new Map([['legacy', ['l1']], ['ops', ['o3', 'o1', 'o2']], ['writers', ['w1', 'w2']]])]]);
    const lambda = 'arn:aws:lambda:eu-west-1:123456789012:function:claims';
    expect(checkStaleness(doc, listing(fake), config(FILE), members, undefined, new Map([[A, { trigger: null }]])).stale).toStrictEqual([]);
    expect(checkStaleness(doc, listing(fake), config(FILE), members, undefined, new Map([[A, { trigger: lambda }]])).stale).toStrictEqual([{ kind: 'trigger', poolId: A, inPlan: null, now: lambda }]);
  });

  it('is stale when the members the prediction used give another prediction, and says how many users then and now', async () => {
    const fake = seeded();
    const doc = await document(fake);
    // Nothing else in the pool changed: only the access prediction can say so (o4 is read for the prediction only through the recorded reads).
    const edited = copy(doc);
    const pool = edited.pools[0];
    if (pool?.access?.checked !== true) throw new Error('expected a checked prediction');
    pool.access.transitions = pool.access.transitions.slice(1);
    expect(checkStaleness(edited, listing(fake)).stale).toStrictEqual([{ kind: 'access', poolId: A, inPlan: pool.access.users, now: pool.access.users }]);
  });
});
