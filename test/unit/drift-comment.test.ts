// Drift as Markdown keeps the plan comment's promises: a delete row says how many members it drops,
// and no value widens the table.
import { describe, expect, it } from 'vitest';
import { driftOf } from '../../src/core/drift/compute.js';
import type { Plan } from '../../src/core/plan/model.js';
import { BREAK_MARK, CELL_TOKEN_MAX } from '../../src/faces/render/markdown-escape.js';
import { renderDriftMarkdown } from '../../src/faces/render/drift-markdown.js';

const POOL = 'eu-west-1_DriftMd1';

describe('drift Markdown', () => {
  it('gives each delete row its member count where the members were read', () => {
    const plan: Plan = {
      pools: [{
        userPoolId: POOL, region: 'eu-west-1', listed: 3, unchanged: [], unmanaged: [],
        changes: [
          { action: 'delete', name: 'legacy', before: {}, memberCount: 12 },
          { action: 'delete', name: 'empty', before: {}, memberCount: 0 },
          { action: 'delete', name: 'uncounted', before: {} },
        ],
      }],
    };
    const md = renderDriftMarkdown(driftOf(plan));
    expect(md).toContain('| to delete | `legacy` | not in the file (unmanagedGroups: delete)<br>*12 members dropped* |');
    expect(md).toContain('| to delete | `empty` | not in the file (unmanagedGroups: delete)<br>*no members* |');
    expect(md).toContain('| to delete | `uncounted` | not in the file (unmanagedGroups: delete) |');
  });

  it('shortens long values and breaks long tokens in its cells', () => {
    const arn = `arn:aws:iam::123456789012:role/${'r'.repeat(300)}`;
    const plan: Plan = {
      pools: [{
        userPoolId: POOL, region: 'eu-west-1', listed: 1, unchanged: [], unmanaged: [],
        changes: [{ action: 'update', name: `g${'n'.repeat(100)}`, before: { roleArn: 'arn:aws:iam::123456789012:role/a' }, after: { roleArn: arn }, fields: [{ field: 'roleArn', before: 'arn:aws:iam::123456789012:role/a', after: arn }], members: { add: [`u${'u'.repeat(90)}`], remove: [], had: 0 } }],
      }],
    };
    const md = renderDriftMarkdown(driftOf(plan));
    const row = md.split('\n').find((l) => l.startsWith('| drifted |')) ?? '';
    expect(row).toContain(` ... (+${arn.length - 120} characters)`);
    expect(row).toContain(` ${BREAK_MARK}\``);
    const text = row.replace(/<[^>]+>/g, ' ').replace(/[`|]/g, ' ');
    expect(Math.max(...text.split(/\s+/).map((t) => t.length))).toBeLessThanOrEqual(CELL_TOKEN_MAX + 2);
  });
});
