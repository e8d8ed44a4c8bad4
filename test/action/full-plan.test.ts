// A plan too long for a comment: the comment is cut from its least risky end and says where the rest
// is, the job summary of the workflow run (linked), which the CLI writes with the full plan.
import { describe, expect, it } from 'vitest';
import { REPO } from './fake-github.js';
import { PR_NUMBER, scenario } from './fixture.js';

const RUN = `https://github.com/${REPO}/actions/runs/4242`;

describe('a plan larger than a comment', () => {
  it('is cut in the comment, which links the workflow run whose job summary has all of it', async ({ onTestFinished }) => {
    const groups = Array.from({ length: 500 }, (_, i) => ({ name: `team-${String(i).padStart(3, '0')}`, description: `Team ${i} ${'with a description long enough to fill the comment '.repeat(5)}`.trim() }));
    const s = await scenario([], groups, onTestFinished);
    const run = await s.run({}, { env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1' } });
    expect(run.code).toBe(0);
    const [comment] = s.github.comments(PR_NUMBER);
    const body = comment?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    // Right under the summary: what is left out, and where all of it is.
    const summaryLine = body.indexOf('**Plan: 500 to add, 0 to change, 0 to replace, 0 to delete.**');
    const note = body.indexOf('> [!NOTE]\n> **This comment is cut** to stay under GitHub\'s 65,000-character limit: ');
    expect(summaryLine).toBeGreaterThan(0);
    expect(note).toBe(summaryLine + '**Plan: 500 to add, 0 to change, 0 to replace, 0 to delete.**\n\n'.length);
    expect(body).toContain(`> The full plan: the job summary of [this workflow run](${RUN}).`);
    expect(body).toContain(`· [workflow run](${RUN}) ·`);
    const shown = body.split('\n').filter((l) => l.startsWith('| ➕&nbsp;create')).length;
    expect(shown).toBeGreaterThan(50);
    expect(shown).toBeLessThan(500);
    expect(body).toContain(`${500 - shown} of 500 changes are left out, the least risky first: ${500 - shown} creates (\`team-${String(shown).padStart(3, '0')}\``);

    // The job summary, written once by the CLI, has every change and the full text plan.
    expect(run.summary.match(/### cognito-groups plan for /g)).toHaveLength(1);
    expect(run.summary.split('\n').filter((l) => l.startsWith('| ➕&nbsp;create'))).toHaveLength(500);
    expect(run.summary).toContain('<details><summary>Full text plan</summary>\n\n```diff\n');
    expect(run.summary).not.toContain('This comment is cut');
  });

  it('says only "this workflow run" when the run cannot be linked, and the footer has no link', async ({ onTestFinished }) => {
    const groups = Array.from({ length: 400 }, (_, i) => ({ name: `team-${String(i).padStart(3, '0')}`, description: `Team ${i} ${'with a description long enough to fill the comment '.repeat(5)}`.trim() }));
    const s = await scenario([], groups, onTestFinished);
    const run = await s.run({}, { env: { GITHUB_SERVER_URL: 'https://github.com/"onmouseover=x', GITHUB_RUN_ID: '4242' } });
    expect(run.code).toBe(0);
    const body = s.github.comments(PR_NUMBER)[0]?.body ?? '';
    expect(body).toContain('> The full plan: the job summary of this workflow run.');
    expect(body).not.toContain('[workflow run]');
    expect(body).not.toContain('onmouseover');
  });
});
