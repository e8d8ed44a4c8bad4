// The CLI against the project's own emulator: --local, the standalone `emulator` command, provider
// groups, and the errors a user meets (denied access, rejected credentials, corrupt local state).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { stringify } from 'yaml';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { BIN, isolatedEnv, runCli, runCliHere } from './cli.js';
import { ROOT } from './servers.js';

async function emulator(options: EmulatorOptions = {}) {
  const em = await startEmulator({ port: 0, quotas: { enabled: false }, ...options });
  onTestFinished(() => em.close());
  return em;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cg-em-'));
}

function writeGroups(dir: string, pool: string, groups: object[], extra: object = {}): string {
  const file = join(dir, 'groups.yaml');
  writeFileSync(file, stringify({ version: 1, userPools: [{ id: pool, ...extra, groups }] }));
  return file;
}

describe('--local, the embedded emulator', () => {
  it('runs the README first command in a fresh directory: apply, then a plan with no changes', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'groups.example.yaml'), join(dir, 'groups.example.yaml'));
    const env = isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });

    const applied = await runCli(['apply', '--local', '-f', 'groups.example.yaml', '--auto-approve'], { cwd: dir, env });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^Target: the local emulator \(no AWS account\): http:\/\/127\.0\.0\.1:\d+, state in \.cognito-groups\/local\.json; created empty pool\(s\) eu-west-1_AbCdEf123\./);
    expect(applied.stdout).toContain('Apply complete: 4 added, 0 changed, 0 replaced, 0 deleted.');

    const planned = await runCli(['plan', '--local', '-f', 'groups.example.yaml', '--detailed-exitcode'], { cwd: dir, env });
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('Target: the local emulator (no AWS account)');
    expect(planned.stdout.trim().split('\n').at(-1)).toBe('No changes.');
    const state = JSON.parse(readFileSync(join(dir, '.cognito-groups', 'local.json'), 'utf8')) as { pools: Array<{ id: string; groups: unknown[] }> };
    expect(state.pools.map((p) => [p.id, p.groups.length])).toEqual([['eu-west-1_AbCdEf123', 4]]);

    const imported = await runCli(['import', '--local', '--user-pool-id', 'eu-west-1_AbCdEf123'], { cwd: dir, env });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('Read from the local emulator');
    expect(imported.stdout).toContain('- name: admins');
  });

  it('refuses a corrupt local state file with a clear error instead of starting empty', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'groups.example.yaml'), join(dir, 'groups.yaml'));
    const stateDir = join(dir, '.cognito-groups');
    mkdirSync(stateDir);
    writeFileSync(join(stateDir, 'local.json'), '{"formatVersion": 1, "pools": [');

    const run = await runCli(['plan', '--local'], { cwd: dir });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: \.cognito-groups\/local\.json: state file is not valid JSON .*delete it to start empty/);
    expect(readFileSync(join(stateDir, 'local.json'), 'utf8')).toBe('{"formatVersion": 1, "pools": [');
  });
});

describe('the standalone emulator command', () => {
  it('serves the tool and stops cleanly on SIGINT, keeping its state file', async () => {
    const dir = tempDir();
    const stateFile = join(dir, 'state.json');
    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--pool', 'eu-west-1_Stand1', '--state', stateFile], { env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.once('exit', () => reject(new Error(`emulator exited early: ${out}`)));
    });

    const file = writeGroups(dir, 'eu-west-1_Stand1', [{ name: 'ops', description: 'Operators' }]);
    const applied = await runCli(['apply', '-f', file, '--auto-approve', '--endpoint-url', url]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 1 added');

    child.kill('SIGINT');
    expect(await closed).toBe(0);
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { pools: Array<{ id: string; groups: Array<{ name: string }> }> };
    expect(state.pools[0]?.groups.map((g) => g.name)).toEqual(['ops']);
  });
});

describe('provider groups', () => {
  it('shows them as such, never deletes them, and deletes other unmanaged groups only with --allow-delete', async () => {
    const em = await emulator();
    const pool = 'eu-west-1_Prov1';
    em.ensureUserPool(pool);
    const provider = em.seedProviderGroup(pool, 'Google');
    em.seedGroups(pool, [{ GroupName: 'legacy', Description: 'old team' }]);
    const dir = tempDir();
    const file = writeGroups(dir, pool, [{ name: 'admins' }], { unmanagedGroups: 'delete' });

    const planned = await runCliHere(['plan', '-f', file, '--endpoint-url', em.url]);
    expect(planned.stdout).toContain('+ create "admins"');
    expect(planned.stdout).toContain('- delete "legacy"');
    expect(planned.stdout).toContain(`${provider}  (provider group, created by Cognito)`);
    expect(planned.stdout).not.toContain(`delete "${provider}"`);
    expect(planned.stdout).toContain('Plan: 1 to add, 0 to change, 0 to replace, 1 to delete. 1 provider group left alone.');

    const refused = await runCliHere(['apply', '-f', file, '--endpoint-url', em.url, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: refusing to apply: the plan deletes 1 group\(s\) \(eu-west-1_Prov1\/legacy\).*--allow-delete/);
    // The one CreateGroup is the lease's, released after the refusal.
    expect(em.stats().operations.CreateGroup?.calls ?? 0).toBe(1);

    const applied = await runCliHere(['apply', '-f', file, '--endpoint-url', em.url, '--auto-approve', '--allow-delete']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 1 added, 0 changed, 0 replaced, 1 deleted.');
    const after = await runCliHere(['plan', '-f', file, '--endpoint-url', em.url, '--detailed-exitcode']);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(provider);
  });
});

describe('endpoints', () => {
  it('honours AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER and AWS_ENDPOINT_URL without --endpoint-url', async () => {
    const em = await emulator();
    em.ensureUserPool('eu-west-1_Env1');
    em.seedGroups('eu-west-1_Env1', [{ GroupName: 'from-env' }]);
    const file = writeGroups(tempDir(), 'eu-west-1_Env1', [{ name: 'from-env' }]);

    for (const variable of ['AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', 'AWS_ENDPOINT_URL']) {
      const run = await runCliHere(['plan', '-f', file, '--detailed-exitcode'], { env: isolatedEnv({ [variable]: em.url }) });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('1 group listed, 1 managed by this file');
    }
    expect(em.stats().operations.ListGroups?.calls).toBe(2);
  });
});

describe('errors a user meets', () => {
  it('names the operation, the pool and the permission when access is denied', async () => {
    const em = await emulator({ deny: [{ operation: 'ListGroups' }] });
    em.ensureUserPool('eu-west-1_Deny1');
    const file = writeGroups(tempDir(), 'eu-west-1_Deny1', [{ name: 'a' }]);

    const run = await runCliHere(['plan', '-f', file, '--endpoint-url', em.url]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ListGroups on user pool eu-west-1_Deny1 \(eu-west-1\): access denied \(AccessDeniedException: .*\); grant cognito-idp:ListGroups on this user pool/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says the credentials were rejected', async () => {
    const em = await emulator({ rejectAccessKeyIds: ['AKIDTEST'] });
    em.ensureUserPool('eu-west-1_Creds1');
    const file = writeGroups(tempDir(), 'eu-west-1_Creds1', [{ name: 'a' }]);

    const run = await runCliHere(['plan', '-f', file, '--endpoint-url', em.url]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ListGroups on user pool eu-west-1_Creds1 \(eu-west-1\): the AWS credentials were rejected \(UnrecognizedClientException/);
  });

  it('stops creating in a pool that hit the group limit and says why', async () => {
    // Room for 2 of the 3 groups, and for the lease, which takes a place while the run holds it.
    const em = await emulator({ maxGroupsPerPool: 3 });
    em.ensureUserPool('eu-west-1_Lim1');
    const file = writeGroups(tempDir(), 'eu-west-1_Lim1', [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);

    const run = await runCliHere(['apply', '-f', file, '--endpoint-url', em.url, '--auto-approve']);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed {7}eu-west-1_Lim1: create "[abc]": .*quota of 10,000 groups/);
    expect(run.stdout).toContain('Apply incomplete: 2 added, 0 changed, 0 replaced, 0 deleted; 1 failed, 0 not started.');
    expect(run.stdout).toContain('Fix what the failures above say first (running it again as it is meets the same answer), then run apply again to finish.');
    expect(run.stderr).toBe('error: 1 change(s) failed; the summary above says what was and was not applied\n');
  });
});
