// Membership as code through the real CLI and SDK against the emulator: exact and include lists in
// every format, the removal refusals, unknown users, the 100-groups limit, stale saved plans, member
// drift, the import round trip, and no membership call at all for groups without `members:`.
import { ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { checksumOf } from '../../src/core/saved-plan/build.js';
import { runInProcess } from '../cli-io.js';
import { isolatedEnv } from '../integration/cli.js';
import { sdkClient, tempDir, writeIn, type Finish } from '../pipeline/helpers.js';

const P = 'eu-west-1_Managed2';
const USERS = ['alice', 'bob', 'carol', 'dave', 'mallory'];

async function world(finish: Finish, groups: unknown[], seed?: (em: RunningEmulator) => void) {
  const em = await startEmulator({ port: 0, quotas: { enabled: false } });
  em.ensureUserPool(P);
  em.seedGroups(P, [{ GroupName: 'admins' }, { GroupName: 'beta' }, { GroupName: 'customers' }]);
  em.seedUsers(P, USERS.map((Username) => ({ Username })));
  em.seedMembers(P, 'admins', ['bob', 'mallory']);
  em.seedMembers(P, 'beta', ['dave']);
  em.seedMembers(P, 'customers', ['alice', 'bob', 'carol']);
  seed?.(em);
  const client = sdkClient(em.url);
  const dir = tempDir(finish);
  finish(async () => {
    client.destroy();
    await em.close();
  });
  const file = writeIn(dir, 'groups.yaml', stringify({ version: 1, userPools: [{ id: P, groups }] }));
  const cli = async (args: string[]) => {
    const target = ['plan', 'apply', 'drift', 'import'].includes(args[0] ?? '') ? ['--endpoint-url', em.url, '--no-progress'] : [];
    return runInProcess([...args, ...target], { cwd: dir, env: isolatedEnv() });
  };
  const members = async (group: string): Promise<string[]> =>
    ((await client.send(new ListUsersInGroupCommand({ UserPoolId: P, GroupName: group, Limit: 60 }))).Users ?? []).map((u) => u.Username ?? '').sort();
  const calls = (op: string): number => em.stats().operations[op]?.calls ?? 0;
  return { em, dir, file, cli, members, calls };
}

const MANAGED = [
  { name: 'admins', members: ['alice', 'bob'] },
  { name: 'beta', members: { include: ['carol'] } },
  { name: 'customers' },
];

describe.concurrent('membership as code', () => {
  it('plans + and - under each group in text, JSON and Markdown, and applies them with --allow-member-removals', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, MANAGED);
    const [text, json, md] = await Promise.all([w.cli(['plan', '-f', w.file]), w.cli(['plan', '-f', w.file, '--format', 'json']), w.cli(['plan', '-f', w.file, '--format', 'markdown'])]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('  ~ update "admins"\n      + member "alice"\n      - member "mallory"\n');
    expect(text.stdout).toContain('  ~ update "beta"\n      + member "carol"\n');
    expect(text.stdout).toContain('Plan: 0 to add, 2 to change, 0 to replace, 0 to delete. Members: 2 to add, 1 to remove.');
    const doc = JSON.parse(json.stdout);
    expect(doc.pools[0].changes.map((c: { name: string; members: unknown }) => [c.name, c.members])).toEqual([
      ['admins', { add: ['alice'], remove: ['mallory'], had: 2 }],
      ['beta', { add: ['carol'], remove: [], had: 1 }],
    ]);
    expect(doc.pools[0].usernamesCaseSensitive).toBe(false);
    expect(md.stdout).toContain('| 📝&nbsp;update | `admins` | members: +`alice`; −`mallory` |');
    expect(md.stdout).toContain('> Applying this plan needs `--allow-member-removals`:\n> - `--allow-member-removals`: it removes 1 member from 1 group\n');
    expect(md.stdout).toContain('> 1 group loses members (1 member in all); their next tokens lack the group: `admins` (1 member, members removed).');

    const refused = await w.cli(['apply', '-f', w.file, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the plan removes 1 member(s) from 1 group(s) (${P}/admins: 1); re-run with --allow-member-removals if that is intended. Nothing was changed.`);
    expect(w.calls('AdminAddUserToGroup') + w.calls('AdminRemoveUserFromGroup')).toBe(0);

    const run = await w.cli(['apply', '-f', w.file, '--auto-approve', '--allow-member-removals']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Apply complete: 0 added, 2 changed, 0 replaced, 0 deleted (members: 2 added, 1 removed).');
    expect(await w.members('admins')).toEqual(['alice', 'bob']);
    expect(await w.members('beta')).toEqual(['carol', 'dave']);
    expect(await w.members('customers')).toEqual(['alice', 'bob', 'carol']);
    const again = await w.cli(['plan', '-f', w.file, '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  });

  it('makes no membership call at all for a file without members:', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, [{ name: 'admins' }, { name: 'beta' }, { name: 'customers', description: 'new' }]);
    w.em.resetStats();
    const run = await w.cli(['apply', '-f', w.file, '--auto-approve']);
    expect(run.code, run.stderr).toBe(0);
    for (const op of ['ListUsersInGroup', 'DescribeUserPool', 'AdminGetUser', 'AdminAddUserToGroup', 'AdminRemoveUserFromGroup']) expect(w.calls(op), op).toBe(0);
  });

  it('refuses more than --max-member-removals, and emptying a group whatever the flags', async ({ onTestFinished }) => {
    const many = Array.from({ length: 30 }, (_, i) => `user${i}`);
    const w = await world(onTestFinished, [{ name: 'admins', members: ['bob'] }, { name: 'beta', members: [] }], (em) => {
      em.seedUsers(P, many.map((Username) => ({ Username })));
      em.seedMembers(P, 'admins', many);
    });
    const run = await w.cli(['apply', '-f', w.file, '--auto-approve', '--allow-member-removals']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('removes 32 members in all, more than --max-member-removals 25; re-run with --max-member-removals 32 if that is intended.');
    expect(run.stderr).toContain(`It would also remove every member of ${P}/beta: 1, which is never done`);
    const raised = await w.cli(['apply', '-f', w.file, '--auto-approve', '--allow-member-removals', '--max-member-removals', '100']);
    expect(raised.code).toBe(1);
    expect(raised.stderr).toContain(`refusing to apply: the plan would remove every member of ${P}/beta: 1, which is never done`);
    expect(w.calls('AdminRemoveUserFromGroup')).toBe(0);
    expect(await w.members('beta')).toEqual(['dave']);
  });

  it('names users the pool does not have before anything is applied', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, [{ name: 'admins', members: ['alice', 'bob', 'mallory', 'ghost'] }, { name: 'new-group', members: ['nobody'] }]);
    const run = await w.cli(['apply', '-f', w.file, '--auto-approve']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: the groups file lists 2 member(s) the pools do not know by that username; nothing was planned (to try a file's members without AWS, --local creates the users the file names in its local emulator)\n  ${P}: no user "ghost"\n  ${P}: no user "nobody"\n`);
    // Nothing but the lease's create (taken before the listing, then released).
    expect(w.calls('CreateGroup') + w.calls('AdminAddUserToGroup')).toBe(1);
  });

  it('fails only the change that meets a user already in 100 groups, saying so', async ({ onTestFinished }) => {
    const full = Array.from({ length: 100 }, (_, i) => `g${String(i).padStart(3, '0')}`);
    const w = await world(onTestFinished, [{ name: 'admins', members: { include: ['carol'] } }, { name: 'beta', members: { include: ['alice'] } }], (em) => {
      em.seedGroups(P, full.map((GroupName) => ({ GroupName })));
      for (const g of full.slice(0, 99)) em.seedMembers(P, g, ['alice']);
    });
    const run = await w.cli(['apply', '-f', w.file, '--auto-approve']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed {7}eu-west-1_Managed2: update "beta": 1 member change\(s\) failed \(add "alice": .*100.*\); 0 added, 0 removed/);
    expect(await w.members('admins')).toEqual(['bob', 'carol', 'mallory']);
  });

  it('refuses a saved plan whose managed group\'s members changed since', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, MANAGED);
    const planFile = `${w.dir}/plan.json`;
    expect((await w.cli(['plan', '-f', w.file, '--out', planFile])).code).toBe(0);
    w.em.seedMembers(P, 'admins', ['dave']);
    const run = await w.cli(['apply', planFile, '--allow-member-removals']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${P}: the members of "admins" changed since the plan counted them (1 joined, 0 left)`);
    expect(w.calls('AdminAddUserToGroup')).toBe(0);
  });

  it('asks the pool again how it compares usernames: a saved plan that says otherwise is refused', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, MANAGED);
    const planFile = `${w.dir}/plan.json`;
    expect((await w.cli(['plan', '-f', w.file, '--out', planFile])).code).toBe(0);
    const doc = JSON.parse(readFileSync(planFile, 'utf8'));
    expect(doc.pools[0].usernamesCaseSensitive).toBe(false);
    doc.pools[0].usernamesCaseSensitive = true;
    doc.checksum = checksumOf(doc);
    writeFileSync(planFile, JSON.stringify(doc));
    const run = await w.cli(['apply', planFile, '--allow-member-removals']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${P}: the plan says the pool compares usernames case-sensitively, but it compares them ignoring case`);
    expect(w.calls('AdminAddUserToGroup') + w.calls('AdminRemoveUserFromGroup')).toBe(0);
  });

  it('reports member drift, and the import with --with-members plans no changes', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, MANAGED);
    const drift = await w.cli(['drift', '-f', w.file]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('  ~ drifted   "admins"\n      member "alice": in the file, not in the group\n      member "mallory": in the group, not in the file\n');
    const json = JSON.parse((await w.cli(['drift', '-f', w.file, '--format', 'json'])).stdout);
    expect(json.pools[0].drifted).toContainEqual({ name: 'admins', fix: 'update', fields: [], members: { missing: ['alice'], unexpected: ['mallory'] } });

    const imported = await w.cli(['import', '--user-pool-id', P, '--with-members']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('members:');
    const file = writeIn(w.dir, 'imported.yaml', imported.stdout);
    const plan = await w.cli(['plan', '-f', file, '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes.');
  });
});
