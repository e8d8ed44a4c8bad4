// The CLI against the third-party cognito-local server: an independent check of the wire format.
import { CognitoIdentityProviderClient, CreateUserPoolCommand, GetGroupCommand, UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runCli, runCliHere } from './cli.js';
import { ROOT, startCognitoLocal, type CognitoLocal } from './servers.js';

let server: CognitoLocal;
let client: CognitoIdentityProviderClient;
let poolId: string;
let dir: string;
let file: string;

const exampleFor = (id: string): string => readFileSync(join(ROOT, 'groups.example.yaml'), 'utf8').replaceAll('eu-west-1_AbCdEf123', id);

beforeAll(async () => {
  server = await startCognitoLocal();
  client = new CognitoIdentityProviderClient({ region: 'local', endpoint: server.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
  poolId = (await client.send(new CreateUserPoolCommand({ PoolName: 'it' }))).UserPool?.Id ?? '';
  dir = mkdtempSync(join(tmpdir(), 'cg-it-'));
  file = join(dir, 'groups.yaml');
  writeFileSync(file, exampleFor(poolId));
});

afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

const cli = (...args: string[]) => runCliHere([...args, '--endpoint-url', server.url, '--no-progress'], { cwd: dir });

describe('against cognito-local', () => {
  it('applies the example file to an empty pool, then plans no changes', async () => {
    const first = await cli('apply', '-f', file, '--auto-approve');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Plan: 4 to add, 0 to change, 0 to replace, 0 to delete.');
    expect(first.stdout).toContain('Apply complete: 4 added, 0 changed, 0 replaced, 0 deleted.');

    const again = await cli('plan', '-f', file, '--detailed-exitcode');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('4 groups listed');
    expect(again.stdout.trim().split('\n').at(-1)).toBe('No changes.');

    const got = await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
    expect(got.Group).toMatchObject({ Description: 'Full access to the admin console', Precedence: 0, RoleArn: 'arn:aws:iam::123456789012:role/Admins' });
  });

  it('shows a group changed behind its back as an update, and puts it back', async () => {
    await client.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Description: 'changed by hand', Precedence: 7 }));
    const drift = await cli('plan', '-f', file, '--detailed-exitcode');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('~ update "editors"');
    expect(drift.stdout).toContain('description: "changed by hand" -> "Can edit content but not settings"');
    expect(drift.stdout).toContain('precedence:  7 -> 10');
    expect(drift.stdout).toContain('Plan: 0 to add, 1 to change, 0 to replace, 0 to delete.');

    const fix = await cli('apply', '-f', file, '--auto-approve');
    expect(fix.code).toBe(0);
    expect(fix.stdout).toContain('Apply complete: 0 added, 1 changed, 0 replaced, 0 deleted.');
    const got = await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }));
    expect(got.Group).toMatchObject({ Description: 'Can edit content but not settings', Precedence: 10 });
    expect((await cli('plan', '-f', file, '--detailed-exitcode')).code).toBe(0);
  });

  it('imports the pool into a file that plans no changes', async () => {
    const imported = await cli('import', '--user-pool-id', poolId);
    expect(imported.code).toBe(0);
    const importedFile = join(dir, 'imported.yaml');
    writeFileSync(importedFile, imported.stdout);
    expect((await runCliHere(['validate', '-f', importedFile], { cwd: dir })).code).toBe(0);
    const plan = await cli('plan', '-f', importedFile, '--detailed-exitcode');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
  });

  it('refuses a replace without --allow-replace and changes nothing', async () => {
    const noRole = exampleFor(poolId).replace('        roleArn: arn:aws:iam::123456789012:role/Editors\n', '');
    const replaceFile = join(dir, 'replace.yaml');
    writeFileSync(replaceFile, noRole);
    const refused = await cli('apply', '-f', replaceFile, '--auto-approve');
    expect(refused.code).toBe(1);
    // The refusal comes instead of a plan that will not be applied.
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^error: refusing to apply: the plan replaces 1 group\(s\) .*--allow-replace/);
    const still = await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }));
    expect(still.Group?.RoleArn).toBe('arn:aws:iam::123456789012:role/Editors');

    const allowed = await cli('apply', '-f', replaceFile, '--auto-approve', '--allow-replace');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('Apply complete: 0 added, 0 changed, 1 replaced, 0 deleted.');
    const after = await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }));
    expect(after.Group?.RoleArn).toBeUndefined();
  });

  it('names the pool and what to do when the pool does not exist', async () => {
    const missing = join(dir, 'missing.yaml');
    writeFileSync(missing, exampleFor('local_doesNotExist1'));
    const run = await cli('plan', '-f', missing);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ListGroups on user pool local_doesNotExist1 \(local\): the user pool does not exist .*check the pool id and region/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says clearly when there are no credentials, without a stack trace', async () => {
    const run = await runCli(['plan', '-f', file, '--endpoint-url', server.url], {
      cwd: dir,
      env: isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ListGroups on user pool \S+ \(local\): no AWS credentials found \(.*\); set AWS_PROFILE or --profile/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to apply without a terminal unless --auto-approve', async () => {
    await client.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'viewers', Description: 'hand edit' }));
    const run = await cli('apply', '-f', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refusing to apply without a terminal');
    const got = await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'viewers' }));
    expect(got.Group?.Description).toBe('hand edit');
  });
});
