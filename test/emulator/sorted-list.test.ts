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
    type Op = { kind: 'insert' | 'delete'; n: number } | { kind: 'bulk'; from: number; count: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), n: fc.integer({ min: 0, max: 4000 }) }),
      fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 0, max: 4000 }) }),
      fc.record({ kind: fc.constant('bulk' as const), from: fc.integer({ min: 0, max: 4000 }), count: fc.integer({ min: 1, max: 1500 }) }),
    );
    // How often each case came up; the examples make sure every one does, whatever the random runs draw.
    const seen: Record<string, number> = {};
    const saw = (what: string): void => {
      seen[what] = (seen[what] ?? 0) + 1;
    };
    const examples: Array<[Op[], number]> = [
      [[], 7],
      [
        [
          { kind: 'bulk', from: 0, count: 1500 },
          { kind: 'insert', n: 10 },
          { kind: 'insert', n: 3000 },
          { kind: 'delete', n: 10 },
          { kind: 'delete', n: 3999 },
        ],
        60,
      ],
    ];
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 700 }), (ops, pageSize) => {
        const list = new SortedList<{ sortKey: string }>();
        const model = new Set<string>();
        for (const o of ops) {
          if (o.kind === 'bulk') {
            saw('bulk insert');
            const fresh = Array.from({ length: o.count }, (_, i) => item(o.from + i)).filter((x) => !model.has(x.sortKey));
            list.insertMany(fresh);
            for (const x of fresh) model.add(x.sortKey);
          } else {
            const key = item(o.n).sortKey;
            const present = model.has(key);
            saw(`${o.kind} of a key ${present ? 'present' : 'absent'}`);
            if (o.kind === 'insert') {
              expect(list.insert(item(o.n))).toBe(!present);
              model.add(key);
            } else {
              expect(list.delete(key)).toBe(present);
              model.delete(key);
            }
          }
          // Over two chunks' worth of items, a chunk has been split.
          if (list.size > 1024) saw('over 1024 items');
        }
        const expected = [...model].sort();
        expect(list.size).toBe(expected.length);
        expect([...list.values()].map((i) => i.sortKey)).toEqual(expected);
        expect(paged(list, pageSize)).toEqual(expected);
        const middle = expected[Math.floor(expected.length / 2)];
        if (middle !== undefined) {
          saw('a middle key');
          expect([...list.valuesAfter(middle)].map((i) => i.sortKey)).toEqual(expected.filter((k) => k > middle));
          expect(list.has(middle)).toBe(true);
        } else {
          saw('an empty list');
        }
        // A position between keys (a deleted item's key) continues with the next key.
        expect(list.page('k02000x', 3).items.map((i) => i.sortKey)).toEqual(expected.filter((k) => k > 'k02000x').slice(0, 3));
      }),
      { numRuns: 60, examples },
    );
    expect(Object.keys(seen).sort()).toEqual([
      'a middle key',
      'an empty list',
      'bulk insert',
      'delete of a key absent',
      'delete of a key present',
      'insert of a key absent',
      'insert of a key present',
      'over 1024 items',
    ]);
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
