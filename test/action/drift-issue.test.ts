// The drift issue's whole life against the fake GitHub API: opened once when drift appears (never
// duplicated), updated in place while it lasts, commented when what differs changes, closed with a
// comment when the pools match again, reopened when drift comes back; API errors and a token without
// `issues: write` reported in one line; hostile text from the pool escaped.
import { UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, it } from 'vitest';
import { ALICE_TOKEN } from './fake-github.js';
import { POOL, scenario } from './fixture.js';

const MARKER = '<!-- cognito-groups:drift file=groups.yaml -->';
const DRIFT = { command: 'drift' } as const;
const SCHEDULE = { event: 'schedule', env: { GITHUB_RUN_ID: '9001', GITHUB_SERVER_URL: 'https://github.com' } };

describe.concurrent('the drift issue', () => {
  it('is opened once, updated in place, commented when the drift changes, closed when in sync, and reopened', async ({ expect, onTestFinished }) => {
    const s = await scenario([{ GroupName: 'admins', Precedence: 1 }], [{ name: 'admins', precedence: 1 }], onTestFinished);
    const inSync = await s.run(DRIFT, SCHEDULE);
    expect(inSync.code, inSync.log).toBe(0);
    expect(inSync.log).toContain('In sync: no drift issue to open or close.');
    expect(s.github.issues()).toEqual([]);

    await s.emulator.client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'admins', Precedence: 2 }));
    const opened = await s.run(DRIFT, SCHEDULE);
    expect(opened.code).toBe(1);
    expect(opened.log).toMatch(/Opened drift issue #(\d+)\./);
    const [issue] = s.github.issues();
    expect(s.github.issues()).toHaveLength(1);
    expect(issue).toMatchObject({ title: 'cognito-groups drift: groups.yaml', state: 'open', labels: [{ name: 'cognito-groups-drift' }], user: { type: 'Bot' } });
    expect(issue?.body.split('\n')[0]).toBe(MARKER);
    expect(issue?.body).toContain('| drifted | `admins` | precedence: expected `1`, found `2`');
    expect(issue?.body).toContain('through an AWS SDK');
    expect(issue?.body).toContain('[this run](https://github.com/acme/groups/actions/runs/9001)');

    // The same drift again: nothing changes, nothing is duplicated.
    const same = await s.run(DRIFT, SCHEDULE);
    expect(same.log).toContain(`Drift issue #${issue?.number} already shows this drift.`);
    expect(s.github.issues()).toHaveLength(1);
    expect(s.github.comments(issue?.number ?? 0)).toEqual([]);

    // Another difference: updated in place, with a comment saying so.
    await s.emulator.client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'admins', Precedence: 2, Description: 'by hand' }));
    const changed = await s.run(DRIFT, SCHEDULE);
    expect(changed.log).toContain(`Updated drift issue #${issue?.number} and commented: the drift changed.`);
    expect(s.github.issues()).toHaveLength(1);
    expect(s.github.issues()[0]?.body).toContain('description: expected *(none)*, found `by hand`');
    expect(s.github.comments(issue?.number ?? 0).map((c) => c.body)).toEqual([expect.stringMatching(/^The drift changed \(\[run\]\(https:\/\/github\.com\/acme\/groups\/actions\/runs\/9001\)\): \*\*Drift: 1 drifted\. /)]);

    // In sync again: a comment, and closed.
    await s.emulator.client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'admins', Precedence: 1, Description: '' }));
    const closed = await s.run(DRIFT, SCHEDULE);
    expect(closed.code, closed.log).toBe(0);
    expect(closed.log).toContain(`Closed drift issue #${issue?.number}: the pools match the file again.`);
    expect(s.github.issues()[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(s.github.comments(issue?.number ?? 0).at(-1)?.body).toMatch(/^The pools match the file again/);
    expect((await s.run(DRIFT, SCHEDULE)).log).toContain('In sync: no drift issue to open or close.');

    // Drift again: the same issue is reopened, not a new one.
    await s.emulator.client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'admins', Precedence: 3 }));
    const reopened = await s.run(DRIFT, SCHEDULE);
    expect(reopened.log).toContain(`Reopened drift issue #${issue?.number}: the drift is back.`);
    expect(s.github.issues()).toHaveLength(1);
    expect(s.github.issues()[0]).toMatchObject({ state: 'open' });
    expect(s.github.comments(issue?.number ?? 0).at(-1)?.body).toMatch(/^Drift again/);
  });

  it("never takes over an issue a person wrote with the marker, sets the labels, finds a personal token's own issue, and opens none with drift-issue: false", async ({ expect, onTestFinished }) => {
    const s = await scenario([{ GroupName: 'admins', Precedence: 2 }], [{ name: 'admins', precedence: 1 }], onTestFinished);
    const quoted = s.github.seedIssue({ title: 'look at this', body: `${MARKER}\nquoted by a person`, state: 'open', labels: [{ name: 'cognito-groups-drift' }], user: { login: 'mallory', type: 'User' } });
    const off = await s.run({ ...DRIFT, 'drift-issue': 'false' }, SCHEDULE);
    expect(off.code).toBe(1);
    expect(s.github.requests).toEqual([]);
    const run = await s.run({ ...DRIFT, 'drift-issue-labels': 'cognito-groups-drift, ops' }, SCHEDULE);
    expect(run.log).toMatch(/Opened drift issue #\d+\./);
    const ours = s.github.issues().filter((i) => i.number !== quoted.number);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.labels).toEqual([{ name: 'cognito-groups-drift' }, { name: 'ops' }]);
    expect(s.github.issues().find((i) => i.number === quoted.number)?.body).toBe(`${MARKER}\nquoted by a person`);
    // A personal token finds the issue its user opened.
    const alice = await s.run({ ...DRIFT, 'github-token': ALICE_TOKEN, 'drift-issue-labels': '' }, SCHEDULE);
    expect(alice.log).toMatch(/Opened drift issue #\d+\./);
    const again = await s.run({ ...DRIFT, 'github-token': ALICE_TOKEN, 'drift-issue-labels': '' }, SCHEDULE);
    expect(again.log).toMatch(/Drift issue #\d+ already shows this drift\./);
  });

  it('reports API errors in one line, naming issues: write for a token without it, and still fails on the drift', async ({ expect, onTestFinished }) => {
    const s = await scenario([{ GroupName: 'admins', Precedence: 2 }], [{ name: 'admins', precedence: 1 }], onTestFinished);
    s.github.fail('POST', /^\/repos\/acme\/groups\/issues$/, 403, 'Resource not accessible by integration');
    const denied = await s.run(DRIFT, SCHEDULE);
    expect(denied.code).toBe(1);
    const errors = denied.log.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      '::error::GitHub API POST /repos/acme/groups/issues: 403 Forbidden: Resource not accessible by integration (the token lacks `issues: write`: add it to the job\'s permissions, or set drift-issue: false)',
      '::error::cognito-groups drift: the pools differ from the file (exit 2)',
    ]);
    const t = await scenario([{ GroupName: 'admins', Precedence: 2 }], [{ name: 'admins', precedence: 1 }], onTestFinished);
    t.github.drop('GET', /^\/repos\/acme\/groups\/issues/);
    const dropped = await t.run({ ...DRIFT, 'fail-on-drift': 'false' }, SCHEDULE);
    expect(dropped.code).toBe(1);
    expect(dropped.log).toMatch(/::error::GitHub API GET \/repos\/acme\/groups\/issues\?state=all&labels=cognito-groups-drift&per_page=100: no response/);
    expect(t.github.issues()).toEqual([]);
  });

  it('escapes hostile text from the pool in the issue', async ({ expect, onTestFinished }) => {
    const s = await scenario([{ GroupName: 'admins', Description: 'ok' }], [{ name: 'admins', description: 'ok' }], onTestFinished);
    await s.emulator.client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'admins', Description: '@org/admins <img src=x> | [x](https://evil.example) ``` ::error::x' }));
    await s.run(DRIFT, SCHEDULE);
    const body = s.github.issues()[0]?.body ?? '';
    expect(body).toContain('| drifted | `admins` |');
    // The description is shown only inside a code span, where GitHub renders no mention, HTML or link.
    expect(body).toContain('found ````@org/admins <img src=x> \\| [x](https://evil.example) ``` ::error::x````');
    const outsideCode = body.replace(/(`+)[\s\S]*?\1/g, '');
    for (const hostile of ['@org', '<img', 'evil.example', '::error::']) expect(outsideCode).not.toContain(hostile);
    expect(body.split('\n').filter((l) => l.startsWith('| drifted')).every((l) => l.split(/(?<!\\)\|/).length === 5)).toBe(true);
  });
});
