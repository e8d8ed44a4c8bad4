// The access part of the plan in text and Markdown: largest first, folds bounded, outside text
// escaped, the whole part bounded so the comment stays under GitHub's cap.
import { describe, expect, it } from 'vitest';
import type { AccessTransition, PoolAccess } from '../../src/core/access/model.js';
import type { Plan } from '../../src/core/plan/model.js';
import { ACCESS_MARKDOWN_LIMIT, accessMarkdown, FOLD_NAMES } from '../../src/faces/render/access-markdown.js';
import { GITHUB_COMMENT_LIMIT, renderPlanMarkdown } from '../../src/faces/render/markdown.js';
import { renderPlanText } from '../../src/faces/render/text.js';
import { plainStyle } from '../../src/faces/render/style.js';

const A = 'arn:aws:iam::123456789012:role/reader';
const B = 'arn:aws:iam::123456789012:role/admin';

function planWith(access: PoolAccess): Plan {
  return { pools: [{ userPoolId: 'eu-west-1_R1', region: 'eu-west-1', listed: 2, changes: [], unchanged: [], unmanaged: [], access }] };
}

const t = (n: number, extra: Partial<AccessTransition> = {}): AccessTransition => ({ claim: 'preferred_role', before: A, after: B, count: n, usernames: Array.from({ length: n }, (_, i) => `user-${i}`), ...extra } as AccessTransition);

describe('access in the plan', () => {
  it('shows transitions largest first in text, with the first names and a count of the rest', () => {
    const text = renderPlanText(planWith({ checked: true, via: 'user-groups', reads: 3, users: 312, transitions: [t(312)] }), plainStyle);
    expect(text).toContain(`    312 users: preferred role ${A} -> ${B}\n      "user-0", "user-1", "user-2", "user-3", "user-4", "user-5", "user-6", "user-7", "user-8", "user-9" and 302 more\n`);
  });

  it('folds at most FOLD_NAMES usernames per transition in Markdown, escaped, and never mentions or links', () => {
    const hostile: AccessTransition = { claim: 'groups', change: 'lose', group: 'ops@evil/team', count: 2, usernames: ['@org/team', 'a`b'] };
    const md = accessMarkdown(planWith({ checked: true, via: 'plan-reads', reads: 0, users: 300, transitions: [t(300), hostile] }));
    expect(md).toContain('`user-49` and 250 more');
    expect(md).not.toContain('`user-50`');
    expect(md).toContain('``a`b``');
    expect(md).not.toMatch(/(^|[^`])@org\/team/);
    expect(md).toContain('<summary>2 users: lose group ops@&#8203;evil/team from cognito:groups');
    expect(FOLD_NAMES).toBe(50);
  });

  it('keeps the whole access part under its bound and the comment under GitHub\'s cap', () => {
    const many = Array.from({ length: 400 }, (_, i) => t(100, { after: `${B}-${i}` }));
    const plan = planWith({ checked: true, via: 'plan-reads', reads: 0, users: 40_000, transitions: many });
    expect(accessMarkdown(plan).length).toBeLessThanOrEqual(ACCESS_MARKDOWN_LIMIT + 300);
    expect(renderPlanMarkdown(plan, { fullText: renderPlanText(plan, plainStyle) }).length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });

  it('says plainly when access was not checked', () => {
    const plan = planWith({ checked: false });
    expect(renderPlanText(plan, plainStyle)).toContain('Token claims: not checked (--no-access-check).');
    expect(accessMarkdown(plan)).toContain('was **not checked** (`--no-access-check`)');
  });
});
