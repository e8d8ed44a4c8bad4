// What an apply reports is never lost and never wrong: a check after the writes that cannot run still
// leaves the report; an adopted group is not counted as added; the check holds the run to what it
// did, the same way in every pool; a refusal is recorded in every format; every output names its target.
import { CreateGroupCommand, UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { runInProcess, testIo } from '../cli-io.js';
import { isolatedEnv } from '../integration/cli.js';
import { groupsYaml, LEASE_WRITES, ROLE, setup, writeIn } from '../pipeline/helpers.js';
import { hostileServer } from './server.js';

const P = 'eu-west-1_Reports1';
const Q = 'eu-west-1_Reports2';

describe('the apply report', () => {
  it('is printed, in every format and the job summary, when the check after the writes cannot run', async () => {
    const env = await setup({ [P]: [] });
    const failAfterFirst = (n: number) => (n === 1 ? undefined : { kind: 'body' as const, status: 500, body: '{"__type":"InternalErrorException","message":"down"}' });
    const hostile = await hostileServer(env.emulator.url, { ListGroups: failAfterFirst });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins' }] }]));
    const summary = writeIn(env.dir, 'summary.md', '');
    const run = await runInProcess(['apply', '-f', file, '--endpoint-url', hostile.url, '--auto-approve', '--no-progress', '--github-step-summary'], { cwd: env.dir, env: isolatedEnv({ GITHUB_STEP_SUMMARY: summary }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Apply complete: 1 added, 0 changed, 0 replaced, 0 deleted.');
    expect(run.stdout).toMatch(/ {2}unchecked {4}the check after applying could not run: ListGroups on user pool eu-west-1_Reports1 \(eu-west-1\) failed: InternalErrorException: down \(gave up after 5 attempts\)/);
    expect(run.stderr).toMatch(/^error: applied as reported above, but the check after applying could not run \(.*\); run plan to see the pools\n$/);
    expect(readFileSync(summary, 'utf8')).toContain('**Apply complete: 1 added, 0 changed, 0 replaced, 0 deleted.**');
  });

  it('records in JSON a check after the writes that could not run', async () => {
    const env = await setup({ [P]: [] });
    const hostile = await hostileServer(env.emulator.url, { ListGroups: (n) => (n === 1 ? undefined : { kind: 'body', body: '<html>proxy</html>', contentType: 'text/html' }) });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins' }] }]));
    const run = await runInProcess(['apply', '-f', file, '--endpoint-url', hostile.url, '--auto-approve', '--no-progress', '--format', 'json'], { cwd: env.dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary.text).toBe('Apply complete: 1 added, 0 changed, 0 replaced, 0 deleted.');
    expect(doc.check).toMatchObject({ status: 'listing-failed', error: { code: 'AWS_BAD_RESPONSE' }, remaining: [], elsewhere: [], membersMissing: [] });
  });

  it('says a stop during the check interrupted the check, and exits 130 with the report', async () => {
    const env = await setup({ [P]: [] });
    const hostile = await hostileServer(env.emulator.url, { ListGroups: (n) => (n === 1 ? undefined : { kind: 'hang' }) });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins' }] }]));
    const io = testIo({ cwd: env.dir, env: isolatedEnv() });
    void (async () => {
      while ((hostile.seen.ListGroups ?? 0) < 2) await new Promise((r) => setTimeout(r, 10));
      io.stops.stop('SIGINT');
    })();
    const run = await runInProcess(['apply', '-f', file, '--endpoint-url', hostile.url, '--auto-approve', '--no-progress'], { io });
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('Apply complete: 1 added, 0 changed, 0 replaced, 0 deleted.');
    expect(run.stderr).toContain('error: interrupted while checking the pools after applying: the report above says what was applied; run plan to see the pools');
  });

  it('counts a group someone created meanwhile as adopted, not added, in text and JSON', async () => {
    const env = await setup({ [P]: [] });
    const hostile = await hostileServer(env.emulator.url, {
      CreateGroup: { kind: 'before', before: async () => void (await env.client.send(new CreateGroupCommand({ UserPoolId: P, GroupName: 'admins', Description: 'theirs' }))) },
    });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins', description: 'ours' }] }]));
    // Without a lease: the group created meanwhile must come after the listing, at the first CreateGroup of a change.
    const run = await runInProcess(['apply', '-f', file, '--endpoint-url', hostile.url, '--auto-approve', '--no-progress', '--format', 'json', '--lock=false'], { cwd: env.dir, env: isolatedEnv() });
    expect(run.stderr).toBe('note: --lock=false: no lease taken; this apply is not protected from another one running at the same time\n');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary).toMatchObject({ added: 0, adopted: 1, text: 'Apply complete: 0 added, 0 changed, 0 replaced, 0 deleted, 1 adopted.' });
    expect(doc.results).toEqual([{ userPoolId: P, action: 'create', name: 'admins', status: 'done', adopted: true, message: 'was created meanwhile; updated it to the file' }]);
    expect(doc.check).toEqual({ status: 'done', remaining: [], elsewhere: [], membersMissing: [] });
  });
});

describe('the check after applying', () => {
  it('fails the run when a change it made does not hold, naming it', async () => {
    const env = await setup({ [P]: [{ GroupName: 'editors', Description: 'old' }] });
    // UpdateGroup acknowledged and never applied.
    const hostile = await hostileServer(env.emulator.url, { UpdateGroup: { kind: 'body', body: '{}' } });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'editors', description: 'new' }] }]));
    const run = await runInProcess(['apply', '-f', file, '--endpoint-url', hostile.url, '--auto-approve', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`  not held     ${P}: ~ update "editors"; description: "old" -> "new"`);
    expect(run.stderr.split('\n')[0]).toBe(`error: after applying, 1 change(s) of this run do not hold (the pools differ from ${file}); someone may be changing them at the same time`);
  });

  it('reports, and never fails on, groups it did not change that someone changed meanwhile, in every pool alike', async () => {
    const env = await setup({ [P]: [{ GroupName: 'editors', Description: 'same' }], [Q]: [{ GroupName: 'viewers', Description: 'same' }] });
    const meanwhile = async (): Promise<void> => {
      await env.client.send(new UpdateGroupCommand({ UserPoolId: P, GroupName: 'editors', Description: 'changed by hand' }));
      await env.client.send(new UpdateGroupCommand({ UserPoolId: Q, GroupName: 'viewers', Description: 'changed by hand' }));
    };
    const hostile = await hostileServer(env.emulator.url, { CreateGroup: { kind: 'before', before: meanwhile } });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([
      { id: P, groups: [{ name: 'admins' }, { name: 'editors', description: 'same' }] },
      { id: Q, groups: [{ name: 'viewers', description: 'same' }] },
    ]));
    // Without a lease: the change made meanwhile must come after the listing, before the first CreateGroup of a change.
    const run = await runInProcess(['apply', '-f', file, '--endpoint-url', hostile.url, '--auto-approve', '--no-progress', '--lock=false'], { cwd: env.dir, env: isolatedEnv() });
    expect(run.stderr).toBe('note: --lock=false: no lease taken; this apply is not protected from another one running at the same time\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  note         ${P}: ~ update "editors"; description: "changed by hand" -> "same" (differs from the file; not changed by this run)`);
    expect(run.stdout).toContain('Apply complete: 1 added, 0 changed, 0 replaced, 0 deleted.');
  });
});

describe('a refused apply', () => {
  it('says so instead of the plan, and records the refusal in JSON and the job summary', async () => {
    const env = await setup({ [P]: [{ GroupName: 'ops', RoleArn: ROLE }] });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'ops' }] }]));
    const summary = writeIn(env.dir, 'summary.md', '');
    const text = await env.cli(['apply', '-f', file, '--auto-approve']);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/^error: refusing to apply: the plan replaces 1 group\(s\)/);
    const json = await env.cli(['apply', '-f', file, '--auto-approve', '--format', 'json', '--github-step-summary'], { GITHUB_STEP_SUMMARY: summary });
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc.refused).toEqual({ code: 'APPLY_REFUSED', message: expect.stringMatching(/^refusing to apply: the plan replaces 1 group\(s\) \(eu-west-1_Reports1\/ops\)/), details: [] });
    expect(doc.summary.text).toBe('Refused: nothing was applied.');
    expect(doc.plan.pools[0].changes[0]).toMatchObject({ action: 'replace', name: 'ops' });
    expect(readFileSync(summary, 'utf8')).toMatch(/^### Apply refused\n\n> \[!CAUTION\]\n> refusing to apply: the plan replaces 1 group\(s\)/);
    // Two runs, each writing nothing but its lease (taken and released).
    expect(env.writes()).toBe(2 * LEASE_WRITES);
  });

  it('without a terminal to ask: says so, records it, changes nothing', async () => {
    const env = await setup({ [P]: [] });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins' }] }]));
    const run = await env.cli(['apply', '-f', file, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).refused).toMatchObject({ code: 'APPLY_REFUSED', message: expect.stringContaining('refusing to apply without a terminal') });
    expect(env.writes()).toBe(LEASE_WRITES);
  });
});

describe('every output names its target', () => {
  it('in the text header, the approval prompt, the Markdown title, show and the apply hint, never with the URL\'s credentials', async () => {
    const env = await setup({ [P]: [] });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins' }] }]));
    const port = new URL(env.emulator.url).port;
    const withSecret = `http://someone:s3cret@127.0.0.1:${port}`;
    const shown = `http://127.0.0.1:${port}/`;
    const plan = await runInProcess(['plan', '-f', file, '--endpoint-url', withSecret, '--out', 'plan.json', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(plan.code).toBe(0);
    expect(plan.stdout.split('\n')[0]).toBe(`Target: the endpoint ${shown}.`);
    expect(plan.stderr).toBe(`Saved the plan to plan.json. Apply exactly this plan with: cognito-groups apply plan.json -f ${file} --endpoint-url ${withSecret}\n`);
    const md = await runInProcess(['plan', '-f', file, '--endpoint-url', withSecret, '--format', 'markdown', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(md.stdout.split('\n')[0]).toBe(`### cognito-groups plan for \`${P}\` on the endpoint http:&#8203;//127.0.0.1:${port}/`);
    const show = await runInProcess(['show', 'plan.json'], { cwd: env.dir, env: isolatedEnv() });
    expect(show.stdout.split('\n')[0]).toMatch(new RegExp(`against the endpoint ${shown.replace(/[.]/g, '\\.')}\\.$`));
    const saved = readFileSync(join(env.dir, 'plan.json'), 'utf8');
    for (const out of [plan.stdout, md.stdout, show.stdout, saved]) expect(out).not.toContain('s3cret');
    expect(JSON.parse(saved).endpoint).toBe(shown);

    const io = testIo({ cwd: env.dir, env: isolatedEnv(), stdinIsTTY: true, stderrIsTTY: true });
    io.stdin.write('no\n');
    const asked = await runInProcess(['apply', '-f', file, '--endpoint-url', env.emulator.url, '--no-progress'], { io });
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(`Do you want to apply these changes to the endpoint ${env.emulator.url}/?`);
    expect(env.writes()).toBe(LEASE_WRITES);
  });

  it('the apply hint carries --local, and the saved plan applies with it', async () => {
    const env = await setup();
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: 'eu-west-1_Hint1', groups: [{ name: 'admins' }] }]));
    const plan = await runInProcess(['plan', '-f', 'groups.yaml', '--local', '--out', 'plan.json', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(plan.stderr).toContain('Apply exactly this plan with: cognito-groups apply plan.json -f groups.yaml --local\n');
    const applied = await runInProcess(['apply', 'plan.json', '-f', 'groups.yaml', '--local', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(file).toBe(join(env.dir, 'groups.yaml'));
  });
});

describe('smaller things', () => {
  it('import --local of a pool the local emulator does not have is an error and creates nothing', async () => {
    const env = await setup();
    const run = await runInProcess(['import', '--local', '--user-pool-id', 'eu-west-1_Nope1'], { cwd: env.dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: user pool eu-west-1_Nope1 does not exist in the local emulator (.cognito-groups/local.json; it has no pools yet); apply a groups file with --local to create it\n');
    expect(existsSync(join(env.dir, '.cognito-groups'))).toBe(false);
    writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: 'eu-west-1_Have1', groups: [] }]));
    expect((await runInProcess(['plan', '--local', '--no-progress'], { cwd: env.dir, env: isolatedEnv() })).code).toBe(0);
    const other = await runInProcess(['import', '--local', '--user-pool-id', 'eu-west-1_Nope1'], { cwd: env.dir, env: isolatedEnv() });
    expect(other.stderr).toContain('(.cognito-groups/local.json; its pools: eu-west-1_Have1)');
  });

  it('refuses a GITHUB_STEP_SUMMARY that is a FIFO (it would block) before any work', async () => {
    const env = await setup({ [P]: [] });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins' }] }]));
    const fifo = join(env.dir, 'summary.fifo');
    execFileSync('mkfifo', [fifo]);
    const run = await env.cli(['apply', '-f', file, '--auto-approve', '--github-step-summary'], { GITHUB_STEP_SUMMARY: fifo });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: --github-step-summary: ${fifo} is not a regular file; GITHUB_STEP_SUMMARY must name the job summary file\n`);
    expect(env.calls('ListGroups')).toBe(0);
  });

  it('says another --local run holds the state, naming its process', async () => {
    const env = await setup();
    mkdirSync(join(env.dir, '.cognito-groups'));
    const holder = await startEmulator({ port: 0, statePath: join(env.dir, '.cognito-groups', 'local.json') });
    try {
      writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: 'eu-west-1_Busy1', groups: [] }]));
      const run = await runInProcess(['plan', '--local', '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`error: .cognito-groups/local.json is in use by another --local run (process ${process.pid}); wait for it to finish, then run this again\n`);
    } finally {
      await holder.close();
    }
  });
});
