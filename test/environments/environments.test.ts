// Environments through the CLI and the real SDK: the account guard (STS GetCallerIdentity against the
// emulator, which answers for one account), saved plans refused across environments, the local
// emulator's state per environment, and every output naming the environment.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { runInProcess } from '../cli-io.js';
import { isolatedEnv, runCli } from '../integration/cli.js';
import { tempDir, writeIn, type Finish } from '../pipeline/helpers.js';

const DEV = 'eu-west-1_Dev123';
const PROD = 'eu-west-1_Prod456';

const FILE = `version: 1
environments:
  dev:
    account: "111111111111"
    userPools: { main: ${DEV} }
  prod:
    account: "222222222222"
    userPools: { main: ${PROD} }
userPools:
  - key: main
    groups:
      - name: admins
        roleArn: arn:aws:iam::\${account}:role/Admins
      - name: beta-testers
        only: [dev]
`;

/** An emulator that answers STS for `account`, both pools in it, and the file in a temp dir. */
async function world(finish: Finish, account: string) {
  const em = await startEmulator({ port: 0, quotas: { enabled: false }, account });
  em.ensureUserPool(DEV);
  em.ensureUserPool(PROD);
  const dir = tempDir(finish);
  finish(() => em.close());
  const file = writeIn(dir, 'groups.yaml', FILE);
  const cli = (args: string[]) => runInProcess([...args, '--endpoint-url', em.url, '--no-progress'], { cwd: dir, env: isolatedEnv() });
  const calls = (op: string): number => em.stats().operations[op]?.calls ?? 0;
  return { em, dir, file, cli, calls };
}

describe.concurrent('environments', () => {
  it('plans and applies dev with dev credentials, naming the environment in every format', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, '111111111111');
    const [text, json, md] = await Promise.all([w.cli(['plan', '--env', 'dev']), w.cli(['plan', '--env', 'dev', '--format', 'json']), w.cli(['plan', '--env', 'dev', '--format', 'markdown'])]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(`Target: the endpoint ${w.em.url}/ (environment dev, account 111111111111).`);
    expect(text.stdout).toContain('  + create "admins"\n      roleArn:     "arn:aws:iam::111111111111:role/Admins"\n\n  + create "beta-testers"');
    expect(JSON.parse(json.stdout)).toMatchObject({ environment: 'dev', account: '111111111111', pools: [{ userPoolId: DEV }] });
    expect(md.stdout.split('\n')[0]).toContain('(environment dev, account 111111111111)');
    const run = await w.cli(['apply', '--env', 'dev', '--auto-approve']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Apply complete: 2 added');
  });

  it('refuses prod with dev credentials before reading anything, naming both accounts', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, '111111111111');
    for (const command of [['plan'], ['drift'], ['apply', '--auto-approve']]) {
      const run = await w.cli([...command, '--env', 'prod']);
      expect(run.code, command.join(' ')).toBe(1);
      expect(run.stderr).toBe('error: environment prod is account 222222222222, but these credentials are for account 111111111111; nothing was read or changed (check --profile and --env)\n');
    }
    expect(w.calls('ListGroups') + w.calls('CreateGroup')).toBe(0);
  });

  it('refuses when there are no credentials to check, with one line', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, '111111111111');
    const run = await runCli(['plan', '--env', 'dev', '--endpoint-url', w.em.url, '--no-progress'], { cwd: w.dir, env: isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: STS GetCallerIdentity \(checking which account the credentials are for\): no AWS credentials found \(.*\); set AWS_PROFILE or --profile.*\n$/);
    expect(w.calls('ListGroups')).toBe(0);
  });

  it('applies a saved plan only in the environment it was made for, and -f follows the environment', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, '111111111111');
    const planFile = join(w.dir, 'dev.json');
    const planned = await w.cli(['plan', '--env', 'dev', '--out', planFile]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stderr + planned.stdout).toContain(`cognito-groups apply ${planFile} -f groups.yaml --env dev --endpoint-url ${w.em.url}`);
    const shown = await runInProcess(['show', planFile], { cwd: w.dir, env: isolatedEnv() });
    expect(shown.stdout.split('\n')[0]).toContain(`against the endpoint ${w.em.url}/ (environment dev, account 111111111111).`);
    w.em.resetStats();
    const other = await w.cli(['apply', planFile, '--env', 'prod']);
    expect(other.code).toBe(1);
    expect(other.stderr).toBe(
      `error: refusing to apply: the plan was made against the endpoint ${w.em.url}/ for environment dev, but this apply would go to the endpoint ${w.em.url}/ for environment prod. Apply it with the same target and --env, or make a new plan. Nothing was changed.\n`,
    );
    const none = await w.cli(['apply', planFile]);
    expect(none.stderr).toContain('but this apply would go to the endpoint');
    expect(none.stderr).toContain('without --env');
    expect(w.em.stats().totals.calls).toBe(0);
    const right = await w.cli(['apply', planFile, '-f', 'groups.yaml', '--env', 'dev']);
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toContain('Apply complete: 2 added');
  });

  it('keeps a local state, with the environment\'s account, per environment', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    writeIn(dir, 'groups.yaml', FILE);
    const local = (args: string[]) => runInProcess([...args, '--local', '--no-progress'], { cwd: dir, env: isolatedEnv() });
    const dev = await local(['apply', '--env', 'dev', '--auto-approve']);
    expect(dev.code, dev.stderr).toBe(0);
    expect(dev.stdout.split('\n')[0]).toMatch(/^Target: the local emulator \(environment dev, account 111111111111\): http:\/\/127\.0\.0\.1:\d+, state in \.cognito-groups\/local-dev\.json; created empty pool\(s\) eu-west-1_Dev123\.$/);
    const prod = await local(['apply', '--env', 'prod', '--auto-approve']);
    expect(prod.code, prod.stderr).toBe(0);
    expect(existsSync(join(dir, '.cognito-groups', 'local-dev.json'))).toBe(true);
    expect(existsSync(join(dir, '.cognito-groups', 'local-prod.json'))).toBe(true);
    // Each state holds its own environment's pool only.
    expect(readFileSync(join(dir, '.cognito-groups', 'local-prod.json'), 'utf8')).not.toContain(DEV);
    const again = await local(['plan', '--env', 'prod', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  });

  it('validates every environment without --env, and refuses plan without it', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, '111111111111');
    const validate = await runInProcess(['validate'], { cwd: w.dir, env: isolatedEnv() });
    expect(validate.stdout).toBe('groups.yaml: valid in every environment (dev: 1 user pool, 2 groups; prod: 1 user pool, 1 group).\n');
    const plan = await w.cli(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toBe('error: groups.yaml has environments (dev, prod): pass --env NAME to say which one\n');
  });
});
