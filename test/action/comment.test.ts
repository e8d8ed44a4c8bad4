// The plan comment on pull requests: one comment per file and environment, created once, then updated
// on every push; found on any page of the listing; never someone else's comment carrying the marker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from './fake-github.js';
import { FIRST_SHA, MARKER, POOL, PR_NUMBER, SECOND_SHA, scenario } from './fixture.js';

const writes = (requests: { method: string }[]): string[] => requests.filter((r) => r.method !== 'GET').map((r) => r.method);

describe.concurrent('plan comment', () => {
  it('creates one comment on the first push and updates that same comment on the next', async ({ onTestFinished }) => {
    const s = await scenario([{ GroupName: 'editors', Description: 'old' }], [{ name: 'editors', description: 'new' }], onTestFinished);
    const first = await s.run({});
    // Changes are a success for the step; the outputs say so.
    expect(first.code).toBe(0);
    expect(first.outputs).toEqual({ 'exit-code': '2', 'has-changes': 'true', 'plan-file': join(s.dir, 'cognito-groups-plan.json') });
    expect(first.log).not.toContain('::error::');
    const [created, ...others] = s.github.comments(PR_NUMBER);
    expect(others).toEqual([]);
    expect(created?.user.login).toBe('github-actions[bot]');
    expect(created?.body.startsWith(`${MARKER}\n### cognito-groups plan for \`${POOL}\` on the endpoint `)).toBe(true);
    expect(created?.body).toContain('| 📝&nbsp;update | `editors` | description: `old` → `new` |');
    expect(created?.body).toContain(`commit ${FIRST_SHA}`);
    expect(first.log).toContain(`Commented the plan on pull request #${PR_NUMBER}.`);

    s.writeGroups([{ name: 'editors', description: 'newer' }, { name: 'admins' }]);
    const second = await s.run({}, { headSha: SECOND_SHA });
    expect(second.code).toBe(0);
    const after = s.github.comments(PR_NUMBER);
    expect(after.map((c) => c.id)).toEqual([created?.id]);
    expect(after[0]?.body).toContain('description: `old` → `newer`');
    expect(after[0]?.body).toContain('| ➕&nbsp;create | `admins` |');
    expect(after[0]?.body).toContain(`commit ${SECOND_SHA}`);
    expect(after[0]?.body).not.toContain(FIRST_SHA);
    expect(writes(s.github.requests)).toEqual(['POST', 'PATCH']);
    expect(second.log).toContain(`Updated the plan comment ${created?.id} on pull request #${PR_NUMBER}.`);
  });

  it('finds its previous comment on the second page of the listing', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    for (let i = 0; i < 120; i++) s.github.seed(PR_NUMBER, `comment ${i}`, { login: `reviewer${i % 3}`, type: 'User' });
    const ours = s.github.seed(PR_NUMBER, `${MARKER}\nan old plan`, { login: 'github-actions[bot]', type: 'Bot' });
    const run = await s.run({});
    expect(run.code).toBe(0);
    const comments = s.github.comments(PR_NUMBER);
    expect(comments).toHaveLength(121);
    expect(comments.find((c) => c.id === ours.id)?.body).toContain('| ➕&nbsp;create | `admins` |');
    const lists = s.github.requests.filter((r) => r.method === 'GET' && r.path.includes('/comments'));
    expect(lists.map((r) => r.path)).toEqual([`/repos/acme/groups/issues/${PR_NUMBER}/comments?per_page=100`, `/repos/acme/groups/issues/${PR_NUMBER}/comments?per_page=100&page=2`]);
    expect(writes(s.github.requests)).toEqual(['PATCH']);
  });

  it("never takes over a person's comment that quotes the marker", async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    const quoted = `${MARKER}\nI copied the bot's comment`;
    const human = s.github.seed(PR_NUMBER, quoted, { login: 'mallory', type: 'User' });
    const run = await s.run({});
    expect(run.code).toBe(0);
    const comments = s.github.comments(PR_NUMBER);
    expect(comments).toHaveLength(2);
    expect(comments.find((c) => c.id === human.id)?.body).toBe(quoted);
    expect(comments.find((c) => c.id !== human.id)?.user.login).toBe('github-actions[bot]');
    expect(writes(s.github.requests)).toEqual(['POST']);
  });

  it("with a person's token, updates that person's comment and not another's", async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    const mallory = s.github.seed(PR_NUMBER, `${MARKER}\nmallory's copy`, { login: 'mallory', type: 'User' });
    const alice = s.github.seed(PR_NUMBER, `${MARKER}\nalice's old plan`, { login: 'alice', type: 'User' });
    const run = await s.run({ 'github-token': ALICE_TOKEN });
    expect(run.code).toBe(0);
    const comments = s.github.comments(PR_NUMBER);
    expect(comments.map((c) => c.id)).toEqual([mallory.id, alice.id]);
    expect(comments[0]?.body).toBe(`${MARKER}\nmallory's copy`);
    expect(comments[1]?.body).toContain('| ➕&nbsp;create | `admins` |');
  });

  it('on-changes: a plan without changes posts nothing; the outputs, saved plan and summary say no changes', async ({ onTestFinished }) => {
    const s = await scenario([{ GroupName: 'admins' }], [{ name: 'admins' }], onTestFinished);
    const run = await s.run({});
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ 'exit-code': '0', 'has-changes': 'false', 'plan-file': join(s.dir, 'cognito-groups-plan.json') });
    expect(JSON.parse(readFileSync(join(s.dir, 'cognito-groups-plan.json'), 'utf8'))).toMatchObject({ kind: 'cognito-groups-plan' });
    // The job summary gets the Markdown once; the log gets it and the CLI's stderr.
    expect(run.summary.match(/### cognito-groups plan for /g)).toHaveLength(1);
    expect(run.summary).toContain('**No changes.');
    expect(run.log).toContain(`### cognito-groups plan for \`${POOL}\``);
    expect(run.log).toContain('Saved the plan to cognito-groups-plan.json.');
    expect(s.github.comments(PR_NUMBER)).toEqual([]);
    expect(writes(s.github.requests)).toEqual([]);
    expect(run.log).toContain(`No changes: no comment on pull request #${PR_NUMBER} (comment: on-changes).`);
  });

  it('on-changes: a plan without changes updates our earlier comment to say so', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    expect((await s.run({})).code).toBe(0);
    const [before] = s.github.comments(PR_NUMBER);
    expect(before?.body).toContain('| ➕&nbsp;create | `admins` |');

    s.writeGroups([]);
    const run = await s.run({}, { headSha: SECOND_SHA });
    expect(run.code).toBe(0);
    expect(run.outputs['has-changes']).toBe('false');
    const after = s.github.comments(PR_NUMBER);
    expect(after.map((c) => c.id)).toEqual([before?.id]);
    expect(after[0]?.body).toContain('**No changes.');
    expect(after[0]?.body).not.toContain('create');
    expect(after[0]?.body).toContain(`commit ${SECOND_SHA}`);
  });

  it('always: comments a plan without changes too', async ({ onTestFinished }) => {
    const s = await scenario([{ GroupName: 'admins' }], [{ name: 'admins' }], onTestFinished);
    expect((await s.run({ comment: 'always' })).code).toBe(0);
    const [only, ...rest] = s.github.comments(PR_NUMBER);
    expect(rest).toEqual([]);
    expect(only?.body).toContain('**No changes.');
  });

  it('never: makes no GitHub request at all', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    const run = await s.run({ comment: 'never' });
    expect(run.code).toBe(0);
    expect(run.outputs['has-changes']).toBe('true');
    expect(s.github.requests).toEqual([]);
  });

  it('on a push (not a pull request) makes no GitHub request, and needs no token', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    const run = await s.run({ 'github-token': '' }, { event: 'push', env: { GITHUB_EVENT_PATH: undefined } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'exit-code': '2', 'has-changes': 'true' });
    expect(s.github.requests).toEqual([]);
  });
});
