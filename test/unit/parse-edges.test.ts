// parseConfig's answers in full: usage errors carry no file errors, a duplicate key in an otherwise
// valid file is the only error, an unresolved alias is said where the first one is, a problem found
// twice at one place is said once, and environments' problems and views are merged exactly.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/config/diagnostic.js';
import { parseConfig, type ParseOptions } from '../../src/core/config/parse.js';

const FILE = 'groups.yaml';

function problems(text: string, options: ParseOptions = {}): string[] {
  const r = parseConfig(text, FILE, options);
  if (r.ok) throw new Error('expected problems, but the file is valid');
  return r.errors.map(formatDiagnostic);
}

/** Three environments, one pool key; groups on line 12 on. */
function threeEnvironments(groupsYaml: string, dev = '    account: "111111111111"\n'): string {
  return [
    'version: 1', // 1
    'environments:', // 2
    '  dev:', // 3
    `${dev}    userPools: { main: eu-west-1_Dev1 }`, // 4, 5
    '  staging:', // 6
    '    userPools: { main: eu-west-1_Stg1 }', // 7
    '  prod:', // 8
    '    userPools: { main: eu-west-1_Prd1 }', // 9
    'userPools:', // 10
    '  - key: main', // 11
    '    groups:', // 12
    groupsYaml,
  ].join('\n');
}

describe('usage errors', () => {
  it('come with no errors and no warnings of the file', () => {
    expect(parseConfig('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n', FILE, { env: 'dev' })).toEqual({
      ok: false,
      errors: [],
      warnings: [],
      usage: '--env dev: groups.yaml has no environments; leave --env out',
    });
    expect(parseConfig(threeEnvironments('      - name: admins\n'), FILE, { env: 'qa' })).toEqual({
      ok: false,
      errors: [],
      warnings: [],
      usage: '--env qa: groups.yaml has no environment "qa"; it has dev, staging, prod',
    });
  });
});

describe('an empty file', () => {
  it('is said to be empty even when an environment is asked for', () => {
    expect(problems('# nothing here yet\n', { env: 'dev' })).toEqual(['groups.yaml:1:1: (file): the file is empty; expected `version: 1` and `userPools:`']);
  });
});

describe('duplicate keys', () => {
  it('are the only error of a file that is otherwise valid', () => {
    expect(parseConfig('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups:\n      - name: a\n        name: b\n', FILE)).toEqual({
      ok: false,
      errors: [{ file: FILE, line: 6, column: 9, path: '', message: 'duplicate key "name"; each key may appear only once in a mapping' }],
      warnings: [],
    });
  });

  it('name the key without the spaces before its colon', () => {
    expect(problems('version: 1\nversion  : 1\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n')).toEqual(['groups.yaml:2:1: (file): duplicate key "version"; each key may appear only once in a mapping']);
  });
});

describe('unresolved aliases', () => {
  const file = (a: string, b: string): string => `version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups:\n      - name: &n a\n        description: ${a}\n        roleArn: ${b}\n`;

  it('are said once, at the first alias that has no anchor, as a problem of the whole file', () => {
    const unresolved = 'YAML: Unresolved alias (the anchor must be set before the alias): nope';
    expect(parseConfig(file('*nope', '*other'), FILE)).toEqual({ ok: false, errors: [{ file: FILE, line: 6, column: 22, path: '', message: unresolved }], warnings: [] });
    expect(problems(file('*n', '*nope'))).toEqual([`groups.yaml:7:18: (file): ${unresolved}`]);
  });
});

describe('a problem found twice at one place', () => {
  it('is said once', () => {
    expect(problems(threeEnvironments('      - name: admins\n        description: "${stage} and ${stage}"\n'))).toEqual([
      'groups.yaml:14:22: userPools[0].groups[0].description: unknown placeholder "${stage}"; allowed: ${account}, ${env}, ${region}',
    ]);
  });
});

describe('environments', () => {
  it('say each problem every environment has, once each', () => {
    const groups = ['      - name: admins', '      - name: ADMINS', '      - name: ops', '      - name: Ops', ''].join('\n');
    const found = parseConfig(threeEnvironments(groups), FILE);
    expect(found).toEqual({
      ok: false,
      errors: [
        { file: FILE, line: 14, column: 15, path: 'userPools[0].groups[1].name', message: 'group name "ADMINS" equals "admins" ignoring case (first at groups[0]); Cognito group names are unique ignoring case' },
        { file: FILE, line: 16, column: 15, path: 'userPools[0].groups[3].name', message: 'group name "Ops" equals "ops" ignoring case (first at groups[2]); Cognito group names are unique ignoring case' },
      ],
      warnings: [],
    });
  });

  it('name the environments a problem is found in when it is not found in all of them', () => {
    const groups = ['      - name: admins', '      - name: ADMINS', '        only: [dev, prod]', ''].join('\n');
    expect(problems(threeEnvironments(groups))).toEqual([
      'groups.yaml:14:15: userPools[0].groups[1].name: group name "ADMINS" equals "admins" ignoring case (first at groups[0]); Cognito group names are unique ignoring case (in environments dev, prod)',
    ]);
  });

  it('give the config an environment with no account when the environment has none', () => {
    const r = parseConfig(threeEnvironments('      - name: admins\n'), FILE, { env: 'staging' });
    if (!r.ok) throw new Error(r.errors.map(formatDiagnostic).join('\n'));
    expect(r.config.environment).toStrictEqual({ name: 'staging' });
    expect(r.config.userPools[0]?.id).toBe('eu-west-1_Stg1');
  });

  it('check a roleArn by the schema\'s rule once its placeholders are replaced', () => {
    // 23 characters as written; "arn:aws:iam::1:r/dev" is 20, "arn:aws:iam::1:r/prod" 21, but "arn:aws:iam::1:r/qa" is 19.
    const text = threeEnvironments('      - name: admins\n        roleArn: arn:aws:iam::1:r/${env}\n').replace('  staging:', '  qa:');
    expect(problems(text)).toEqual([
      'groups.yaml:14:18: userPools[0].groups[0].roleArn: in environment "qa" this is "arn:aws:iam::1:r/qa", which is not allowed: expected an IAM role ARN of 20..2048 characters such as arn:aws:iam::123456789012:role/Admins',
    ]);
  });
});

describe('usernames that look alike', () => {
  it('are compared with the first spelling of the user, and two spellings apart only in case are no lookalikes', () => {
    const r = parseConfig('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups:\n      - name: a\n        members: [alice, Alice, \uff41lice]\n', FILE);
    if (!r.ok) throw new Error(r.errors.map(formatDiagnostic).join('\n'));
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'groups.yaml:6:33: userPools[0].groups[0].members[2]: username "\uff41lice" looks the same as "alice" (members[0]) but differs in Unicode normalization or invisible characters; Cognito holds them as two users',
    ]);
  });
});
