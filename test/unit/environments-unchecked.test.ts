// environmentChecks and environmentView called directly, on data the schema has not checked (what
// they promise: "run on unchecked data"): which problems they find, where each one points, and the
// exact shape of one environment's view. A recording Positions names the path each offset was asked
// for, so a diagnostic that points at the wrong value shows.
import { describe, expect, it } from 'vitest';
import { pathToString, type Diagnostic } from '../../src/core/config/diagnostic.js';
import { environmentChecks, environmentNames, environmentView } from '../../src/core/config/environments.js';
import type { At, Positions } from '../../src/core/config/positions.js';

/** Positions whose offsets stand for the path asked for: offset n is the n-th path asked for. */
function recording(): { pos: Positions; at: At } {
  const asked: string[] = [];
  const offset = (what: string): number => {
    asked.push(what);
    return asked.length - 1;
  };
  const pos: Positions = {
    offsetOf: (path) => offset(pathToString(path)),
    keyOffset: (path, key) => offset(`key ${key} of ${pathToString(path)}`),
  };
  const at: At = (o, path, message): Diagnostic => ({ file: `at ${asked[o] ?? '?'}`, line: 0, column: 0, path: pathToString(path), message });
  return { pos, at };
}

/** environmentChecks' findings as `where it points | path | message`. */
function checks(data: unknown): string[] {
  const { pos, at } = recording();
  return environmentChecks(data, pos, at).map((d) => `${d.file} | ${d.path} | ${d.message}`);
}

function view(data: Record<string, unknown>, env: string, valueProblem: (field: string, value: string) => string | undefined = () => undefined) {
  const { pos, at } = recording();
  return environmentView(data, env, pos, at, valueProblem);
}

const DEV_ONLY = { dev: { account: '111111111111', userPools: { main: 'eu-west-1_Dev1' } } };

describe('environmentChecks on unchecked data', () => {
  it('finds nothing in data that is no mapping at all', () => {
    expect(environmentNames(null)).toEqual([]);
    expect(checks(null)).toEqual([]);
    expect(checks(undefined)).toEqual([]);
    expect(checks('text')).toEqual([]);
  });

  it('says a pool without a key is missing one, at the pool, and maps no key for it', () => {
    expect(checks({ environments: DEV_ONLY, userPools: [{ groups: [] }] })).toEqual([
      'at userPools[0] | userPools[0] | missing required field "key": with environments, every pool is named by a key each environment maps to a pool id',
      'at key main of environments.dev.userPools | environments.dev.userPools.main | no pool has key "main"; the file\'s pool keys are (none)',
    ]);
  });

  it('takes only a string key as a pool key', () => {
    expect(checks({ environments: DEV_ONLY, userPools: [{ key: 7, groups: [] }, { key: 'main', groups: [] }] })).toEqual([]);
  });

  it('lists every pool key, comma-separated, when an environment maps an unknown one', () => {
    const environments = { dev: { userPools: { a: 'eu-west-1_A', b: 'eu-west-1_B', c: 'eu-west-1_C' } } };
    expect(checks({ environments, userPools: [{ key: 'a', groups: [] }, { key: 'b', groups: [] }] })).toEqual([
      'at key c of environments.dev.userPools | environments.dev.userPools.c | no pool has key "c"; the file\'s pool keys are a, b',
    ]);
  });

  it('says "(none)" when the file has no pool keys at all', () => {
    expect(checks({ environments: { dev: { userPools: { x: 'eu-west-1_X' } } }, userPools: [] })).toEqual([
      'at key x of environments.dev.userPools | environments.dev.userPools.x | no pool has key "x"; the file\'s pool keys are (none)',
    ]);
  });

  it('skips an environment with no userPools mapping, or that is no mapping, instead of failing', () => {
    const userPools = [{ key: 'main', groups: [] }];
    expect(checks({ environments: { dev: null, prod: { account: '222222222222' }, qa: 'eu-west-1_Q' }, userPools })).toEqual([]);
    expect(checks({ environments: { dev: { userPools: null } }, userPools })).toEqual([]);
  });

  it('compares only pool ids that are strings or {id} strings: other values are the schema\'s to refuse', () => {
    const environments = { dev: { userPools: { a: 5, b: { region: 'eu-west-1' }, c: { id: 9 }, d: { id: 9 }, e: null } } };
    const userPools = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, groups: [] }));
    expect(checks({ environments, userPools })).toEqual([]);
  });

  it('still refuses two keys mapped to the same pool id, given plainly or as {id, region}', () => {
    const environments = { dev: { userPools: { a: 'eu-west-1_A', b: { id: 'eu-west-1_A', region: 'eu-west-2' } } } };
    expect(checks({ environments, userPools: [{ key: 'a', groups: [] }, { key: 'b', groups: [] }] })).toEqual([
      'at environments.dev.userPools.b | environments.dev.userPools.b | pool id "eu-west-1_A" is also mapped from key "a" in environment "dev"; each key needs its own pool',
    ]);
  });

  it('checks only: names that are strings, and leaves an only: that is no list to the schema', () => {
    const group = (only: unknown) => ({ environments: DEV_ONLY, userPools: [{ key: 'main', groups: [{ name: 'a', only }] }] });
    expect(checks(group([5, 'dev', true]))).toEqual([]);
    expect(checks(group('qa'))).toEqual([]);
    expect(checks(group(['qa']))).toEqual(['at userPools[0].groups[0].only[0] | userPools[0].groups[0].only[0] | no environment "qa"; the file has dev']);
  });

  it('finds placeholders in the strings of lists and mappings, and points at each one', () => {
    const data = {
      environments: DEV_ONLY,
      userPools: [
        {
          key: 'main',
          groups: [
            { name: 'a', members: ['alice', 'bob-${env}'] },
            { name: 'b', members: { include: ['carol-${env}'] } },
          ],
        },
      ],
    };
    expect(checks(data)).toEqual([
      'at userPools[0].groups[0].members[1] | userPools[0].groups[0].members[1] | placeholders such as ${env} are allowed only in roleArn and description',
      'at userPools[0].groups[1].members.include[0] | userPools[0].groups[1].members.include[0] | placeholders such as ${env} are allowed only in roleArn and description',
    ]);
  });
});

describe('environmentView', () => {
  const file = (environments: Record<string, unknown>, pool: Record<string, unknown> = {}, groups: unknown[] = [{ name: 'admins' }]): Record<string, unknown> => ({
    version: 1,
    environments,
    userPools: [{ key: 'main', ...pool, groups }],
  });

  it('has no settings and no account when neither the file nor the environment gives them', () => {
    const v = view(file({ dev: { userPools: { main: 'eu-west-1_Dev1' } } }), 'dev');
    expect(v).toStrictEqual({ data: { version: 1, userPools: [{ id: 'eu-west-1_Dev1', region: 'eu-west-1', groups: [{ name: 'admins' }] }] }, errors: [] });
    expect(Object.keys(v)).toEqual(['data', 'errors']);
    expect(Object.keys(v.data)).toEqual(['version', 'userPools']);
  });

  it('has the account and the merged settings when given', () => {
    const v = view({ ...file({ dev: { account: '111111111111', settings: { maxRps: 3 }, userPools: { main: 'eu-west-1_Dev1' } } }), settings: { lockSeconds: 60 } }, 'dev');
    expect(v.account).toBe('111111111111');
    expect(v.data.settings).toEqual({ lockSeconds: 60, maxRps: 3 });
  });

  it('takes an account only when it is a string', () => {
    const v = view(file({ dev: { account: 111111111111, userPools: { main: 'eu-west-1_Dev1' } } }, {}, [{ name: 'admins', roleArn: 'arn:aws:iam::${account}:role/Admins' }]), 'dev');
    expect('account' in v).toBe(false);
    expect(v.errors.map((d) => `${d.file} | ${d.path} | ${d.message}`)).toEqual([
      'at userPools[0].groups[0].roleArn | userPools[0].groups[0].roleArn | environment "dev" has no `account` for ${account}; give it one, or write the value out',
    ]);
  });

  it('names a missing placeholder once, however often the value uses it', () => {
    const v = view(file({ dev: { userPools: { main: 'eu-west-1_Dev1' } } }, {}, [{ name: 'admins', description: '${account} and ${account} in ${region}' }]), 'dev');
    expect(v.errors.map((d) => d.message)).toEqual(['environment "dev" has no `account` for ${account}; give it one, or write the value out']);
  });

  it('gives a pool the environment does not map an empty id, and its region from the pool', () => {
    const v = view(file({ dev: { userPools: {} } }, { region: 'eu-central-1' }), 'dev');
    expect(v.data.userPools).toEqual([{ id: '', region: 'eu-central-1', groups: [{ name: 'admins' }] }]);
    const bare = view(file({ dev: {} }), 'dev');
    expect(bare.data.userPools).toEqual([{ id: '', region: '', groups: [{ name: 'admins' }] }]);
  });

  it('takes the region of an {id, region} mapping only when it is a string', () => {
    const v = view(file({ dev: { userPools: { main: { id: 'us-east-1_Dev1', region: 5 } } } }), 'dev');
    expect(v.data.userPools).toEqual([{ id: 'us-east-1_Dev1', region: 'us-east-1', groups: [{ name: 'admins' }] }]);
    const noId = view(file({ dev: { userPools: { main: { id: 42, region: 'us-east-2' } } } }), 'dev');
    expect(noId.data.userPools).toEqual([{ id: '', region: 'us-east-2', groups: [{ name: 'admins' }] }]);
  });
});
