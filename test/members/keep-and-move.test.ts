// Members through the real CLI and the real SDK against the emulator (quotas on): a replace keeps
// every member, a rename moves every member, a process killed with SIGKILL at several points of a
// member-keeping replace leaves nothing lost and, once its lease has run out, the next apply takes the
// lease over and finishes, the counts show in every format, the membership quotas are never exceeded,
// and provider groups are never renamed away.
import { ListGroupsCommand, ListUsersInGroupCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { holdName } from '../../src/core/plan/holding.js';
import { BIN, isolatedEnv } from '../integration/cli.js';
import { sdkClient, tempDir, writeIn, type Finish } from '../pipeline/helpers.js';
import { runInProcess } from '../cli-io.js';
import { stringify } from 'yaml';

const P = 'eu-west-1_Members1';
const ROLE = 'arn:aws:iam::123456789012:role/Ops';

const names = (n: number, prefix = 'user'): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

interface World {
  em: RunningEmulator;
  client: CognitoIdentityProviderClient;
  dir: string;
  file: string;
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  members(group: string): Promise<string[]>;
  groups(): Promise<Array<{ name: string; roleArn?: string; precedence?: number }>>;
}

/** An emulator with Cognito's quotas, one pool with `ops` (a role, its members) and a bystander group; the file drops the role. */
async function world(finish: Finish, options: { members?: number; file?: unknown; seed?: (em: RunningEmulator) => void } = {}): Promise<World> {
  const em = await startEmulator({ port: 0 });
  em.ensureUserPool(P);
  const members = names(options.members ?? 40);
  em.seedGroups(P, [{ GroupName: 'ops', RoleArn: ROLE, Precedence: 1 }, { GroupName: 'bystander' }]);
  em.seedUsers(P, [...members, ...names(3, 'b')].map((username) => ({ Username: username })));
  em.seedMembers(P, 'ops', members);
  em.seedMembers(P, 'bystander', names(3, 'b'));
  options.seed?.(em);
  const client = sdkClient(em.url);
  const dir = tempDir(finish);
  finish(async () => {
    client.destroy();
    await em.close();
  });
  const file = writeIn(dir, 'groups.yaml', stringify(options.file ?? { version: 1, userPools: [{ id: P, groups: [{ name: 'ops', precedence: 1 }, { name: 'bystander' }] }] }));
  return {
    em,
    client,
    dir,
    file,
    cli: async (args) => {
      const run = await runInProcess([...args, '--endpoint-url', em.url, '--no-progress'], { cwd: dir, env: isolatedEnv() });
      return { code: run.code, stdout: run.stdout, stderr: run.stderr };
    },
    members: async (group) => {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: P, GroupName: group, Limit: 60, ...(token === undefined ? {} : { NextToken: token }) }));
        for (const u of page.Users ?? []) out.push(u.Username ?? '');
        token = page.NextToken;
      } while (token !== undefined);
      return out.sort();
    },
    groups: async () =>
      ((await client.send(new ListGroupsCommand({ UserPoolId: P, Limit: 60 }))).Groups ?? [])
        .map((g) => ({ name: g.GroupName ?? '', ...(g.RoleArn === undefined ? {} : { roleArn: g.RoleArn }), ...(g.Precedence === undefined ? {} : { precedence: g.Precedence }) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * The membership quotas held: the emulator enforces each as Cognito does (a token bucket per account
 * and category, and per user) and throttled nothing. Its busiest one-second windows are checked too,
 * with a tenth of slack: the CLI runs in this test's process, beside the emulator, so a stalled event
 * loop can hand the server a request or two of the next window at once.
 */
function expectWithinQuotas(em: RunningEmulator): void {
  const stats = em.stats();
  expect(stats.totals.throttled).toBe(0);
  expect(stats.peakPerCategory.UserList ?? 0).toBeLessThanOrEqual(Math.ceil(30 * 1.1));
  expect(stats.peakPerCategory.UserResourceUpdate ?? 0).toBeLessThanOrEqual(Math.ceil(25 * 1.1));
  expect(stats.peakPerCategory.UserResourceRead ?? 0).toBeLessThanOrEqual(Math.ceil(50 * 1.1));
  expect(stats.peakPerUser.writes).toBeLessThanOrEqual(Math.ceil(10 * 1.1));
}

describe.concurrent('members through the CLI', () => {
  it('a replace keeps every member, counted in the plan, within the membership quotas', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { members: 70 });
    const plan = await w.cli(['plan', '-f', w.file]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`  -/+ replace "ops"  (roleArn cannot be removed in place: deleted and created again; its 70 members are kept in "${holdName('ops')}" and put back)`);
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 1 to replace, 0 to delete. Members: 70 kept, 0 dropped.');

    w.em.resetStats();
    const run = await w.cli(['apply', '-f', w.file, '--auto-approve', '--allow-replace', '--allow-role-changes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Apply complete: 0 added, 0 changed, 1 replaced, 0 deleted (members: 70 kept or moved).');
    expect(await w.groups()).toEqual([{ name: 'bystander' }, { name: 'ops', precedence: 1 }]);
    expect(await w.members('ops')).toEqual(names(70));
    expect(await w.members('bystander')).toEqual(names(3, 'b'));
    expectWithinQuotas(w.em);
  });

  it('a rename moves every member, needs no --allow-replace, and is its own action in JSON', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { file: { version: 1, userPools: [{ id: P, groups: [{ name: 'operators', previously: 'ops', precedence: 1, roleArn: ROLE }, { name: 'bystander' }] }] } });
    const json = await w.cli(['plan', '-f', w.file, '--format', 'json']);
    const doc = JSON.parse(json.stdout);
    expect(doc.pools[0].changes).toEqual([
      { action: 'rename', name: 'operators', previousName: 'ops', before: { precedence: 1, roleArn: ROLE }, after: { precedence: 1, roleArn: ROLE }, fields: [], hold: { group: holdName('operators'), resuming: false }, memberCount: 40 },
    ]);
    expect(doc.summary).toMatchObject({ rename: 1, membersKept: 40, membersDropped: 0 });
    expect(doc.pools[0].members).toEqual([{ group: 'ops', usernames: names(40) }]);

    w.em.resetStats();
    const run = await w.cli(['apply', '-f', w.file, '--auto-approve']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Apply complete: 0 added, 0 changed, 0 replaced, 0 deleted, 1 renamed (members: 40 kept or moved).');
    expect(await w.groups()).toEqual([{ name: 'bystander' }, { name: 'operators', precedence: 1, roleArn: ROLE }]);
    expect(await w.members('operators')).toEqual(names(40));
    expectWithinQuotas(w.em);
    const again = await w.cli(['plan', '-f', w.file, '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  });

  it('shows the counts in Markdown and drift, and drops the members only when the plan says so', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { members: 12 });
    const md = await w.cli(['plan', '-f', w.file, '--format', 'markdown']);
    expect(md.stdout).toContain('> [!NOTE]\n> This group is deleted and created again with its members kept');
    expect(md.stdout).toContain('`ops` (12 members)');
    expect(md.stdout).toContain('*12 members kept and put back*');
    const drift = await w.cli(['drift', '-f', w.file]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('  ~ drifted   "ops" (apply must replace it; 12 members kept unless --drop-members)');

    const planFile = `${w.dir}/plan.json`;
    const dropping = await w.cli(['plan', '-f', w.file, '--drop-members', '--out', planFile]);
    expect(dropping.stdout).toContain('its 12 members are dropped (--drop-members)');
    expect(dropping.stdout).toContain('Members: 0 kept, 12 dropped.');
    const applied = await w.cli(['apply', planFile, '--allow-replace']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await w.members('ops')).toEqual([]);
    expect(await w.members('bystander')).toEqual(names(3, 'b'));
  });

  it('refuses --drop-members at apply time for a saved plan that keeps the members, changing nothing', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { members: 5 });
    const planFile = `${w.dir}/plan.json`;
    await w.cli(['plan', '-f', w.file, '--out', planFile]);
    w.em.resetStats();
    const run = await w.cli(['apply', planFile, '--allow-replace', '--drop-members']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: --drop-members: the plan ${planFile} keeps the members of the groups it replaces, and a saved plan is applied as it was reviewed; make the plan with \`cognito-groups plan --drop-members --out ${planFile}\`\n`);
    expect(w.em.stats().totals.calls).toBe(0);
  });

  it('refuses a saved plan whose counted members changed since, naming the group', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { members: 5 });
    const planFile = `${w.dir}/plan.json`;
    await w.cli(['plan', '-f', w.file, '--out', planFile]);
    w.em.seedUsers(P, [{ Username: 'late' }]);
    w.em.seedMembers(P, 'ops', ['late']);
    const run = await w.cli(['apply', planFile, '--allow-replace']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${P}: the members of "ops" changed since the plan counted them (1 joined, 0 left)`);
    expect(await w.groups()).toContainEqual({ name: 'ops', roleArn: ROLE, precedence: 1 });
  });

  it('never renames a provider group away', async ({ onTestFinished }) => {
    const google = `${P}_Google`;
    const w = await world(onTestFinished, {
      file: { version: 1, userPools: [{ id: P, groups: [{ name: 'ops', precedence: 1, roleArn: ROLE }, { name: 'bystander' }, { name: 'google-users', previously: google }] }] },
      seed: (em) => em.seedProviderGroup(P, 'Google'),
    });
    w.em.resetStats();
    const run = await w.cli(['apply', '-f', w.file, '--auto-approve', '--allow-replace', '--allow-delete']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`refusing to apply: the plan would delete provider groups that Cognito manages (${P}/${google})`);
    // The one CreateGroup is the lease's, taken before the listing and released (no group is made).
    expect(w.em.stats().operations.CreateGroup?.calls ?? 0).toBe(1);
    expect((await w.groups()).map((g) => g.name)).not.toContain('cognito-groups.lock');
    expect((await w.groups()).map((g) => g.name)).toContain(google);
  });
});

/** Runs apply in a child process and kills it with SIGKILL once `when` holds for the emulator's counters. */
function applyKilledWhen(w: World, when: (calls: (op: string) => number) => boolean): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    // A short lease, so the next run can take it over within the test once it has run out.
    const child = spawn(process.execPath, [BIN, 'apply', '-f', w.file, '--endpoint-url', w.em.url, '--auto-approve', '--allow-replace', '--allow-role-changes', '--no-progress', '--lock-duration', '4s'], {
      cwd: w.dir,
      env: isolatedEnv(),
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const calls = (op: string): number => w.em.stats().operations[op]?.calls ?? 0;
    const timer = setInterval(() => {
      if (when(calls)) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 2);
    child.once('error', reject);
    child.once('exit', (_code, signal) => {
      clearInterval(timer);
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

describe.concurrent('a replace killed with SIGKILL', () => {
  // Points of a member-keeping replace of 40 members (each add is one AdminAddUserToGroup): holding
  // half of them, just after the delete, putting half of them back, and just before the holding group goes.
  const points: Array<[string, (calls: (op: string) => number) => boolean]> = [
    ['while holding the members (before the delete)', (c) => c('AdminAddUserToGroup') >= 20],
    ['right after the group was deleted', (c) => c('DeleteGroup') >= 1],
    ['while putting the members back', (c) => c('AdminAddUserToGroup') >= 60],
    ['after the last member was put back', (c) => c('AdminAddUserToGroup') >= 80],
  ];
  for (const [what, when] of points) {
    it(`${what}: nothing is lost, and the next apply finishes`, async ({ onTestFinished }) => {
      const w = await world(onTestFinished);
      const killed = await applyKilledWhen(w, when);
      expect(killed.killed, 'the run ended before the kill point').toBe(true);
      // Every member is somewhere: in the group or in its holding group.
      const ops = (await w.groups()).some((g) => g.name === 'ops') ? await w.members('ops') : [];
      const held = (await w.groups()).some((g) => g.name === holdName('ops')) ? await w.members(holdName('ops')) : [];
      expect([...new Set([...ops, ...held])].sort()).toEqual(names(40));

      // The killed run's lease is still there: the next apply refuses at once, naming it, and changes nothing.
      const lease = (await w.groups()).some((g) => g.name === 'cognito-groups.lock');
      expect(lease).toBe(true);
      const refused = await w.cli(['apply', '-f', w.file, '--auto-approve', '--allow-replace', '--allow-role-changes']);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(/^error: user pool eu-west-1_Members1 is locked by an apply by \S+@\S+, version [^,]+, since \S+, until \S+; nothing was changed\. .* --lock-id [0-9a-f-]{36}$/m);
      // Waiting for it: once it runs out, the next apply takes it over and finishes the job.
      const again = await w.cli(['apply', '-f', w.file, '--auto-approve', '--allow-replace', '--allow-role-changes', '--lock-timeout', '30s']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/^note: took over the lease on user pool eu-west-1_Members1: it ran out at \S+, held by \S+ \(lock id [0-9a-f-]{36}\), which may have stopped half-way/m);
      expect(await w.groups()).toEqual([{ name: 'bystander' }, { name: 'ops', precedence: 1 }]);
      expect(await w.members('ops')).toEqual(names(40));
      expect(await w.members('bystander')).toEqual(names(3, 'b'));
      const third = await w.cli(['plan', '-f', w.file, '--detailed-exitcode']);
      expect(third.code, third.stdout).toBe(0);
    });
  }
});
