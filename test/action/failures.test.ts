// Failures are never swallowed: a GitHub API error or no response fails the step with one line naming
// the method, path and status; a failed plan is shown on the pull request instead of the old plan.
import { describe, expect, it } from 'vitest';
import { MARKER, PR_NUMBER, SECOND_SHA, scenario } from './fixture.js';

const COMMENTS = `/repos/acme/groups/issues/${PR_NUMBER}/comments`;

describe.concurrent('failures', () => {
  it('a 500 on creating the comment fails the step, with the outputs still written', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    s.github.fail('POST', /\/comments$/, 500, 'Server Error: boom');
    const run = await s.run({});
    expect(run.code).toBe(1);
    expect(run.log).toContain(`::error::GitHub API POST ${COMMENTS}: 500 Internal Server Error: Server Error: boom\n`);
    expect(run.outputs).toMatchObject({ 'exit-code': '2', 'has-changes': 'true' });
    expect(s.github.comments(PR_NUMBER)).toEqual([]);
  });

  it('a 403 on listing the comments fails the step and says what the token may lack', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    s.github.fail('GET', /\/comments\?/, 403, 'Resource not accessible by integration');
    const run = await s.run({});
    expect(run.code).toBe(1);
    expect(run.log).toContain(`::error::GitHub API GET ${COMMENTS}?per_page=100: 403 Forbidden: Resource not accessible by integration (the token may lack \`pull-requests: write\``);
    expect(s.github.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('no response from the API (a dropped connection) fails the step, naming the request', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    s.github.drop('GET', /\/comments\?/);
    const run = await s.run({});
    expect(run.code).toBe(1);
    expect(run.log).toMatch(new RegExp(`::error::GitHub API GET ${COMMENTS}\\?per_page=100: no response \\(.+\\)\n`));
  });

  it('a 500 on updating our comment fails the step', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    const ours = s.github.seed(PR_NUMBER, `${MARKER}\nold`, { login: 'github-actions[bot]', type: 'Bot' });
    s.github.fail('PATCH', /./, 502, 'Bad Gateway');
    const run = await s.run({});
    expect(run.code).toBe(1);
    expect(run.log).toContain(`::error::GitHub API PATCH /repos/acme/groups/issues/comments/${ours.id}: 502 Bad Gateway: Bad Gateway\n`);
  });

  it('a failed plan replaces the plan comment with the error, fenced and without live mentions, and fails', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    expect((await s.run({})).code).toBe(0);
    const [before] = s.github.comments(PR_NUMBER);

    // A file the CLI cannot read; its name carries a mention, which must not ping anyone when quoted.
    const file = 'groups-@security-team.yaml';
    const failed = await s.run({ file }, { headSha: SECOND_SHA });
    expect(failed.code).toBe(1);
    expect(failed.outputs).toEqual({ 'exit-code': '1', 'has-changes': 'false', 'plan-file': '' });
    expect(failed.log).toContain('::error::cognito-groups plan failed (exit 1)\n');
    // A different file has its own comment; the first one is untouched.
    const comments = s.github.comments(PR_NUMBER);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toEqual(before);
    const body = comments[1]?.body ?? '';
    expect(body.split('\n')[0]).toBe('<!-- cognito-groups:plan file=groups-%40security-team.yaml -->');
    expect(body).toContain('### ❌ cognito-groups plan failed\n');
    expect(body).toContain('```text\nerror: groups-@\u200bsecurity-team.yaml: no such file');
    expect(body).not.toMatch(/@security/);
    expect(body).toContain(`commit ${SECOND_SHA}`);
  });

  it('a failed plan updates the same comment an earlier plan of the file made, even with comment: on-changes', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    expect((await s.run({})).code).toBe(0);
    s.writeGroups([{ name: 'admins', precedence: -1 }]);
    const failed = await s.run({}, { headSha: SECOND_SHA });
    expect(failed.code).toBe(1);
    const [only, ...rest] = s.github.comments(PR_NUMBER);
    expect(rest).toEqual([]);
    expect(only?.body).toContain('### ❌ cognito-groups plan failed');
    expect(only?.body).toContain('precedence: -1 is not allowed');
    expect(only?.body).not.toContain('| ➕&nbsp;create |');
  });

  it('a plan error and a comment error are both reported', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    s.github.fail('POST', /\/comments$/, 500, 'boom');
    const run = await s.run({ file: 'missing.yaml' });
    expect(run.code).toBe(1);
    expect(run.log).toContain(`::error::GitHub API POST ${COMMENTS}: 500 Internal Server Error: boom\n`);
    expect(run.log).toContain('::error::cognito-groups plan failed (exit 1)\n');
  });

  it('a pull request event without a token fails before planning', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    const run = await s.run({ 'github-token': '' });
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error::github-token is empty');
    expect(s.emulator.calls('ListGroups')).toBe(0);
  });
});
