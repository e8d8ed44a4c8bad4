// The fast path and the positional parser agree: whatever the fast path accepts, the positional
// parser reads without an error and as the same values. Property-based, over documents in every
// quoting style, with unusual scalars, anchors and aliases, tags, merge keys, duplicate keys and
// several documents; and alias expansion is bounded in both (the fast path takes no alias at all).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { fastLoad } from '../../src/core/config/fast-yaml.js';
import { parseConfig } from '../../src/core/config/parse.js';

/** What the positional parser makes of a text: its values, or 'error'. */
function positional(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return 'error';
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return 'error';
  }
}

/** Scalars whose meaning differs between YAML versions and schemas, written plain. */
const UNUSUAL = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'TRUE', 'null', 'Null', '~', '', '0o17', '017', '0x1F', '0b101', '1_000', '+12', '-0', '.5', '5.',
  '1e3', '1E-3', '.inf', '-.Inf', '.NaN', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30:00', '1:20', '=', '<<', '!', '&', '*', '@x', '`x', '%x',
  'a: b', 'a #b', '#x', '"q"', "'q'", '[a]', '{a: 1}', '- x', '? x', '|', '>', 'x\\ny', 'ünïcödé', '😀', '\\u00e9',
];

/** A plain scalar token as it may appear in a file (not quoted: the parsers decide what it is). */
const plainToken = fc.constantFrom(...UNUSUAL.filter((s) => s !== '' && !/^[[{>|!&*%@`#"'?-]|: | #|^- /.test(s)));

/** Keys as a file may spell them. */
const key = fc.oneof(fc.constantFrom('name', 'description', 'precedence', 'roleArn', 'id', 'groups', 'userPools', 'version', '<<', 'yes', '1', 'a b', 'é'), fc.string({ maxLength: 6 }));

/** A value tree with strings from the unusual list and random text, numbers, booleans and null. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('list'), tie('map')),
  leaf: fc.oneof(fc.constantFrom(...UNUSUAL), fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null)),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
})).tree;

/** A document written by the yaml library in one of its styles. */
const styled = fc
  .record({
    data: value,
    stringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
    collection: fc.constantFrom('any', 'block', 'flow'),
    indent: fc.integer({ min: 1, max: 4 }),
    start: fc.boolean(),
  })
  .map(({ data, stringType, collection, indent, start }) =>
    stringify(data, { defaultStringType: stringType as 'PLAIN', defaultKeyType: 'PLAIN', collectionStyle: collection as 'any', indent, directives: start, lineWidth: 20 }),
  );

/** A hand-made document: lines of `key: token`, nested lists, anchors, aliases, tags, merges, repeats. */
const handmade = fc
  .array(
    fc.oneof(
      fc.tuple(key.filter((k) => /^[\w-]+$/.test(k)), plainToken).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(key.filter((k) => /^[\w-]+$/.test(k)), plainToken).map(([k, v]) => `${k}:\n  - ${v}\n  - x`),
      fc.constantFrom(
        'a: &x 1\nb: *x',
        'base: &b {x: 1}\nother:\n  <<: *b\n  y: 2',
        'a: !!str 12',
        'a: !custom x',
        'a: 1\na: 2',
        '? [a, b]\n: c',
        'a: |\n  one\n  two\n',
        'a: >-\n  one\n  two\n',
        'a: "tab\\there"',
        "a: 'it''s'",
        'a: "\\x41\\u00e9\\N\\_"',
        'a: [1, 2,]',
        'a: {b: c, d}',
        '--- \na: 1\n--- \nb: 2',
        '%YAML 1.2\n---\na: 1',
        'a: 1 # comment',
        'a:   spaced   ',
        'a: "multi\n  line"',
        'a: plain\n  continued',
        'a: |2-\n   two spaces\n',
        '|1-\n !\n',
        '~: 1',
        'null: x',
        'a:\n  - NULL : 2',
        '[main]: 1',
        '{a: b}: c',
        'a: {: 1}',
        'x: [~: 1]',
        '"": empty',
        'a: !',
        'a: {~}',
        'a: {b, null}',
        'a: {[b]}',
        'a: {? }',
        'a: "quoted"#comment',
        'a: [b,\n c]',
        'x:\n  - [a,\n b]',
        '--- a: b',
        'a: "\\U00110000"',
        'a: 1\rb: 2',
        `${'k'.repeat(1100)}: v`,
      ),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((lines) => `${lines.join('\n')}\n`);

describe('the fast path agrees with the positional parser', () => {
  it('reads whatever it accepts exactly as the positional parser does', () => {
    let accepted = 0;
    let declined = 0;
    fc.assert(
      fc.property(fc.oneof(styled, handmade), (text) => {
        const fast = fastLoad(text);
        if (fast === undefined) {
          declined++;
          return;
        }
        accepted++;
        expect(positional(text), text).toEqual(fast);
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 3000) },
    );
    // Both outcomes happen, so the property says something about each.
    expect(accepted).toBeGreaterThan(500);
    expect(declined).toBeGreaterThan(100);
  });

  it('declines every alias, anchor, tag, merge key, complex key, null key, collection key and directive, and several documents', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: *x\n', 'a: !!str 1\n', 'a: !x y\n', 'b:\n  <<: {x: 1}\n', '? a\n: b\n', '%YAML 1.2\n---\na: 1\n', 'a: 1\n---\nb: 2\n', 'a: 1\na: 2\n', '~: 1\n', 'null: 1\n', '- Null : 1\n', 'a: {: 1}\n', 'x: [~: 1]\n', '[main]: 1\n', '{a: b}: 1\n', 'a: !\n', 'a: {~}\n', 'a: {b, null}\n', 'a: {[b]}\n', 'a: "x"#c\n', 'a: [b,\n c]\n', '--- a: b\n', 'a: "\\U00110000"\n', 'a: 1\rb: 2\n', `${'k'.repeat(1025)}: v\n`]) {
      expect(fastLoad(text), text).toBeUndefined();
    }
  });

  it('bounds alias expansion: the fast path takes none, the positional parser refuses a billion laughs', () => {
    const laughs = ['version: 1', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), 'userPools: []', ''].join('\n');
    expect(fastLoad(laughs)).toBeUndefined();
    const result = parseConfig(laughs, 'laughs.yaml');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^YAML: Excessive alias count/)]);
  });

  it('gives the same config and diagnostics whichever way a file is read', () => {
    // A valid file the fast path reads, and the same file with one problem (read with positions).
    const good = 'version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups:\n      - name: admins\n        precedence: 1\n';
    expect(fastLoad(good)).toBeDefined();
    const fastResult = parseConfig(good, 'g.yaml');
    // An anchor makes the fast path decline: the positional parser gives the same config.
    const slowResult = parseConfig(good.replace('name: admins', 'name: &n admins'), 'g.yaml');
    expect(slowResult).toEqual(fastResult);
    const bad = parseConfig(good.replace('precedence: 1', 'precedence: -1'), 'g.yaml');
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.line}:${e.column}`)).toEqual(['6:21']);
  });
});
