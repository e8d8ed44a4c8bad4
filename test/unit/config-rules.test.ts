// Validation rules of the groups file that guard the pools (src/core/config/parse.ts): lengths accepted only
// when both counts accept them, exactly at the limit; previous names and member lists checked whatever
// shape they come in, never crashing on a value of the wrong type; a user over Cognito's 100 groups
// reported once; warnings about roles and look-alike names only where they apply.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/config/diagnostic.js';
import { parseConfig } from '../../src/core/config/parse.js';

const FILE = 'groups.yaml';

function withGroups(groupsYaml: string): string {
  return `version: 1\nuserPools:\n  - id: eu-west-1_AbC123\n    groups:\n${groupsYaml}`;
}

function errors(text: string): string[] {
  const r = parseConfig(text, FILE);
  if (r.ok) throw new Error(`expected problems, but the file is valid: ${JSON.stringify(r.config)}`);
  return r.errors.map(formatDiagnostic);
}

function warnings(text: string): string[] {
  const r = parseConfig(text, FILE);
  if (!r.ok) throw new Error(`expected a valid file, got:\n${r.errors.map(formatDiagnostic).join('\n')}`);
  return r.warnings.map(formatDiagnostic);
}

describe('lengths in both counts', () => {
  it('refuses a name of exactly 128 characters that is 129 UTF-16 code units', () => {
    const name = `${'n'.repeat(127)}😀`;
    expect([...name]).toHaveLength(128);
    expect(errors(withGroups(`      - name: ${JSON.stringify(name)}\n`))).toEqual([
      'groups.yaml:5:15: userPools[0].groups[0].name: is 128 characters but 129 UTF-16 code units; Cognito allows 128, and may count either, so at most 128 of both are allowed',
    ]);
    expect(warnings(withGroups(`      - name: ${JSON.stringify(`${'n'.repeat(126)}😀`)}\n`))).toEqual([]);
  });

  it('refuses a description of exactly 2048 characters that is 2049 UTF-16 code units', () => {
    const description = `${'d'.repeat(2047)}😀`;
    expect(errors(withGroups(`      - name: g\n        description: ${JSON.stringify(description)}\n`))).toEqual([
      'groups.yaml:6:22: userPools[0].groups[0].description: is 2048 characters but 2049 UTF-16 code units; Cognito allows 2048, and may count either, so at most 2048 of both are allowed',
    ]);
  });
});

describe('previous names', () => {
  it('says a previous name equal to the group\'s own name is its own name, without talk of case', () => {
    expect(errors(withGroups('      - name: admins\n        previously: admins\n'))).toEqual([
      'groups.yaml:6:21: userPools[0].groups[0].previously: "admins" is this group\'s own name; leave it out of previously',
    ]);
  });

  it('lets a group repeat one of its own previous names (only another group taking it is refused)', () => {
    expect(warnings(withGroups('      - name: editors\n        previously: [writers, WRITERS]\n'))).toEqual([]);
  });

  it('checks the previous names of a group whose name is not text without failing itself', () => {
    expect(errors(withGroups('      - name: 5\n        previously: [old]\n      - name: other\n        previously: [old]\n'))).toEqual([
      'groups.yaml:5:15: userPools[0].groups[0].name: must be string, got 5; expected 1..128 letters, marks, symbols, digits or punctuation, no spaces',
      'groups.yaml:8:22: userPools[0].groups[1].previously[0]: "old" is also a previous name of groups[0]; only one group can be renamed from it',
    ]);
  });
});

describe('members', () => {
  it('refuses a user listed twice in an include list, at the second', () => {
    expect(errors(withGroups('      - name: g\n        members:\n          include: [alice, bob, alice]\n'))).toEqual([
      'groups.yaml:7:33: userPools[0].groups[0].members.include[2]: user "alice" is listed twice in this group (first at 0); list each member once',
    ]);
  });

  it('reports a member that is not text without failing itself', () => {
    const found = errors(withGroups('      - name: g\n        members: [5, alice]\n'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^groups\.yaml:6:19: userPools\[0\]\.groups\[0\]\.members\[0\]: must be string, got 5/);
  });

  it('reports a user in more than 100 groups once, at the 101st, counting include lists and case-folded names', () => {
    const groups = Array.from({ length: 102 }, (_, i) => (i % 2 === 0 ? `      - name: g${i}\n        members: [Alice]\n` : `      - name: g${i}\n        members:\n          include: [alice]\n`)).join('');
    const found = errors(withGroups(groups));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^groups\.yaml:\d+:\d+: userPools\[0\]\.groups\[100\]\.members\[0\]: user "Alice" is listed in more than 100 groups of this pool; Cognito lets a user be in at most 100$/);
    const atLimit = Array.from({ length: 100 }, (_, i) => `      - name: g${i}\n        members: [alice]\n`).join('');
    expect(warnings(withGroups(atLimit))).toEqual([]);
  });
});

describe('reserved names', () => {
  it('refuses every name under the reserved prefix, and no other', () => {
    expect(errors(withGroups('      - name: cognito-groups.mine\n      - name: cognito-groups.hold.0123456789abcdef\n')).map((e) => e.split(': ')[1])).toEqual([
      'userPools[0].groups[0].name',
      'userPools[0].groups[1].name',
    ]);
    expect(warnings(withGroups('      - name: cognito-groups\n      - name: my-cognito-groups.x\n      - name: cognito-groupsx\n'))).toEqual([]);
  });

  it('refuses the reserved prefix in any case: Cognito names are equal ignoring case, so COGNITO-GROUPS.HOLD.x is a holding group', () => {
    expect(errors(withGroups('      - name: COGNITO-GROUPS.HOLD.0123456789abcdef\n      - name: ops\n'))).toEqual([
      'groups.yaml:5:15: userPools[0].groups[0].name: group names starting with "cognito-groups." are reserved: cognito-groups keeps members there while it moves them, and the lease of a running apply (cognito-groups.lock); choose another name',
    ]);
  });
});

describe('warnings', () => {
  it('warns of no shared precedence between groups that have none', () => {
    expect(warnings(withGroups('      - name: a\n        roleArn: arn:aws:iam::123456789012:role/A\n      - name: b\n        roleArn: arn:aws:iam::123456789012:role/B\n'))).toEqual([]);
  });

  it('names the first of several look-alike names in each warning', () => {
    const names = ['café', 'cafe\u0301', 'caf\u034fé'];
    const found = warnings(withGroups(names.map((n) => `      - name: ${JSON.stringify(n)}\n`).join('')));
    expect(found.filter((w) => w.includes('looks the same as'))).toEqual([
      `groups.yaml:6:15: userPools[0].groups[1].name: group name ${JSON.stringify(names[1])} looks the same as "café" (groups[0]) but differs in Unicode normalization or invisible characters; Cognito keeps them as two groups`,
      `groups.yaml:7:15: userPools[0].groups[2].name: group name ${JSON.stringify(names[2])} looks the same as "café" (groups[0]) but differs in Unicode normalization or invisible characters; Cognito keeps them as two groups`,
    ]);
  });
});

describe('files of the wrong shape are reported, never crash the checks', () => {
  const head = 'version: 1\nuserPools:\n  - id: eu-west-1_AbC123\n    groups:\n';

  it('reports an empty pool or group entry, and a previous name that is not text', () => {
    expect(errors('version: 1\nuserPools:\n  - ~\n')).toEqual(['groups.yaml:3:5: userPools[0]: must be object, got nothing; expected one Cognito user pool and the groups it must have: named by its id, or (in a file with environments) by a key each environment maps to a pool id']);
    expect(errors(`${head}      - ~\n`)).toEqual(['groups.yaml:5:9: userPools[0].groups[0]: must be object, got nothing; expected one group']);
    expect(errors(`${head}      - name: a\n        previously: [5]\n`)).toEqual([
      'groups.yaml:6:22: userPools[0].groups[0].previously[0]: must be string, got 5; expected a group name: 1..128 letters, marks, symbols, digits or punctuation, no spaces',
    ]);
  });

  it('points at the line of a problem in the eleventh group and beyond', () => {
    const groups = Array.from({ length: 11 }, (_, i) => `      - name: g${i}\n`).join('');
    expect(errors(`${head}${groups}        precedence: -1\n`)).toEqual(['groups.yaml:16:21: userPools[0].groups[10].precedence: -1 is not allowed; expected an integer from 0 to 2147483647']);
  });

  it('refuses several YAML documents in one file', () => {
    expect(errors('version: 1\n---\nversion: 1\n')).toEqual(['groups.yaml:2:1: (file): the file holds several YAML documents (separated by ---); put everything in one']);
  });

  it('names a duplicate key as such beside a syntax error', () => {
    expect(errors(`${head}      - name: a\n        precedence: 1\n        precedence: 2\n      - name: "b\n`)).toEqual([
      'groups.yaml:7:9: (file): duplicate key "precedence"; each key may appear only once in a mapping',
      // The parser finds the quote unclosed at the end of the text; the file has 8 lines.
      'groups.yaml:8:16: (file): YAML syntax: Missing closing "quote',
    ]);
  });

  it('reports an alias without its anchor at the alias, and accepts an anchor used 150 times', () => {
    expect(errors(`${head}      - name: a\n        description: *nope\n`)).toEqual(['groups.yaml:6:22: (file): YAML: Unresolved alias (the anchor must be set before the alias): nope']);
    const reused = Array.from({ length: 150 }, (_, i) => `      - name: g${i}\n        description: *d\n`).join('');
    expect(warnings(`${head}      - name: a\n        description: &d hello\n${reused}`)).toEqual([]);
  });

  it('orders problems on one line by column', () => {
    expect(errors(`${head}      - {precendence: 1, name: "a b"}\n`).map((e) => e.split(': ')[0])).toEqual(['groups.yaml:5:10', 'groups.yaml:5:32']);
  });

  it('gives no warnings with problems, and a group only the fields the file gives it', () => {
    for (const text of ['', 'a: [', `${head}      - name: "a b"\n`]) {
      const r = parseConfig(text, FILE);
      expect(r.ok).toBe(false);
      expect(r.warnings).toEqual([]);
    }
    const r = parseConfig(`${head}      - name: a\n      - name: b\n        precedence: 0\n`, FILE);
    expect(r.ok ? r.config.userPools[0]?.groups : undefined).toStrictEqual([{ name: 'a' }, { name: 'b', precedence: 0 }]);
  });
});
