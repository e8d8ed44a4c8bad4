// `iam-policy` against IAM as the emulator enforces it: the CLI runs plan, drift and apply under the
// policy it printed for the same groups file. Each passes; apply with any action it used taken away
// fails with a one-line access-denied error naming that action, and reports every change it did not
// make. Each test has its own emulator and directory.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { stringify } from 'yaml';
import { startEmulator, type PolicyDocument, type RunningEmulator } from '../../src/emulator/index.js';
import { tempDir } from '../pipeline/helpers.js';
import { isolatedEnv, runCliHere, type CliRun } from './cli.js';
import { ROOT } from './servers.js';

const ACCOUNT = '111122223333';
const POOL = 'eu-west-1_IamApply1';
const ROLE_A = `arn:aws:iam::${ACCOUNT}:role/Keep`;
const ROLE_B = `arn:aws:iam::${ACCOUNT}:role/Fresh`;

/**
 * A file whose apply makes every kind of change: an update, a replace that keeps the members (the
 * precedence goes), a rename that moves them, a create with a role, and the delete of an unmanaged group.
 */
const FILE = stringify({
  version: 1,
  userPools: [
    {
      id: POOL,
      unmanagedGroups: 'delete',
      groups: [
        { name: 'keep-me', description: 'new', precedence: 1, roleArn: ROLE_A },
        { name: 'flat', description: 'no precedence any more' },
        { name: 'new-name', previously: 'old-name', precedence: 2, roleArn: ROLE_A },
        { name: 'fresh', precedence: 5, roleArn: ROLE_B },
      ],
    },
  ],
});

interface Scenario {
  emulator: RunningEmulator;
  dir: string;
  cli(args: string[], env?: Record<string, string>): Promise<CliRun>;
}

async function scenario(): Promise<Scenario> {
  const emulator = await startEmulator({ port: 0, account: ACCOUNT, quotas: { enabled: false } });
  onTestFinished(() => emulator.close());
  emulator.ensureUserPool(POOL);
  emulator.seedGroups(POOL, [
    { GroupName: 'keep-me', Description: 'old', Precedence: 1, RoleArn: ROLE_A },
    { GroupName: 'flat', Description: 'no precedence any more', Precedence: 3 },
    { GroupName: 'old-name', Precedence: 2, RoleArn: ROLE_A },
    { GroupName: 'stray' },
  ]);
  emulator.seedUsers(POOL, [{ Username: 'ann' }, { Username: 'bob' }, { Username: 'carl' }]);
  emulator.seedMembers(POOL, 'flat', ['ann', 'bob']);
  emulator.seedMembers(POOL, 'old-name', ['carl']);
  const dir = tempDir();
  writeFileSync(join(dir, 'groups.yaml'), FILE);
  const cli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => {
    const target = args[0] === 'iam-policy' ? [] : ['--endpoint-url', emulator.url, '--no-progress'];
    return runCliHere([...args, ...target], { cwd: dir, env: isolatedEnv(env) });
  };
  return { emulator, dir, cli };
}

/** The policy `iam-policy` prints for the scenario's file. */
async function policyFor(s: Scenario, command: 'plan' | 'apply' | 'drift', env: Record<string, string> = {}): Promise<PolicyDocument> {
  const run = await s.cli(['iam-policy', '--for', command, '-f', 'groups.yaml', ...(env.AWS_ACCOUNT_ID === undefined ? ['--account', ACCOUNT] : [])], env);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as PolicyDocument;
}

/** The policy without one action (the statements that named only it dropped). */
function without(policy: PolicyDocument, action: string): PolicyDocument {
  const statements = ([] as PolicyDocument['Statement'][]).concat(policy.Statement).flat();
  return {
    ...policy,
    Statement: statements
      .map((s) => ({ ...s, Action: ([] as string[]).concat(s.Action).filter((a) => a !== action) }))
      .filter((s) => s.Action.length > 0),
  };
}

function actionsOf(policy: PolicyDocument): string[] {
  return ([] as PolicyDocument['Statement'][]).concat(policy.Statement).flat().flatMap((s) => ([] as string[]).concat(s.Action)).sort();
}

/** The IAM service prefix of the emulator's operations that are not Cognito user pools'. */
const SERVICE_OF: Record<string, string> = {
  LookupEvents: 'cloudtrail',
  ListIdentityPools: 'cognito-identity',
  DescribeIdentityPool: 'cognito-identity',
  GetIdentityPoolRoles: 'cognito-identity',
  GetRole: 'iam',
};

/** The credentials check's actions, as iam-policy grants them to plan, apply and drift for a file with roles. */
const CREDENTIAL_ACTIONS = ['cognito-identity:DescribeIdentityPool', 'cognito-identity:GetIdentityPoolRoles', 'cognito-identity:ListIdentityPools', 'iam:GetRole'];

/** Cognito actions the emulator answered since the last reset (denied ones included), as IAM names them. */
function called(emulator: RunningEmulator): string[] {
  return Object.entries(emulator.stats().operations)
    .filter(([, o]) => o.calls > 0)
    .map(([op]) => `${SERVICE_OF[op] ?? 'cognito-idp'}:${op}`)
    .sort();
}

const APPLY = ['apply', '-f', 'groups.yaml', '--auto-approve', '--allow-replace', '--allow-delete', '--allow-role-changes'];

describe('iam-policy under the emulator\'s IAM', () => {
  it('apply succeeds under the apply policy, using every action it grants but GetGroup (only for a group created meanwhile)', async () => {
    const s = await scenario();
    const policy = await policyFor(s, 'apply');
    s.emulator.setPolicy(policy);
    const run = await s.cli(APPLY);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Apply complete: 1 added, 1 changed, 1 replaced, 1 deleted, 1 renamed\b/m);
    const cognito = actionsOf(policy).filter((a) => a.startsWith('cognito-idp:'));
    // The access check read its users' groups the cheaper way here (the members of the role groups), so AdminListGroupsForUser went unused.
    expect(called(s.emulator).filter((a) => a.startsWith('cognito-idp:'))).toEqual(cognito.filter((a) => a !== 'cognito-idp:GetGroup' && a !== 'cognito-idp:AdminListGroupsForUser'));
    expect(actionsOf(policy).filter((a) => !a.startsWith('cognito-idp:'))).toEqual([...CREDENTIAL_ACTIONS, 'iam:PassRole']);
    // Whatever else it read (the credentials check), the policy allowed: nothing went unchecked.
    for (const action of called(s.emulator)) expect(actionsOf(policy)).toContain(action);
    expect(run.stdout).not.toContain('Not checked');
    // The members came along: the replace kept them, the rename moved them.
    s.emulator.setPolicy(undefined);
    const listed = await s.cli(['plan', '-f', 'groups.yaml', '--detailed-exitcode']);
    expect(listed.code, listed.stdout + listed.stderr).toBe(0);
    const members = await s.cli(['drift', '-f', 'groups.yaml']);
    expect(members.code).toBe(0);
    const imported = await s.cli(['import', '--user-pool-id', POOL]);
    expect(imported.stdout).not.toContain('old-name');
    expect(imported.stdout).not.toContain('stray');
    expect(imported.stdout).not.toContain('cognito-groups.hold.');
  });

  it.each([
    'cognito-idp:ListGroups',
    'cognito-idp:ListUsersInGroup',
    'cognito-idp:CreateGroup',
    'cognito-idp:UpdateGroup',
    'cognito-idp:DeleteGroup',
    'cognito-idp:AdminAddUserToGroup',
    'iam:PassRole',
  ])('apply without %s fails with a one-line access-denied error naming it, and reports what it did not do', async (action) => {
    const s = await scenario();
    const policy = await policyFor(s, 'apply');
    expect(actionsOf(policy)).toContain(action);
    s.emulator.setPolicy(without(policy, action));
    const run = await s.cli([...APPLY, '--format', 'json']);
    expect(run.code).toBe(1);
    const denied = run.stderr.split('\n').filter((l) => l.includes('access denied'));
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(1);
    if (action === 'cognito-idp:ListGroups' || action === 'cognito-idp:ListUsersInGroup') {
      // Planning could not read the pool: nothing was written but the lease, which was released.
      expect(denied).toEqual([errors[0]]);
      expect(errors[0]).toContain(`grant ${action} on this user pool`);
      expect(s.emulator.stats().operations['CreateGroup']?.calls ?? 0).toBe(1);
      expect(s.emulator.stats().operations['DeleteGroup']?.calls ?? 0).toBe(1);
      return;
    }
    if (action === 'cognito-idp:CreateGroup') {
      // The lease is the first write: without CreateGroup the run stops there, before listing anything.
      expect(denied).toEqual([errors[0]]);
      expect(errors[0]).toContain('for group "cognito-groups.lock": access denied');
      expect(errors[0]).toContain(`grant ${action} on this user pool`);
      expect(s.emulator.stats().operations['ListGroups']?.calls ?? 0).toBe(0);
      expect(run.stdout).toBe('');
      return;
    }
    // The plan was made; the changes that needed the action failed, each saying why, the rest were made.
    const report = JSON.parse(run.stdout) as { results: Array<{ name: string; action: string; status: string; code?: string; message?: string }> };
    const failed = report.results.filter((r) => r.status !== 'done');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(r.message, JSON.stringify(r)).toBeTruthy();
    const deniedResults = failed.filter((r) => r.code === 'AWS_ACCESS_DENIED');
    expect(deniedResults.length).toBeGreaterThan(0);
    for (const r of deniedResults) expect(r.message).toContain(`grant ${action}`);
    expect(errors[0]).toMatch(/^error: \d+ change\(s\) failed; the summary above says what was and was not applied$/);
    // What the report calls done holds; what it does not is still to do: a plan with full rights shows it.
    s.emulator.setPolicy(undefined);
    const after = await s.cli(['plan', '-f', 'groups.yaml', '--format', 'json']);
    expect(after.code, after.stderr).toBe(0);
    const pending = (JSON.parse(after.stdout) as { pools: Array<{ changes: Array<{ name: string }> }> }).pools.flatMap((p) => p.changes.map((c) => c.name)).sort();
    const done = report.results.filter((r) => r.status === 'done').map((r) => r.name);
    for (const name of done) expect(pending).not.toContain(name);
    expect(pending.length).toBeGreaterThan(0);
  });

  it.each(['plan', 'drift'] as const)('%s runs under its own read-only policy, which lets apply write nothing', async (command) => {
    const s = await scenario();
    const policy = await policyFor(s, command, { AWS_ACCOUNT_ID: ACCOUNT });
    // Drift also names who made each difference, from CloudTrail; plan also checks whose token claims change: the pool's trigger, and its users' groups.
    const trail = command === 'drift' ? ['cloudtrail:LookupEvents'] : [];
    const access = command === 'plan' ? ['cognito-idp:AdminListGroupsForUser', 'cognito-idp:DescribeUserPool'] : [];
    expect(actionsOf(policy)).toEqual([...trail, ...CREDENTIAL_ACTIONS.slice(0, 3), ...access, 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup', 'iam:GetRole']);
    s.emulator.setPolicy(policy);
    const run = await s.cli(command === 'plan' ? ['plan', '-f', 'groups.yaml', '--detailed-exitcode'] : ['drift', '-f', 'groups.yaml']);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    if (command === 'drift') expect(run.stdout).not.toContain('not allowed (cloudtrail:LookupEvents)');
    expect(run.stdout).not.toContain('Not checked');
    // The plan counts the members of the groups the changes drop or move: ListUsersInGroup was needed.
    expect(called(s.emulator).filter((a) => a.startsWith('cognito-idp:') || a.startsWith('cloudtrail:'))).toEqual([...trail, ...access.filter((a) => a !== 'cognito-idp:AdminListGroupsForUser'), 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup']);
    for (const action of called(s.emulator)) expect(actionsOf(policy)).toContain(action);
    // apply's first write, its lease, is denied: it stops before listing, changing nothing.
    const apply = await s.cli([...APPLY, '--format', 'json']);
    expect(apply.code).toBe(1);
    // apply's first write, its lease, is denied: it stops before listing, changing nothing.
    expect(apply.stdout).toBe('');
    expect(apply.stderr).toMatch(/^error: CreateGroup on user pool \S+ \(eu-west-1\) for group "cognito-groups.lock": access denied .*grant cognito-idp:CreateGroup on this user pool/m);
  });

  it('plan without ListUsersInGroup fails with one line naming it', async () => {
    const s = await scenario();
    s.emulator.setPolicy(without(await policyFor(s, 'plan'), 'cognito-idp:ListUsersInGroup'));
    const run = await s.cli(['plan', '-f', 'groups.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: ListUsersInGroup on user pool eu-west-1_IamApply1 \(eu-west-1\) for group "\S+": access denied \(.*\); grant cognito-idp:ListUsersInGroup on this user pool/)]);
  });

  it('names any account (*) with a note on stderr when none is given, which IAM matches for the pools', async () => {
    const s = await scenario();
    const run = await s.cli(['iam-policy', '--for', 'plan', '-f', 'groups.yaml']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('note: no --account and no AWS_ACCOUNT_ID: the pool ARNs name any account (*); pass --account 123456789012 to scope them to yours\n');
    const policy = JSON.parse(run.stdout) as PolicyDocument;
    expect(JSON.stringify(policy)).toContain(`arn:aws:cognito-idp:eu-west-1:*:userpool/${POOL}`);
    s.emulator.setPolicy(policy);
    expect((await s.cli(['plan', '-f', 'groups.yaml', '--detailed-exitcode'])).code).toBe(2);
  });

  it('scopes to the account given: a policy for another account allows nothing here', async () => {
    const s = await scenario();
    const run = await s.cli(['iam-policy', '--for', 'plan', '-f', 'groups.yaml', '--account', '999999999999']);
    s.emulator.setPolicy(JSON.parse(run.stdout) as PolicyDocument);
    const plan = await s.cli(['plan', '-f', 'groups.yaml']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('grant cognito-idp:ListGroups on this user pool');
  });
});

describe('iam-policy for a file that manages members, under the emulator\'s IAM', () => {
  const MEMBERS_POOL = 'eu-west-1_IamMembers1';
  const MEMBERS_FILE = stringify({
    version: 1,
    userPools: [
      {
        id: MEMBERS_POOL,
        groups: [
          { name: 'admins', precedence: 0, roleArn: ROLE_A, members: ['ann', 'bob'] },
          { name: 'beta', precedence: 1, roleArn: ROLE_A, members: { include: ['dan'] } },
        ],
      },
    ],
  });

  async function membersScenario(): Promise<Scenario> {
    const emulator = await startEmulator({ port: 0, account: ACCOUNT, quotas: { enabled: false } });
    onTestFinished(() => emulator.close());
    emulator.ensureUserPool(MEMBERS_POOL);
    emulator.seedGroups(MEMBERS_POOL, [
      { GroupName: 'admins', Precedence: 0, RoleArn: ROLE_A },
      { GroupName: 'beta', Precedence: 1, RoleArn: ROLE_A },
    ]);
    emulator.seedUsers(MEMBERS_POOL, [{ Username: 'ann' }, { Username: 'bob' }, { Username: 'carl' }, { Username: 'dan' }]);
    emulator.seedMembers(MEMBERS_POOL, 'admins', ['ann', 'carl']);
    const dir = tempDir();
    writeFileSync(join(dir, 'groups.yaml'), MEMBERS_FILE);
    const cli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => {
      const target = args[0] === 'iam-policy' ? [] : ['--endpoint-url', emulator.url, '--no-progress'];
      return runCliHere([...args, ...target], { cwd: dir, env: isolatedEnv(env) });
    };
    return { emulator, dir, cli };
  }

  const MEMBERS_APPLY = ['apply', '-f', 'groups.yaml', '--auto-approve', '--allow-member-removals'];
  const MEMBER_ACTIONS = ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminRemoveUserFromGroup', 'cognito-idp:DescribeUserPool', 'cognito-idp:ListUsersInGroup'];

  it('apply adds and removes members under the apply policy, whose DeleteGroup is for the lease only', async () => {
    const s = await membersScenario();
    const policy = await policyFor(s, 'apply');
    // IAM cannot scope a permission to one group: the lease's DeleteGroup is granted on the pool.
    expect(actionsOf(policy)).toContain('cognito-idp:DeleteGroup');
    s.emulator.setPolicy(policy);
    const run = await s.cli(MEMBERS_APPLY);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const used = called(s.emulator);
    for (const action of MEMBER_ACTIONS) expect(used).toContain(action);
    for (const action of used) expect(actionsOf(policy)).toContain(action);
    s.emulator.setPolicy(undefined);
    expect((await s.cli(['plan', '-f', 'groups.yaml', '--detailed-exitcode'])).code).toBe(0);
  });

  it.each(MEMBER_ACTIONS)('apply without %s fails, naming it', async (action) => {
    const s = await membersScenario();
    s.emulator.setPolicy(without(await policyFor(s, 'apply'), action));
    const run = await s.cli([...MEMBERS_APPLY, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(`${run.stdout}\n${run.stderr}`).toContain(`grant ${action}`);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('error: '))).toHaveLength(1);
  });

  it.each(['plan', 'drift'] as const)('%s reads the pool and its users under its own policy', async (command) => {
    const s = await membersScenario();
    const policy = await policyFor(s, command);
    // Both check access: plan for its changes, drift for members added or removed by hand; drift also reads CloudTrail; both check credentials.
    expect(actionsOf(policy)).toEqual([...(command === 'drift' ? ['cloudtrail:LookupEvents'] : []), ...CREDENTIAL_ACTIONS.slice(0, 3), 'cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:DescribeUserPool', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup', 'iam:GetRole']);
    s.emulator.setPolicy(policy);
    const run = await s.cli(command === 'plan' ? ['plan', '-f', 'groups.yaml', '--detailed-exitcode'] : ['drift', '-f', 'groups.yaml']);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    for (const action of called(s.emulator)) expect(actionsOf(policy)).toContain(action);
  });
});

describe('iam-policy for a file with environments', () => {
  const ENV_FILE = [
    'version: 1',
    'environments:',
    '  dev:',
    '    account: "111111111111"',
    '    userPools: { main: eu-west-1_Dev123 }',
    '  prod:',
    '    account: "222222222222"',
    '    userPools: { main: eu-central-1_Prod456 }',
    'userPools:',
    '  - key: main',
    '    groups:',
    '      - name: admins',
    '        precedence: 0',
    '        roleArn: arn:aws:iam::${account}:role/Admins',
    '      - name: beta-testers',
    '        only: [dev]',
    '',
  ].join('\n');

  async function envDir(): Promise<string> {
    const dir = tempDir();
    writeFileSync(join(dir, 'groups.yaml'), ENV_FILE);
    return dir;
  }

  const iam = (dir: string, args: string[], env: Record<string, string> = {}) => runCliHere(['iam-policy', '-f', 'groups.yaml', ...args], { cwd: dir, env: isolatedEnv(env) });

  it('needs --env, and then scopes to that environment\'s pools, account and roles', async () => {
    const dir = await envDir();
    const missing = await iam(dir, ['--for', 'apply']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: groups.yaml has environments (dev, prod): pass --env NAME to say which one\n');

    const prod = await iam(dir, ['--for', 'apply', '--env', 'prod']);
    expect(prod.code, prod.stderr).toBe(0);
    expect(prod.stderr).toBe('');
    const doc = JSON.parse(prod.stdout) as { Statement: Array<{ Action: string[]; Resource: string[] }> };
    expect(doc.Statement.map((st) => st.Resource)).toEqual([
      ['arn:aws:cognito-idp:eu-central-1:222222222222:userpool/eu-central-1_Prod456'],
      ['arn:aws:iam::222222222222:role/Admins'],
      ['*'],
      ['arn:aws:cognito-identity:eu-central-1:222222222222:identitypool/*'],
      ['arn:aws:iam::222222222222:role/Admins'],
    ]);
    // In prod every group has a role and a precedence: no replace, so no members to keep; DeleteGroup is the lease's.
    expect(doc.Statement[0]?.Action).not.toContain('cognito-idp:AdminAddUserToGroup');
    expect(doc.Statement[0]?.Action).toContain('cognito-idp:DeleteGroup');

    const dev = JSON.parse((await iam(dir, ['--for', 'apply', '--env', 'dev'])).stdout) as typeof doc;
    expect(dev.Statement[0]?.Resource).toEqual(['arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_Dev123']);
    // beta-testers (dev only) has neither: a replace, which keeps its members, is possible in dev.
    expect(dev.Statement[0]?.Action).toContain('cognito-idp:AdminAddUserToGroup');
  });

  it('refuses an --account other than the one the environment names', async () => {
    const dir = await envDir();
    const run = await iam(dir, ['--for', 'plan', '--env', 'prod', '--account', '111111111111']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: --account 111111111111: environment prod names account 222222222222, where its pools are; leave --account out or pass that one\n');
    expect((await iam(dir, ['--for', 'plan', '--env', 'prod', '--account', '222222222222'])).code).toBe(0);
    // The environment's account comes before AWS_ACCOUNT_ID.
    expect((await iam(dir, ['--for', 'plan', '--env', 'prod'], { AWS_ACCOUNT_ID: '333333333333' })).stdout).toContain(':222222222222:userpool/');
  });
});

describe('iam-policy on the command line', () => {
  it('prints 2-space JSON on stdout, reads the file with the config reader, and refuses bad input in one line', async () => {
    const s = await scenario();
    const ok = await s.cli(['iam-policy', '--for', 'apply', '-f', 'groups.yaml', '--account', ACCOUNT]);
    expect(ok.stdout).toBe(`${JSON.stringify(JSON.parse(ok.stdout), null, 2)}\n`);
    writeFileSync(join(s.dir, 'bad.yaml'), 'version: 1\nuserPools:\n  - id: eu-west-1_X1\n    groups:\n      - name: a\n        precendence: 1\n');
    const bad = await s.cli(['iam-policy', '--for', 'plan', '-f', 'bad.yaml', '--account', ACCOUNT]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('bad.yaml:6:9: userPools[0].groups[0].precendence: unknown field "precendence"');
    const account = await s.cli(['iam-policy', '--for', 'plan', '-f', 'groups.yaml', '--account', '1234']);
    expect(account.code).toBe(1);
    expect(account.stderr).toContain("option '--account <id>' argument '1234' is invalid. expected 12 digits");
    const env = await s.cli(['iam-policy', '--for', 'plan', '-f', 'groups.yaml'], { AWS_ACCOUNT_ID: '12-34' });
    expect(env.code).toBe(1);
    expect(env.stderr).toBe('error: AWS_ACCOUNT_ID "12-34": expected 12 digits, such as 123456789012 (or pass --account)\n');
    const command = await s.cli(['iam-policy', '--for', 'import', '-f', 'groups.yaml']);
    expect(command.code).toBe(1);
    expect(command.stderr).toContain("argument 'import' is invalid. Allowed choices are plan, apply, drift.");
  });

  it('ships example policies that are exactly what the command prints for groups.example.yaml', async () => {
    for (const command of ['plan', 'apply', 'drift']) {
      const run = await runCliHere(['iam-policy', '--for', command, '-f', 'groups.example.yaml', '--account', '123456789012'], { cwd: ROOT, env: isolatedEnv() });
      expect(run.code, command).toBe(0);
      expect(run.stdout, command).toBe(readFileSync(join(ROOT, 'examples', 'github-actions', `iam-${command}-policy.json`), 'utf8'));
    }
  });
});
