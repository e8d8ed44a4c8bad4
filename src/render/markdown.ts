import { assertNever } from '../errors.js';
import { FIELD_NAMES, type FieldChange } from '../plan/fields.js';
import type { GroupChange, Plan } from '../plan/model.js';
import { countPlan, summaryLine } from '../plan/summary.js';
import { mdCode, mdCutLines, mdFence, mdText } from './markdown-escape.js';
import { plainStyle } from './style.js';
import { LONG_TEXT, plural, reasonText } from './values.js';
import { wordDiff } from './word-diff.js';

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_000;

/** Unmanaged groups listed by name before the rest are only counted. */
const UNMANAGED_SHOWN = 50;

/** Options of the Markdown plan. */
export interface MarkdownOptions {
  /** The plain text plan, put in a <details> block. */
  fullText?: string;
  /** Characters the result may not exceed. */
  limit?: number;
  /** How a reader can see everything when the comment is cut, such as `cognito-groups show plan.json`. */
  seeAlso?: string;
  /** Extra Markdown after the plan (for example an apply's result); kept whole. */
  appendix?: string;
}

/** A pull-request comment for a plan: title, summary, a warning when anything is replaced or deleted, the changes, unmanaged groups, the full text. Never over the limit. */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const head = headOf(plan);
  const seeAlso = options.seeAlso === undefined ? '' : ` See everything with ${options.seeAlso}.`;
  // The appendix (an apply's result) may hold a line per change: it gets at most a third of the room.
  const tail =
    options.appendix === undefined
      ? ''
      : `\n${mdCutLines(options.appendix.trim(), Math.floor(limit / 3), (n) => `\n> [!NOTE]\n> ${n} more line(s) of this result are left out to stay under GitHub's ${limit.toLocaleString('en-US')}-character limit.${seeAlso}`)}\n`;
  const pools = plan.pools.map((pool) => ({
    heading: `#### ${mdCode(pool.userPoolId)} (${mdText(pool.region)}): ${plural(pool.listed, 'group')} listed`,
    rows: pool.changes.map(rowOf),
    unmanaged: unmanagedLine(pool.unmanaged),
  }));
  const details = options.fullText === undefined ? '' : `\n<details><summary>Full text plan</summary>\n\n${mdFence(options.fullText, 'text')}\n\n</details>\n`;

  const body = (rowsBudget: number | undefined): { text: string; omitted: number } => {
    let omitted = 0;
    let used = 0;
    const parts: string[] = [];
    for (const p of pools) {
      parts.push(`\n${p.heading}\n`);
      if (p.rows.length === 0) {
        parts.push('\nNo changes.\n');
      } else {
        const rows: string[] = [];
        for (const r of p.rows) {
          if (rowsBudget !== undefined && used + r.length + 1 > rowsBudget) {
            omitted++;
            continue;
          }
          used += r.length + 1;
          rows.push(r);
        }
        if (rows.length > 0) parts.push(`\n| | Group | Change |\n| --- | --- | --- |\n${rows.join('\n')}\n`);
      }
      if (p.unmanaged !== '') parts.push(`\n${p.unmanaged}\n`);
    }
    return { text: parts.join(''), omitted };
  };

  const full = body(undefined).text;
  const whole = `${head}${full}${tail}${details}`;
  if (whole.length <= limit) return whole;

  const noDetails = `\n> [!NOTE]\n> The full text plan is left out: it would take this comment over GitHub's ${limit.toLocaleString('en-US')}-character limit.${seeAlso}\n`;
  if (head.length + full.length + tail.length + noDetails.length <= limit) return `${head}${full}${tail}${noDetails}`;

  const reserve = 600;
  const budget = Math.max(0, limit - head.length - tail.length - reserve - pools.reduce((n, p) => n + p.heading.length + p.unmanaged.length + 80, 0));
  const cut = body(budget);
  const note = `\n> [!NOTE]\n> ${cut.omitted} of ${countChanges(plan)} changes and the full text plan are left out: they would take this comment over GitHub's ${limit.toLocaleString('en-US')}-character limit.${seeAlso}\n`;
  const result = `${head}${cut.text}${tail}${note}`;
  return result.length <= limit ? result : mdCutLines(result, limit, () => note);
}

function countChanges(plan: Plan): number {
  return plan.pools.reduce((n, p) => n + p.changes.length, 0);
}

function headOf(plan: Plan): string {
  const ids = plan.pools.map((p) => mdCode(p.userPoolId));
  const named = ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
  const c = countPlan(plan);
  const lines = [`### cognito-groups plan for ${named}`, '', `**${summaryLine(plan)}**`];
  if (c.replace + c.delete > 0) {
    const what = [c.replace > 0 ? `replaces ${plural(c.replace, 'group')}` : '', c.delete > 0 ? `deletes ${plural(c.delete, 'group')}` : ''].filter((s) => s !== '').join(' and ');
    const flags = [c.replace > 0 ? '`--allow-replace`' : '', c.delete > 0 ? '`--allow-delete`' : ''].filter((s) => s !== '').join(' and ');
    lines.push('', '> [!WARNING]', `> This plan **${what}**. A replaced or deleted group loses all its members, and their tokens lose the group at next refresh. Applying it needs ${flags}.`);
  }
  return `${lines.join('\n')}\n`;
}

function rowOf(c: GroupChange): string {
  switch (c.action) {
    case 'create':
      return `| ➕ create | ${mdCode(c.name)} | ${cellFields(c.after)} |`;
    case 'update':
      return `| ✏️ update | ${mdCode(c.name)} | ${c.fields.map(cellChange).join('<br>')} |`;
    case 'replace': {
      const rename = c.previousName === c.name ? '' : `name: ${mdCode(c.previousName)} → ${mdCode(c.name)}<br>`;
      const why = `*${mdText(c.reasons.map(reasonText).join('; '))}: deleted and created again*`;
      return `| ♻️ replace | ${mdCode(c.name)} | ${rename}${[...c.fields.map(cellChange), why].join('<br>')} |`;
    }
    case 'delete':
      return `| 🗑️ delete | ${mdCode(c.name)} | *not in the file* |`;
    default:
      return assertNever(c);
  }
}

function cellFields(fields: Partial<Record<FieldChange['field'], string | number>>): string {
  const shown = FIELD_NAMES.filter((f) => fields[f] !== undefined).map((f) => `${f}: ${cellValue(fields[f] ?? null)}`);
  return shown.length === 0 ? '*no fields*' : shown.join('<br>');
}

function cellChange(f: FieldChange): string {
  if (typeof f.before === 'string' && typeof f.after === 'string' && Math.max(f.before.length, f.after.length) > LONG_TEXT) {
    return `${f.field} (word diff): ${mdText(wordDiff(f.before, f.after, plainStyle))}`;
  }
  return `${f.field}: ${cellValue(f.before)} → ${cellValue(f.after)}`;
}

function cellValue(v: string | number | null): string {
  return v === null ? '*(none)*' : mdCode(String(v));
}

function unmanagedLine(groups: ReadonlyArray<{ name: string; provider: boolean }>): string {
  if (groups.length === 0) return '';
  const shown = groups.slice(0, UNMANAGED_SHOWN).map((g) => `${mdCode(g.name, 'prose')}${g.provider ? ' (provider group)' : ''}`);
  const more = groups.length > UNMANAGED_SHOWN ? ` and ${groups.length - UNMANAGED_SHOWN} more` : '';
  return `Unmanaged groups, left alone (${groups.length}): ${shown.join(', ')}${more}`;
}
