// The comment's text: a marker no file name can break, GitHub's length limit kept, error output made
// safe to quote (no escape sequences, no early-closing fence, no live mentions).
import { describe, expect, it } from 'vitest';
import { COMMENT_BODY_LIMIT, commentBody, commentMarker, errorText, failureMarkdown } from '../../src/faces/github/comment-body.js';

describe('comment marker', () => {
  it('names the file and environment, so each leg of a matrix has its own comment', () => {
    expect(commentMarker({ file: 'groups.yaml', environment: 'prod' })).toBe('<!-- cognito-groups:plan file=groups.yaml env=prod -->');
    expect(commentMarker({ file: 'infra/groups.yaml', environment: undefined })).toBe('<!-- cognito-groups:plan file=infra/groups.yaml -->');
    expect(commentMarker({ file: 'groups.yaml', environment: 'dev' })).not.toBe(commentMarker({ file: 'groups.yaml', environment: 'prod' }));
  });

  it('cannot be ended early or given another field by a file or environment name', () => {
    const marker = commentMarker({ file: 'a --> b env=prod\n.yaml', environment: 'x -->' });
    expect(marker).toBe('<!-- cognito-groups:plan file=a%20--%3E%20b%20env%3Dprod%0A.yaml env=x%20--%3E -->');
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
  });
});

describe('comment body', () => {
  const subject = { file: 'groups.yaml', environment: 'prod', headSha: 'abcdef1234567890abcdef1234567890abcdef12' };

  it('is the marker, the Markdown whole, and a footer naming file, environment and commit', () => {
    const body = commentBody(subject, '### plan\n\n**No changes.**\n');
    expect(body).toBe(
      '<!-- cognito-groups:plan file=groups.yaml env=prod -->\n### plan\n\n**No changes.**\n\n' +
        '<sub>cognito-groups · `groups.yaml` · environment `prod` · commit abcdef1234567890abcdef1234567890abcdef12 · updated on every push</sub>',
    );
  });

  it("stays within GitHub's 65,536 characters with the CLI's largest Markdown and a long file name, cut at a line", () => {
    const line = `| ➕&nbsp;create | \`${'g'.repeat(80)}\` | *no fields* |`;
    const markdown = `### plan\n\n${Array.from({ length: 2000 }, () => line).join('\n')}`.slice(0, 65_000);
    const long = { ...subject, file: `${'deep/'.repeat(60)}groups.yaml` };
    const body = commentBody(long, markdown);
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT);
    expect(body.startsWith(`${commentMarker(long)}\n### plan\n`)).toBe(true);
    expect(body).toContain("line(s) are left out to stay under GitHub's comment limit");
    expect(body.endsWith('updated on every push</sub>')).toBe(true);
    // Whole rows only.
    expect(body.split('\n').filter((l) => l.startsWith('| ➕')).every((l) => l === line)).toBe(true);
  });

  it('keeps Markdown of 65,000 characters whole when the marker and footer fit', () => {
    const markdown = `### plan\n${'x'.repeat(64_990)}`;
    expect(markdown.length).toBe(64_999);
    const body = commentBody(subject, markdown);
    expect(body).toContain(markdown);
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT);
  });
});

describe('error text', () => {
  it('starts at the error, without escape sequences or carriage returns', () => {
    const stderr = 'Reading pools...\r\n\u001b[33mwarning:\u001b[0m something\nerror: \u001b[1mListGroups\u001b[22m on user pool eu-west-1_X: access denied\r\n  detail line\n';
    expect(errorText(stderr)).toBe('error: ListGroups on user pool eu-west-1_X: access denied\n  detail line');
  });

  it('keeps the last lines when there is no error line, and says so when there is nothing', () => {
    expect(errorText('Cannot find module x\n    at y\n')).toBe('Cannot find module x\n    at y');
    expect(errorText('')).toBe('(the CLI printed no error message; see the job log)');
  });

  it('breaks @mentions and bounds its length', () => {
    expect(errorText('error: ask @octocat or @acme/admins, not a@b\n')).toBe('error: ask @\u200boctocat or @\u200bacme/admins, not a@\u200bb');
    const long = errorText(`error: ${'x'.repeat(30_000)}`);
    expect(long.length).toBeLessThan(20_100);
    expect(long).toMatch(/\.\.\. \(\d+ more characters in the job log\)$/);
  });

  it('is fenced by more backticks than any run inside, so it cannot close its block early', () => {
    const markdown = failureMarkdown('plan', { file: 'groups.yaml', environment: undefined }, 'exit 1', 'error: bad ```` fence\n```\n');
    expect(markdown).toContain('\n`````text\nerror: bad ```` fence\n```\n`````\n');
  });
});
