import { describe, expect, it } from 'vitest';
import type { DesiredGroup, DesiredPool, UnmanagedPolicy } from '../../src/core/config/model.js';
import { nameKey } from '../../src/core/config/names.js';
import { computePoolPlan } from '../../src/core/plan/compute.js';
import { holdName } from '../../src/core/plan/holding.js';
import type { GroupChange, ObservedGroup, PoolPlan } from '../../src/core/plan/model.js';
import { pick, randomInt, seededRandom, shuffled } from './seeded-random.js';

const POOL = 'eu-west-1_AbC123';
const ROLE_A = 'arn:aws:iam::123456789012:role/A';
const ROLE_B = 'arn:aws:iam::123456789012:role/B';

function desiredPool(groups: DesiredGroup[], unmanagedGroups: UnmanagedPolicy = 'keep'): DesiredPool {
  return { id: POOL, region: 'eu-west-1', unmanagedGroups, groups };
}

function planFor(groups: DesiredGroup[], observed: ObservedGroup[], unmanagedGroups: UnmanagedPolicy = 'keep'): PoolPlan {
  return computePoolPlan(desiredPool(groups, unmanagedGroups), observed);
}

describe('computePoolPlan: creates and updates', () => {
  it('creates a group the pool does not have, with every field the file gives', () => {
    const plan = planFor([{ name: 'admins', description: 'Admins', precedence: 1, roleArn: ROLE_A }], []);
    expect(plan).toEqual({
      userPoolId: POOL,
      region: 'eu-west-1',
      listed: 0,
      changes: [{ action: 'create', name: 'admins', after: { description: 'Admins', precedence: 1, roleArn: ROLE_A } }],
      unchanged: [],
      unmanaged: [],
    });
  });

  it.each([
    ['description changed', { description: 'old' }, { description: 'new' }, [{ field: 'description', before: 'old', after: 'new' }]],
    ['description added', {}, { description: 'new' }, [{ field: 'description', before: null, after: 'new' }]],
    ['description cleared', { description: 'old' }, {}, [{ field: 'description', before: 'old', after: null }]],
    ['precedence changed', { precedence: 1 }, { precedence: 2 }, [{ field: 'precedence', before: 1, after: 2 }]],
    ['precedence added', {}, { precedence: 0 }, [{ field: 'precedence', before: null, after: 0 }]],
    ['roleArn changed', { roleArn: ROLE_A }, { roleArn: ROLE_B }, [{ field: 'roleArn', before: ROLE_A, after: ROLE_B }]],
    ['roleArn added', {}, { roleArn: ROLE_A }, [{ field: 'roleArn', before: null, after: ROLE_A }]],
    [
      'all three changed, listed in field order',
      { roleArn: ROLE_A, precedence: 3, description: 'x' },
      { roleArn: ROLE_B, precedence: 4, description: 'y' },
      [
        { field: 'description', before: 'x', after: 'y' },
        { field: 'precedence', before: 3, after: 4 },
        { field: 'roleArn', before: ROLE_A, after: ROLE_B },
      ],
    ],
  ] as const)('updates in place when the %s', (_what, before, after, fields) => {
    const plan = planFor([{ name: 'g', ...after }], [{ name: 'g', ...before }]);
    expect(plan.changes).toEqual([{ action: 'update', name: 'g', before, after, fields }]);
    expect(plan.unchanged).toEqual([]);
  });

  it('plans nothing for a group that already matches, and lists it as unchanged', () => {
    const plan = planFor([{ name: 'admins', description: 'd', precedence: 0, roleArn: ROLE_A }], [{ name: 'admins', description: 'd', precedence: 0, roleArn: ROLE_A }]);
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toEqual(['admins']);
    expect(plan.unmanaged).toEqual([]);
  });

  it('treats an empty description as none, on either side', () => {
    expect(planFor([{ name: 'a', description: '' }], [{ name: 'a' }]).changes).toEqual([]);
    expect(planFor([{ name: 'a' }], [{ name: 'a', description: '' }]).changes).toEqual([]);
    expect(planFor([{ name: 'a', description: '' }], [{ name: 'a', description: 'old' }]).changes).toEqual([
      { action: 'update', name: 'a', before: { description: 'old' }, after: {}, fields: [{ field: 'description', before: 'old', after: null }] },
    ]);
  });

  it('tells precedence 0 apart from no precedence', () => {
    expect(planFor([{ name: 'a', precedence: 0 }], [{ name: 'a' }]).changes[0]?.action).toBe('update');
    expect(planFor([{ name: 'a' }], [{ name: 'a', precedence: 0 }]).changes[0]?.action).toBe('replace');
  });
});

describe('computePoolPlan: replaces', () => {
  it('replaces a group whose roleArn the file removes', () => {
    const plan = planFor([{ name: 'g', precedence: 1 }], [{ name: 'g', precedence: 1, roleArn: ROLE_A }]);
    expect(plan.changes).toEqual([
      {
        action: 'replace',
        name: 'g',
        previousName: 'g',
        before: { precedence: 1, roleArn: ROLE_A },
        after: { precedence: 1 },
        fields: [{ field: 'roleArn', before: ROLE_A, after: null }],
        reasons: ['roleArn-removed'],
        hold: { group: holdName('g'), resuming: false },
      },
    ]);
  });

  it('replaces a group whose precedence the file removes', () => {
    const plan = planFor([{ name: 'g', description: 'new' }], [{ name: 'g', precedence: 7, description: 'old' }]);
    expect(plan.changes).toEqual([
      {
        action: 'replace',
        name: 'g',
        previousName: 'g',
        before: { precedence: 7, description: 'old' },
        after: { description: 'new' },
        fields: [
          { field: 'description', before: 'old', after: 'new' },
          { field: 'precedence', before: 7, after: null },
        ],
        reasons: ['precedence-removed'],
        hold: { group: holdName('g'), resuming: false },
      },
    ]);
  });

  it('gives every reason when both roleArn and precedence are removed', () => {
    const [change] = planFor([{ name: 'g' }], [{ name: 'g', precedence: 7, roleArn: ROLE_A }]).changes;
    expect(change?.action === 'replace' ? change.reasons : undefined).toEqual(['roleArn-removed', 'precedence-removed']);
  });

  it('plans a case-only rename as a replace of the pool\'s group, not a create', () => {
    const plan = planFor([{ name: 'admins', precedence: 1 }], [{ name: 'ADMINS', precedence: 1 }]);
    expect(plan.changes).toEqual([
      { action: 'replace', name: 'admins', previousName: 'ADMINS', before: { precedence: 1 }, after: { precedence: 1 }, fields: [], reasons: ['case-rename'], hold: { group: holdName('admins'), resuming: false } },
    ]);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.unchanged).toEqual([]);
  });

  it('combines a case-only rename with the fields that change', () => {
    const [change] = planFor([{ name: 'Admins', description: 'new' }], [{ name: 'admins', roleArn: ROLE_A }]).changes;
    expect(change).toEqual({
      action: 'replace',
      name: 'Admins',
      previousName: 'admins',
      before: { roleArn: ROLE_A },
      after: { description: 'new' },
      fields: [
        { field: 'description', before: null, after: 'new' },
        { field: 'roleArn', before: ROLE_A, after: null },
      ],
      reasons: ['case-rename', 'roleArn-removed'],
      hold: { group: holdName('Admins'), resuming: false },
    });
  });
});

describe('computePoolPlan: unmanaged and provider groups', () => {
  const google = `${POOL}_Google`;
  const observed: ObservedGroup[] = [
    { name: 'legacy', description: 'old team', precedence: 9 },
    { name: google, roleArn: ROLE_A },
    { name: 'admins' },
    { name: 'eu-west-1_Other_Google' },
  ];

  it('lists groups the file does not name, with their fields, and changes none of them by default', () => {
    const plan = planFor([{ name: 'admins' }], observed);
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toEqual(['admins']);
    expect(plan.unmanaged).toEqual([
      { name: google, roleArn: ROLE_A, provider: true, alert: { carries: ['roleArn'] } },
      { name: 'eu-west-1_Other_Google', provider: false },
      { name: 'legacy', description: 'old team', precedence: 9, provider: false },
    ]);
    expect(plan.listed).toBe(4);
  });

  it('deletes unmanaged groups with unmanagedGroups: delete, but never a provider group of the pool', () => {
    const plan = planFor([{ name: 'admins' }], observed, 'delete');
    expect(plan.changes).toEqual([
      { action: 'delete', name: 'eu-west-1_Other_Google', before: {} },
      { action: 'delete', name: 'legacy', before: { description: 'old team', precedence: 9 } },
    ]);
    expect(plan.unmanaged).toEqual([{ name: google, roleArn: ROLE_A, provider: true, alert: { carries: ['roleArn'] } }]);
  });

  it('does not take the pool id followed by a bare underscore for a provider group', () => {
    const plan = planFor([], [{ name: `${POOL}_` }], 'delete');
    expect(plan.changes).toEqual([{ action: 'delete', name: `${POOL}_`, before: {} }]);
  });

  it('counts every listed group, managed or not', () => {
    expect(planFor([{ name: 'x' }], observed).listed).toBe(4);
    expect(planFor([{ name: 'x' }], []).listed).toBe(0);
  });
});

describe('computePoolPlan: determinism', () => {
  const desired: DesiredGroup[] = [
    { name: 'zeta', precedence: 1 },
    { name: 'Alpha' },
    { name: 'beta', description: 'new' },
    { name: 'MIXED' },
    { name: 'ünicode' },
    { name: 'same', roleArn: ROLE_A },
  ];
  const observed: ObservedGroup[] = [
    { name: 'beta', description: 'old' },
    { name: 'mixed' },
    { name: 'same', roleArn: ROLE_A },
    { name: 'old-2' },
    { name: 'Old-1' },
    { name: `${POOL}_SAML` },
    { name: 'zeta', precedence: 1, roleArn: ROLE_B },
  ];

  it('gives the same plan whatever order the pool lists its groups in', () => {
    const reference = planFor(desired, observed, 'delete');
    const random = seededRandom(7);
    for (let i = 0; i < 25; i++) {
      expect(planFor(shuffled(random, desired), shuffled(random, observed), 'delete')).toEqual(reference);
    }
  });

  it('sorts changes, unchanged and unmanaged groups by name in code-point order', () => {
    const plan = planFor(desired, observed, 'delete');
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual([
      'create Alpha',
      'replace MIXED',
      'delete Old-1',
      'update beta',
      'delete old-2',
      'replace zeta',
      'create ünicode',
    ]);
    expect(plan.unchanged).toEqual(['same']);
    expect(plan.unmanaged.map((g) => g.name)).toEqual([`${POOL}_SAML`]);
  });
});

/** The pool after the changes are made as Cognito would make them; fails on any change that could not be made. */
function simulate(observed: readonly ObservedGroup[], changes: readonly GroupChange[]): ObservedGroup[] {
  const state = new Map(observed.map((g) => [g.name, { ...g }]));
  const originalKeys = new Map(observed.map((g) => [nameKey(g.name), g.name]));
  const touchedKeys = new Set<string>();
  for (const c of changes) {
    // Changes of one plan run concurrently: no two may touch the same name ignoring case.
    expect(touchedKeys.has(nameKey(c.name)), `two changes for ${c.name}`).toBe(false);
    touchedKeys.add(nameKey(c.name));
    switch (c.action) {
      case 'create':
        expect(originalKeys.has(nameKey(c.name)), `create of ${c.name} would collide`).toBe(false);
        state.set(c.name, { name: c.name, ...c.after });
        break;
      case 'update': {
        const current = state.get(c.name);
        expect(current, `update of missing ${c.name}`).toBeDefined();
        // The port sends every field; Cognito keeps an omitted precedence or roleArn.
        const next: ObservedGroup = { ...current, name: c.name };
        if (c.after.description === undefined) delete next.description;
        else next.description = c.after.description;
        if (c.after.precedence !== undefined) next.precedence = c.after.precedence;
        if (c.after.roleArn !== undefined) next.roleArn = c.after.roleArn;
        state.set(c.name, next);
        break;
      }
      case 'replace':
        expect(state.delete(c.previousName), `replace of missing ${c.previousName}`).toBe(true);
        expect(originalKeys.get(nameKey(c.name)) ?? c.previousName).toBe(c.previousName);
        state.set(c.name, { name: c.name, ...c.after });
        break;
      case 'delete':
        expect(state.delete(c.name), `delete of missing ${c.name}`).toBe(true);
        break;
    }
  }
  return [...state.values()];
}

describe('computePoolPlan: property', () => {
  const baseNames = ['admins', 'Admins', 'ADMINS', 'editors', 'Editors', 'viewers', 'ops', 'OPS', 'beta', 'ünicode', 'ÜNICODE', `${POOL}_Google`, `${POOL}_SAML`, 'eu-west-1_Other_X'];
  const descriptions = [undefined, '', 'a', 'b', 'a longer description'];
  const precedences = [undefined, 0, 1, 5];
  const roles = [undefined, ROLE_A, ROLE_B];

  function fields(random: () => number): Omit<DesiredGroup, 'name'> {
    const out: Omit<DesiredGroup, 'name'> = {};
    const d = pick(random, descriptions);
    const p = pick(random, precedences);
    const r = pick(random, roles);
    if (d !== undefined) out.description = d;
    if (p !== undefined) out.precedence = p;
    if (r !== undefined) out.roleArn = r;
    return out;
  }

  /** Some of the names, unique ignoring case (as Cognito and the validator both insist). */
  function someNames(random: () => number): string[] {
    const byKey = new Map<string, string>();
    for (const name of shuffled(random, baseNames).slice(0, randomInt(random, baseNames.length + 1))) {
      if (!byKey.has(nameKey(name))) byKey.set(nameKey(name), name);
    }
    return [...byKey.values()];
  }

  it('after its changes are made, planning again finds nothing to change (400 random pools)', () => {
    const random = seededRandom(20240601);
    let changesSeen = 0;
    // How often each kind of case came up: every branch below must be exercised, not just written.
    const seen: Record<string, number> = {};
    const saw = (what: string): void => {
      seen[what] = (seen[what] ?? 0) + 1;
    };
    for (let i = 0; i < 400; i++) {
      const observed: ObservedGroup[] = someNames(random).map((name) => ({ name, ...fields(random) }));
      const desired: DesiredGroup[] = someNames(random).map((name) => ({ name, ...fields(random) }));
      const policy: UnmanagedPolicy = random() < 0.5 ? 'keep' : 'delete';
      const pool = desiredPool(desired, policy);

      const plan = computePoolPlan(pool, observed);
      changesSeen += plan.changes.length;
      for (const c of plan.changes) saw(c.action === 'replace' && c.previousName !== c.name ? 'replace (case-only rename)' : c.action);
      const after = simulate(observed, plan.changes);
      const again = computePoolPlan(pool, shuffled(random, after));

      const context = JSON.stringify({ i, observed, desired, policy });
      expect(again.changes, context).toEqual([]);
      expect(again.unchanged, context).toEqual(desired.map((g) => g.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      // Groups the file does not list are never touched unless deleted, and provider groups never are.
      for (const g of observed) {
        const managed = desired.some((d) => nameKey(d.name) === nameKey(g.name));
        const provider = g.name.startsWith(`${POOL}_`);
        if (!managed && (policy === 'keep' || provider)) {
          saw(provider && policy === 'delete' ? 'unmanaged provider group kept' : 'unmanaged group kept');
          expect(after, context).toContainEqual(g);
        }
        if (!managed && policy === 'delete' && !provider) {
          saw('unmanaged group deleted');
          expect(after.some((a) => a.name === g.name), context).toBe(false);
        }
      }
    }
    // The generator must actually exercise the planner, in every way it can change a pool.
    expect(changesSeen).toBeGreaterThan(400);
    expect(Object.keys(seen).sort()).toEqual([
      'create',
      'delete',
      'replace',
      'replace (case-only rename)',
      'unmanaged group deleted',
      'unmanaged group kept',
      'unmanaged provider group kept',
      'update',
    ]);
  });
});

describe('computePoolPlan: names that look the same', () => {
  it('names a file name and a pool name that a reader cannot tell apart, beside the delete and create they cause', async () => {
    const composed = 'café';
    const decomposed = 'cafe\u0301';
    const plan = planFor([{ name: composed }, { name: 'admins' }], [{ name: decomposed }, { name: 'admins' }], 'delete');
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual([`delete ${decomposed}`, `create ${composed}`]);
    expect(plan.lookalikes).toEqual([{ inFile: composed, inPool: decomposed }]);
    const { renderPlanText } = await import('../../src/faces/render/text.js');
    const { renderPlanMarkdown } = await import('../../src/faces/render/markdown.js');
    const { plainStyle } = await import('../../src/faces/render/style.js');
    expect(renderPlanText({ pools: [plan] }, plainStyle)).toContain(`  ! "${composed}" in the file looks like "${decomposed}" in the pool, but they are different groups: caf\\u{e9} and cafe\\u{301}`);
    expect(renderPlanMarkdown({ pools: [plan] })).toContain('> These names look the same but are different groups (they differ in Unicode normalization or invisible characters): `café` (in the file, `caf\\u{e9}`) and `cafe\u0301` (in the pool, `cafe\\u{301}`).');
    // Names equal ignoring case are one group (a case-only rename), not look-alikes; unrelated names are neither.
    expect(planFor([{ name: 'Admins' }], [{ name: 'admins' }]).lookalikes).toBeUndefined();
    expect(planFor([{ name: 'a' }], [{ name: 'b' }]).lookalikes).toBeUndefined();
  });
});
