// A saved plan is applied only where it was made, and with -f only if it follows from the groups
// file: a plan edited on purpose (checksum recomputed) is caught. Mass removal needs --max-delete.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumOf } from '../../src/core/saved-plan/build.js';
import { listingDigest } from '../../src/core/saved-plan/digest.js';
import { groupsYaml, LEASE_WRITES, ROLE, runCli, isolatedEnv, setup, writeIn } from './helpers.js';

const P = 'eu-west-1_Integ1';

async function planned() {
  const env = await setup({ [P]: [{ GroupName: 'ops', Description: 'old' }] });
  const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'ops', description: 'new', roleArn: ROLE }, { name: 'new-team' }] }]));
  const planFile = join(env.dir, 'plan.json');
  const made = await env.cli(['plan', '-f', file, '--out', planFile]);
  expect(made.code).toBe(0);
  env.emulator.resetStats();
  return { env, file, planFile };
}

describe('where a saved plan may be applied', () => {
  it('refuses a plan made against one endpoint when the apply goes to another (or to AWS), applying nothing', async () => {
    const { env, planFile } = await planned();
    const elsewhere = await runCli(['apply', planFile, '--endpoint-url', 'http://127.0.0.1:9', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toBe(`error: refusing to apply: the plan was made against the endpoint ${env.emulator.url}/, but this apply would go to the endpoint http://127.0.0.1:9/. Apply it with the same target, or make a new plan. Nothing was changed.\n`);
    const aws = await runCli(['apply', planFile, '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(aws.code).toBe(1);
    expect(aws.stderr).toMatch(/but this apply would go to AWS\./);
    expect(env.writes()).toBe(0);
  });

  it('takes AWS_ENDPOINT_URL as the target, like --endpoint-url', async () => {
    const { env, planFile } = await planned();
    const run = await runCli(['apply', planFile, '--no-progress'], { cwd: env.dir, env: isolatedEnv({ AWS_ENDPOINT_URL: env.emulator.url }) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(env.writes()).toBe(2 + LEASE_WRITES);
  });

  it('never sends a plan made with --local to AWS', async () => {
    const env = await setup();
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'a' }] }]));
    const made = await runCli(['plan', '--local', '-f', file, '--out', 'plan.json', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(made.code).toBe(0);
    const run = await runCli(['apply', 'plan.json', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: refusing to apply: the plan was made against the local emulator \(--local\), but this apply would go to AWS\./);
  });

  it('rejects a malformed --endpoint-url in one line', async () => {
    const env = await setup();
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [] }]));
    const run = await runCli(['plan', '-f', file, '--endpoint-url', 'not a url'], { cwd: env.dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: --endpoint-url "not a url": not a URL; expected one such as http://127.0.0.1:9329 or https://cognito-idp.eu-west-1.amazonaws.com\n');
  });
});

describe('a plan checked against its groups file (-f)', () => {
  it('applies a faithful plan', async () => {
    const { env, file, planFile } = await planned();
    const run = await env.cli(['apply', planFile, '-f', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(env.writes()).toBe(2 + LEASE_WRITES);
  });

  it('refuses a plan whose roleArn was edited and checksum recomputed, which the checksum alone lets through', async () => {
    const { env, file, planFile } = await planned();
    const doc = JSON.parse(readFileSync(planFile, 'utf8'));
    const update = doc.pools[0].changes.find((c: { action: string }) => c.action === 'update');
    update.after.roleArn = 'arn:aws:iam::123456789012:role/Attacker';
    update.fields = update.fields.map((f: { field: string; after: unknown }) => (f.field === 'roleArn' ? { ...f, after: update.after.roleArn } : f));
    doc.checksum = checksumOf(doc);
    writeFileSync(planFile, `${JSON.stringify(doc, null, 2)}\n`);

    const checked = await env.cli(['apply', planFile, '-f', file]);
    expect(checked.code).toBe(1);
    expect(checked.stderr.split('\n')[0]).toBe(`error: ${planFile}: the plan does not follow from ${file}, so it was edited or made from another file; nothing was applied. Make a new plan.`);
    expect(checked.stderr).toContain(`${P}: the plan's changes are not what the file asks for against what the plan saw`);
    expect(env.writes()).toBe(0);
  });

  it('refuses a plan edited to leave a change out (its group moved to unchanged, checksum recomputed)', async () => {
    const { env, file, planFile } = await planned();
    const doc = JSON.parse(readFileSync(planFile, 'utf8'));
    const pool = doc.pools[0];
    pool.changes = pool.changes.filter((c: { name: string }) => c.name !== 'ops');
    pool.observed = pool.observed.filter((g: { name: string }) => g.name !== 'ops');
    pool.unchanged = [...pool.unchanged, 'ops'].sort();
    doc.summary = { ...doc.summary, change: 0, text: 'Plan: 1 to add, 0 to change, 0 to replace, 0 to delete.' };
    doc.checksum = checksumOf(doc);
    writeFileSync(planFile, `${JSON.stringify(doc, null, 2)}\n`);

    const checked = await env.cli(['apply', planFile, '-f', file]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`${P}: what the plan says it saw does not match the digest of the listing it was made from`);
    expect(env.writes()).toBe(0);
  });

  it('after applying a plan checked with -f, compares the pools with the file', async () => {
    const { env, file, planFile } = await planned();
    const run = await env.cli(['apply', planFile, '-f', file, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).check).toEqual({ status: 'done', remaining: [], elsewhere: [], membersMissing: [] });
  });

  it('refuses a plan edited to leave a change out that also rewrote what it saw (digest and checksum recomputed)', async () => {
    const { env, file, planFile } = await planned();
    const doc = JSON.parse(readFileSync(planFile, 'utf8'));
    const pool = doc.pools[0];
    pool.changes = pool.changes.filter((c: { name: string }) => c.name !== 'ops');
    // The plan now claims `ops` was already as the file wants it.
    pool.observed = pool.observed.map((g: { name: string }) => (g.name === 'ops' ? { name: 'ops', description: 'new', roleArn: ROLE } : g));
    pool.unchanged = [...pool.unchanged, 'ops'].sort();
    // The members the plan read for the change go too, or the plan would not follow from the file.
    pool.members = (pool.members ?? []).filter((m: { group: string }) => m.group !== 'ops');
    if (pool.members.length === 0) delete pool.members;
    // So does its access prediction (the change was the only one that could alter a claim).
    delete pool.access;
    delete pool.accessRead;
    pool.listingDigest = listingDigest(pool.observed);
    doc.summary = { ...doc.summary, change: 0, text: 'Plan: 1 to add, 0 to change, 0 to replace, 0 to delete.' };
    doc.checksum = checksumOf(doc);
    writeFileSync(planFile, `${JSON.stringify(doc, null, 2)}\n`);

    const checked = await env.cli(['apply', planFile, '-f', file]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('error: stale plan: 1 group(s) differ from what it saw or from the groups file since it was made');
    expect(checked.stderr).toContain(`  ${P}: "ops" differs from the groups file, and the plan does not change it (it changed since the plan, or the plan was edited)`);
    // Nothing but the lease: the staleness check runs under it.
    expect(env.writes()).toBe(LEASE_WRITES);
  });

  it('refuses a plan made from another version of the file', async () => {
    const { env, file, planFile } = await planned();
    writeFileSync(file, `${readFileSync(file, 'utf8')}# a comment added after planning\n`);
    const run = await env.cli(['apply', planFile, '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the groups file is not the one the plan was made from');
    expect(env.writes()).toBe(0);
  });
});

describe('refusals', () => {
  it('names every missing permission at once', async () => {
    const env = await setup({ [P]: [{ GroupName: 'legacy' }, { GroupName: 'ADMINS', RoleArn: ROLE }] });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, unmanagedGroups: 'delete', groups: [{ name: 'admins' }] }]));
    const run = await env.cli(['apply', '-f', file, '--auto-approve']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: refusing to apply: the plan replaces 1 group(s) (${P}/ADMINS -> admins), which deletes and creates them again (their members are kept, but lack the group until it is back), and deletes 1 group(s) (${P}/legacy), which drops their members; re-run with --allow-replace and --allow-delete if that is intended. Nothing was changed.\n`);
    expect(env.writes()).toBe(LEASE_WRITES);
  });

  it('refuses more deletes than --max-delete even when allowed', async () => {
    const env = await setup({ [P]: [{ GroupName: 'a' }, { GroupName: 'b' }, { GroupName: 'c' }] });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, unmanagedGroups: 'delete', groups: [] }]));
    const refused = await env.cli(['apply', '-f', file, '--auto-approve', '--allow-delete', '--max-delete', '2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('error: refusing to apply: the plan deletes or replaces 3 groups in all, more than --max-delete 2; re-run with --max-delete 3 if that is intended. Nothing was changed.\n');
    expect(env.writes()).toBe(LEASE_WRITES);
    const allowed = await env.cli(['apply', '-f', file, '--auto-approve', '--allow-delete', '--max-delete', '3']);
    expect(allowed.code).toBe(0);
    expect(env.writes()).toBe(3 + 2 * LEASE_WRITES);
  });
});
