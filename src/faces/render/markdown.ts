// A plan as a pull-request comment: never over GitHub's limit, and never hiding what destroys.
// When it must be cut, the full text goes first, then creates and updates; every replace and delete
// stays (shortened if need be), and the warning at the top names the groups that lose their members.
import { neverApplied } from '../../run/apply/policy.js';
import { assertNever } from '../../core/errors.js';
import { FIELD_NAMES, type FieldChange } from '../../core/plan/fields.js';
import type { GroupChange, Hold, MemberChange, Plan, UnmanagedGroup } from '../../core/plan/model.js';
import { countPlan, summaryLine } from '../../core/plan/summary.js';
import { mdCode, mdCutLines, mdFence, mdText } from './markdown-escape.js';
import { spelledOut } from './outside-text.js';
import { alertsCaution, LONG_TEXT, neverAppliedText, plural, reasonText } from './values.js';
import { wordDiffParts } from './word-diff.js';
import { accessMarkdown } from './access-markdown.js';

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_000;

/** Unmanaged groups listed by name before the rest are only counted. */
const UNMANAGED_SHOWN = 50;

/** Groups named in the warning before the rest are only counted. */
const WARNING_NAMES = 30;

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
  /** Markdown before the plan's title (for example why an apply refused); kept whole. */
  preface?: string;
  /** Where the plan was made, in words, for the title (such as `AWS (eu-west-1)`). */
  target?: string;
}

/** A change's row, full and (for a replace or delete, which is never left out) shortened. */
interface Row {
  full: string;
  short: string;
  destroys: boolean;
}

/** A pull-request comment for a plan: title, summary, warnings, the changes, unmanaged groups, the full text. Never over the limit. */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const head = `${options.preface ?? ''}${headOf(plan, options.target)}${accessMarkdown(plan)}`;
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

  /** The pools with the rows `pick` keeps (undefined: left out); counts what was left out. */
  const body = (pick: (row: Row) => string | undefined): { text: string; omitted: number; omittedDestructive: number } => {
    let omitted = 0;
    let omittedDestructive = 0;
    const parts: string[] = [];
    for (const p of pools) {
      parts.push(`\n${p.heading}\n`);
      if (p.rows.length === 0) parts.push('\nNo changes.\n');
      const rows: string[] = [];
      for (const r of p.rows) {
        const shown = pick(r);
        if (shown !== undefined) rows.push(shown);
        else {
          omitted++;
          if (r.destroys) omittedDestructive++;
        }
      }
      if (rows.length > 0) parts.push(`\n| | Group | Change |\n| --- | --- | --- |\n${rows.join('\n')}\n`);
      if (p.unmanaged !== '') parts.push(`\n${p.unmanaged}\n`);
    }
    return { text: parts.join(''), omitted, omittedDestructive };
  };

  const full = body((r) => r.full).text;
  const whole = `${head}${full}${tail}${details}`;
  if (whole.length <= limit) return whole;

  const noDetails = `\n> [!NOTE]\n> The full text plan is left out: it would take this comment over GitHub's ${limit.toLocaleString('en-US')}-character limit.${seeAlso}\n`;
  if (head.length + full.length + tail.length + noDetails.length <= limit) return `${head}${full}${tail}${noDetails}`;

  // Rows must be cut. Every replace and delete stays; creates and updates take the room left, in order.
  const reserve = 700;
  const frame = pools.reduce((n, p) => n + p.heading.length + p.unmanaged.length + 80, 0);
  const budget = Math.max(0, limit - head.length - tail.length - reserve - frame);
  const destructive = pools.flatMap((p) => p.rows.filter((r) => r.destroys));
  const fullDestructive = destructive.reduce((n, r) => n + r.full.length + 1, 0);
  const shortDestructive = destructive.reduce((n, r) => n + r.short.length + 1, 0);
  const useShort = fullDestructive > budget;
  let used = useShort ? Math.min(shortDestructive, budget) : fullDestructive;
  let destructiveLeft = useShort ? budget : Infinity;
  const cut = body((r) => {
    if (r.destroys) {
      const text = useShort ? r.short : r.full;
      if (useShort) {
        if (destructiveLeft < text.length + 1) return undefined;
        destructiveLeft -= text.length + 1;
      }
      return text;
    }
    if (used + r.full.length + 1 > budget) return undefined;
    used += r.full.length + 1;
    return r.full;
  });
  const total = pools.reduce((n, p) => n + p.rows.length, 0);
  const destroyed = cut.omittedDestructive > 0 ? ` Of them, ${cut.omittedDestructive} replace or delete a group: the warning above counts them all.` : '';
  const note = `\n> [!NOTE]\n> ${cut.omitted} of ${total} changes and the full text plan are left out: they would take this comment over GitHub's ${limit.toLocaleString('en-US')}-character limit.${destroyed}${seeAlso}\n`;
  const result = `${head}${cut.text}${tail}${note}`;
  return result.length <= limit ? result : mdCutLines(result, limit, () => note);
}

function headOf(plan: Plan, target: string | undefined): string {
  const ids = plan.pools.map((p) => mdCode(p.userPoolId, 'prose'));
  const named = ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
  const c = countPlan(plan);
  const lines = [`### cognito-groups plan for ${named}${target === undefined ? '' : ` on ${mdText(target)}`}`, '', `**${mdText(summaryLine(plan))}**`];
  const never = neverApplied(plan);
  if (never !== undefined) lines.push('', '> [!CAUTION]', `> ${neverAppliedText(never, (n) => mdCode(n, 'prose'))}`);
  if (c.replace + c.delete > 0) {
    const what = [c.replace > 0 ? `replaces ${plural(c.replace, 'group')}` : '', c.delete > 0 ? `deletes ${plural(c.delete, 'group')}` : ''].filter((s) => s !== '').join(' and ');
    const flags = [c.replace > 0 ? '`--allow-replace`' : '', c.delete > 0 ? '`--allow-delete`' : ''].filter((s) => s !== '').join(' and ');
    const destroying = plan.pools.flatMap((p) => p.changes.filter((ch) => ch.action === 'replace' || ch.action === 'delete'));
    const losing = destroying.filter((ch) => ch.action === 'delete' || ch.hold === undefined);
    const keeping = destroying.filter((ch) => ch.action === 'replace' && ch.hold !== undefined);
    lines.push('', '> [!WARNING]', `> This plan **${what}**. Applying it needs ${flags}.`);
    if (losing.length > 0) {
      lines.push(`> - ${losing.length === 1 ? 'This group loses all its members' : 'These groups lose all their members'}, and their tokens lose the group at next refresh: ${namedWithCounts(losing)}`);
    }
    if (keeping.length > 0) {
      lines.push(`> - ${keeping.length === 1 ? 'This group is' : 'These groups are'} deleted and created again with ${keeping.length === 1 ? 'its' : 'their'} members kept (held in a holding group meanwhile; until a member's token is refreshed after the group is back, it lacks the group): ${namedWithCounts(keeping)}`);
    }
  }
  if (c.memberRemovals > 0) {
    const removing = plan.pools.flatMap((p) => p.changes.flatMap((ch) => ('members' in ch && ch.members !== undefined && ch.members.remove.length > 0 ? [{ name: ch.name, n: ch.members.remove.length }] : [])));
    const named = removing.slice(0, WARNING_NAMES).map((r) => `${mdCode(r.name, 'prose')} (${plural(r.n, 'member')})`).join(', ');
    lines.push('', '> [!WARNING]', `> This plan **removes ${plural(c.memberRemovals, 'member')}** from ${plural(removing.length, 'group')}: ${named}${removing.length > WARNING_NAMES ? ` and ${removing.length - WARNING_NAMES} more` : ''}. Their next tokens lack the group. Applying it needs \`--allow-member-removals\`.`);
  }
  const orphans = plan.pools.flatMap((p) => p.orphanHolds ?? []);
  if (orphans.length > 0) {
    const named = orphans.slice(0, WARNING_NAMES).map((h) => `${mdCode(h.group, 'prose')} (${h.memberCount === undefined ? 'members' : plural(h.memberCount, 'member')} of ${mdCode(h.for, 'prose')})`);
    lines.push('', '> [!WARNING]', `> A run that stopped left members held for groups this file no longer lists; they are kept until someone decides: ${named.join(', ')}${orphans.length > WARNING_NAMES ? ` and ${orphans.length - WARNING_NAMES} more` : ''}. Put the group back in the file to restore them, or delete the holding group yourself.`);
  }
  const lookalikes = plan.pools.flatMap((p) => p.lookalikes ?? []);
  if (lookalikes.length > 0) {
    const pairs = lookalikes.slice(0, WARNING_NAMES).map((l) => `${mdCode(l.inFile, 'prose')} (in the file, ${mdCode(spelledOut(l.inFile), 'prose')}) and ${mdCode(l.inPool, 'prose')} (in the pool, ${mdCode(spelledOut(l.inPool), 'prose')})`);
    lines.push('', '> [!WARNING]', `> These names look the same but are different groups (they differ in Unicode normalization or invisible characters): ${pairs.join('; ')}${lookalikes.length > WARNING_NAMES ? ` and ${lookalikes.length - WARNING_NAMES} more` : ''}.`);
  }
  if (c.alerts > 0) {
    const alerted = plan.pools.flatMap((p) => p.unmanaged.filter((g) => g.alert !== undefined).map((g) => mdCode(g.name, 'prose')));
    lines.push('', '> [!CAUTION]', `> ${alertsCaution(c.alerts)} ${alerted.slice(0, WARNING_NAMES).join(', ')}${alerted.length > WARNING_NAMES ? ` and ${alerted.length - WARNING_NAMES} more` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Names of changes with their member counts where counted, the first few only. */
function namedWithCounts(changes: readonly GroupChange[]): string {
  const named = changes.slice(0, WARNING_NAMES).map((ch) => {
    const name = mdCode('previousName' in ch ? ch.previousName : ch.name, 'prose');
    const n = 'memberCount' in ch ? ch.memberCount : undefined;
    return n === undefined ? name : `${name} (${n === 0 ? 'no members' : plural(n, 'member')})`;
  });
  return `${named.join(', ')}${changes.length > WARNING_NAMES ? ` and ${changes.length - WARNING_NAMES} more` : ''}.`;
}

/** "12 members" in a cell, or nothing when not counted. */
function membersCell(n: number | undefined, what: string): string {
  if (n === 0) return '*no members*';
  return n === undefined ? `*members ${what}*` : `*${plural(n, 'member')} ${what}*`;
}

/** The action cell, kept on one line. */
function action(emoji: string, word: string): string {
  return `${emoji}&nbsp;${word}`;
}

/** Member names shown in a cell before the rest are only counted. */
const MEMBERS_SHOWN = 20;

/** A cell line for a change's members: `members: +`alice`, −`mallory``, the first few of each. */
function memberCell(m: MemberChange | undefined): string[] {
  if (m === undefined) return [];
  const list = (users: readonly string[], sign: string): string => {
    const shown = users.slice(0, MEMBERS_SHOWN).map((u) => `${sign}${mdCode(u)}`);
    return `${shown.join(', ')}${users.length > MEMBERS_SHOWN ? ` and ${users.length - MEMBERS_SHOWN} more` : ''}`;
  };
  return [`members: ${[m.add.length > 0 ? list(m.add, '+') : '', m.remove.length > 0 ? list(m.remove, '−') : ''].filter((x) => x !== '').join('; ')}`];
}

function rowOf(c: GroupChange): Row {
  const row = rowOfGroup(c);
  const members = memberCell('members' in c ? c.members : undefined);
  if (members.length === 0) return row;
  // After the cell's other lines, or alone in a cell that has none (an update of the members only).
  const add = (r: string): string => (r.endsWith(' |  |') ? `${r.slice(0, -2)}${members[0] ?? ''} |` : r.replace(/ \|$/, `<br>${members[0] ?? ''} |`));
  return { full: add(row.full), short: add(row.short), destroys: row.destroys || (('members' in c ? c.members?.remove.length : 0) ?? 0) > 0 };
}

function rowOfGroup(c: GroupChange): Row {
  const held = (h: Hold): string => `${h.memberCount === undefined ? 'the members' : plural(h.memberCount, 'member')} a run that stopped left in ${mdCode(h.group)}`;
  const names = (h: Hold): string => (h.usernames === undefined || h.usernames.length === 0 ? '' : `: ${h.usernames.slice(0, MEMBERS_SHOWN).map((u) => `+${mdCode(u)}`).join(', ')}${h.usernames.length > MEMBERS_SHOWN ? ` and ${h.usernames.length - MEMBERS_SHOWN} more` : ''}`);
  const heldBack = (h: Hold | undefined): string[] => (h === undefined ? [] : [`*then puts back ${held(h)}*${names(h)}`]);
  switch (c.action) {
    case 'create': {
      const full = `| ${action('➕', 'create')} | ${mdCode(c.name)} | ${[cellFields(c.after), ...heldBack(c.hold)].join('<br>')} |`;
      return { full, short: full, destroys: false };
    }
    case 'update': {
      const tokens = c.memberCount === undefined ? [] : [membersCell(c.memberCount, 'get new tokens at their next refresh')];
      const full = `| ${action('✏️', 'update')} | ${mdCode(c.name)} | ${[...c.fields.map(cellChange), ...tokens, ...heldBack(c.hold)].join('<br>')} |`;
      return { full, short: full, destroys: false };
    }
    case 'replace': {
      const rename = c.previousName === c.name ? '' : `name: ${mdCode(c.previousName)} → ${mdCode(c.name)}<br>`;
      const members = c.hold === undefined ? membersCell(c.memberCount, 'dropped (--drop-members)') : membersCell(c.memberCount, 'kept and put back');
      const why = `*${mdText(c.reasons.map(reasonText).join('; '))}: deleted and created again*<br>${members}`;
      return {
        full: `| ${action('♻️', 'replace')} | ${mdCode(c.name)} | ${rename}${[...c.fields.map(cellChange), why].join('<br>')} |`,
        short: `| ${action('♻️', 'replace')} | ${mdCode(c.name)} | ${rename}${why} |`,
        destroys: true,
      };
    }
    case 'rename': {
      const full = `| ${action('🔀', 'rename')} | ${mdCode(c.name)} | ${[`name: ${mdCode(c.previousName)} → ${mdCode(c.name)}`, ...c.fields.map(cellChange), membersCell(c.memberCount, 'moved'), ...heldBack(c.hold.resuming ? c.hold : undefined)].join('<br>')} |`;
      return { full, short: full, destroys: false };
    }
    case 'delete': {
      const full = `| ${action('🗑️', 'delete')} | ${mdCode(c.name)} | *not in the file*<br>${membersCell(c.memberCount, 'dropped')} |`;
      return { full, short: full, destroys: true };
    }
    case 'restore': {
      const full = `| ${action('↩️', 'restore')} | ${mdCode(c.name)} | *puts back ${held(c.hold)}, then deletes the holding group*${names(c.hold)} |`;
      return { full, short: full, destroys: false };
    }
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
    const diff = wordDiffParts(f.before, f.after)
      .map((p) => (p.kind === 'added' ? `<ins>${mdText(p.text)}</ins>` : p.kind === 'removed' ? `<del>${mdText(p.text)}</del>` : mdText(p.text)))
      .join('');
    return `${f.field} (word diff): ${diff}`;
  }
  return `${f.field}: ${cellValue(f.before)} → ${cellValue(f.after)}`;
}

function cellValue(v: string | number | null): string {
  return v === null ? '*(none)*' : mdCode(String(v));
}

function unmanagedLine(groups: readonly UnmanagedGroup[]): string {
  if (groups.length === 0) return '';
  const shown = groups.slice(0, UNMANAGED_SHOWN).map((g) => `${mdCode(g.name, 'prose')}${g.provider ? (g.alert === undefined ? ' (provider group)' : ' (provider group, **alert**)') : ''}`);
  const more = groups.length > UNMANAGED_SHOWN ? ` and ${groups.length - UNMANAGED_SHOWN} more` : '';
  return `Unmanaged groups, left alone (${groups.length}): ${shown.join(', ')}${more}`;
}
