import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/core/config/diagnostic.js';
import type { DesiredConfig } from '../../src/core/config/model.js';
import { parseConfig } from '../../src/core/config/parse.js';
import { readConfigFile } from '../../src/edge/files/read-config.js';
import { CgError } from '../../src/core/errors.js';

const FILE = 'groups.yaml';

function parsed(text: string): { config: DesiredConfig; warnings: string[] } {
  const r = parseConfig(text, FILE);
  if (!r.ok) throw new Error(`expected a valid file, got:\n${r.errors.map(formatDiagnostic).join('\n')}`);
  return { config: r.config, warnings: r.warnings.map(formatDiagnostic) };
}

function errorDiagnostics(text: string): Diagnostic[] {
  const r = parseConfig(text, FILE);
  if (r.ok) throw new Error(`expected problems, but the file is valid: ${JSON.stringify(r.config)}`);
  return r.errors;
}

function errors(text: string): string[] {
  return errorDiagnostics(text).map(formatDiagnostic);
}

/** A file with one pool (`eu-west-1_AbC123`) whose groups list starts on line 5. */
function withGroups(groupsYaml: string): string {
  return `version: 1\nuserPools:\n  - id: eu-west-1_AbC123\n    groups:\n${groupsYaml}`;
}

/** A file with one group whose fields are given as YAML lines; the group's `name:` is on line 5, the first extra field on line 6. */
function oneGroup(name: string, ...fieldLines: string[]): string {
  return withGroups(`      - name: ${JSON.stringify(name)}\n${fieldLines.map((l) => `        ${l}\n`).join('')}`);
}

function poolFile(id: string, extra = ''): string {
  return `version: 1\nuserPools:\n  - id: ${JSON.stringify(id)}\n${extra}    groups: []\n`;
}

const ROLE = 'arn:aws:iam::123456789012:role/Admins';

describe('parseConfig: valid files', () => {
  it('parses the repository example file into the config it describes', async () => {
    const text = await readFile(new URL('../../groups.example.yaml', import.meta.url), 'utf8');
    const { config, warnings } = parsed(text);
    expect(warnings).toEqual([]);
    expect(config).toEqual({
      version: 1,
      settings: {},
      userPools: [
        {
          id: 'eu-west-1_AbCdEf123',
          region: 'eu-west-1',
          unmanagedGroups: 'keep',
          groups: [
            { name: 'admins', description: 'Full access to the admin console', precedence: 0, roleArn: 'arn:aws:iam::123456789012:role/Admins' },
            { name: 'editors', description: 'Can edit content but not settings', precedence: 10, roleArn: 'arn:aws:iam::123456789012:role/Editors' },
            { name: 'viewers', description: 'Read-only access', precedence: 100 },
            { name: 'beta-testers' },
          ],
        },
      ],
    });
  });

  it('takes the region from the pool id unless region is given, and reads settings and unmanagedGroups', () => {
    const { config } = parsed(
      'version: 1\nsettings:\n  maxRps: 2.5\nuserPools:\n' +
        '  - id: us-east-2_Xyz\n    groups: []\n' +
        '  - id: local_Pool9\n    region: ap-southeast-2\n    unmanagedGroups: delete\n    groups: []\n',
    );
    expect(config.settings).toEqual({ maxRps: 2.5 });
    expect(config.userPools.map((p) => [p.id, p.region, p.unmanagedGroups])).toEqual([
      ['us-east-2_Xyz', 'us-east-2', 'keep'],
      ['local_Pool9', 'ap-southeast-2', 'delete'],
    ]);
  });

  it('treats null fields as absent', () => {
    const { config } = parsed(oneGroup('admins', 'description: null', 'precedence: ~', 'roleArn:'));
    expect(config.userPools[0]?.groups).toEqual([{ name: 'admins' }]);
    expect(Object.keys(config.userPools[0]?.groups[0] ?? {})).toEqual(['name']);
  });

  it('allows the same group name in two different pools', () => {
    const { config } = parsed('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups: [{name: admins}]\n  - id: eu-west-1_B\n    groups: [{name: Admins}]\n');
    expect(config.userPools.map((p) => p.groups[0]?.name)).toEqual(['admins', 'Admins']);
  });
});

describe('parseConfig: group name', () => {
  it('accepts 1 and 128 characters', () => {
    expect(parsed(oneGroup('a')).config.userPools[0]?.groups[0]?.name).toBe('a');
    expect(parsed(oneGroup('n'.repeat(128))).config.userPools[0]?.groups[0]?.name).toHaveLength(128);
  });

  it('rejects 129 characters, at the value', () => {
    expect(errors(oneGroup('n'.repeat(129)))).toEqual([
      'groups.yaml:5:15: userPools[0].groups[0].name: must be at most 128 characters, got 129; expected 1..128 letters, marks, symbols, digits or punctuation, no spaces',
    ]);
  });

  it('rejects an empty name', () => {
    const found = errors(oneGroup(''));
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found[0]).toBe(
      'groups.yaml:5:15: userPools[0].groups[0].name: must be at least 1 characters, got 0; expected 1..128 letters, marks, symbols, digits or punctuation, no spaces',
    );
  });

  it.each([
    ['emoji', '👍rocket🚀'],
    ['punctuation Cognito allows', 'team/eu:admins_v2-beta.test'],
    ['symbols', '@+=,$^~|'],
    ['non-Latin letters and marks', 'Ädmins-管理者-é'],
    ['digits only', '12345'],
  ])('accepts %s (%s)', (_what, name) => {
    expect(parsed(oneGroup(name)).config.userPools[0]?.groups[0]?.name).toBe(name);
  });

  it.each([
    ['a space inside', 'site admins'],
    ['a trailing space', 'admins '],
    ['a leading space', ' admins'],
    ['a tab', 'a\tb'],
    ['a newline', 'a\nb'],
    ['a no-break space', 'a\u00a0b'],
  ])('rejects a name with %s, matching the whole value', (_what, name) => {
    expect(errors(oneGroup(name))).toEqual([
      `groups.yaml:5:15: userPools[0].groups[0].name: ${JSON.stringify(name)} is not allowed; expected 1..128 letters, marks, symbols, digits or punctuation, no spaces`,
    ]);
  });

  it('rejects a number where a name is expected', () => {
    expect(errors(withGroups('      - name: 123\n'))).toEqual([
      'groups.yaml:5:15: userPools[0].groups[0].name: must be string, got 123; expected 1..128 letters, marks, symbols, digits or punctuation, no spaces',
    ]);
  });
});

describe('parseConfig: description, roleArn, precedence', () => {
  it('accepts a description of 2048 characters and rejects 2049', () => {
    expect(parsed(oneGroup('a', `description: ${'d'.repeat(2048)}`)).config.userPools[0]?.groups[0]?.description).toHaveLength(2048);
    expect(errors(oneGroup('a', `description: ${'d'.repeat(2049)}`))).toEqual([
      'groups.yaml:6:22: userPools[0].groups[0].description: must be at most 2048 characters, got 2049; expected text of at most 2048 characters',
    ]);
  });

  it('accepts roleArns of 20 and 2048 characters', () => {
    const shortest = 'arn:aws:iam::1:r/XYZ';
    const prefix = 'arn:aws:iam::123456789012:role/';
    const longest = prefix + 'r'.repeat(2048 - prefix.length);
    expect(shortest).toHaveLength(20);
    expect(longest).toHaveLength(2048);
    expect(parsed(oneGroup('a', `roleArn: ${shortest}`)).config.userPools[0]?.groups[0]?.roleArn).toBe(shortest);
    expect(parsed(oneGroup('a', `roleArn: ${longest}`)).config.userPools[0]?.groups[0]?.roleArn).toBe(longest);
  });

  it('rejects roleArns of 19 and 2049 characters', () => {
    const prefix = 'arn:aws:iam::123456789012:role/';
    expect(errors(oneGroup('a', 'roleArn: arn:aws:iam::1:r/XY'))).toEqual([
      'groups.yaml:6:18: userPools[0].groups[0].roleArn: must be at least 20 characters, got 19; expected an IAM role ARN of 20..2048 characters such as arn:aws:iam::123456789012:role/Admins',
    ]);
    const tooLong = errors(oneGroup('a', `roleArn: ${prefix}${'r'.repeat(2049 - prefix.length)}`));
    expect(tooLong).toEqual([
      'groups.yaml:6:18: userPools[0].groups[0].roleArn: must be at most 2048 characters, got 2049; expected an IAM role ARN of 20..2048 characters such as arn:aws:iam::123456789012:role/Admins',
    ]);
  });

  it.each([
    ['a non-numeric account', 'arn:aws:iam::abc:role/Admins'],
    ['no arn: prefix', 'aws:iam::123456789012:role/Admins'],
    ['a space', 'arn:aws:iam::123456789012:role/Site Admins'],
    ['a missing resource', 'arn:aws:iam::123456789012:'],
  ])('rejects a roleArn with %s', (_what, arn) => {
    expect(errors(oneGroup('a', `roleArn: ${JSON.stringify(arn)}`))).toEqual([
      `groups.yaml:6:18: userPools[0].groups[0].roleArn: ${JSON.stringify(arn)} is not allowed; expected an IAM role ARN of 20..2048 characters such as arn:aws:iam::123456789012:role/Admins`,
    ]);
  });

  it('accepts precedence 0 and 2147483647', () => {
    const { config } = parsed(withGroups('      - name: a\n        precedence: 0\n      - name: b\n        precedence: 2147483647\n'));
    expect(config.userPools[0]?.groups.map((g) => g.precedence)).toEqual([0, 2147483647]);
  });

  it.each([
    ['2147483648', '2147483648 is not allowed; expected an integer from 0 to 2147483647'],
    ['-1', '-1 is not allowed; expected an integer from 0 to 2147483647'],
    ['1.5', 'must be integer or null, got 1.5; expected an integer from 0 to 2147483647'],
    ['"5"', 'must be integer or null, got "5"; expected an integer from 0 to 2147483647'],
    ['high', 'must be integer or null, got "high"; expected an integer from 0 to 2147483647'],
  ])('rejects precedence %s', (value, message) => {
    expect(errors(oneGroup('a', `precedence: ${value}`))).toEqual([`groups.yaml:6:21: userPools[0].groups[0].precedence: ${message}`]);
  });
});

describe('parseConfig: pools, version, settings', () => {
  it('accepts a pool id of 55 characters and rejects 56', () => {
    const id55 = `eu-west-1_${'A'.repeat(45)}`;
    expect(id55).toHaveLength(55);
    expect(parsed(poolFile(id55)).config.userPools[0]?.id).toBe(id55);
    expect(errors(poolFile(`${id55}B`))).toEqual([
      expect.stringMatching(/^groups\.yaml:3:9: userPools\[0\]\.id: must be at most 55 characters, got 56; expected /),
    ]);
  });

  it.each([
    ['no underscore', 'euwest1'],
    ['a dash after the underscore', 'eu-west-1_Ab-C'],
    ['a space', 'eu west-1_Abc'],
    ['nothing after the underscore', 'eu-west-1_'],
  ])('rejects a pool id with %s', (_what, id) => {
    expect(errors(poolFile(id))).toEqual([expect.stringMatching(new RegExp(`^groups\\.yaml:3:9: userPools\\[0\\]\\.id: ${escapeRegExp(JSON.stringify(id))} is not allowed; expected `, 'i'))]);
  });

  it('rejects a region override that is not a region', () => {
    expect(errors(poolFile('eu-west-1_A', '    region: Europe\n'))).toEqual([
      'groups.yaml:4:13: userPools[0].region: "Europe" is not allowed; expected an AWS region such as eu-west-1',
    ]);
  });

  it('rejects an unmanagedGroups policy other than keep or delete', () => {
    expect(errors(poolFile('eu-west-1_A', '    unmanagedGroups: remove\n'))).toEqual([
      'groups.yaml:4:22: userPools[0].unmanagedGroups: must be one of "keep", "delete", got "remove"',
    ]);
  });

  it.each([
    ['2', 'must be 1, got 2'],
    ['"1"', 'must be 1, got "1"'],
  ])('rejects version %s', (value, message) => {
    expect(errors(`version: ${value}\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n`)).toEqual([`groups.yaml:1:10: version: ${message}`]);
  });

  it('rejects a maxRps outside 0.1..1000', () => {
    expect(errors('version: 1\nsettings:\n  maxRps: 0.05\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n')).toEqual([
      expect.stringMatching(/^groups\.yaml:3:11: settings\.maxRps: 0\.05 is not allowed; expected a number from 0\.1 to 1000$/i),
    ]);
    expect(errors('version: 1\nsettings:\n  maxRps: 1001\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n')).toHaveLength(1);
  });

  it('requires at least one pool', () => {
    expect(errors('version: 1\nuserPools: []\n')).toEqual(['groups.yaml:2:12: userPools: must list at least 1 item']);
  });

  it('rejects a pool id listed twice, pointing at the second', () => {
    expect(errors('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n  - id: eu-west-1_A\n    groups: []\n')).toEqual([
      'groups.yaml:5:9: userPools[1].id: duplicate user pool id "eu-west-1_A" (first at userPools[0]); list each pool once',
    ]);
  });
});

describe('parseConfig: unknown and missing fields', () => {
  it('rejects an unknown group field and suggests the field meant (precendence)', () => {
    expect(errors(oneGroup('admins', 'precendence: 1'))).toEqual([
      'groups.yaml:6:9: userPools[0].groups[0].precendence: unknown field "precendence" (did you mean "precedence"?); allowed fields: name, description, precedence, roleArn, previously, members, only, acknowledge',
    ]);
  });

  it('gives no suggestion for an unknown field unlike any known one', () => {
    expect(errors(oneGroup('admins', 'colour: red'))).toEqual([
      'groups.yaml:6:9: userPools[0].groups[0].colour: unknown field "colour"; allowed fields: name, description, precedence, roleArn, previously, members, only, acknowledge',
    ]);
  });

  it('rejects an unknown top-level key, suggesting the one that differs only in case', () => {
    const found = errors('version: 1\nuserpools:\n  - id: eu-west-1_A\n    groups: []\n');
    expect(found).toContain('groups.yaml:2:1: userpools: unknown field "userpools" (did you mean "userPools"?); allowed fields: version, settings, environments, userPools');
    expect(found).toContain('groups.yaml:1:1: (file): missing required field "userPools"');
  });

  it('reports a group without name at the group', () => {
    expect(errors(withGroups('      - description: no name\n'))).toEqual(['groups.yaml:5:9: userPools[0].groups[0]: missing required field "name"']);
  });

  it('reports a pool without id or groups at the pool', () => {
    const found = errors('version: 1\nuserPools:\n  - region: eu-west-1\n');
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining(['groups.yaml:3:5: userPools[0]: missing required field "id"', 'groups.yaml:3:5: userPools[0]: missing required field "groups"']),
    );
  });
});

describe('parseConfig: whole-file problems', () => {
  it.each([
    ['empty', ''],
    ['only whitespace', '\n\n   \n'],
    ['only comments', '# nothing here yet\n'],
  ])('reports an %s file as empty', (_what, text) => {
    expect(errors(text)).toEqual(['groups.yaml:1:1: (file): the file is empty; expected `version: 1` and `userPools:`']);
  });

  it('reports a YAML syntax error with its position', () => {
    expect(errors('version: 1\nuserPools:\n  - id: "eu-west-1_A\n')).toEqual(['groups.yaml:3:20: (file): YAML syntax: Missing closing "quote']);
  });

  it('reports a key repeated in a mapping at the repetition', () => {
    expect(errors(withGroups('      - name: admins\n        precedence: 1\n        precedence: 2\n'))).toEqual([
      'groups.yaml:7:9: (file): duplicate key "precedence"; each key may appear only once in a mapping',
    ]);
  });

  it('reports a document that is not a mapping', () => {
    expect(errors('just some text\n')).toEqual([
      'groups.yaml:1:1: (file): must be object, got "just some text"; expected the Amazon Cognito user-pool groups a team wants, per user pool',
    ]);
  });
});

describe('parseConfig: group names unique ignoring case', () => {
  it('rejects two names equal ignoring case and an exact duplicate, at the later one', () => {
    expect(errors(withGroups('      - name: Admins\n      - name: admins\n      - name: x\n      - name: x\n'))).toEqual([
      'groups.yaml:6:15: userPools[0].groups[1].name: group name "admins" equals "Admins" ignoring case (first at groups[0]); Cognito group names are unique ignoring case',
      'groups.yaml:8:15: userPools[0].groups[3].name: duplicate group name "x" (first at groups[2]); Cognito group names are unique ignoring case',
    ]);
  });

  it('compares non-ASCII names ignoring case too', () => {
    expect(errors(withGroups('      - name: ÄRZTE\n      - name: ärzte\n'))).toHaveLength(1);
  });
});

describe('parseConfig: reporting', () => {
  const manyProblems = [
    'version: 3', // 1: wrong version
    'userPools:', // 2
    '  - id: eu-west-1_A', // 3
    '    groups:', // 4
    '      - name: Admins', // 5
    '        precedence: -4', // 6: below minimum
    '      - name: ADMINS', // 7: equal ignoring case (cross-check)
    '        roleArn: nope', // 8: too short and bad pattern
    '      - descripton: typo', // 9: unknown field, and no name
    '  - id: eu-west-1_A', // 10: duplicate pool (cross-check)
    '    groups: []', // 11
    '',
  ].join('\n');

  it('reports every problem at once, sorted by line and column', () => {
    const found = errorDiagnostics(manyProblems);
    expect(found.map((d) => [d.line, d.column, d.path])).toEqual([
      [1, 10, 'version'],
      [6, 21, 'userPools[0].groups[0].precedence'],
      [7, 15, 'userPools[0].groups[1].name'],
      // One mistake, one line: too short and not an ARN is one problem.
      [8, 18, 'userPools[0].groups[1].roleArn'],
      [9, 9, 'userPools[0].groups[2]'],
      [9, 9, 'userPools[0].groups[2].descripton'],
      [10, 9, 'userPools[1].id'],
    ]);
    expect(found.every((d) => d.file === FILE)).toBe(true);
  });

  it('formats each problem as FILE:LINE:COL: PATH: message', () => {
    const lines = errors(manyProblems);
    expect(lines[0]).toBe('groups.yaml:1:10: version: must be 1, got 3');
    expect(lines[2]).toBe(
      'groups.yaml:7:15: userPools[0].groups[1].name: group name "ADMINS" equals "Admins" ignoring case (first at groups[0]); Cognito group names are unique ignoring case',
    );
    expect(lines[5]).toBe(
      'groups.yaml:9:9: userPools[0].groups[2].descripton: unknown field "descripton" (did you mean "description"?); allowed fields: name, description, precedence, roleArn, previously, members, only, acknowledge',
    );
  });

  it('warns, without failing, when two groups share a precedence with different roleArns', () => {
    const { config, warnings } = parsed(
      withGroups(
        `      - name: admins\n        precedence: 1\n        roleArn: ${ROLE}\n` +
          `      - name: editors\n        precedence: 1\n        roleArn: arn:aws:iam::123456789012:role/Editors\n`,
      ),
    );
    expect(config.userPools[0]?.groups).toHaveLength(2);
    expect(warnings).toEqual([
      'groups.yaml:9:21: userPools[0].groups[1].precedence: precedence 1 is also used by "admins" with a different roleArn; users in both get no cognito:preferred_role',
    ]);
  });

  it('does not warn about a shared precedence when the roles are the same or a group has no role', () => {
    const { warnings } = parsed(
      withGroups(
        `      - name: a\n        precedence: 1\n        roleArn: ${ROLE}\n` +
          `      - name: b\n        precedence: 1\n        roleArn: ${ROLE}\n` +
          `      - name: c\n        precedence: 1\n`,
      ),
    );
    expect(warnings).toEqual([]);
  });
});

// Regression tests: each guards a wording or warning that was once wrong.
describe('parseConfig: messages and warnings that were once wrong', () => {
  // A list where a mapping belongs is called "a list": the YAML node of a list (a YAMLSeq) is neither
  // an Array nor a YAMLMap, and was once described as "a mapping".
  it('describes a list given where a mapping is expected as "a list"', () => {
    expect(errors('version: 1\nsettings: [1]\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n')).toEqual([
      'groups.yaml:2:11: settings: must be object, got a list; expected how the tool talks to AWS for this file',
    ]);
  });

  // Every group is compared with each earlier group of the same precedence, not only the first: a
  // third group that ties with the second (and has the first's role) is warned of too.
  it('warns for a group whose precedence ties with any earlier group of a different roleArn', () => {
    const { warnings } = parsed(
      withGroups(
        `      - name: a\n        precedence: 1\n        roleArn: arn:aws:iam::123456789012:role/A\n` +
          `      - name: b\n        precedence: 1\n        roleArn: arn:aws:iam::123456789012:role/B\n` +
          `      - name: c\n        precedence: 1\n        roleArn: arn:aws:iam::123456789012:role/A\n`,
      ),
    );
    expect(warnings.map((w) => w.split(': ')[1])).toEqual(['userPools[0].groups[1].precedence', 'userPools[0].groups[2].precedence']);
  });

  // The expectation starts in lower case like every other message, also when its description
  // starts with a one-letter word ("A user pool id", "A number"), which once stayed "expected A ...".
  it('starts the expectation of a bad pool id in lower case', () => {
    expect(errors(poolFile('euwest1'))).toEqual([
      'groups.yaml:3:9: userPools[0].id: "euwest1" is not allowed; expected a user pool id of 1..55 characters, <region>_<letters and digits>, such as eu-west-1_AbCdEf123',
    ]);
  });

  it('starts the expectation of a bad maxRps in lower case', () => {
    expect(errors('version: 1\nsettings:\n  maxRps: 0.05\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n')).toEqual([
      'groups.yaml:3:11: settings.maxRps: 0.05 is not allowed; expected a number from 0.1 to 1000',
    ]);
  });
});

describe('readConfigFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cognito-groups-unit-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function thrown(file: string): Promise<CgError> {
    try {
      await readConfigFile(file);
    } catch (err) {
      if (err instanceof CgError) return err;
      throw err;
    }
    throw new Error(`expected readConfigFile(${file}) to fail`);
  }

  it('returns the config, the text and the warnings of a valid file', async () => {
    const file = join(dir, 'groups.yaml');
    const text = poolFile('eu-west-1_A');
    await writeFile(file, text);
    const loaded = await readConfigFile(file);
    expect(loaded.file).toBe(file);
    expect(loaded.text).toBe(text);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config.userPools.map((p) => p.id)).toEqual(['eu-west-1_A']);
  });

  it('fails with CONFIG_NOT_FOUND for a missing file', async () => {
    const file = join(dir, 'nope.yaml');
    const err = await thrown(file);
    expect(err.code).toBe('CONFIG_NOT_FOUND');
    expect(err.audience).toBe('user');
    expect(err.message).toContain(`${file}: no such file`);
  });

  it('fails with CONFIG_NOT_FOUND for a directory', async () => {
    const sub = join(dir, 'sub.yaml');
    await mkdir(sub);
    const err = await thrown(sub);
    expect(err.code).toBe('CONFIG_NOT_FOUND');
    expect(err.message).toBe(`${sub}: is a directory; pass -f with a groups file`);
  });

  it('fails with CONFIG_INVALID, one detail line per problem in FILE:LINE:COL form', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'version: 2\nuserPools:\n  - id: eu-west-1_A\n    groups:\n      - name: a b\n');
    const err = await thrown(file);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toBe(`${file}: 2 problems found`);
    expect(err.details).toEqual([
      `${file}:1:10: version: must be 1, got 2`,
      `${file}:5:15: userPools[0].groups[0].name: "a b" is not allowed; expected 1..128 letters, marks, symbols, digits or punctuation, no spaces`,
    ]);
  });

  it('says "1 problem" for a single problem', async () => {
    const file = join(dir, 'one.yaml');
    await writeFile(file, '');
    const err = await thrown(file);
    expect(err.message).toBe(`${file}: 1 problem found`);
    expect(err.details).toHaveLength(1);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('parseConfig: what hardening found', () => {
  it('reports a duplicate key together with the file\'s other problems, not instead of them', () => {
    expect(errors(withGroups('      - name: admins\n        precedence: 1\n        precedence: 2\n      - name: "site admins"\n        precendence: 3\n'))).toEqual([
      'groups.yaml:7:9: (file): duplicate key "precedence"; each key may appear only once in a mapping',
      'groups.yaml:8:15: userPools[0].groups[1].name: "site admins" is not allowed; expected 1..128 letters, marks, symbols, digits or punctuation, no spaces',
      'groups.yaml:9:9: userPools[0].groups[1].precendence: unknown field "precendence" (did you mean "precedence"?); allowed fields: name, description, precedence, roleArn, previously, members, only, acknowledge',
    ]);
  });

  it('refuses more than the 10,000 groups a pool can hold, at the list, and plans nothing', () => {
    const names = Array.from({ length: 10_001 }, (_, i) => `      - name: g${i}\n`).join('');
    expect(errors(withGroups(names))).toEqual(['groups.yaml:5:7: userPools[0].groups: lists 10,001 items, more than 10,000; expected the groups this pool must have: at most 10,000 (Cognito\'s quota of groups per pool)']);
    const ok = Array.from({ length: 10_000 }, (_, i) => `      - name: g${i}\n`).join('');
    expect(parsed(withGroups(ok)).config.userPools[0]?.groups).toHaveLength(10_000);
  });

  it('accepts only lengths both counts accept: a name of 65 emoji is 65 characters but 130 UTF-16 code units', () => {
    const emoji = '😀'.repeat(65);
    expect(errors(oneGroup(emoji))).toEqual([
      'groups.yaml:5:15: userPools[0].groups[0].name: is 65 characters but 130 UTF-16 code units; Cognito allows 128, and may count either, so at most 128 of both are allowed',
    ]);
    expect(parsed(oneGroup('😀'.repeat(64))).config.userPools[0]?.groups[0]?.name).toBe('😀'.repeat(64));
    // A 2048-character description of emoji is 4096 code units.
    expect(errors(oneGroup('g', `description: ${JSON.stringify('😀'.repeat(1100))}`))[0]).toMatch(/description: is 1100 characters but 2200 UTF-16 code units; Cognito allows 2048/);
  });

  it('warns about names that look the same but are two groups: Unicode normalization and invisible characters', () => {
    const composed = 'café';
    const decomposed = 'cafe\u0301';
    // U+034F COMBINING GRAPHEME JOINER passes Cognito's name pattern (a mark) and shows nothing.
    const { warnings } = parsed(withGroups(`      - name: ${JSON.stringify(composed)}\n      - name: ${JSON.stringify(decomposed)}\n      - name: "ad\u034fmins"\n      - name: admins\n`));
    expect(warnings).toEqual([
      `groups.yaml:6:15: userPools[0].groups[1].name: group name ${JSON.stringify(decomposed)} looks the same as "café" (groups[0]) but differs in Unicode normalization or invisible characters; Cognito keeps them as two groups`,
      'groups.yaml:7:15: userPools[0].groups[2].name: group name "ad\u034fmins" holds a character that shows nothing; it will look like another name to anyone reading a plan',
      'groups.yaml:8:15: userPools[0].groups[3].name: group name "admins" looks the same as "ad\u034fmins" (groups[2]) but differs in Unicode normalization or invisible characters; Cognito keeps them as two groups',
    ]);
    // Names equal ignoring case are an error, not a look-alike warning.
    expect(parsed(withGroups('      - name: admins\n      - name: editors\n')).warnings).toEqual([]);
  });

  it('warns about group names and usernames a reviewer would read as others: mixed scripts, invisible characters, look-alike members', () => {
    // "аdmins" and "аlice" begin with U+0430 CYRILLIC SMALL LETTER A; "bob\u034f" ends in U+034F COMBINING GRAPHEME JOINER.
    const { warnings } = parsed(withGroups('      - name: "\u0430dmins"\n        members: ["\u0430lice", alice, "bob\u034f", "cafe\u0301", "café", Müller, Ωμέγα]\n      - name: support\n        members: { include: ["\u0395ve", Ева] }\n'));
    expect(warnings).toEqual([
      'groups.yaml:5:15: userPools[0].groups[0].name: group name "\u0430dmins" mixes Latin letters with Cyrillic or Greek ones, which look the same; it will look like another name to anyone reading a plan',
      'groups.yaml:6:19: userPools[0].groups[0].members[0]: username "\u0430lice" mixes Latin letters with Cyrillic or Greek ones, which look the same; it will look like another name to anyone reading a plan',
      'groups.yaml:6:35: userPools[0].groups[0].members[2]: username "bob\u034f" holds a character that shows nothing; it will look like another name to anyone reading a plan',
      'groups.yaml:6:52: userPools[0].groups[0].members[4]: username "café" looks the same as "cafe\u0301" (members[3]) but differs in Unicode normalization or invisible characters; Cognito holds them as two users',
      'groups.yaml:8:30: userPools[0].groups[1].members.include[0]: username "\u0395ve" mixes Latin letters with Cyrillic or Greek ones, which look the same; it will look like another name to anyone reading a plan',
    ]);
    // In an include list the warning names the include list.
    expect(parsed(withGroups('      - name: ops\n        members: { include: ["café", "cafe\u0301"] }\n')).warnings).toEqual([
      'groups.yaml:6:38: userPools[0].groups[0].members.include[1]: username "cafe\u0301" looks the same as "café" (members.include[0]) but differs in Unicode normalization or invisible characters; Cognito holds them as two users',
    ]);
    // Names of one script each (Müller, Ωμέγα, Ева) are no warning.
  });
});

describe('parseConfig: previous names and members', () => {
  it('reads previously (one name or a list) and members (exact list or include)', () => {
    const { config } = parsed(withGroups('      - name: admins\n        previously: administrators\n        members: [alice, bob]\n      - name: testers\n        previously: [beta, qa]\n        members:\n          include: [carol]\n      - name: customers\n'));
    expect(config.userPools[0]?.groups).toEqual([
      { name: 'admins', previously: ['administrators'], members: { mode: 'exact', users: ['alice', 'bob'] } },
      { name: 'testers', previously: ['beta', 'qa'], members: { mode: 'include', users: ['carol'] } },
      { name: 'customers' },
    ]);
    // An empty exact list is allowed (the group must have no members); the policy refuses emptying a group at apply.
    expect(parsed(withGroups('      - name: admins\n        members: []\n')).config.userPools[0]?.groups[0]?.members).toEqual({ mode: 'exact', users: [] });
  });

  it('refuses reserved names, previous names that collide, duplicate members and bad usernames, each once', () => {
    expect(
      errors(
        withGroups(
          [
            '      - name: cognito-groups.hold.x',
            '      - name: admins',
            '        previously: [ADMINS, editors, Cognito-Groups.hold.abc]',
            '      - name: editors',
            '      - name: ops',
            '        previously: old',
            '      - name: support',
            '        previously: old',
            '        members: [alice, "bad name", alice]',
            '      - name: x',
            '        members: alice',
            '',
          ].join('\n'),
        ),
      ),
    ).toEqual([
      'groups.yaml:5:15: userPools[0].groups[0].name: group names starting with "cognito-groups." are reserved: cognito-groups keeps members there while it moves them, and the lease of a running apply (cognito-groups.lock); choose another name',
      'groups.yaml:7:22: userPools[0].groups[1].previously[0]: "ADMINS" is this group\'s own name ignoring case (a change of case is a replace that keeps the members: just change the name); leave it out of previously',
      'groups.yaml:7:30: userPools[0].groups[1].previously[1]: "editors" is also a group of this file (groups[2]); a group cannot be renamed into one that stays',
      'groups.yaml:7:39: userPools[0].groups[1].previously[2]: "Cognito-Groups.hold.abc" starts with the reserved "cognito-groups.": it is a holding group, never renamed from; a stopped run\'s members are put back when the group it held them for is in the file',
      'groups.yaml:12:21: userPools[0].groups[4].previously: "old" is also a previous name of groups[3]; only one group can be renamed from it',
      'groups.yaml:13:26: userPools[0].groups[4].members[1]: "bad name" is not allowed; expected a username as Cognito knows it, the Username that ListUsersInGroup returns (not an alias or the sub): 1..128 letters, marks, symbols, digits or punctuation, no spaces',
      'groups.yaml:13:38: userPools[0].groups[4].members[2]: user "alice" is listed twice in this group (first at 0); list each member once',
      'groups.yaml:15:18: userPools[0].groups[5].members: "alice" is not allowed; expected the group\'s members, managed by this file: a list of usernames (exactly these users; others are removed) or {include: [...]} (these users are added; nobody is removed)',
    ]);
  });

  it('refuses a user listed in more than the 100 groups Cognito lets a user be in', () => {
    const groups = Array.from({ length: 101 }, (_, i) => `      - name: g${i}\n        members: [alice]\n`).join('');
    expect(errors(withGroups(groups))).toEqual([`groups.yaml:${5 + 100 * 2 + 1}:19: userPools[0].groups[100].members[0]: user "alice" is listed in more than 100 groups of this pool; Cognito lets a user be in at most 100`]);
  });
});
