import { roleProblemText, siteText } from './credentials-words.js';
import { countDrift, type DriftReport } from '../../core/drift/model.js';
import { driftSummaryLine, fixWords } from './drift-text.js';
import { mdCellCode, mdCode, mdText } from './markdown-escape.js';
import { acknowledgedMarkdownRows, expiredMarkdown } from './drift-acknowledged.js';
import { attributionMarkdown } from './drift-attribution.js';
import { GITHUB_COMMENT_LIMIT, notesSection } from './markdown.js';
import { alertsCaution, alertText, plural } from './values.js';
import { transitionText, triggerText } from './access-words.js';

/** How drift's Markdown is made: its limit, where it was read, notes about the pools. */
export interface DriftMarkdownOptions {
  limit?: number;
  target?: string;
  /** Plain text, under the summary (such as an apply that holds a pool's lease). */
  notes?: readonly string[];
}

/** Drift as Markdown (a job summary or an issue), kept under GitHub's comment limit. */
export function renderDriftMarkdown(report: DriftReport, options: DriftMarkdownOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const c = countDrift(report);
  const lines = [`### cognito-groups drift for ${report.pools.map((p) => mdCode(p.userPoolId, 'prose')).join(', ')}${options.target === undefined ? '' : ` on ${mdText(options.target)}`}`, '', `**${mdText(driftSummaryLine(report))}**`];
  const notes = notesSection(options.notes ?? []);
  if (notes !== '') lines.push(notes.slice(0, -1));
  if (c.alerts > 0) lines.push('', '> [!CAUTION]', `> ${alertsCaution(c.alerts)}`);
  for (const p of report.pools) {
    lines.push('', `#### ${mdCode(p.userPoolId)} (${mdText(p.region)}): ${plural(p.listed, 'group')} listed`, '');
    const rows: string[] = [];
    for (const d of p.drifted) {
      const details = [
        ...(d.actualName === undefined ? [] : [`name: expected ${mdCellCode(d.name, 'whole')}, found ${mdCellCode(d.actualName, 'whole')}`]),
        ...d.fields.map((f) => `${f.field}: expected ${val(f.expected)}, found ${val(f.actual)}`),
        ...(d.heldIn === undefined ? [] : [`members: some are held in ${mdCellCode(d.heldIn, 'whole')} by a run that stopped`]),
        ...(d.members === undefined || d.members.missing.length === 0 ? [] : [`members not in the group: ${listed(d.members.missing)}`]),
        ...(d.members === undefined || d.members.unexpected.length === 0 ? [] : [`members not in the file: ${listed(d.members.unexpected)}`]),
        ...expiredMarkdown(d),
        ...attributionMarkdown(p.attributions, d.name),
        ...(fixWords(d) === '' ? [] : [`*${mdText(fixWords(d))}*`]),
      ];
      rows.push(`| drifted | ${mdCellCode(d.name, 'whole')} | ${details.join('<br>')} |`);
    }
    for (const m of p.missing) {
      const previously = p.previouslyMissing?.find((x) => x.name === m)?.previously ?? [];
      const note = previously.length === 0 ? '' : `; previously: ${previously.map((n) => mdCellCode(n, 'whole')).join(', ')}: no such group${previously.length === 1 ? '' : 's'} either, so apply creates it new`;
      rows.push(`| missing | ${mdCellCode(m, 'whole')} | ${[`in the file, not in the pool${note}`, ...attributionMarkdown(p.attributions, m, ['deleted'])].join('<br>')} |`);
    }
    for (const m of p.toDelete) rows.push(`| to delete | ${mdCellCode(m, 'whole')} | ${[`not in the file (unmanagedGroups: delete)${deleteMembers(p.toDeleteMembers?.[m])}`, ...attributionMarkdown(p.attributions, m, ['created'])].join('<br>')} |`);
    for (const h of p.orphanHolds) rows.push(`| held | ${mdCellCode(h.group, 'whole')} | ${h.memberCount === undefined ? 'members' : plural(h.memberCount, 'member')} of ${mdCellCode(h.for, 'whole')}, which the file does not list |`);
    for (const row of acknowledgedMarkdownRows(p.acknowledged, p.staleAcknowledgements)) rows.push(row);
    for (const g of p.providerGroups) rows.push(`| provider | ${mdCellCode(g.name, 'whole')} | ${g.alert === undefined ? 'created by Cognito' : `**alert:** ${mdText(alertText(g))}`} |`);
    if (rows.length > 0) {
      lines.push('| | Group | Detail |', '| --- | --- | --- |');
      for (const row of rows) lines.push(row);
    }
    if (p.access !== undefined) {
      lines.push('', '> [!WARNING]', '> Token claims the members added or removed by hand changed (a prediction; apply undoes them):');
      for (const t of p.access.transitions.slice(0, 15)) lines.push(`> - ${transitionText(t, (s) => mdCode(s, 'prose'))}: ${t.usernames.slice(0, 20).map((u) => mdCode(u, 'prose')).join(', ')}${t.usernames.length > 20 ? ` and ${t.usernames.length - 20} more` : ''}`);
      if (p.access.trigger !== undefined) lines.push(`> - These ${triggerText(p.access.trigger, (s) => mdCode(s, 'prose'))}.`);
    }
    if (p.unmanaged.length > 0) {
      const shown = p.unmanaged.slice(0, 50).map((g) => mdCode(g.name, 'prose')).join(', ');
      lines.push('', `Unmanaged groups (${p.unmanaged.length}): ${shown}${p.unmanaged.length > 50 ? ` and ${p.unmanaged.length - 50} more` : ''}`);
    }
    if (rows.length === 0 && p.unmanaged.length === 0) lines.push('In sync.');
  }
  const roles = report.roleWarnings ?? [];
  if (roles.length > 0) {
    lines.push('', '> [!WARNING]', '> **Roles the file names that cannot work** (a role deleted since the file was applied leaves its users without credentials):');
    for (const w of roles.slice(0, 20)) lines.push(`> - ${siteText(w, mdText)}group ${mdCode(w.group, 'prose')} in ${mdCode(w.poolId, 'prose')}: role ${mdCode(w.roleArn, 'prose')}: ${roleProblemText(w, (s) => mdCode(s, 'prose'))}`);
    if (roles.length > 20) lines.push(`> - and ${roles.length - 20} more`);
  }
  const text = `${lines.join('\n')}\n`;
  if (text.length <= limit) return text;
  const note = `\n\n> [!NOTE]\n> Cut at GitHub's ${limit.toLocaleString('en-US')}-character limit; run \`cognito-groups drift --format json\` for the whole report.\n`;
  const cutAt = text.lastIndexOf('\n', limit - note.length);
  return `${text.slice(0, cutAt)}${note}`;
}

/** Usernames in a cell: the first 20, then a count. */
function listed(users: readonly string[]): string {
  return `${users.slice(0, 20).map((u) => mdCellCode(u, 'whole')).join(', ')}${users.length > 20 ? ` and ${users.length - 20} more` : ''}`;
}

/** A value in a cell: shortened past 120 characters, long tokens broken, so no value widens the table. */
function val(v: string | number | null): string {
  return v === null ? '*(none)*' : mdCellCode(String(v));
}

/** What deleting the group drops, when its members were read: `<br>*12 members dropped*`. */
function deleteMembers(n: number | undefined): string {
  if (n === undefined) return '';
  return `<br>*${n === 0 ? 'no members' : `${plural(n, 'member')} dropped`}*`;
}
