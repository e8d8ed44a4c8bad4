// The pull-request comment at any size: risk first, cut and folded from the least risky end and said
// under the summary; cells that stay narrow; references and invisible characters broken; every flag
// apply needs; member loss ranked; the file's warnings; the full text plan as a diff.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';
import type { GroupChange, Plan } from '../../src/core/plan/model.js';
import { policyViolations, type ApplyPolicy } from '../../src/run/apply/policy.js';
import { applyFlags } from '../../src/faces/render/apply-flags.js';
import { BREAK_MARK, CELL_TOKEN_MAX, mdText } from '../../src/faces/render/markdown-escape.js';
import { diffLines, FOLD_AT, renderPlanMarkdown, riskOf } from '../../src/faces/render/markdown.js';
import { UNSAFE, visible } from '../../src/faces/render/outside-text.js';
import { plainStyle } from '../../src/faces/render/style.js';
import { renderPlanText } from '../../src/faces/render/text.js';

const POOL = 'eu-west-1_Comment1';
const ROLE = (n: string): string => `arn:aws:iam::123456789012:role/${n}`;
const pad = (i: number, n = 3): string => String(i).padStart(n, '0');

function planOf(changes: GroupChange[]): Plan {
  return { pools: [{ userPoolId: POOL, region: 'eu-west-1', listed: changes.length, changes, unchanged: [], unmanaged: [] }] };
}

const comment = (plan: Plan, limit?: number): string => renderPlanMarkdown(plan, { fullText: renderPlanText(plan, plainStyle), seeAlso: 'the job summary of this workflow run', ...(limit === undefined ? {} : { limit }) });

/** Table rows of the Markdown, in order. */
const rows = (md: string): string[] => md.split('\n').filter((l) => /^\| \S+&nbsp;\w+ \| /.test(l));
const groupOf = (row: string): string => /^\| [^|]+ \| `([^`]+)`/.exec(row)?.[1] ?? '';

/** 300 creates named a-… and 40 role changes named z-…, which sort after them. */
function createsAndRoleChanges(descriptionLength: number): Plan {
  const changes: GroupChange[] = [];
  for (let i = 0; i < 300; i++) changes.push({ action: 'create', name: `a-team-${pad(i)}`, after: { description: `Team ${i} `.padEnd(descriptionLength, 'x'), roleArn: ROLE(`team-${i}`), precedence: 100 + i } });
  for (let i = 0; i < 40; i++) {
    changes.push({ action: 'update', name: `z-role-${pad(i, 2)}`, before: { roleArn: ROLE(`old-${i}`) }, after: { roleArn: ROLE(`new-${i}`) }, fields: [{ field: 'roleArn', before: ROLE(`old-${i}`), after: ROLE(`new-${i}`) }], memberCount: 3 });
  }
  return planOf(changes);
}

describe('risk order, folds and the cut', () => {
  it('ranks deletes and replaces, then role changes and renames, then member changes, then other updates, then creates', () => {
    const update = (name: string, field: 'roleArn' | 'precedence' | 'description'): GroupChange => ({ action: 'update', name, before: {}, after: {}, fields: [{ field, before: null, after: field === 'precedence' ? 1 : 'x' }] });
    const plan = planOf([
      { action: 'create', name: 'a-create', after: {} },
      update('b-description', 'description'),
      { action: 'update', name: 'c-members', before: {}, after: {}, fields: [], members: { add: ['alice'], remove: [], had: 0 } },
      update('d-precedence', 'precedence'),
      update('e-role', 'roleArn'),
      { action: 'rename', name: 'f-rename', previousName: 'old', before: {}, after: {}, fields: [], hold: { group: 'cognito-groups.hold.x', resuming: false } },
      { action: 'replace', name: 'g-replace', previousName: 'g-replace', before: { precedence: 1 }, after: {}, fields: [{ field: 'precedence', before: 1, after: null }], reasons: ['precedence-removed'] },
      { action: 'delete', name: 'h-delete', before: {} },
      { action: 'create', name: 'i-create-with-members', after: {}, members: { add: ['bob'], remove: [], had: 0 } },
    ]);
    expect(plan.pools[0]!.changes.map(riskOf)).toEqual([4, 3, 2, 1, 1, 1, 0, 0, 2]);
    expect(rows(renderPlanMarkdown(plan)).map(groupOf)).toEqual(['g-replace', 'h-delete', 'd-precedence', 'e-role', 'f-rename', 'c-members', 'i-create-with-members', 'b-description', 'a-create']);
  });

  it('keeps every role change of a 300-create, 40-role-change plan that must be cut, and names what it left out under the summary', () => {
    const plan = createsAndRoleChanges(118);
    const md = comment(plan);
    expect(md.length).toBeLessThanOrEqual(65_000);
    const shown = rows(md).map(groupOf);
    // All 40 role changes, first; the creates after them, cut from the end.
    expect(shown.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, i) => `z-role-${pad(i, 2)}`));
    const creates = shown.slice(40);
    expect(creates.length).toBeGreaterThan(100);
    expect(creates.length).toBeLessThan(300);
    expect(creates).toEqual(Array.from({ length: creates.length }, (_, i) => `a-team-${pad(i)}`));
    const left = 300 - creates.length;
    const names = Array.from({ length: 10 }, (_, i) => `\`a-team-${pad(creates.length + i)}\``).join(', ');
    // Right under the summary line: what is cut (named, bounded), what is folded, where the rest is.
    expect(md).toContain(
      `**Plan: 300 to add, 40 to change, 0 to replace, 0 to delete.**\n\n> [!NOTE]\n> **This comment is cut** to stay under GitHub's 65,000-character limit: ${left} of 340 changes are left out, the least risky first: ${left} creates (${names} and ${left - 10} more). Every delete and replace is shown.\n>\n> Folded under each pool's table (click to open): ${creates.length} creates.\n>\n> The full text plan is left out: it would take this comment over GitHub's 65,000-character limit.\n>\n> The full plan: the job summary of this workflow run.\n`,
    );
    // The creates are in a fold of their own; the role changes in the open table.
    expect(md).toContain(`<details><summary>${creates.length} creates (${left} more left out, see the note at the top)</summary>\n\n| | Group | Change |`);
    expect(md.indexOf('<details>')).toBeGreaterThan(md.indexOf('`z-role-39`'));
  });

  it('folds long runs of creates instead of cutting them when the comment fits, and says so under the summary', () => {
    const plan = createsAndRoleChanges(20);
    const md = comment(plan);
    expect(rows(md)).toHaveLength(340);
    expect(md).not.toContain('This comment is cut');
    expect(md).toContain("**\n\n> [!NOTE]\n> Folded under each pool's table (click to open): 300 creates.\n");
    expect(md).toContain('<details><summary>300 creates</summary>\n\n| | Group | Change |\n| --- | --- | --- |\n| ➕&nbsp;create | `a-team-000` |');
    // A short run stays in the table.
    const few = planOf(plan.pools[0]!.changes.slice(0, FOLD_AT));
    expect(comment(few)).not.toContain('creates</summary>');
    expect(rows(comment(few))).toHaveLength(FOLD_AT);
  });

  it('puts the full text plan in a folded diff block, each change\'s sign in the first column', () => {
    const plan = planOf([
      { action: 'create', name: 'new', after: { precedence: 1 } },
      { action: 'update', name: 'changed', before: { description: 'a' }, after: { description: 'b' }, fields: [{ field: 'description', before: 'a', after: 'b' }], members: { add: ['alice'], remove: ['mallory'], had: 1 } },
      { action: 'delete', name: 'gone', before: {} },
      { action: 'replace', name: 'Re', previousName: 'RE', before: {}, after: {}, fields: [], reasons: ['case-rename'], hold: { group: 'cognito-groups.hold.r', resuming: false } },
    ]);
    const md = comment(plan);
    const block = /<details><summary>Full text plan<\/summary>\n\n```diff\n([\s\S]*?)```\n\n<\/details>\n$/.exec(md)?.[1] ?? '';
    const lines = block.split('\n');
    expect(lines).toContain('+ create "new"');
    expect(lines).toContain('~ update "changed"');
    expect(lines).toContain('+     member "alice"');
    expect(lines).toContain('-     member "mallory"');
    expect(lines).toContain('- delete "gone"  (not in the file; its members are dropped)');
    expect(lines.some((l) => l.startsWith('-/+ replace "RE" -> "Re"'))).toBe(true);
    // Field lines keep their indentation: context, not a sign.
    expect(lines).toContain('      description: "a" -> "b"');
    expect(diffLines('  ~> rename "a" -> "b"\n  <- restore "c"')).toBe('~> rename "a" -> "b"\n+ restore "c"');
  });
});

describe('cells that stay narrow', () => {
  const token = `arn:aws:iam::123456789012:role/${'x'.repeat(400)}`;
  const name = `g${'n'.repeat(127)}`;
  const plan = planOf([
    { action: 'create', name, after: { description: token, roleArn: ROLE('short') } },
    { action: 'update', name: 'members', before: {}, after: {}, fields: [], members: { add: [`user-${'u'.repeat(120)}`], remove: [], had: 0 } },
    { action: 'update', name: 'long-text', before: { description: `${'word '.repeat(40)}${'y'.repeat(300)}` }, after: { description: `${'word '.repeat(41)}${'y'.repeat(300)}` }, fields: [{ field: 'description', before: `${'word '.repeat(40)}${'y'.repeat(300)}`, after: `${'word '.repeat(41)}${'y'.repeat(300)}` }] },
  ]);
  const md = renderPlanMarkdown(plan);

  it('shortens a value over 120 characters and counts the rest', () => {
    const create = rows(md).find((r) => r.includes('create')) ?? '';
    expect(create).toContain(` ... (+${token.length - 120} characters)`);
    expect(create).not.toContain('x'.repeat(81));
  });

  it('breaks every token longer than the bound, with a visible mark, in names, values, members and word diffs', () => {
    for (const row of rows(md)) {
      // Plain text of the row: no Markdown or HTML.
      const text = row.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&#8203;/g, '').replace(/[`|\\]/g, ' ');
      const longest = Math.max(...text.split(/\s+/).map((t) => [...t].length));
      expect(longest, row).toBeLessThanOrEqual(CELL_TOKEN_MAX + 2);
    }
    expect(md).toContain(` ${BREAK_MARK}\``);
    // The mark is explained under the table.
    expect(md).toContain(`<sub>${BREAK_MARK} marks where a value is broken to fit the table; it is not part of the value.`);
    // The name is whole, only broken: its pieces joined are the name.
    const nameCell = /^\| [^|]+ \| (.*?) \| /.exec(rows(md).find((r) => r.includes('create')) ?? '')?.[1] ?? '';
    expect(nameCell.split(` ${BREAK_MARK}`).map((p) => p.replace(/`/g, '')).join('')).toBe(name);
  });

  it('folds a long description\'s word diff under its row', () => {
    const row = rows(md).find((r) => r.includes('`long-text`')) ?? '';
    expect(row).toMatch(/\| <details><summary>description: changed \(500 characters → 505\); the word diff<\/summary>.*<\/details> \|$/);
  });
});

describe('escaping that holds on GitHub', () => {
  it('breaks references (#N, GH-N, owner/repo#N) in text outside code spans, as mentions are', () => {
    const text = mdText('see #1, GH-2, gh-3 and acme/other#4; not #x or a hex 1a2b3c4d');
    expect(text).toBe('see \\#&#8203;1, GH-&#8203;2, gh-&#8203;3 and acme/other\\#&#8203;4; not \\#x or a hex 1a2b3c4d');
    const before = 'A long description that mentions #12 and GH-34 and acme/other#56 somewhere in it';
    const after = `${before}, now longer`;
    const md = renderPlanMarkdown(planOf([{ action: 'update', name: 'g', before: { description: before }, after: { description: after }, fields: [{ field: 'description', before, after }] }]));
    // Outside code spans no reference is left whole.
    const outsideCode = md.replace(/(`+)[\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/(^|[^\w&])#\d/);
    expect(outsideCode).not.toMatch(/\bGH-\d/i);
    expect(outsideCode).toContain('\\#&#8203;12');
  });

  it('shows every Default_Ignorable_Code_Point and Bidi_Control character visibly, from the Unicode tables', () => {
    const invisible = /^(?:\p{Default_Ignorable_Code_Point}|\p{Bidi_Control})$/u;
    let count = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (!invisible.test(c)) continue;
      count++;
      const shown = visible(`a${c}b`);
      if (!/^a(\\u[0-9a-f]{4})+b$/.test(shown)) throw new Error(`U+${cp.toString(16)} shown as ${JSON.stringify(shown)}`);
    }
    // The tables hold thousands (the tags and the reserved default-ignorable planes among them).
    expect(count).toBeGreaterThan(4000);
    const unsafe = new RegExp(UNSAFE.source, 'u');
    for (const c of ['\u200e', '\u200f', '\u200b', '\ufeff', '\u061c', '\u2066', '\u00ad', '\u034f', '\u{e0041}']) expect(unsafe.test(c), c).toBe(true);
    const name = 'ad\u200emin\u200b\ufeff\u200f\u061c';
    const md = renderPlanMarkdown(planOf([{ action: 'create', name, after: { description: name } }]), { fullText: renderPlanText(planOf([{ action: 'create', name, after: {} }]), plainStyle) });
    expect([...md.matchAll(UNSAFE)].map((m) => m[0]).filter((c) => c !== '\n')).toEqual([]);
    expect(md).toContain('`ad\\u200emin\\u200b\\ufeff\\u200f\\u061c`');
    expect(md).toContain('create "ad\\u200emin\\u200b\\ufeff\\u200f\\u061c"');
  });
});

describe('warnings complete and ranked', () => {
  /** 30 deletes (10 of them empty), a replace that drops its members, and 30 member removals over two groups. */
  function risky(): Plan {
    const changes: GroupChange[] = [];
    for (let i = 0; i < 30; i++) changes.push({ action: 'delete', name: `old-${pad(i, 2)}`, before: { roleArn: ROLE(`old-${i}`), precedence: i }, memberCount: i % 3 === 0 ? 0 : i });
    changes.push({ action: 'replace', name: 'prec', previousName: 'prec', before: { precedence: 1 }, after: {}, fields: [{ field: 'precedence', before: 1, after: null }], reasons: ['precedence-removed'], memberCount: 100 });
    changes.push({ action: 'update', name: 'crew', before: {}, after: {}, fields: [], members: { add: ['new'], remove: Array.from({ length: 20 }, (_, i) => `u${i}`), had: 25 } });
    changes.push({ action: 'update', name: 'staff', before: {}, after: {}, fields: [], members: { add: [], remove: Array.from({ length: 10 }, (_, i) => `s${i}`), had: 40 } });
    return planOf(changes);
  }

  it('names every flag apply needs, with its number, from the policy at its default limits', () => {
    const md = renderPlanMarkdown(risky());
    expect(md).toContain(
      '> [!WARNING]\n> Applying this plan needs `--allow-replace` `--allow-delete` `--max-delete 31` `--allow-member-removals` `--max-member-removals 30`:\n' +
        '> - `--allow-replace`: it replaces 1 group\n' +
        '> - `--allow-delete`: it deletes 30 groups\n' +
        '> - `--max-delete 31`: it deletes or replaces 31 groups in all, more than the limit of 25\n' +
        '> - `--allow-member-removals`: it removes 30 members from 2 groups\n' +
        '> - `--max-member-removals 30`: it removes 30 members in all, more than the limit of 25\n',
    );
  });

  it('lists flags that are enough for apply, each of them needed', () => {
    const plan = risky();
    const flags = applyFlags(policyViolations(plan, {})).map((f) => f.flag);
    const policyOf = (list: string[]): ApplyPolicy => {
      const policy: ApplyPolicy = {};
      for (const f of list) {
        const [flag, n] = f.split(' ');
        if (flag === '--allow-replace') policy.allowReplace = true;
        if (flag === '--allow-delete') policy.allowDelete = true;
        if (flag === '--allow-member-removals') policy.allowMemberRemovals = true;
        if (flag === '--max-delete') policy.maxDelete = Number(n);
        if (flag === '--max-member-removals') policy.maxMemberRemovals = Number(n);
      }
      return policy;
    };
    expect(policyViolations(plan, policyOf(flags))).toBeUndefined();
    for (const f of flags) expect(policyViolations(plan, policyOf(flags.filter((g) => g !== f))), f).toBeDefined();
    expect(applyFlags(undefined)).toEqual([]);
    expect(renderPlanMarkdown(planOf([{ action: 'create', name: 'x', after: {} }]))).not.toContain('Applying this plan needs');
  });

  it('cautions about member loss, most lost first, ten named and the rest counted, empty groups left out', () => {
    const md = renderPlanMarkdown(risky());
    const caution = /> \[!CAUTION\]\n> (.*)\n/.exec(md)?.[1] ?? '';
    // 20 deletes with members, the replace, the two groups with removals; the 10 empty deletes are not losing anyone.
    expect(caution.startsWith('23 groups lose members (')).toBe(true);
    expect(caution).toContain('`prec` (100 members, replaced, members dropped), `old-29` (29 members, deleted), `old-28` (28 members, deleted), `old-26` (26 members, deleted), `old-25` (25 members, deleted), `old-23` (23 members, deleted), `old-22` (22 members, deleted), `crew` (20 members, members removed), `old-20` (20 members, deleted), `old-19` (19 members, deleted) and 13 more groups');
    expect(caution).not.toContain('`old-00`');
    expect(caution).not.toContain('no members');
    // The caution comes after the flags it explains, before the tables.
    expect(md.indexOf('[!WARNING]')).toBeLessThan(md.indexOf('[!CAUTION]'));
    expect(md.indexOf('[!CAUTION]')).toBeLessThan(md.indexOf('| Group |'));
  });

  it('shows a delete\'s role, precedence and why it is deleted on its row', () => {
    const row = rows(renderPlanMarkdown(risky())).find((r) => r.includes('`old-05`'));
    expect(row).toBe('| ⛔&nbsp;delete | `old-05` | *not in the file, and the pool has `unmanagedGroups: delete`*<br>precedence: `5`<br>roleArn: `arn:aws:iam::123456789012:role/old-5`<br>*5 members dropped* |');
  });

  it('carries the file\'s validation warnings, such as a precedence tie, into the comment', () => {
    const yaml = `version: 1\nuserPools:\n  - id: ${POOL}\n    region: eu-west-1\n    groups:\n      - name: admins\n        precedence: 1\n        roleArn: ${ROLE('Admin')}\n      - name: auditors\n        precedence: 1\n        roleArn: ${ROLE('Audit')}\n`;
    const parsed = parseConfig(yaml, 'groups.yaml');
    expect(parsed.ok).toBe(true);
    const warnings = parsed.ok ? parsed.warnings : [];
    expect(warnings).toHaveLength(1);
    const md = renderPlanMarkdown(planOf([{ action: 'create', name: 'admins', after: {} }]), { warnings });
    expect(md).toContain('> [!WARNING]\n> The groups file has 1 warning:\n> - groups.yaml:10:21: userPools\\[0\\].groups\\[1\\].precedence: precedence 1 is also used by "admins" with a different roleArn; users in both get no cognito:preferred\\_role\n');
    expect(md.indexOf('The groups file has')).toBeLessThan(md.indexOf('| Group |'));
  });
});
