// Markdown stays within GitHub's 65,000-character comment limit: the full text plan goes first, then
// change rows from the least risky end, and a note right under the summary says what was left out.
import { describe, expect, it } from 'vitest';
import { driftOf } from '../../src/core/drift/compute.js';
import type { GroupChange, Plan } from '../../src/core/plan/model.js';
import { renderDriftMarkdown } from '../../src/faces/render/drift-markdown.js';
import { mdFence } from '../../src/faces/render/markdown-escape.js';
import { GITHUB_COMMENT_LIMIT, renderPlanMarkdown } from '../../src/faces/render/markdown.js';
import { plainStyle } from '../../src/faces/render/style.js';
import { renderPlanText } from '../../src/faces/render/text.js';
import { groupsYaml, setup, writeIn } from './helpers.js';

const SEE = '`cognito-groups show plan.json`';
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

const name = (i: number): string => `group-${String(i).padStart(5, '0')}`;
const words = (i: number, length: number): string => `Group ${i} ${'lorem ipsum dolor sit amet '.repeat(Math.ceil(length / 27))}`.slice(0, length);

/** n changes in one pool cycling create, update (long descriptions: word diff), delete and replace. */
function bigPlan(n: number, descriptionLength: number, poolId = 'eu-west-1_Big1'): Plan {
  const changes: GroupChange[] = [];
  for (let i = 0; i < n; i++) {
    const d = words(i, descriptionLength);
    switch (i % 4) {
      case 0:
        changes.push({ action: 'create', name: name(i), after: { description: d, precedence: i } });
        break;
      case 1:
        changes.push({ action: 'update', name: name(i), before: { description: `${d} old` }, after: { description: d }, fields: [{ field: 'description', before: `${d} old`, after: d }] });
        break;
      case 2:
        changes.push({ action: 'delete', name: name(i), before: { description: d } });
        break;
      default:
        changes.push({ action: 'replace', name: name(i), previousName: name(i), before: { precedence: 1 }, after: { description: d }, fields: [{ field: 'description', before: null, after: d }, { field: 'precedence', before: 1, after: null }], reasons: ['precedence-removed'] });
    }
  }
  return { pools: [{ userPoolId: poolId, region: 'eu-west-1', listed: n, changes, unchanged: [], unmanaged: [{ name: 'old-team', provider: false }] }] };
}

const md = (plan: Plan, limit?: number): string => renderPlanMarkdown(plan, { fullText: renderPlanText(plan, plainStyle), seeAlso: SEE, ...(limit === undefined ? {} : { limit }) });
const rowsOf = (text: string): string[] => text.split('\n').filter((l) => /^\| (➕|📝|⛔|🔁)&nbsp;/.test(l));
const destroying = (row: string): boolean => /^\| (⛔|🔁)&nbsp;/.test(row);

/** Every table row is whole: three cells and a closing pipe. */
function expectWholeRows(text: string): void {
  for (const row of rowsOf(text)) {
    expect(row.endsWith(' |'), row).toBe(true);
    expect(row.split(/(?<!\\)\|/), row).toHaveLength(5);
  }
}

describe('the 65,000-character cut', () => {
  it('is GitHub\'s comment limit', () => {
    expect(GITHUB_COMMENT_LIMIT).toBe(65_000);
  });

  it('cuts creates first, then other updates: every replace and delete row stays, in full when there is room', () => {
    // 4,000 creates and updates with long descriptions, and 40 replaces and deletes among them.
    const plan = bigPlan(4000, 300);
    const pool = plan.pools[0]!;
    pool.changes = pool.changes.filter((c, i) => c.action === 'create' || c.action === 'update' || i < 80);
    const destructive = pool.changes.filter((c) => c.action === 'replace' || c.action === 'delete').length;
    expect(destructive).toBe(40);
    const out = md(plan);
    expect(out.length).toBeLessThanOrEqual(65_000);
    expect(out.length).toBeGreaterThan(55_000);
    const rows = rowsOf(out);
    expect(rows.filter(destroying)).toHaveLength(40);
    // In full: a replace row keeps its field changes.
    expect(rows.find((r) => r.startsWith('| 🔁'))).toContain('description: *(none)* →');
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(pool.changes.length);
    expectWholeRows(out);
    // By risk: deletes and replaces, then the description updates, then creates; the updates are cut
    // before any create is kept, each kind from its end.
    const kinds = rows.map((r) => (destroying(r) ? 0 : r.startsWith('| 📝') ? 1 : 2));
    expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
    expect(rows.some((r) => r.startsWith('| ➕'))).toBe(false);
    const kept = rows.filter((r) => r.startsWith('| 📝')).map((r) => Number(/`group-(\d+)`/.exec(r)?.[1]));
    expect(kept[0]).toBe(1);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    // Said right under the summary, naming the first groups of each kind left out.
    const left = pool.changes.length - rows.length;
    const creates = pool.changes.filter((c) => c.action === 'create').length;
    const note = `\n\n> [!NOTE]\n> **This comment is cut** to stay under GitHub's 65,000-character limit: ${left} of ${pool.changes.length} changes are left out, the least risky first: ${left - creates} other updates (\`group-${String(kept.at(-1)! + 4).padStart(5, '0')}\``;
    expect(out).toContain(note);
    expect(out.indexOf(note)).toBe(out.indexOf('**\n') + 2);
    expect(out).toContain(`; ${creates} creates (\`group-00000\`, \`group-00004\`, `);
    expect(out).toContain('Every delete and replace is shown.\n>\n> Folded under each pool\'s table (click to open): ');
    expect(out).toContain('\n>\n> The full text plan is left out: it would take this comment over GitHub\'s 65,000-character limit.\n>\n> The full plan: `cognito-groups show plan.json`.\n');
    expect(out).toContain('> [!WARNING]\n> Applying this plan needs `--allow-replace` `--allow-delete` `--max-delete 40`:\n');
  });

  it('shortens replace and delete rows when they alone are too many, and says how many could not be shown', () => {
    const plan = bigPlan(5000, 300);
    const out = md(plan);
    expect(out.length).toBeLessThanOrEqual(65_000);
    expect(out.length).toBeGreaterThan(55_000);
    expect(out).not.toContain('<details>');
    const rows = rowsOf(out);
    // Creates and updates go first: every row left is a replace or a delete, shortened to its reason.
    expect(rows.length).toBeGreaterThan(300);
    expect(rows.every(destroying)).toBe(true);
    expect(rows.find((r) => r.startsWith('| 🔁'))).toMatch(/^\| 🔁&nbsp;replace \| `group-\d+` \| \*precedence cannot be removed in place: deleted and created again\*<br>\*members dropped \(--drop-members\)\* \|$/);
    expectWholeRows(out);
    const omitted = 5000 - rows.length;
    expect(out).toContain(`> **This comment is cut** to stay under GitHub's 65,000-character limit: ${omitted} of 5000 changes are left out, the least risky first: ${2500 - rows.length} deletes and replaces (`);
    expect(out).toContain(`; 1250 other updates (\`group-00001\`, `);
    expect(out).toContain(`; 1250 creates (\`group-00000\`, `);
    expect(out).toContain(` Of them, ${2500 - rows.length} delete or replace a group: the warnings below count them all.`);
    // The head is whole: title, summary, the note, and the warnings, with every flag apply needs.
    expect(out.startsWith('### cognito-groups plan for `eu-west-1_Big1`\n\n**Plan: 1250 to add, 1250 to change, 1250 to replace, 1250 to delete. 1 unmanaged group left alone.**\n\n> [!NOTE]\n')).toBe(true);
    expect(out).toContain('\n\n> [!WARNING]\n> Applying this plan needs `--allow-replace` `--allow-delete` `--max-delete 2500`:\n> - `--allow-replace`: it replaces 1250 groups\n> - `--allow-delete`: it deletes 1250 groups\n> - `--max-delete 2500`: it deletes or replaces 2500 groups in all, more than the limit of 25\n');
    expect(out).toContain('Unmanaged groups, left alone (1): `old-team`');
  });

  it('keeps under the limit with the last-resort cut when even the pool headings do not fit, ending with the note', () => {
    const plan: Plan = { pools: Array.from({ length: 1200 }, (_, p) => ({ userPoolId: `eu-west-1_Pool${p}`, region: 'eu-west-1', listed: 1, unchanged: [], unmanaged: [{ name: `unmanaged-${'u'.repeat(40)}`, provider: false }], changes: [{ action: 'delete' as const, name: `g${p}`, before: {} }] })) };
    const out = md(plan);
    expect(out.length).toBeLessThanOrEqual(65_000);
    expect(out).toMatch(/\n> \[!NOTE\]\n> The rest of this comment is left out to stay under GitHub's 65,000-character limit\. The full plan: `cognito-groups show plan\.json`\.\n$/);
    expect((out.match(/^```/gm) ?? []).length % 2).toBe(0);
  });

  it('cuts at any given limit, with the maximum description length, and over many pools', () => {
    const huge = bigPlan(2000, 2048);
    for (const limit of [65_000, 20_000, 5_000]) {
      const out = md(huge, limit);
      expect(out.length).toBeLessThanOrEqual(limit);
      expect(out).toContain(`> **This comment is cut** to stay under GitHub's ${limit.toLocaleString('en-US')}-character limit: `);
      expectWholeRows(out);
    }
    const many: Plan = { pools: Array.from({ length: 40 }, (_, p) => bigPlan(150, 200, `eu-west-1_Many${p}`).pools[0]!) };
    const out = md(many);
    expect(out.length).toBeLessThanOrEqual(65_000);
    expect(out).toContain('### cognito-groups plan for `eu-west-1_Many0`, `eu-west-1_Many1`, `eu-west-1_Many2` and 37 more');
    expect(out).toMatch(/> \*\*This comment is cut\*\* to stay under GitHub's 65,000-character limit: (\d+) of 6000 changes are left out/);
    const omitted = Number(/: (\d+) of 6000 changes/.exec(out)?.[1]);
    expect(rowsOf(out).length).toBe(6000 - omitted);
    // Every pool keeps its heading.
    for (let p = 0; p < 40; p++) expect(out).toContain(`#### \`eu-west-1_Many${p}\` (eu-west-1): 150 groups listed`);
  });

  it('keeps everything in a plan just under the limit, and drops the full text first just over it', () => {
    // The largest plan of this shape whose whole Markdown fits.
    let n = 1;
    while (md(bigPlan(n + 1, 120), NO_LIMIT).length <= 65_000) n++;
    const under = bigPlan(n, 120);
    const whole = md(under, NO_LIMIT);
    expect(whole.length).toBeGreaterThan(64_000);
    expect(whole.length).toBeLessThanOrEqual(65_000);
    expect(md(under)).toBe(whole);
    expect(whole).toContain('<details><summary>Full text plan</summary>');
    expect(whole).not.toContain('is left out');
    expect(rowsOf(whole)).toHaveLength(n);

    const over = md(bigPlan(n + 1, 120));
    expect(over.length).toBeLessThanOrEqual(65_000);
    expect(over).not.toContain('Full text plan');
    expect(rowsOf(over)).toHaveLength(n + 1);
    expect(over).toContain(`\n\n> [!NOTE]\n> Folded under each pool's table (click to open): ${Math.ceil((n + 1) / 4)} other updates, ${Math.ceil((n + 1) / 4)} creates.\n>\n> The full text plan is left out: it would take this comment over GitHub's 65,000-character limit.\n>\n> The full plan: ${SEE}.\n`);
  });

  it('cuts exactly at the limit given', () => {
    const plan = bigPlan(20, 80);
    const whole = md(plan, NO_LIMIT);
    expect(md(plan, whole.length)).toBe(whole);
    const noDetails = md(plan, whole.length - 1);
    expect(noDetails).not.toContain('Full text plan');
    expect(rowsOf(noDetails)).toHaveLength(20);
    expect(noDetails).toContain('> The full text plan is left out');
    // Without a seeAlso the note says only what is left out.
    expect(renderPlanMarkdown(plan, { fullText: 'x'.repeat(70_000) })).toContain("> The full text plan is left out: it would take this comment over GitHub's 65,000-character limit.\n");
  });

  it('keeps an apply result appendix whole when it cuts rows', () => {
    const plan = bigPlan(3000, 200);
    const appendix = `### Apply result\n\n**Apply complete: 750 added, 750 changed, 750 replaced, 750 deleted.**\n`;
    const out = renderPlanMarkdown(plan, { fullText: renderPlanText(plan, plainStyle), appendix });
    expect(out.length).toBeLessThanOrEqual(65_000);
    expect(out).toContain(`\n${appendix}`);
    expect(out).toMatch(/> \*\*This comment is cut\*\* to stay under GitHub's 65,000-character limit: \d+ of 3000 changes are left out/);
  });

  // Guards an apply result (one line per failed or not-started change) that alone is over the limit:
  // it is cut to its share, its ```text fence stays closed, and the comment still ends with a visible
  // > [!NOTE] saying what was left out, instead of being sliced mid-fence.
  it('still ends with a visible note when an interrupted apply\'s result is longer than the limit', () => {
    const plan = bigPlan(3000, 20);
    const lines = plan.pools[0]!.changes.map((c) => `  not started  eu-west-1_Big1: ${c.action} "${c.name}" (stopped before it started)`);
    const appendix = `### Apply result\n\n**Apply interrupted: 0 added, 0 changed, 0 replaced, 0 deleted; 0 failed, 3000 not started. Run apply again to finish.**\n\n${mdFence(lines.join('\n'), 'text')}\n`;
    const out = renderPlanMarkdown(plan, { fullText: renderPlanText(plan, plainStyle), appendix, seeAlso: SEE });
    expect(out.length).toBeLessThanOrEqual(65_000);
    expect(out).toContain('> [!NOTE]');
    expect((out.match(/^```/gm) ?? []).length % 2).toBe(0);
  });
});

describe('drift Markdown cut', () => {
  it('cuts a long drift report at a line, under the limit, with a note', () => {
    const plan: Plan = {
      pools: [{ userPoolId: 'eu-west-1_Drift9', region: 'eu-west-1', listed: 0, unchanged: [], unmanaged: [], changes: Array.from({ length: 6000 }, (_, i) => ({ action: 'create' as const, name: `${name(i)}-${'x'.repeat(20)}`, after: {} })) }],
    };
    const out = renderDriftMarkdown(driftOf(plan));
    expect(out.length).toBeLessThanOrEqual(65_000);
    expect(out.length).toBeGreaterThan(60_000);
    expect(out.endsWith("\n\n> [!NOTE]\n> Cut at GitHub's 65,000-character limit; run `cognito-groups drift --format json` for the whole report.\n")).toBe(true);
    const rows = out.split('\n').filter((l) => l.startsWith('| missing |'));
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.length).toBeLessThan(6000);
    for (const r of rows) expect(r).toMatch(/^\| missing \| `group-\d{5}-x{20}` \| in the file, not in the pool \|$/);
    expect(out).toContain('**Drift: 6000 missing. 0 unmanaged groups, 0 provider groups.**');
    // Just under the limit nothing is cut.
    const small = renderDriftMarkdown(driftOf({ pools: [{ ...plan.pools[0]!, changes: plan.pools[0]!.changes.slice(0, 100) }] }));
    expect(small).not.toContain('[!NOTE]');
    expect(small.split('\n').filter((l) => l.startsWith('| missing |'))).toHaveLength(100);
  });
});

describe('plan --format markdown of 5,000 new groups through the CLI', () => {
  it('prints at most 65,000 characters with the note pointing at show PLANFILE, and show prints the same', async () => {
    const pool = 'eu-west-1_BigCli';
    const env = await setup({ [pool]: [] });
    const groups = Array.from({ length: 5000 }, (_, i) => ({ name: name(i), description: words(i, 200) }));
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: pool, groups }]));
    const planFile = `${env.dir}/plan.json`;
    const run = await env.cli(['plan', '-f', file, '--format', 'markdown', '--out', planFile, '--detailed-exitcode']);
    expect(run.code).toBe(2);
    expect(run.stdout.length).toBeLessThanOrEqual(65_000);
    expect(run.stdout.length).toBeGreaterThan(55_000);
    const rows = rowsOf(run.stdout);
    expect(rows.length).toBeGreaterThan(100);
    expect(run.stdout).toContain(`> **This comment is cut** to stay under GitHub's 65,000-character limit: ${5000 - rows.length} of 5000 changes are left out, the least risky first: ${5000 - rows.length} creates (\`group-${String(rows.length).padStart(5, '0')}\``);
    expect(run.stdout).toContain(`> The full plan: \`cognito-groups show ${planFile}\`.`);
    expect(env.calls('ListGroups')).toBe(1);

    const shown = await env.cli(['show', planFile, '--format', 'markdown']);
    expect(shown.code).toBe(0);
    // show has no saved-plan file to point at but its own argument: everything but that line is the same.
    expect(shown.stdout.length).toBeLessThanOrEqual(65_000);
    expect(rowsOf(shown.stdout)).toEqual(rows);
  });
});
