// What an apply may destroy (src/run/apply/policy.ts): replaces only with allowReplace, deletes only with
// allowDelete, at most maxDelete (25 unless raised) of both together, and provider groups never,
// whatever is allowed. Each rule is checked on both sides of its line.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DELETE, neverApplied, policyViolations, type ApplyPolicy } from '../../src/run/apply/policy.js';
import { checkApplyPolicy, RefusedError } from '../../src/run/apply/refusal.js';
import { refusalMessage } from '../../src/faces/render/refusal.js';
import { isProviderGroup, regionOfPoolId } from '../../src/core/config/model.js';
import { holdName } from '../../src/core/plan/holding.js';
import type { GroupChange, Plan, PoolPlan } from '../../src/core/plan/model.js';

const A = 'eu-west-1_PolA';
const B = 'eu-west-1_PolB';
const ROLE = 'arn:aws:iam::123456789012:role/R';

function pool(id: string, changes: GroupChange[]): PoolPlan {
  return { userPoolId: id, region: 'eu-west-1', listed: 0, changes, unchanged: [], unmanaged: [] };
}

function plan(...pools: PoolPlan[]): Plan {
  return { pools };
}

const create = (name: string): GroupChange => ({ action: 'create', name, after: {} });
const update = (name: string): GroupChange => ({ action: 'update', name, before: {}, after: { description: 'x' }, fields: [{ field: 'description', before: null, after: 'x' }] });
const remove = (name: string): GroupChange => ({ action: 'delete', name, before: {} });
/** A replace keeping its members (a holding group), or dropping them (no holding group: --drop-members). */
const replace = (name: string, previousName = name, keeps = true): GroupChange => ({
  action: 'replace',
  name,
  previousName,
  before: { roleArn: ROLE },
  after: {},
  fields: [{ field: 'roleArn', before: ROLE, after: null }],
  reasons: previousName === name ? ['roleArn-removed'] : ['case-rename', 'roleArn-removed'],
  ...(keeps ? { hold: { group: holdName(name), resuming: false } } : {}),
});
const rename = (name: string, previousName: string): GroupChange => ({ action: 'rename', name, previousName, before: {}, after: {}, fields: [], hold: { group: holdName(name), resuming: false } });
const restore = (name: string): GroupChange => ({ action: 'restore', name, hold: { group: holdName(name), resuming: true } });

const ALL: ApplyPolicy = { allowReplace: true, allowDelete: true };
const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

describe('policy: what needs no permission', () => {
  it('allows a plan of creates, updates, renames and restores with no flag at all', () => {
    const p = plan(pool(A, [create('a'), update('b'), rename('editors', 'writers'), restore('r')]));
    expect(policyViolations(p, {})).toBeUndefined();
    expect(() => checkApplyPolicy(p, {})).not.toThrow();
  });

  it('allows an empty plan', () => {
    expect(policyViolations(plan(), {})).toBeUndefined();
    expect(policyViolations(plan(pool(A, [])), { maxDelete: 0 })).toBeUndefined();
  });
});

describe('policy: replaces', () => {
  it('refuses a replace without allowReplace, naming it (and only it)', () => {
    const p = plan(pool(A, [create('a'), replace('ops')]));
    expect(policyViolations(p, {})).toStrictEqual({ providerGroups: [], replaces: [{ poolId: A, name: 'ops' }], deletes: [] });
    expect(policyViolations(p, { allowDelete: true })).toStrictEqual({ providerGroups: [], replaces: [{ poolId: A, name: 'ops' }], deletes: [] });
  });

  it('allows it with allowReplace, and only with allowReplace: true', () => {
    const p = plan(pool(A, [replace('ops')]));
    expect(policyViolations(p, { allowReplace: true })).toBeUndefined();
    expect(policyViolations(p, { allowReplace: false })?.replaces).toEqual([{ poolId: A, name: 'ops' }]);
  });

  it('names the pool\'s name of a case-only rename, and says when a replace drops its members', () => {
    const p = plan(pool(A, [replace('admins', 'ADMINS'), replace('ops', 'ops', false)]), pool(B, [replace('x', 'X', false)]));
    expect(policyViolations(p, {})?.replaces).toStrictEqual([
      { poolId: A, name: 'admins', from: 'ADMINS' },
      { poolId: A, name: 'ops', dropsMembers: true },
      { poolId: B, name: 'x', from: 'X', dropsMembers: true },
    ]);
  });

  it('says in the refusal whether the replaced groups keep or drop their members', () => {
    const keeping = new RefusedError({ kind: 'policy', violations: policyViolations(plan(pool(A, [replace('admins', 'ADMINS')])), {}) ?? expect.fail('no violations') });
    expect(refusalMessage(keeping.refusal)).toContain(`replaces 1 group(s) (${A}/ADMINS -> admins), which deletes and creates them again (their members are kept`);
    const dropping = new RefusedError({ kind: 'policy', violations: policyViolations(plan(pool(A, [replace('ops', 'ops', false)])), {}) ?? expect.fail('no violations') });
    expect(refusalMessage(dropping.refusal)).toContain('and drops their members (--drop-members)');
  });
});

describe('policy: deletes', () => {
  it('refuses a delete without allowDelete, and allows it with allowDelete: true only', () => {
    const p = plan(pool(A, [remove('legacy')]), pool(B, [remove('old')]));
    expect(policyViolations(p, {})).toStrictEqual({ providerGroups: [], replaces: [], deletes: [{ poolId: A, name: 'legacy' }, { poolId: B, name: 'old' }] });
    expect(policyViolations(p, { allowReplace: true })?.deletes).toHaveLength(2);
    expect(policyViolations(p, { allowDelete: false })?.deletes).toHaveLength(2);
    expect(policyViolations(p, { allowDelete: true })).toBeUndefined();
  });

  it('refuses both at once, each in its own list', () => {
    const v = policyViolations(plan(pool(A, [remove('legacy'), replace('ops')])), {});
    expect(v).toStrictEqual({ providerGroups: [], replaces: [{ poolId: A, name: 'ops' }], deletes: [{ poolId: A, name: 'legacy' }] });
    expect(worded(() => checkApplyPolicy(plan(pool(A, [remove('legacy'), replace('ops')])), {}))).toEqual({ code: 'APPLY_REFUSED', message: expect.stringContaining('re-run with --allow-replace and --allow-delete if that is intended') });
  });
});

describe('policy: maxDelete', () => {
  it('is 25 by default', () => {
    expect(DEFAULT_MAX_DELETE).toBe(25);
  });

  it('allows 25 deletes and replaces together by default, and refuses 26, counting both', () => {
    const at = plan(pool(A, [...names('d', 13).map(remove), ...names('r', 12).map((n) => replace(n))]));
    expect(policyViolations(at, ALL)).toBeUndefined();
    const over = plan(pool(A, names('d', 13).map(remove)), pool(B, names('r', 13).map((n) => replace(n))));
    expect(policyViolations(over, ALL)).toStrictEqual({ providerGroups: [], replaces: [], deletes: [], overMaxDelete: { removals: 26, maxDelete: 25 } });
    expect(worded(() => checkApplyPolicy(over, ALL))).toEqual({ code: 'APPLY_REFUSED', message: expect.stringContaining('deletes or replaces 26 groups in all, more than --max-delete 25; re-run with --max-delete 26') });
  });

  it('counts removals even when they are not allowed, and names every problem at once', () => {
    const v = policyViolations(plan(pool(A, names('d', 26).map(remove))), {});
    expect(v?.deletes).toHaveLength(26);
    expect(v?.overMaxDelete).toEqual({ removals: 26, maxDelete: 25 });
  });

  it('takes a maxDelete given in place of the default, higher or lower', () => {
    const p = plan(pool(A, names('d', 26).map(remove)));
    expect(policyViolations(p, { ...ALL, maxDelete: 26 })).toBeUndefined();
    expect(policyViolations(p, { ...ALL, maxDelete: 25 })?.overMaxDelete).toEqual({ removals: 26, maxDelete: 25 });
    const one = plan(pool(A, [replace('ops')]));
    expect(policyViolations(one, { ...ALL, maxDelete: 1 })).toBeUndefined();
    expect(policyViolations(one, { ...ALL, maxDelete: 0 })).toStrictEqual({ providerGroups: [], replaces: [], deletes: [], overMaxDelete: { removals: 1, maxDelete: 0 } });
  });

  it('does not count creates, updates, renames or restores as removals', () => {
    const p = plan(pool(A, [...names('c', 10).map(create), ...names('u', 10).map(update), ...names('n', 10).map((n) => rename(n, `old-${n}`)), ...names('s', 10).map(restore)]));
    expect(policyViolations(p, { maxDelete: 0 })).toBeUndefined();
  });
});

describe('policy: provider groups are never deleted, replaced or renamed', () => {
  const google = `${A}_Google`;

  it('refuses deleting one, even with every permission and room under maxDelete', () => {
    const v = policyViolations(plan(pool(A, [remove(google), remove('legacy')])), ALL);
    expect(v).toStrictEqual({ providerGroups: [{ poolId: A, name: google }], replaces: [], deletes: [] });
  });

  it('refuses replacing one, naming the group the pool has (a case-only rename)', () => {
    const v = policyViolations(plan(pool(A, [replace(`${A}_google`, google)])), ALL);
    expect(v).toStrictEqual({ providerGroups: [{ poolId: A, name: google }], replaces: [], deletes: [] });
  });

  it('refuses renaming one away (a rename deletes the group it renames)', () => {
    const v = policyViolations(plan(pool(A, [rename('federated', google)])), ALL);
    expect(v).toStrictEqual({ providerGroups: [{ poolId: A, name: google }], replaces: [], deletes: [] });
    expect(worded(() => checkApplyPolicy(plan(pool(A, [rename('federated', google)])), ALL))).toEqual({ code: 'APPLY_REFUSED', message: expect.stringContaining(`delete provider groups that Cognito manages (${A}/${google})`) });
  });

  it('leaves a rename to an ordinary group, or from one, alone', () => {
    expect(policyViolations(plan(pool(A, [rename(google, 'writers')])), {})).toBeUndefined();
  });

  it('knows a provider group only by its own pool id followed by an underscore and a provider name', () => {
    expect(isProviderGroup(A, google)).toBe(true);
    expect(isProviderGroup(A, `${A}_G`)).toBe(true);
    expect(isProviderGroup(A, `${A}_`)).toBe(false);
    expect(isProviderGroup(A, A)).toBe(false);
    expect(isProviderGroup(A, `${B}_Google`)).toBe(false);
    expect(isProviderGroup(A, `x${A}_Google`)).toBe(false);
    // Not one, so a delete of it is an ordinary delete.
    expect(policyViolations(plan(pool(A, [remove(`${B}_Google`)])), ALL)).toBeUndefined();
  });

  it('checks each pool with its own id', () => {
    const v = policyViolations(plan(pool(A, [remove(`${B}_Google`)]), pool(B, [remove(`${B}_Google`)])), ALL);
    expect(v?.providerGroups).toEqual([{ poolId: B, name: `${B}_Google` }]);
  });
});

describe('policy: member changes', () => {
  const members = (name: string, add: string[], remove: string[], had: number): GroupChange => ({ action: 'update', name, before: {}, after: {}, fields: [], members: { add, remove, had } });

  it('needs no permission for a member change that only adds', () => {
    expect(policyViolations(plan(pool(A, [members('g', ['a', 'b'], [], 0), members('h', ['c'], [], 3)])), {})).toBeUndefined();
  });

  it('names only the groups that lose members, with how many', () => {
    expect(policyViolations(plan(pool(A, [members('g', ['a'], [], 1), members('h', ['c'], ['d', 'e'], 3)])), {})).toStrictEqual({ providerGroups: [], replaces: [], deletes: [], memberRemovals: [{ poolId: A, name: 'h', count: 2 }] });
  });
});

describe('regionOfPoolId', () => {
  it('is the part of the pool id before the first underscore, or the whole id without one', () => {
    expect(regionOfPoolId('eu-west-1_AbC')).toBe('eu-west-1');
    expect(regionOfPoolId('us-east-1_A_B')).toBe('us-east-1');
    expect(regionOfPoolId('local')).toBe('local');
    expect(regionOfPoolId('_Abc')).toBe('');
  });
});

describe('policy: what no flag allows, shown by the plan', () => {
  const google = `${A}_Google`;
  const emptying = (name: string, had: number): GroupChange => ({ action: 'update', name, before: {}, after: {}, fields: [], members: { add: [], remove: names('u', had), had } });

  it('is nothing for a plan that flags alone decide: replaces, deletes, any number of them, member removals', () => {
    const many = Array.from({ length: 30 }, (_, i) => remove(`d${i}`));
    const removing: GroupChange = { action: 'update', name: 'team', before: {}, after: {}, fields: [], members: { add: [], remove: names('u', 40), had: 41 } };
    expect(neverApplied(plan(pool(A, [replace('ops'), ...many, removing])))).toBeUndefined();
    expect(neverApplied(plan())).toBeUndefined();
  });

  it('leaves out a replace that empties its group: planned with --drop-members it drops the members instead', () => {
    const emptyingReplace: GroupChange = { ...replace('ops'), members: { add: [], remove: ['a', 'b'], had: 2 } } as GroupChange;
    expect(policyViolations(plan(pool(A, [emptyingReplace])), ALL)?.emptiedGroups).toEqual([{ poolId: A, name: 'ops', count: 2 }]);
    expect(neverApplied(plan(pool(A, [emptyingReplace])))).toBeUndefined();
    expect(neverApplied(plan(pool(A, [emptyingReplace, emptying('admins', 1)])))).toStrictEqual({ providerGroups: [], emptiedGroups: [{ poolId: A, name: 'admins', count: 1 }] });
  });

  it('names the provider groups a rename or a replace would delete, and the groups a plan would empty', () => {
    expect(neverApplied(plan(pool(A, [rename('google-users', google)])))).toStrictEqual({ providerGroups: [{ poolId: A, name: google }], emptiedGroups: [] });
    expect(neverApplied(plan(pool(A, [create('a'), emptying('admins', 2)])))).toStrictEqual({ providerGroups: [], emptiedGroups: [{ poolId: A, name: 'admins', count: 2 }] });
    expect(neverApplied(plan(pool(A, [replace(google)]), pool(B, [emptying('ops', 1)])))).toStrictEqual({
      providerGroups: [{ poolId: A, name: google }],
      emptiedGroups: [{ poolId: B, name: 'ops', count: 1 }],
    });
  });
});

/** What a refusal says, as the views word it: its code and its one line. */
function worded(run: () => void): { code: string; message: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof RefusedError) return { code: err.code, message: refusalMessage(err.refusal) };
    throw err;
  }
  throw new Error('expected a refusal');
}
