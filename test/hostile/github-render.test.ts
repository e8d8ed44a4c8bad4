// The plan comment rendered as GitHub renders it: GitHub-flavoured Markdown to HTML (micromark with
// its GFM extension), GitHub's sanitising allowlist (hast-util-sanitize's default schema, which is
// GitHub's), then what GitHub does after rendering: it links references (#1, GH-2, owner/repo#3),
// mentions and bare addresses in text outside code. Whatever the names and descriptions, no reference
// or mention becomes a link, no HTML outside the allowlist is left, and no table cell holds a run of
// characters without a break opportunity longer than its bound.
import fc from 'fast-check';
import type { ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema } from 'hast-util-sanitize';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import type { GroupChange, Plan } from '../../src/core/plan/model.js';
import { commentBody } from '../../src/faces/github/comment-body.js';
import { CELL_TOKEN_MAX } from '../../src/faces/render/markdown-escape.js';
import { renderPlanMarkdown } from '../../src/faces/render/markdown.js';
import { plainStyle } from '../../src/faces/render/style.js';
import { renderPlanText } from '../../src/faces/render/text.js';

const POOL = 'eu-west-1_Render1';

/** A cell's longest run may be the bound plus a sign before it and a comma after it. */
const CELL_RUN_MAX = CELL_TOKEN_MAX + 2;

/** Markdown to a HAST tree, the way GitHub renders a comment (before sanitising). */
function render(markdown: string): Root {
  const html = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return fromHtml(html, { fragment: true });
}

type Node = Root | RootContent | ElementContent;

function* walk(node: Node, inside: readonly string[] = []): Generator<{ node: Node; inside: readonly string[] }> {
  yield { node, inside };
  if ('children' in node) {
    const here = node.type === 'element' ? [...inside, node.tagName] : inside;
    for (const child of node.children) yield* walk(child, here);
  }
}

/** Elements a browser shows on lines of their own. */
const BLOCKS = new Set(['summary', 'details', 'p', 'div', 'li', 'ul', 'ol', 'pre', 'blockquote', 'table', 'tr']);

/** The text a reader sees; a line break, like a space, is a break opportunity. */
function textOf(node: Node): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'br') return '\n';
  const inner = 'children' in node ? node.children.map(textOf).join('') : '';
  return node.type === 'element' && BLOCKS.has(node.tagName) ? `\n${inner}\n` : inner;
}

/** The property names the allowlist keeps on an element (tag-specific and global). */
function allowedProperties(tag: string): Set<string> {
  const entries = [...(defaultSchema.attributes?.[tag] ?? []), ...(defaultSchema.attributes?.['*'] ?? [])];
  return new Set(entries.map((e) => (Array.isArray(e) ? String(e[0]) : String(e))));
}

/** What GitHub would link in text after rendering: references, mentions, bare addresses. */
const LINKED = [
  { what: 'issue reference', pattern: /(^|[^\w&/])#\d+\b/ },
  { what: 'GH- reference', pattern: /\bGH-\d+\b/i },
  { what: 'cross-repository reference', pattern: /\b[\w.-]+\/[\w.-]+#\d+\b/ },
  { what: 'mention', pattern: /(^|[^\w`])@[A-Za-z0-9]/ },
  { what: 'address', pattern: /\b(https?:\/\/|www\.)\S/i },
];

/** Every check on one rendered comment; `links` are the addresses the comment itself may link to. */
function expectSafeOnGitHub(markdown: string, links: readonly string[] = []): void {
  const tree = render(markdown);
  const allowed = new Set(defaultSchema.tagNames ?? []);
  for (const { node, inside } of walk(tree)) {
    if (node.type === 'element') {
      // No HTML beyond GitHub's allowlist, with only the attributes it keeps.
      expect(allowed.has(node.tagName), `<${node.tagName}> is not on GitHub's allowlist`).toBe(true);
      const keeps = allowedProperties(node.tagName);
      for (const prop of Object.keys(node.properties)) {
        if (node.tagName === 'code' && prop === 'className') continue; // language-diff, kept by GitHub
        expect(keeps.has(prop), `<${node.tagName} ${prop}> is not kept by GitHub's allowlist`).toBe(true);
      }
      // The only links are those the comment makes itself.
      if (node.tagName === 'a') expect(links, `a link to ${String(node.properties.href)}`).toContain(String(node.properties.href));
      // No table cell wider than its bound: every run without a break opportunity is short.
      if (node.tagName === 'td' || node.tagName === 'th') {
        const text = textOf(node);
        const runs = text.split(/[\s\u200b]+/u);
        const longest = runs.reduce((a, b) => ([...b].length > [...a].length ? b : a), '');
        expect([...longest].length, `a cell holds a run of ${[...longest].length} characters: ${JSON.stringify(longest)}`).toBeLessThanOrEqual(CELL_RUN_MAX);
      }
    }
    // Text GitHub would scan for references, mentions and addresses: outside code, pre and our links.
    if (node.type === 'text' && !inside.some((t) => t === 'code' || t === 'pre' || t === 'a')) {
      for (const { what, pattern } of LINKED) expect(pattern.test(node.value), `a ${what} GitHub would link: ${JSON.stringify(node.value)}`).toBe(false);
    }
  }
}

/** Pieces of hostile names and descriptions. */
const PIECES = ['#1', ' #2 ', 'GH-3', 'gh-44', 'acme/other#5', 'see #6.', '@octocat', '@org/team', 'https://evil.example/x', 'www.evil.example', '<b>', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '</details>', '<details open>', '<!--', '-->', '`', '```', '|', '\\', '*', '_', '[x](https://y)', '![i](https://z)', '&amp;', '&#35;7', '\n', '\r\n', '\u200e', '\u200b', '\ufeff', '\u202e', '\u061c', 'arn:aws:iam::123456789012:role/'.padEnd(300, 'x'), 'y'.repeat(90), ' plain words '];
const hostile = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

function planOf(name: string, description: string, other: string): Plan {
  const long = `${description} ${'and more words to make a word diff '.repeat(2)}`;
  const changes: GroupChange[] = [
    { action: 'delete', name: `${name}-d`, before: { description, roleArn: other, precedence: 3 }, memberCount: 4 },
    { action: 'replace', name: `${name}-r`, previousName: `${name}-R`, before: { roleArn: other }, after: {}, fields: [{ field: 'roleArn', before: other, after: null }], reasons: ['roleArn-removed', 'case-rename'], memberCount: 2 },
    { action: 'update', name: `${name}-u`, before: { description: long, roleArn: other }, after: { description: `${long} ${other}`, roleArn: description }, fields: [{ field: 'description', before: long, after: `${long} ${other}` }, { field: 'roleArn', before: other, after: description }], memberCount: 1, members: { add: [other, name], remove: [description], had: 3 } },
    { action: 'create', name, after: { description, roleArn: other, precedence: 1 } },
    { action: 'restore', name: `${name}-h`, hold: { group: `cognito-groups.hold.${name}`, resuming: true, memberCount: 1, usernames: [description] } },
  ];
  return {
    pools: [
      {
        userPoolId: POOL, region: 'eu-west-1', listed: 6, changes, unchanged: [],
        unmanaged: [{ name: `${POOL}_${name}`, roleArn: other, provider: true, alert: { carries: ['roleArn'] } }, { name: other, provider: false }],
        lookalikes: [{ inFile: name, inPool: `${name}\u034f` }],
        orphanHolds: [{ group: `cognito-groups.hold.${other}`, for: description, memberCount: 2 }],
      },
    ],
  };
}

describe('the plan comment as GitHub renders it', () => {
  it('links nothing from a reference or mention, keeps no HTML beyond the allowlist, and keeps every cell narrow, whatever the names and descriptions', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (name, description, other) => {
        const plan = planOf(name, description, other);
        const md = renderPlanMarkdown(plan, { fullText: renderPlanText(plan, plainStyle), target: description, warnings: [{ file: name, line: 1, column: 1, path: 'userPools[0]', message: description }] });
        expectSafeOnGitHub(md);
      }),
      { numRuns: 60 },
    );
  });

  it('holds for a cut comment, and for the posted body with its marker, footer and workflow-run link', () => {
    const run = 'https://github.com/acme/groups/actions/runs/4242';
    const changes: GroupChange[] = Array.from({ length: 600 }, (_, i) => ({ action: 'create', name: `team-${i} #${i}`, after: { description: `Team #${i} of acme/other#${i}, ask @lead-${i} at https://example.com/${'p'.repeat(200)}` } }));
    const plan: Plan = { pools: [{ userPoolId: POOL, region: 'eu-west-1', listed: 0, changes, unchanged: [], unmanaged: [] }] };
    const md = renderPlanMarkdown(plan, { fullText: renderPlanText(plan, plainStyle), seeAlso: `the job summary of [this workflow run](${run})` });
    expect(md).toContain('This comment is cut');
    expectSafeOnGitHub(md, [run]);
    const body = commentBody({ file: 'groups/#1.yaml', environment: 'GH-2', headSha: 'a'.repeat(40), runUrl: run }, md);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expectSafeOnGitHub(body, [run]);
  });

  it('keeps a backslash before a pipe in its cell: the value is broken between them, both shown', () => {
    const md = renderPlanMarkdown({ pools: [{ userPoolId: POOL, region: 'eu-west-1', listed: 0, changes: [{ action: 'create', name: 'g', after: { description: 'see #1\\|#2 here' } }], unchanged: [], unmanaged: [] }] });
    expectSafeOnGitHub(md);
    const cells = [...walk(render(md))].flatMap(({ node }) => (node.type === 'element' && node.tagName === 'td' ? [textOf(node)] : []));
    expect(cells).toHaveLength(3);
    expect(cells[2]).toBe('description: see #1\\ ↪|#2 here');
  });

  it('catches what it guards against: a reference, a wide cell and raw HTML each fail the check', () => {
    expect(() => expectSafeOnGitHub('see #12 here')).toThrow(/issue reference/);
    expect(() => expectSafeOnGitHub('ping acme/other#3')).toThrow(/reference/);
    expect(() => expectSafeOnGitHub(`| a | b |\n| --- | --- |\n| x | ${'z'.repeat(60)} |\n`)).toThrow(/a cell holds a run of 60 characters/);
    expect(() => expectSafeOnGitHub('<font color="red">x</font>')).toThrow(/allowlist/);
    expect(() => expectSafeOnGitHub('[x](https://evil.example)')).toThrow(/link/);
  });
});
