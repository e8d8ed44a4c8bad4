// apply PLANFILE refuses a plan whose touched groups changed since it was made, and applies nothing.
import { CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, ListGroupsCommand, UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, it, type ExpectStatic } from 'vitest';
import { groupsYaml, LEASE_WRITES, setup, writeIn, type Env, type Finish } from './helpers.js';

const P1 = 'eu-west-1_Stale1';
const P2 = 'eu-west-1_Stale2';

/**
 * Two pools. Pool 1: create `admins`, update `editors`, leave `viewers` (unchanged) and `legacy`
 * (unmanaged) alone. Pool 2: create `support`. Returns the env and a saved plan of it.
 */
async function planned(expect: ExpectStatic, finish: Finish): Promise<Env & { planFile: string }> {
  const env = await setup({
    [P1]: [
      { GroupName: 'editors', Description: 'Edits things', Precedence: 3 },
      { GroupName: 'viewers' },
      { GroupName: 'legacy', Description: 'old' },
    ],
    [P2]: [],
  }, finish);
  const file = writeIn(
    env.dir,
    'groups.yaml',
    groupsYaml([
      { id: P1, groups: [{ name: 'admins', precedence: 0 }, { name: 'editors', description: 'Edits content', precedence: 3 }, { name: 'viewers' }] },
      { id: P2, groups: [{ name: 'support' }] },
    ]),
  );
  const planFile = `${env.dir}/plan.json`;
  const run = await env.cli(['plan', '-f', file, '--out', planFile]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Plan: 2 to add, 1 to change, 0 to replace, 0 to delete.');
  return { ...env, planFile };
}

/** Applies the plan, expects it refused as stale naming each difference, and checks nothing was written. */
async function expectStale(expect: ExpectStatic, env: Env & { planFile: string }, differences: string[]): Promise<void> {
  const before = await listings(env);
  env.emulator.resetStats();
  const run = await env.cli(['apply', env.planFile]);
  expect(run.code).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(new RegExp(`^error: stale plan: ${differences.length} group\\(s\\) the plan touches changed since it was made \\(.+\\); nothing was applied\\. Make a new plan and review it\\.$`));
  expect(lines.slice(1)).toEqual(differences.map((d) => `  ${d}`));
  expect(run.stderr).not.toContain('\n    at ');
  expect(run.stdout).not.toContain('Apply complete');
  // It listed the pools, then wrote nothing in either pool but its lease, taken before the listing and released.
  expect(env.calls('ListGroups')).toBeGreaterThanOrEqual(2);
  expect(env.writes()).toBe(2 * LEASE_WRITES);
  expect(await listings(env)).toEqual(before);
}

/** Both pools' groups and fields, by name. */
async function listings(env: Env): Promise<string[]> {
  const out: string[] = [];
  for (const id of [P1, P2]) {
    for (const g of (await env.client.send(new ListGroupsCommand({ UserPoolId: id }))).Groups ?? []) {
      out.push(JSON.stringify([id, g.GroupName, g.Description, g.Precedence, g.RoleArn, g.LastModifiedDate?.toISOString()]));
    }
  }
  return out.sort();
}

describe.concurrent('stale saved plans', () => {
  it('refuses when a touched group changed a field', async ({ expect, onTestFinished }) => {
    const env = await planned(expect, onTestFinished);
    await env.client.send(new UpdateGroupCommand({ UserPoolId: P1, GroupName: 'editors', Description: 'Edits things', Precedence: 7 }));
    await expectStale(expect, env, [`${P1}: "editors" changed since the plan: precedence 3 -> 7`]);
    const editors = await env.client.send(new GetGroupCommand({ UserPoolId: P1, GroupName: 'editors' }));
    expect(editors.Group).toMatchObject({ Description: 'Edits things', Precedence: 7 });
  });

  it('refuses when a touched group was deleted', async ({ expect, onTestFinished }) => {
    const env = await planned(expect, onTestFinished);
    await env.client.send(new DeleteGroupCommand({ UserPoolId: P1, GroupName: 'editors' }));
    await expectStale(expect, env, [`${P1}: "editors" was deleted since the plan`]);
  });

  it('refuses when a group the plan creates was created since, also under another case, naming each', async ({ expect, onTestFinished }) => {
    const env = await planned(expect, onTestFinished);
    await env.client.send(new CreateGroupCommand({ UserPoolId: P1, GroupName: 'admins', Precedence: 0 }));
    await env.client.send(new CreateGroupCommand({ UserPoolId: P2, GroupName: 'SUPPORT' }));
    await expectStale(expect, env, [
      `${P1}: "admins" was created since the plan (the plan creates a group of that name)`,
      `${P2}: "SUPPORT" was created since the plan (the plan creates a group of that name)`,
    ]);
  });

  it('refuses a group created since that differs from the planned name only in case', async ({ expect, onTestFinished }) => {
    const env = await planned(expect, onTestFinished);
    await env.client.send(new CreateGroupCommand({ UserPoolId: P1, GroupName: 'Admins' }));
    await expectStale(expect, env, [`${P1}: "Admins" was created since the plan (the plan creates a group of that name)`]);
  });

  it('applies a plan once; the second time it is stale', async ({ expect, onTestFinished }) => {
    const env = await planned(expect, onTestFinished);
    const first = await env.cli(['apply', env.planFile]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Apply complete: 2 added, 1 changed, 0 replaced, 0 deleted.');

    env.emulator.resetStats();
    const second = await env.cli(['apply', env.planFile]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('error: stale plan: 3 group(s) the plan touches changed since it was made');
    expect(second.stderr).toContain(`  ${P1}: "admins" was created since the plan (the plan creates a group of that name)`);
    expect(second.stderr).toContain(`  ${P1}: "editors" changed since the plan: description "Edits things" -> "Edits content"`);
    expect(second.stderr).toContain(`  ${P2}: "support" was created since the plan (the plan creates a group of that name)`);
    expect(env.writes()).toBe(2 * LEASE_WRITES);
  });

  it('applies when only groups the plan does not touch changed, with a note', async ({ expect, onTestFinished }) => {
    const env = await planned(expect, onTestFinished);
    await env.client.send(new UpdateGroupCommand({ UserPoolId: P1, GroupName: 'legacy', Description: 'edited by hand' }));
    await env.client.send(new CreateGroupCommand({ UserPoolId: P1, GroupName: 'newcomer' }));
    await env.client.send(new DeleteGroupCommand({ UserPoolId: P1, GroupName: 'viewers' }));
    env.emulator.resetStats();
    const run = await env.cli(['apply', env.planFile]);
    expect(run.stderr).toBe(
      [
        `note: ${P1}: "legacy" changed since the plan: description "old" -> "edited by hand" (the plan does not touch it; applying only the planned changes)`,
        `note: ${P1}: "newcomer" was created since the plan (the plan does not touch it; applying only the planned changes)`,
        `note: ${P1}: "viewers" was deleted since the plan (the plan does not touch it; applying only the planned changes)`,
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Apply complete: 2 added, 1 changed, 0 replaced, 0 deleted.');
    expect(env.writes()).toBe(3 + 2 * LEASE_WRITES);
    const names = ((await env.client.send(new ListGroupsCommand({ UserPoolId: P1 }))).Groups ?? []).map((g) => g.GroupName).sort();
    // Exactly the plan: `viewers` is not created again although the file lists it.
    expect(names).toEqual(['admins', 'editors', 'legacy', 'newcomer']);
  });
});
