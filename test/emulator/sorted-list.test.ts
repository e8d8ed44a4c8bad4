import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedList } from '../../src/emulator/sorted-list.js';

function item(n: number): { sortKey: string } {
  return { sortKey: `k${String(n).padStart(5, '0')}` };
}

/** Every key, read back a page at a time as a listing would. */
function paged(list: SortedList<{ sortKey: string }>, size: number): string[] {
  const out: string[] = [];
  let after: string | undefined;
  do {
    const page = list.page(after, size);
    out.push(...page.items.map((i) => i.sortKey));
    after = page.continueAfter;
  } while (after !== undefined);
  return out;
}

describe('SortedList (the index behind user and member listings)', () => {
  it('matches a sorted set under any mix of inserts, bulk inserts and deletes, across chunk splits', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), n: fc.integer({ min: 0, max: 4000 }) }),
      fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 0, max: 4000 }) }),
      fc.record({ kind: fc.constant('bulk' as const), from: fc.integer({ min: 0, max: 4000 }), count: fc.integer({ min: 1, max: 1500 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 700 }), (ops, pageSize) => {
        const list = new SortedList<{ sortKey: string }>();
        const model = new Set<string>();
        for (const o of ops) {
          if (o.kind === 'insert') expect(list.insert(item(o.n))).toBe(!model.has(item(o.n).sortKey));
          if (o.kind === 'delete') expect(list.delete(item(o.n).sortKey)).toBe(model.has(item(o.n).sortKey));
          if (o.kind === 'insert') model.add(item(o.n).sortKey);
          if (o.kind === 'delete') model.delete(item(o.n).sortKey);
          if (o.kind === 'bulk') {
            const fresh = Array.from({ length: o.count }, (_, i) => item(o.from + i)).filter((x) => !model.has(x.sortKey));
            list.insertMany(fresh);
            for (const x of fresh) model.add(x.sortKey);
          }
        }
        const expected = [...model].sort();
        expect(list.size).toBe(expected.length);
        expect([...list.values()].map((i) => i.sortKey)).toEqual(expected);
        expect(paged(list, pageSize)).toEqual(expected);
        const middle = expected[Math.floor(expected.length / 2)];
        if (middle !== undefined) {
          expect([...list.valuesAfter(middle)].map((i) => i.sortKey)).toEqual(expected.filter((k) => k > middle));
          expect(list.has(middle)).toBe(true);
        }
        // A position between keys (a deleted item's key) continues with the next key.
        expect(list.page('k02000x', 3).items.map((i) => i.sortKey)).toEqual(expected.filter((k) => k > 'k02000x').slice(0, 3));
      }),
      { numRuns: 60 },
    );
  });

  it('stays ordered when single inserts split chunks many times and deletes empty them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 2500, maxLength: 4000 }), (keys) => {
        const list = new SortedList<{ sortKey: string }>();
        for (const k of keys) list.insert(item(k));
        const unique = [...new Set(keys.map((k) => item(k).sortKey))].sort();
        expect(paged(list, 60)).toEqual(unique);
        const removed = unique.filter((_, i) => i % 3 !== 0);
        for (const k of removed) expect(list.delete(k)).toBe(true);
        expect(paged(list, 60)).toEqual(unique.filter((_, i) => i % 3 === 0));
      }),
      { numRuns: 5 },
    );
  });
});
