// Environments in the groups file: pool keys each environment maps, only:, the three placeholders
// (where they are allowed, their values checked after substitution at the template's position, naming
// the environment), --env required and refused, and a file without environments read as before.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/config/diagnostic.js';
import { parseConfig, type ParseOptions } from '../../src/core/config/parse.js';
import { readConfigFile } from '../../src/edge/files/read-config.js';

const FILE = 'groups.yaml';

/** The example: dev and prod in two accounts, one pool key, a role per account, a dev-only group. */
const EXAMPLE = [
  'version: 1', // 1
  'environments:', // 2
  '  dev:', // 3
  '    account: "111111111111"', // 4
  '    userPools: { main: eu-west-1_Dev123 }', // 5
  '  prod:', // 6
  '    account: "222222222222"', // 7
  '    userPools: { main: eu-west-1_Prod456 }', // 8
  '    settings: { maxRps: 3 }', // 9
  'userPools:', // 10
  '  - key: main', // 11
  '    groups:', // 12
  '      - name: admins', // 13
  '        roleArn: arn:aws:iam::${account}:role/Admins', // 14
  '        description: Admins of ${env} in ${region}', // 15
  '      - name: beta-testers', // 16
  '        only: [dev]', // 17
  '',
].join('\n');

function ok(text: string, options: ParseOptions = {}) {
  const r = parseConfig(text, FILE, options);
  if (!r.ok) throw new Error(`expected a valid file, got:\n${r.errors.map(formatDiagnostic).join('\n')}${r.usage ?? ''}`);
  return r;
}

function problems(text: string, options: ParseOptions = {}): string[] {
  const r = parseConfig(text, FILE, options);
  if (r.ok) throw new Error('expected problems, but the file is valid');
  return r.errors.map(formatDiagnostic);
}

describe('a file with environments, read as one of them', () => {
  it('maps the pool key, replaces the placeholders, keeps only: groups where they belong, and merges settings', () => {
    const dev = ok(EXAMPLE, { env: 'dev' });
    expect(dev.environments).toEqual(['dev', 'prod']);
    expect(dev.config).toEqual({
      version: 1,
      settings: {},
      environment: { name: 'dev', account: '111111111111' },
      userPools: [
        {
          id: 'eu-west-1_Dev123',
          region: 'eu-west-1',
          unmanagedGroups: 'keep',
          groups: [{ name: 'admins', description: 'Admins of dev in eu-west-1', roleArn: 'arn:aws:iam::111111111111:role/Admins' }, { name: 'beta-testers' }],
        },
      ],
    });
    const prod = ok(EXAMPLE, { env: 'prod' });
    expect(prod.config.settings).toEqual({ maxRps: 3 });
    expect(prod.config.userPools[0]?.groups).toEqual([{ name: 'admins', description: 'Admins of prod in eu-west-1', roleArn: 'arn:aws:iam::222222222222:role/Admins' }]);
  });

  it('takes a region from the mapping when given as {id, region}', () => {
    const text = EXAMPLE.replace('userPools: { main: eu-west-1_Prod456 }', 'userPools: { main: { id: us-east-1_Prod456, region: us-east-2 } }');
    expect(ok(text, { env: 'prod' }).config.userPools[0]).toMatchObject({ id: 'us-east-1_Prod456', region: 'us-east-2', groups: [{ description: 'Admins of prod in us-east-2' }] });
  });

  it('says --env is unknown, or not wanted, as a usage error (not the file\'s)', () => {
    const unknown = parseConfig(EXAMPLE, FILE, { env: 'qa' });
    expect(unknown).toMatchObject({ ok: false, errors: [], usage: '--env qa: groups.yaml has no environment "qa"; it has dev, prod' });
    const none = parseConfig('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups: []\n', FILE, { env: 'dev' });
    expect(none).toMatchObject({ ok: false, errors: [], usage: '--env dev: groups.yaml has no environments; leave --env out' });
  });
});

describe('checking every environment (validate without --env)', () => {
  it('reports a value only one environment makes invalid, at the template, naming that environment', () => {
    const text = EXAMPLE.replace('    account: "222222222222"\n', '').replace('arn:aws:iam::${account}:role/Admins', 'arn:aws:iam::${account}:role/${env}');
    expect(problems(text)).toEqual(['groups.yaml:13:18: userPools[0].groups[0].roleArn: environment "prod" has no `account` for ${account}; give it one, or write the value out']);
  });

  it('checks the replaced value by the field\'s own rule', () => {
    // 2,048 characters as written; 2,050 once ${account} is the account id.
    const text = EXAMPLE.replace('description: Admins of ${env} in ${region}', `description: "${'x'.repeat(2038)}\${account}"`);
    expect(problems(text)).toEqual([
      `groups.yaml:15:22: userPools[0].groups[0].description: in environment "dev" this is "${'x'.repeat(2038)}111111111111", which is not allowed: a description is at most 2048 characters`,
      `groups.yaml:15:22: userPools[0].groups[0].description: in environment "prod" this is "${'x'.repeat(2038)}222222222222", which is not allowed: a description is at most 2048 characters`,
    ]);
  });

  it('allows a replaced description of exactly 2048 characters, and counts a character outside the BMP as two', () => {
    // 2,036 + 12 (the account id) = 2,048.
    expect(ok(EXAMPLE.replace('description: Admins of ${env} in ${region}', `description: "${'x'.repeat(2036)}\${account}"`), { env: 'dev' }).config.userPools[0]?.groups[0]?.description).toHaveLength(2048);
    // 1,030 emoji are 1,030 code points but 2,060 UTF-16 units.
    const emoji = '\u{1F600}'.repeat(1030);
    const found = problems(EXAMPLE.replace('description: Admins of ${env} in ${region}', `description: "${emoji}\${env}"`));
    expect(found.filter((p) => p.endsWith('which is not allowed: a description is at most 2048 characters')).map((p) => /in environment "(\w+)"/.exec(p)?.[1])).toEqual(['dev', 'prod']);
  });

  it('says a problem once when every environment has it, and names the environments when only some do', () => {
    // Two groups named alike: in dev only (the other is prod-only), so it is dev's problem alone.
    const text = EXAMPLE.replace('      - name: beta-testers\n        only: [dev]', '      - name: ADMINS\n        only: [dev]');
    expect(problems(text)).toEqual([
      'groups.yaml:16:15: userPools[0].groups[1].name: group name "ADMINS" equals "admins" ignoring case (first at groups[0]); Cognito group names are unique ignoring case (in environment dev)',
    ]);
    // The same two groups in every environment: said once, as the file's.
    expect(problems(EXAMPLE.replace('      - name: beta-testers\n        only: [dev]', '      - name: ADMINS'))).toEqual([
      'groups.yaml:16:15: userPools[0].groups[1].name: group name "ADMINS" equals "admins" ignoring case (first at groups[0]); Cognito group names are unique ignoring case',
    ]);
    // Disjoint only: lists make two groups of one name fine.
    expect(ok(EXAMPLE.replace('      - name: beta-testers\n        only: [dev]', '      - name: admins\n        only: [prod]').replace('        roleArn: arn', '        only: [dev]\n        roleArn: arn')).ok).toBe(true);
  });
});

describe('what environments must agree on', () => {
  it('needs every environment to map every pool key, and nothing else, each to its own pool', () => {
    const text = EXAMPLE.replace('userPools: { main: eu-west-1_Prod456 }', 'userPools: { extra: eu-west-1_Prod456 }').replace('userPools: { main: eu-west-1_Dev123 }', 'userPools: { main: eu-west-1_Dev123, other: eu-west-1_Dev123 }');
    expect(problems(text)).toEqual([
      'groups.yaml:5:42: environments.dev.userPools.other: no pool has key "other"; the file\'s pool keys are main',
      'groups.yaml:5:49: environments.dev.userPools.other: pool id "eu-west-1_Dev123" is also mapped from key "main" in environment "dev"; each key needs its own pool',
      'groups.yaml:8:16: environments.prod.userPools: environment "prod" does not map pool key "main"; every environment maps every pool key to a pool id',
      'groups.yaml:8:18: environments.prod.userPools.extra: no pool has key "extra"; the file\'s pool keys are main',
    ]);
  });

  it('refuses a pool key listed twice, at the second', () => {
    const twice = `${EXAMPLE}  - key: main\n    groups: []\n`;
    expect(problems(twice)).toEqual(['groups.yaml:18:10: userPools[1].key: duplicate pool key "main" (first at userPools[0]); list each pool once']);
  });

  it("takes a pool's region from the mapping, else the pool's own region:, else the pool id", () => {
    const withRegion = EXAMPLE.replace('  - key: main\n', '  - key: main\n    region: eu-central-1\n');
    expect(ok(withRegion, { env: 'dev' }).config.userPools[0]?.region).toBe('eu-central-1');
    const mapped = withRegion.replace('userPools: { main: eu-west-1_Dev123 }', 'userPools: { main: { id: eu-west-1_Dev123, region: us-east-2 } }');
    expect(ok(mapped, { env: 'dev' }).config.userPools[0]?.region).toBe('us-east-2');
    expect(ok(EXAMPLE, { env: 'dev' }).config.userPools[0]?.region).toBe('eu-west-1');
  });

  it('names pools by key with environments, by id without', () => {
    expect(problems(EXAMPLE.replace('  - key: main', '  - id: eu-west-1_Dev123'))).toContain(
      'groups.yaml:11:9: userPools[0].id: with environments, a pool is named by `key` (each environment maps it to a pool id), not by `id`',
    );
    expect(problems('version: 1\nuserPools:\n  - key: main\n    groups: []\n')).toEqual([
      'groups.yaml:3:5: userPools[0]: missing required field "id"',
      'groups.yaml:3:10: userPools[0].key: a pool `key` needs `environments:` that map it to pool ids; without environments, name the pool by `id`',
    ]);
  });

  it('refuses only: naming an unknown environment, and only: without environments', () => {
    expect(problems(EXAMPLE.replace('only: [dev]', 'only: [dev, qa]'))).toEqual(['groups.yaml:17:21: userPools[0].groups[1].only[1]: no environment "qa"; the file has dev, prod']);
    expect(problems('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups:\n      - name: a\n        only: [dev]\n')).toEqual([
      "groups.yaml:6:15: userPools[0].groups[0].only: `only:` needs `environments:`; without them every group is in the file's pools",
    ]);
  });

  it('allows placeholders only in roleArn and description, and only the three it knows', () => {
    const text = EXAMPLE.replace('      - name: admins', '      - name: admins-${env}').replace('Admins of ${env} in ${region}', 'Admins of ${stage} and ${env');
    expect(problems(text)).toEqual([
      'groups.yaml:13:15: userPools[0].groups[0].name: placeholders such as ${env} are allowed only in roleArn and description',
      'groups.yaml:15:22: userPools[0].groups[0].description: unknown placeholder "${stage}"; allowed: ${account}, ${env}, ${region}',
      'groups.yaml:15:22: userPools[0].groups[0].description: "${env" is not closed; placeholders are ${account}, ${env}, ${region}',
    ]);
  });
});

describe('a file without environments', () => {
  it('reads exactly as before: a description may hold ${...} as text; a placeholder in a roleArn is refused', () => {
    const plain = ok('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups:\n      - name: "${x}"\n        description: costs ${5}\n');
    expect(plain.environments).toEqual([]);
    expect(plain.config).toEqual({ version: 1, settings: {}, userPools: [{ id: 'eu-west-1_A', region: 'eu-west-1', unmanagedGroups: 'keep', groups: [{ name: '${x}', description: 'costs ${5}' }] }] });
    expect(problems('version: 1\nuserPools:\n  - id: eu-west-1_A\n    groups:\n      - name: a\n        roleArn: arn:aws:iam::${account}:role/A\n')).toEqual([
      'groups.yaml:6:18: userPools[0].groups[0].roleArn: placeholders such as ${account} need `environments:` to take their values from',
    ]);
  });
});

describe('readConfigFile and --env', () => {
  it('requires --env for a file with environments, and checks all of them when asked to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-env-'));
    try {
      await writeFile(join(dir, 'groups.yaml'), EXAMPLE);
      await expect(readConfigFile('groups.yaml', dir)).rejects.toMatchObject({ code: 'USAGE', message: 'groups.yaml has environments (dev, prod): pass --env NAME to say which one' });
      await expect(readConfigFile('groups.yaml', dir, { env: 'qa' })).rejects.toMatchObject({ code: 'USAGE' });
      expect((await readConfigFile('groups.yaml', dir, { env: 'prod' })).config.environment).toEqual({ name: 'prod', account: '222222222222' });
      expect((await readConfigFile('groups.yaml', dir, { everyEnvironment: true })).environments).toEqual(['dev', 'prod']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('pool keys and environment names that are names of built-in object members', () => {
  it('treats toString, constructor and __proto__ as plain keys: an environment that does not map one is refused', () => {
    const text = EXAMPLE.replace('userPools: { main: eu-west-1_Dev123 }', 'userPools: { main: eu-west-1_Dev123, toString: eu-west-1_Dev999 }').replace(
      'userPools:\n  - key: main\n',
      'userPools:\n  - key: toString\n    groups: []\n  - key: main\n',
    );
    expect(problems(text)).toEqual(['groups.yaml:8:16: environments.prod.userPools: environment "prod" does not map pool key "toString"; every environment maps every pool key to a pool id']);
    expect(ok(text.replace('userPools: { main: eu-west-1_Prod456 }', 'userPools: { main: eu-west-1_Prod456, toString: eu-west-1_Prod999 }'), { env: 'prod' }).config.userPools.map((p) => p.id)).toEqual([
      'eu-west-1_Prod999',
      'eu-west-1_Prod456',
    ]);
  });
});

describe('settings.sensitiveRoles', () => {
  it('is read from the file, overridden per environment, and refused when it is not an ARN pattern', () => {
    const text = EXAMPLE.replace('version: 1\n', 'version: 1\nsettings: { sensitiveRoles: ["arn:aws:iam::*:role/Admins"] }\n').replace('    settings: { maxRps: 3 }', '    settings: { maxRps: 3, sensitiveRoles: ["arn:aws:iam::222222222222:role/Admin*", "arn:aws:iam::*:role/Root"] }');
    expect(ok(text, { env: 'dev' }).config.settings).toEqual({ sensitiveRoles: ['arn:aws:iam::*:role/Admins'] });
    expect(ok(text, { env: 'prod' }).config.settings).toEqual({ maxRps: 3, sensitiveRoles: ['arn:aws:iam::222222222222:role/Admin*', 'arn:aws:iam::*:role/Root'] });
    expect(problems(text.replace('arn:aws:iam::*:role/Admins', 'Admins'), { env: 'dev' }).join('\n')).toContain('settings.sensitiveRoles[0]');
  });
});
