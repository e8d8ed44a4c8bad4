// import of whole environments (issue 26, point 1): two pools, each behind its own emulator standing
// for its own account, imported in one run into a file with `environments:`; equal groups folded,
// `only:` for a group one environment lacks, account ids and environment names turned back into
// ${account} and ${env}, and what differs reported and written per environment. The file validates
// and plans "No changes." in both environments.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { isolatedEnv, runCliHere } from '../integration/cli.js';

const DEV = { account: '111111111111', pool: 'eu-west-1_Dev1' };
const PROD = { account: '222222222222', pool: 'eu-west-1_Prod1' };

async function emulatorFor(env: { account: string; pool: string }, name: string): Promise<RunningEmulator> {
  const em = await startEmulator({ port: 0, account: env.account, quotas: { enabled: false } });
  onTestFinished(() => em.close());
  em.ensureUserPool(env.pool);
  em.seedGroups(env.pool, [
    { GroupName: 'admins', Description: `Admins of ${name}`, Precedence: 0, RoleArn: `arn:aws:iam::${env.account}:role/Admins` },
    { GroupName: 'editors', Description: 'Edit content', Precedence: 5 },
    { GroupName: 'ops', Description: name === 'dev' ? 'Developers on call' : 'The operators' },
    ...(name === 'dev' ? [{ GroupName: 'beta-testers' }] : []),
  ]);
  return em;
}

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cg-import-envs-'));
  onTestFinished(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

describe('import of several environments', () => {
  it('writes one file with environments that plans no changes in each', async () => {
    const dev = await emulatorFor(DEV, 'dev');
    const prod = await emulatorFor(PROD, 'prod');
    const cwd = dir();
    const run = await runCliHere(
      ['import', '--user-pool-id', `dev=${DEV.pool}`, '--user-pool-id', `prod=${PROD.pool}`, '--env-endpoint-url', `dev=${dev.url}`, '--env-endpoint-url', `prod=${prod.url}`, '--no-progress'],
      { cwd },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const data = parse(run.stdout) as Record<string, unknown>;
    expect(data.environments).toEqual({
      dev: { account: DEV.account, userPools: { main: DEV.pool } },
      prod: { account: PROD.account, userPools: { main: PROD.pool } },
    });
    expect(data.userPools).toEqual([
      {
        key: 'main',
        groups: [
          { name: 'admins', description: 'Admins of ${env}', precedence: 0, roleArn: 'arn:aws:iam::${account}:role/Admins' },
          { name: 'beta-testers', only: ['dev'] },
          { name: 'editors', description: 'Edit content', precedence: 5 },
          { name: 'ops', description: 'Developers on call', only: ['dev'] },
          { name: 'ops', description: 'The operators', only: ['prod'] },
        ],
      },
    ]);
    expect(run.stdout).toContain('# Not folded (the environments differ; written once per variant, each with only:):\n#   main/ops: description differ: dev | prod\n');
    expect(run.stdout).toContain('# Environment dev (account 111111111111):\n#   Imported from user pool eu-west-1_Dev1 (eu-west-1): 4 groups.\n');

    const file = join(cwd, 'groups.yaml');
    writeFileSync(file, run.stdout);
    const valid = await runCliHere(['validate', '-f', file], { cwd });
    expect(valid.code, valid.stderr).toBe(0);
    for (const [env, em] of [['dev', dev], ['prod', prod]] as const) {
      const plan = await runCliHere(['plan', '-f', file, '--env', env, '--endpoint-url', em.url, '--detailed-exitcode', '--no-progress'], { cwd, env: isolatedEnv() });
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      expect(plan.stdout.trim().split('\n').at(-1)).toBe('No changes.');
    }
  });

  it("imports the pools of an existing file's environments (-f), with --env choosing which", async () => {
    const dev = await emulatorFor(DEV, 'dev');
    const prod = await emulatorFor(PROD, 'prod');
    const cwd = dir();
    const existing = join(cwd, 'envs.yaml');
    writeFileSync(
      existing,
      `version: 1\nenvironments:\n  dev:\n    account: "${DEV.account}"\n    userPools: { users: ${DEV.pool} }\n  prod:\n    account: "${PROD.account}"\n    userPools: { users: ${PROD.pool} }\nuserPools:\n  - key: users\n    groups: []\n`,
    );
    const endpoints = ['--env-endpoint-url', `dev=${dev.url}`, '--env-endpoint-url', `prod=${prod.url}`];
    const both = await runCliHere(['import', '-f', existing, ...endpoints, '--no-progress'], { cwd });
    expect(both.code, both.stderr).toBe(0);
    const data = parse(both.stdout) as { environments: unknown; userPools: Array<{ key: string; groups: Array<{ name: string; only?: string[] }> }> };
    expect(data.environments).toEqual({ dev: { account: DEV.account, userPools: { users: DEV.pool } }, prod: { account: PROD.account, userPools: { users: PROD.pool } } });
    expect(data.userPools[0]?.key).toBe('users');
    expect(data.userPools[0]?.groups.map((g) => `${g.name}${g.only === undefined ? '' : ` (${g.only.join(', ')})`}`)).toEqual(['admins', 'beta-testers (dev)', 'editors', 'ops (dev)', 'ops (prod)']);

    const onlyProd = await runCliHere(['import', '-f', existing, '--env', 'prod', '--env-endpoint-url', `prod=${prod.url}`, '--no-progress'], { cwd });
    expect(onlyProd.code, onlyProd.stderr).toBe(0);
    expect(Object.keys((parse(onlyProd.stdout) as { environments: object }).environments)).toEqual(['prod']);
    const unknown = await runCliHere(['import', '-f', existing, '--env', 'qa'], { cwd });
    expect(unknown.stderr).toBe(`error: --env qa: ${existing} has no environment "qa"; it has dev, prod\n`);
  });

  it('checks an account it is given, and refuses flags that name no environment', async () => {
    const dev = await emulatorFor(DEV, 'dev');
    const cwd = dir();
    const wrong = await runCliHere(['import', '--user-pool-id', `dev=${DEV.pool}`, '--endpoint-url', dev.url, '--account', `dev=${PROD.account}`, '--no-progress'], { cwd });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: environment dev is account 222222222222, but these credentials are for account 111111111111; nothing was read or changed/);
    const stray = await runCliHere(['import', '--user-pool-id', `dev=${DEV.pool}`, '--env-profile', 'qa=x'], { cwd });
    expect(stray.stderr).toBe('error: --env-profile qa=...: no --user-pool-id names environment qa; the environments are dev\n');
    const mixedKeys = await runCliHere(['import', '--user-pool-id', `dev:a=${DEV.pool}`, '--user-pool-id', `prod:b=${PROD.pool}`], { cwd });
    expect(mixedKeys.stderr).toBe('error: environment prod has pool keys b, but dev has a; every environment maps the same pool keys\n');
  });
});
