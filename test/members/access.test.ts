// Whose token claims a plan changes, through the real CLI and SDK against the emulator: each case
// plans, applies, then computes every user's claims from the pool before and after (ListGroups and
// AdminListGroupsForUser, the claim rule) and checks the plan predicted exactly those changes. Then
// apply's budget: --max-role-changes, --allow-role-changes, sensitive roles, --no-access-check, the
// stale saved plan, and the Markdown fold.
import { AdminListGroupsForUserCommand, ListGroupsCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { claimsOf, type Claims } from '../../src/core/claims/rule.js';
import { startEmulator } from '../../src/emulator/index.js';
import { runInProcess } from '../cli-io.js';
import { isolatedEnv } from '../integration/cli.js';
import { sdkClient, tempDir, writeIn, type Finish } from '../pipeline/helpers.js';

const P = 'eu-west-1_Access1';
const READER = 'arn:aws:iam::123456789012:role/reader';
const ADMIN = 'arn:aws:iam::123456789012:role/admin';
const OPS = 'arn:aws:iam::123456789012:role/ops';
const LAMBDA = 'arn:aws:lambda:eu-west-1:123456789012:function:claims';

interface Seed {
  groups: Array<{ GroupName: string; Precedence?: number; RoleArn?: string }>;
  members: Record<string, string[]>;
  users?: string[];
  trigger?: boolean;
}

async function world(finish: Finish, seed: Seed) {
  const em = await startEmulator({ port: 0, quotas: { enabled: false } });
  em.ensureUserPool(P, seed.trigger === true ? { preTokenGeneration: { lambdaArn: LAMBDA, version: 'V2_0' } } : {});
  em.seedGroups(P, seed.groups);
  const users = [...new Set([...(seed.users ?? []), ...Object.values(seed.members).flat()])];
  em.seedUsers(P, users.map((Username) => ({ Username })));
  for (const [g, us] of Object.entries(seed.members)) em.seedMembers(P, g, us);
  const client = sdkClient(em.url);
  const dir = tempDir(finish);
  finish(async () => {
    client.destroy();
    await em.close();
  });
  const write = (groups: unknown[], settings?: unknown): string => writeIn(dir, 'groups.yaml', stringify({ version: 1, ...(settings === undefined ? {} : { settings }), userPools: [{ id: P, groups }] }));
  const cli = async (args: string[]) => {
    const target = ['plan', 'apply', 'drift'].includes(args[0] ?? '') ? ['--endpoint-url', em.url, '--no-progress'] : [];
    return runInProcess([...args, ...target], { cwd: dir, env: isolatedEnv() });
  };
  /** Every user's claims, computed from the pool as it is: its groups' fields and each user's groups. */
  const claims = async (): Promise<Map<string, Claims>> => {
    const listed = (await client.send(new ListGroupsCommand({ UserPoolId: P, Limit: 60 }))).Groups ?? [];
    const fields = new Map(listed.map((g) => [g.GroupName ?? '', { ...(g.Precedence === undefined ? {} : { precedence: g.Precedence }), ...(g.RoleArn === undefined ? {} : { roleArn: g.RoleArn }) }]));
    const all = ((await client.send(new ListUsersCommand({ UserPoolId: P, Limit: 60 }))).Users ?? []).map((u) => u.Username ?? '');
    const out = new Map<string, Claims>();
    for (const u of all) {
      const groups = (await client.send(new AdminListGroupsForUserCommand({ UserPoolId: P, Username: u, Limit: 60 }))).Groups ?? [];
      out.set(u, claimsOf(groups.map((g) => ({ name: g.GroupName ?? '', ...fields.get(g.GroupName ?? '') }))));
    }
    return out;
  };
  const calls = (op: string): number => em.stats().operations[op]?.calls ?? 0;
  return { em, dir, write, cli, claims, calls };
}

/** Each user's claim changes between two snapshots, in the words of the plan's transitions (the test's own oracle). */
function actualChanges(before: Map<string, Claims>, after: Map<string, Claims>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [u, b] of before) {
    const a = after.get(u) as Claims;
    const list: string[] = [];
    if ((b.preferredRole ?? null) !== (a.preferredRole ?? null)) list.push(`preferred ${b.preferredRole ?? 'none'} -> ${a.preferredRole ?? 'none'}`);
    for (const r of a.roles) if (!b.roles.includes(r)) list.push(`gain role ${r}`);
    for (const r of b.roles) if (!a.roles.includes(r)) list.push(`lose role ${r}`);
    for (const g of a.groups) if (!b.groups.includes(g)) list.push(`gain group ${g}`);
    for (const g of b.groups) if (!a.groups.includes(g)) list.push(`lose group ${g}`);
    if (list.length > 0) out.set(u, list.sort());
  }
  return out;
}

interface TransitionJson {
  claim: string;
  before?: string | null;
  after?: string | null;
  change?: string;
  role?: string;
  group?: string;
  count: number;
  usernames: string[];
  sensitive?: true;
  tie?: string[];
}

/** The plan's transitions as each user's changes. */
function predictedChanges(transitions: TransitionJson[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of transitions) {
    const words = t.claim === 'preferred_role' ? `preferred ${t.before ?? 'none'} -> ${t.after ?? 'none'}` : `${t.change} ${t.claim === 'roles' ? 'role' : 'group'} ${t.role ?? t.group}`;
    for (const u of t.usernames) out.set(u, [...(out.get(u) ?? []), words].sort());
  }
  return out;
}

/** Plans as JSON, applies with every allowance, and checks the prediction against the pool. */
async function predictedMatchesPool(w: Awaited<ReturnType<typeof world>>, file: string, planFlags: string[] = []) {
  const before = await w.claims();
  const planned = await w.cli(['plan', '-f', file, '--format', 'json', '--out', 'plan.json', ...planFlags]);
  expect(planned.code, planned.stderr).toBe(0);
  const access = JSON.parse(planned.stdout).pools[0].access;
  expect(access.checked).toBe(true);
  const applied = await w.cli(['apply', 'plan.json', '-f', file, '--allow-replace', '--allow-delete', '--allow-member-removals', '--allow-role-changes']);
  expect(applied.code, applied.stderr).toBe(0);
  const after = await w.claims();
  expect(predictedChanges(access.transitions)).toEqual(actualChanges(before, after));
  return access as { via: string; reads: number; users: number; transitions: TransitionJson[]; trigger?: string };
}

describe.concurrent('access predictions hold in the pool after apply', () => {
  it('a precedence swap between two role groups moves the preferred role of the users in both', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }, { GroupName: 'readers', Precedence: 1, RoleArn: READER }],
      members: { admins: ['ann', 'bob', 'cy'], readers: ['bob', 'cy', 'dee'] },
    });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }, { name: 'readers', precedence: 5, roleArn: READER }]);
    const access = await predictedMatchesPool(w, file);
    expect(access.transitions).toEqual([{ claim: 'preferred_role', before: READER, after: ADMIN, count: 2, usernames: ['bob', 'cy'] }]);
  });

  it('a tie unsets the preferred role', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }, { GroupName: 'readers', Precedence: 1, RoleArn: READER }],
      members: { admins: ['ann', 'bob'], readers: ['bob'] },
    });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }, { name: 'readers', precedence: 1, roleArn: READER }]);
    const access = await predictedMatchesPool(w, file);
    expect(access.transitions).toEqual([{ claim: 'preferred_role', before: READER, after: null, tie: [ADMIN, READER], count: 1, usernames: ['bob'] }]);
  });

  it('a user in three role groups gets the role of the lowest precedence', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 2, RoleArn: ADMIN }, { GroupName: 'ops', Precedence: 0, RoleArn: OPS }, { GroupName: 'readers', Precedence: 1, RoleArn: READER }],
      members: { admins: ['tri'], ops: ['tri', 'solo'], readers: ['tri'] },
    });
    const file = w.write([{ name: 'admins', precedence: 2, roleArn: ADMIN }, { name: 'ops', precedence: 3, roleArn: OPS }, { name: 'readers', precedence: 1, roleArn: READER }]);
    const access = await predictedMatchesPool(w, file);
    expect(access.transitions).toEqual([{ claim: 'preferred_role', before: OPS, after: READER, count: 1, usernames: ['tri'] }]);
  });

  it('a replace without members takes the role and the group from every member', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 1, RoleArn: ADMIN }, { GroupName: 'readers', Precedence: 4, RoleArn: READER }],
      members: { admins: ['ann', 'bob'], readers: ['bob'] },
    });
    const file = w.write([{ name: 'admins', precedence: 1 }, { name: 'readers', precedence: 4, roleArn: READER }]);
    const access = await predictedMatchesPool(w, file, ['--drop-members']);
    expect(access.transitions.map((t) => [t.claim, t.count])).toEqual([['roles', 2], ['groups', 2], ['preferred_role', 1], ['preferred_role', 1]]);
  });

  it('a member added to a sensitive-role group gains the role, and apply refuses it without --allow-role-changes', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { groups: [{ GroupName: 'admins', Precedence: 1, RoleArn: ADMIN }], members: { admins: ['ann'] }, users: ['eve'] });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN, members: { include: ['eve'] } }], { sensitiveRoles: ['arn:aws:iam::*:role/admin'] });
    const plan = await w.cli(['plan', '-f', file, '--out', 'plan.json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Warning: this plan gives users a sensitive role (settings.sensitiveRoles); apply refuses it without --allow-role-changes:');
    expect(plan.stdout).toContain(`    1 user: gain role ${ADMIN} in cognito:roles (SENSITIVE ROLE)\n      "eve"`);
    const refused = await w.cli(['apply', 'plan.json', '-f', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('gives 1 user(s) a role settings.sensitiveRoles names; re-run with --allow-role-changes if that is intended. Nothing was changed.');
    expect(refused.stderr).toContain(`  sensitive roles given (1 user), largest first:\n    ${P}: 1 user: gain preferred role ${ADMIN}`);
    expect(w.calls('AdminAddUserToGroup')).toBe(0);
    const access = await predictedMatchesPool(w, file);
    expect(access.transitions.every((t) => t.claim === 'groups' || t.sensitive === true)).toBe(true);
  });

  it("a rename counts the users whose cognito:groups lose the old name, with no extra read", async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { groups: [{ GroupName: 'employees' }, { GroupName: 'readers', RoleArn: READER }], members: { employees: ['ann', 'bob', 'cy'], readers: ['ann'] } });
    const file = w.write([{ name: 'staff', previously: 'employees' }]);
    const access = await predictedMatchesPool(w, file);
    expect(access).toMatchObject({ via: 'plan-reads', reads: 0, users: 3 });
    expect(access.transitions).toEqual([
      { claim: 'groups', change: 'gain', group: 'staff', count: 3, usernames: ['ann', 'bob', 'cy'] },
      { claim: 'groups', change: 'lose', group: 'employees', count: 3, usernames: ['ann', 'bob', 'cy'] },
    ]);
    const md = await w.cli(['show', 'plan.json', '--format', 'markdown']);
    expect(md.stdout).toContain('<details><summary>3 users: lose group employees from cognito:groups (apps that check the name lose it)</summary>\n\n`ann`, `bob`, `cy`\n\n</details>');
  });

  it('a pool with a pre token generation trigger says every prediction may be overridden, in all three formats', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }], members: { admins: ['ann'] }, trigger: true });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }, { name: 'readers', precedence: 2, roleArn: READER, members: ['ann'] }]);
    const access = await predictedMatchesPool(w, file);
    expect(access.trigger).toBe(LAMBDA);
    const w2 = await world(onTestFinished, { groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }], members: { admins: ['ann'] }, trigger: true });
    const file2 = w2.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }]);
    const [text, md] = await Promise.all([w2.cli(['plan', '-f', file2]), w2.cli(['plan', '-f', file2, '--format', 'markdown'])]);
    expect(text.stdout).toContain(`! These predictions may be overridden by the pre token generation trigger ${LAMBDA}`);
    expect(md.stdout).toContain(`These predictions may be overridden by the pre token generation trigger \`${LAMBDA}\``);
  });
});

describe.concurrent("apply's access budget", () => {
  const many = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

  it('refuses more preferred-role changes than --max-role-changes, naming the largest transitions; --allow-role-changes applies', async ({ onTestFinished }) => {
    const both = many(30, 'u');
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }, { GroupName: 'readers', Precedence: 1, RoleArn: READER }],
      members: { admins: both, readers: [...both, 'only-reader'] },
    });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }, { name: 'readers', precedence: 5, roleArn: READER }]);
    const refused = await w.cli(['apply', '-f', file, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('changes the preferred role of 30 user(s), more than --max-role-changes 25; re-run with --allow-role-changes if that is intended. Nothing was changed.');
    expect(refused.stderr).toContain(`  preferred role changes (30 users, more than --max-role-changes 25), largest first:\n    ${P}: 30 users: preferred role ${READER} -> ${ADMIN}`);
    expect(w.calls('UpdateGroup')).toBe(0);
    const raised = await w.cli(['apply', '-f', file, '--auto-approve', '--max-role-changes', '30']);
    expect(raised.code, raised.stderr).toBe(0);
  });

  it('--allow-role-changes lets a plan over the budget through; the Markdown folds at most 50 names per transition', async ({ onTestFinished }) => {
    const both = many(60, 'u');
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }, { GroupName: 'readers', Precedence: 1, RoleArn: READER }],
      members: { admins: both, readers: both },
    });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }, { name: 'readers', precedence: 5, roleArn: READER }]);
    const md = await w.cli(['plan', '-f', file, '--format', 'markdown']);
    expect(md.stdout).toContain(`> This plan **changes the preferred role of 60 users**, more than apply's default budget of 25`);
    expect(md.stdout).toContain(`<details><summary>60 users: preferred role ${READER.replace('://', '')} -> ${ADMIN}</summary>`);
    expect(md.stdout).toContain('`u049` and 10 more\n\n</details>');
    expect(md.stdout).not.toContain('`u050`');
    const run = await w.cli(['apply', '-f', file, '--auto-approve', '--allow-role-changes']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('--no-access-check makes no access read, says so, and apply then needs --allow-role-changes', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }], members: { admins: ['ann'] } });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }]);
    const plan = await w.cli(['plan', '-f', file, '--no-access-check', '--out', 'plan.json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Token claims: not checked (--no-access-check).');
    expect(w.calls('AdminListGroupsForUser') + w.calls('DescribeUserPool')).toBe(0);
    expect(JSON.parse(readFileSync(`${w.dir}/plan.json`, 'utf8')).pools[0].access).toEqual({ checked: false });
    const refused = await w.cli(['apply', 'plan.json', '-f', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`can change token claims in ${P}, and was made with --no-access-check, so nobody knows whose; re-run with --allow-role-changes`);
    const run = await w.cli(['apply', 'plan.json', '-f', file, '--allow-role-changes']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('a plan that changes no claim makes no extra call', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { groups: [{ GroupName: 'docs' }, { GroupName: 'admins', Precedence: 1, RoleArn: ADMIN }], members: { admins: ['ann'] } });
    const file = w.write([{ name: 'docs', description: 'now described' }, { name: 'admins', precedence: 1, roleArn: ADMIN }]);
    const plan = await w.cli(['plan', '-f', file, '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).pools[0].access).toBeUndefined();
    expect(w.calls('AdminListGroupsForUser') + w.calls('DescribeUserPool') + w.calls('ListUsersInGroup')).toBe(0);
  });

  it('a saved plan goes stale when a user joins a role-bearing group it read', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }, { GroupName: 'readers', Precedence: 1, RoleArn: READER }, { GroupName: 'ops', Precedence: 0, RoleArn: OPS }],
      members: { admins: ['ann', 'bob'], readers: ['bob'] },
    });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }, { name: 'readers', precedence: 1, roleArn: READER }, { name: 'ops', precedence: 0, roleArn: OPS }]);
    const plan = await w.cli(['plan', '-f', file, '--out', 'plan.json']);
    expect(plan.code, plan.stderr).toBe(0);
    // bob joins ops by hand: ops now wins for bob, so the predicted tie no longer happens.
    w.em.seedMembers(P, 'ops', ['bob']);
    const stale = await w.cli(['apply', 'plan.json', '-f', file, '--allow-role-changes']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale plan');
    expect(stale.stderr).toContain(`${P}: whose token claims the plan changes is not what it predicted (1 user(s) then, 0 now`);
    expect(w.calls('UpdateGroup')).toBe(0);
  });
});

describe.concurrent('a saved plan that read users\' groups', () => {
  it('reads the same users again at apply, and is stale when one of them joined a role group', async ({ onTestFinished }) => {
    // Many role groups the plan does not read itself and few users: reading each user's groups is cheaper.
    const extra = Array.from({ length: 6 }, (_, i) => ({ GroupName: `extra-${i}`, Precedence: i === 5 ? 0 : 20 + i, RoleArn: `arn:aws:iam::123456789012:role/extra-${i}` }));
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 5, RoleArn: ADMIN }, { GroupName: 'readers', Precedence: 1, RoleArn: READER }, ...extra],
      members: { admins: ['ann', 'bob'], readers: ['bob'], 'extra-0': ['cy'] },
    });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }, { name: 'readers', precedence: 5, roleArn: READER }, ...extra.map((g) => ({ name: g.GroupName, precedence: g.Precedence, roleArn: g.RoleArn }))]);
    const plan = await w.cli(['plan', '-f', file, '--out', 'plan.json']);
    expect(plan.code, plan.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(`${w.dir}/plan.json`, 'utf8'));
    expect(doc.pools[0].access).toMatchObject({ via: 'user-groups', reads: 2 });
    expect(doc.pools[0].accessRead.users.map((u: { username: string }) => u.username)).toEqual(['ann', 'bob']);
    // bob joins extra-5 by hand (precedence 0): its role wins for him, so the plan no longer moves his preferred role.
    w.em.seedMembers(P, 'extra-5', ['bob']);
    const before = w.calls('AdminListGroupsForUser');
    const stale = await w.cli(['apply', 'plan.json', '-f', file]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`${P}: whose token claims the plan changes is not what it predicted`);
    expect(w.calls('AdminListGroupsForUser') - before).toBe(2);
    expect(w.calls('UpdateGroup')).toBe(0);
  });
});

describe.concurrent('access drift', () => {
  it("says what a member added by hand to a role-bearing group with members: did to the user's claims, in text, Markdown and JSON", async ({ onTestFinished }) => {
    const w = await world(onTestFinished, {
      groups: [{ GroupName: 'admins', Precedence: 1, RoleArn: ADMIN }, { GroupName: 'readers', Precedence: 5, RoleArn: READER }],
      members: { admins: ['ann'], readers: ['ann', 'mallory'] },
    });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN, members: ['ann'] }, { name: 'readers', precedence: 5, roleArn: READER }]);
    expect((await w.cli(['drift', '-f', file])).code).toBe(0);
    const before = await w.claims();
    w.em.seedMembers(P, 'admins', ['mallory']);
    const after = await w.claims();
    // Who added it (CloudTrail) is another test's subject: the seeded member has no record.
    const [text, md, json] = await Promise.all([w.cli(['drift', '-f', file, '--no-attribution']), w.cli(['drift', '-f', file, '--no-attribution', '--format', 'markdown']), w.cli(['drift', '-f', file, '--no-attribution', '--format', 'json'])]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toContain('      member "mallory": in the group, not in the file\n  ! token claims the members added or removed by hand changed (a prediction; apply undoes them):\n');
    expect(text.stdout).toContain(`      1 user: preferred role ${READER} -> ${ADMIN}: "mallory"`);
    expect(md.stdout).toContain(`> - 1 user: preferred role \`${READER}\` -> \`${ADMIN}\`: \`mallory\``);
    const access = JSON.parse(json.stdout).pools[0].access;
    // What the drift report says the hand-made change did is what the pool's claims show.
    expect(predictedChanges(access.transitions)).toEqual(actualChanges(before, after));
    expect(access.transitions).toEqual([
      { claim: 'preferred_role', before: READER, after: ADMIN, count: 1, usernames: ['mallory'] },
      { claim: 'roles', change: 'gain', role: ADMIN, count: 1, usernames: ['mallory'] },
      { claim: 'groups', change: 'gain', group: 'admins', count: 1, usernames: ['mallory'] },
    ]);
  });

  it('reads no membership and no access for a pool without members:', async ({ onTestFinished }) => {
    const w = await world(onTestFinished, { groups: [{ GroupName: 'admins', Precedence: 1, RoleArn: ADMIN }], members: { admins: ['ann'] } });
    const file = w.write([{ name: 'admins', precedence: 1, roleArn: ADMIN }]);
    w.em.seedMembers(P, 'admins', ['ann']);
    const run = await w.cli(['drift', '-f', file, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).pools[0].access).toBeUndefined();
    expect(w.calls('AdminListGroupsForUser') + w.calls('DescribeUserPool') + w.calls('ListUsersInGroup')).toBe(0);
  });
});
