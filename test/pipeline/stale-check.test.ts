// checkStaleness (pure): what a saved plan saw of the groups it touches against what the pools have now.
import { describe, expect, it } from 'vitest';
import type { DesiredGroup, DesiredPool } from '../../src/core/config/model.js';
import { computePoolPlan } from '../../src/core/plan/compute.js';
import type { ObservedGroup } from '../../src/core/plan/model.js';
import { buildPlanDocument } from '../../src/core/saved-plan/build.js';
import { changedElsewhereLines, staleLines } from '../../src/faces/render/stale.js';
import { checkStaleness as check } from '../../src/core/saved-plan/stale.js';
import { ROLE } from './helpers.js';

const A = 'eu-west-1_StaleA';
const B = 'eu-west-1_StaleB';

/** A saved plan of pool A (and optionally B) and the listings it was made from. */
function saved(pools: Array<{ id: string; groups: DesiredGroup[]; observed: ObservedGroup[]; unmanagedGroups?: DesiredPool['unmanagedGroups'] }>) {
  const plan = { pools: pools.map((p) => computePoolPlan({ id: p.id, region: 'eu-west-1', unmanagedGroups: p.unmanagedGroups ?? 'keep', groups: p.groups }, p.observed)) };
  const observed = new Map(pools.map((p) => [p.id, p.observed]));
  const doc = buildPlanDocument({ plan: plan, observed: observed }, { toolVersion: 't', createdAt: new Date(0), desiredFile: { path: 'g.yaml', text: '' }, target: 'aws', summaryText: 'Plan: (summary)' });
  return { doc, observed };
}

/** Pool A: `SUPPORT` replaced by `Support` (case), `editors` replaced (its role goes), `legacy` deleted, `admins` created, `same` and `other` untouched. */
const base = () =>
  saved([
    {
      id: A,
      unmanagedGroups: 'delete',
      groups: [{ name: 'admins' }, { name: 'editors', description: 'new' }, { name: 'Support' }, { name: 'same', precedence: 1 }],
      observed: [{ name: 'SUPPORT' }, { name: 'editors', description: 'old', roleArn: ROLE }, { name: 'legacy', precedence: 4 }, { name: 'same', precedence: 1 }],
    },
    { id: B, groups: [{ name: 'b' }], observed: [{ name: 'other', description: 'x' }] },
  ]);

const now = (changes: { a?: ObservedGroup[]; b?: ObservedGroup[] }, doc = base()) => new Map([[A, changes.a ?? doc.observed.get(A) ?? []], [B, changes.b ?? doc.observed.get(B) ?? []]]);

/** The check as a reader sees it: its data worded by the renderer. */
function checkStaleness(...args: Parameters<typeof check>): { stale: string[]; notes: string[] } {
  const s = check(...args);
  return { stale: staleLines(s), notes: changedElsewhereLines(s) };
}

describe('checkStaleness', () => {
  it('records the whole listing, and finds nothing when the pools are as planned', () => {
    const { doc, observed } = base();
    expect(doc.pools[0]?.changes.map((c) => `${c.action} ${c.name}`)).toEqual(['replace Support', 'create admins', 'replace editors', 'delete legacy']);
    expect(doc.pools[0]?.observed.map((g) => g.name)).toEqual(['SUPPORT', 'editors', 'legacy', 'same']);
    expect(doc.pools[1]?.observed).toEqual([{ name: 'other', description: 'x' }]);
    expect(checkStaleness(doc, observed)).toEqual({ stale: [], notes: [] });
    // Listing order does not matter.
    expect(checkStaleness(doc, new Map([...observed].map(([k, v]) => [k, [...v].reverse()])))).toEqual({ stale: [], notes: [] });
  });

  it('names every difference in the groups the plan touches, sorted, across pools', () => {
    const { doc } = base();
    const result = checkStaleness(
      doc,
      now({
        a: [
          { name: 'Support' }, // renamed (case) behind the plan's back
          { name: 'editors', description: 'old' }, // roleArn removed
          { name: 'ADMINS', precedence: 2 }, // created since, other case
          { name: 'same', precedence: 1 },
          // legacy deleted
        ],
        b: [{ name: 'other', description: 'x' }, { name: 'B' }],
      }),
    );
    expect(result.stale).toEqual([
      `${A}: "ADMINS" was created since the plan (the plan creates a group of that name)`,
      `${A}: "editors" changed since the plan: roleArn "${ROLE}" -> (none)`,
      `${A}: "legacy" was deleted since the plan`,
      `${A}: "SUPPORT" is now named "Support"`,
      `${B}: "B" was created since the plan (the plan creates a group of that name)`,
    ]);
    expect(result.notes).toEqual([]);
  });

  it('reports a field change on a group to delete or replace', () => {
    const { doc } = base();
    const a = [{ name: 'SUPPORT', description: 'added' }, { name: 'editors', description: 'old', roleArn: ROLE }, { name: 'legacy', precedence: 5 }, { name: 'same', precedence: 1 }];
    expect(checkStaleness(doc, now({ a })).stale).toEqual([`${A}: "legacy" changed since the plan: precedence 4 -> 5`, `${A}: "SUPPORT" changed since the plan: description (none) -> "added"`]);
  });

  it('treats a pool that lists nothing now as every observed group deleted', () => {
    const { doc } = base();
    expect(checkStaleness(doc, new Map([[B, [{ name: 'other', description: 'x' }]]])).stale).toEqual([
      `${A}: "editors" was deleted since the plan`,
      `${A}: "legacy" was deleted since the plan`,
      `${A}: "SUPPORT" was deleted since the plan`,
    ]);
  });

  it('names, without making the plan stale, each group the plan does not touch that changed', () => {
    const { doc, observed } = base();
    const a = [...(observed.get(A) ?? []).filter((g) => g.name !== 'same'), { name: 'same', precedence: 2 }];
    const b = [{ name: 'other', description: 'y' }, { name: 'newcomer' }];
    expect(checkStaleness(doc, now({ a, b }))).toEqual({
      stale: [],
      notes: [
        `${A}: "same" changed since the plan: precedence 1 -> 2 (the plan does not touch it; applying only the planned changes)`,
        `${B}: "newcomer" was created since the plan (the plan does not touch it; applying only the planned changes)`,
        `${B}: "other" changed since the plan: description "x" -> "y" (the plan does not touch it; applying only the planned changes)`,
      ],
    });
    // A group removed elsewhere is noted too.
    expect(checkStaleness(doc, now({ b: [] })).notes).toEqual([`${B}: "other" was deleted since the plan (the plan does not touch it; applying only the planned changes)`]);
  });
});
