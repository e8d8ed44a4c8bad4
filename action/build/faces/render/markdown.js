// A plan as a pull-request comment a reviewer can trust at any size: never over GitHub's limit, the
// riskiest changes first, and when it must be cut, cut from the least risky end, said right under the
// summary. Built from separate sections (title, cut note, warnings, pools, appendix, full text), each
// a function, so a new section slots in without touching the others.
import { credentialsMarkdown } from './credentials-markdown.js';
import { assertNever } from '../../core/errors.js';
import { formatDiagnostic } from '../../core/config/diagnostic.js';
import { FIELD_NAMES } from '../../core/plan/fields.js';
import { countPlan } from '../../core/plan/summary.js';
import { summaryLine } from './summary.js';
import { neverApplied, policyViolations } from '../../run/apply/policy.js';
import { applyFlags } from './apply-flags.js';
import { BREAK_MARK, CELL_VALUE_MAX, mdCellCode, mdCellText, mdCode, mdCutLines, mdFence, mdText } from './markdown-escape.js';
import { spelledOut } from './outside-text.js';
import { alertsCaution, LONG_TEXT, neverAppliedText, plural, reasonText } from './values.js';
import { wordDiffParts } from './word-diff.js';
import { accessMarkdown } from './access-markdown.js';
/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_000;
/** Unmanaged groups listed by name before the rest are only counted. */
const UNMANAGED_SHOWN = 50;
/** Groups named in a warning before the rest are only counted. */
const WARNING_NAMES = 10;
/** Groups named in the cut note, per kind of change left out, before the rest are only counted. */
const CUT_NAMES = 10;
/** File warnings shown before the rest are only counted. */
const FILE_WARNINGS_SHOWN = 20;
/** Characters kept for the note's pointer to the full plan when rows are cut. */
const SEE_ALSO_ROOM = 300;
/** A pool's low-risk rows (other updates, creates) of one kind beyond this many are folded in a `<details>`. */
export const FOLD_AT = 20;
/** What each risk level is called, for the cut and fold notes. */
const RISK_WORDS = {
    0: ['delete or replace', 'deletes and replaces'],
    1: ['role, precedence or name change', 'role, precedence and name changes'],
    2: ['member change', 'member changes'],
    3: ['other update', 'other updates'],
    4: ['create', 'creates'],
};
/** The risk of one change. */
export function riskOf(c) {
    switch (c.action) {
        case 'delete':
        case 'replace':
            return 0;
        case 'rename':
            return 1;
        case 'update':
            if (c.fields.some((f) => f.field === 'roleArn' || f.field === 'precedence'))
                return 1;
            return c.members !== undefined || c.hold !== undefined ? 2 : 3;
        case 'restore':
            return 2;
        case 'create':
            return c.members !== undefined || c.hold !== undefined ? 2 : 4;
        default:
            return assertNever(c);
    }
}
/** A pull-request comment for a plan: title, summary, cut note, warnings, the changes by risk, unmanaged groups, the full text. Never over the limit. */
export function renderPlanMarkdown(plan, options = {}) {
    const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
    const title = `${options.preface ?? ''}${titleSection(plan, options.target)}${notesSection(options.notes ?? [])}`;
    // Whose token claims the plan changes, and whose credentials, come with the warnings, above the changes (each bounded).
    const warnings = `${warningSections(plan, options.warnings ?? [])}${accessMarkdown(plan)}${credentialsMarkdown(plan.credentials, plan.pools)}`;
    const tail = appendixSection(options.appendix, limit, options.seeAlso);
    const fullText = options.fullText === undefined ? '' : fullTextSection(options.fullText);
    const pools = plan.pools.map((pool) => ({ pool, rows: sortedByRisk(pool.changes.map(rowOf)) }));
    const total = pools.reduce((n, p) => n + p.rows.length, 0);
    const render = (cut, seeAlso = options.seeAlso) => `${title}${cutSection(pools, cut, limit, seeAlso)}${warnings}${pools.map((p, i) => poolSection(p, cut.shown[i] ?? new Map())).join('')}${tail}${cut.fullTextLeftOut ? '' : fullText}`;
    const all = (pick) => pools.map((p) => new Map(p.rows.map((r, i) => [i, pick(r)])));
    const whole = render({ shown: all((r) => r.full), left: [], total, fullTextLeftOut: false });
    if (whole.length <= limit)
        return whole;
    const hasFullText = fullText !== '';
    if (hasFullText) {
        const noFullText = render({ shown: all((r) => r.full), left: [], total, fullTextLeftOut: true });
        if (noFullText.length <= limit)
            return noFullText;
    }
    // Rows must be cut: from the least risky end. Deletes and replaces come first (shortened to their
    // reason when they alone fill the room), then the rest in risk order; the first row that does not
    // fit ends the cut, so no create is kept while a change that can move access is left out.
    // The room is reckoned without where-to-see-more (up to SEE_ALSO_ROOM characters), so a plan and
    // its saved plan shown later (whose pointers differ) keep the same rows.
    const fixed = render({ shown: pools.map(() => new Map()), left: pools.flatMap((p) => p.rows), total, fullTextLeftOut: hasFullText }, undefined).length + SEE_ALSO_ROOM;
    const byRisk = pools.flatMap((p, pi) => p.rows.map((r, ri) => ({ r, pi, ri }))).sort((a, b) => a.r.risk - b.r.risk);
    const cutTo = (budget) => {
        const useShort = byRisk.filter((x) => x.r.risk === 0).reduce((n, x) => n + x.r.full.length + 1, 0) > budget;
        const shown = pools.map(() => new Map());
        const left = [];
        let used = 0;
        for (const x of byRisk) {
            const text = x.r.risk === 0 && useShort ? x.r.short : x.r.full;
            if (left.length === 0 && used + text.length + 1 <= budget) {
                shown[x.pi]?.set(x.ri, text);
                used += text.length + 1;
            }
            else
                left.push(x.r);
        }
        return render({ shown, left, total, fullTextLeftOut: hasFullText });
    };
    // Tables, folds and the note's names take room the rows do not count: cut again by what is over.
    let budget = Math.max(0, limit - fixed - 200);
    let result = cutTo(budget);
    for (let tries = 0; result.length > limit && budget > 0 && tries < 4; tries++) {
        budget = Math.max(0, budget - (result.length - limit) - 200);
        result = cutTo(budget);
    }
    return result.length <= limit ? result : mdCutLines(result, limit, () => `\n> [!NOTE]\n> The rest of this comment is left out to stay under GitHub's ${limitWords(limit)} limit.${seeAlsoWords(options.seeAlso)}\n`);
}
/** Rows by risk, then as the plan orders them (by group name). */
function sortedByRisk(rows) {
    return rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.risk - b.r.risk || a.i - b.i).map((x) => x.r);
}
/** "65,000-character". */
function limitWords(limit) {
    return `${limit.toLocaleString('en-US')}-character`;
}
function seeAlsoWords(seeAlso) {
    return seeAlso === undefined ? '' : ` The full plan: ${seeAlso}.`;
}
// ---- Sections ------------------------------------------------------------------------------------
/** The title, naming the pools and the target, and the summary line. */
function titleSection(plan, target) {
    const ids = plan.pools.map((p) => mdCode(p.userPoolId, 'prose'));
    const named = ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
    return `### cognito-groups plan for ${named}${target === undefined ? '' : ` on ${mdText(target)}`}\n\n**${mdText(summaryLine(plan))}**\n`;
}
/** Right under the summary: notes about the pools (plain text, escaped), as one note block; empty when none. */
export function notesSection(notes) {
    if (notes.length === 0)
        return '';
    return `\n> [!NOTE]\n${notes.map((n) => `> ${mdText(n)}`).join('\n>\n')}\n`;
}
/** Right under the summary: which changes are folded below, which are left out (named, bounded), and where the rest is. Empty when nothing is. */
function cutSection(pools, cut, limit, seeAlso) {
    const lines = [];
    const leftOut = new Set(cut.left);
    const folded = new Map();
    for (const p of pools) {
        for (const [risk, rows] of foldedRuns(p.rows))
            folded.set(risk, (folded.get(risk) ?? 0) + rows.filter((r) => !leftOut.has(r)).length);
    }
    if (cut.left.length > 0) {
        const kinds = [0, 1, 2, 3, 4]
            .map((risk) => ({ risk, rows: cut.left.filter((r) => r.risk === risk) }))
            .filter((k) => k.rows.length > 0)
            .map((k) => `${k.rows.length} ${RISK_WORDS[k.risk][k.rows.length === 1 ? 0 : 1]} (${namesOf(k.rows.map((r) => r.name), CUT_NAMES)})`);
        const destroying = cut.left.filter((r) => r.risk === 0).length;
        const kept = destroying === 0 ? ' Every delete and replace is shown.' : ` Of them, ${destroying} delete or replace a group: the warnings below count them all.`;
        lines.push(`> **This comment is cut** to stay under GitHub's ${limitWords(limit)} limit: ${cut.left.length} of ${cut.total} changes are left out, the least risky first: ${kinds.join('; ')}.${kept}`);
    }
    const foldedWords = [...folded].filter(([, n]) => n > 0).map(([risk, n]) => `${n} ${RISK_WORDS[risk][n === 1 ? 0 : 1]}`);
    if (foldedWords.length > 0)
        lines.push(`> Folded under each pool's table (click to open): ${foldedWords.join(', ')}.`);
    if (cut.fullTextLeftOut)
        lines.push(`> The full text plan is left out: it would take this comment over GitHub's ${limitWords(limit)} limit.`);
    if (lines.length === 0)
        return '';
    const where = seeAlso === undefined ? '' : cut.left.length > 0 || cut.fullTextLeftOut ? `> The full plan: ${seeAlso}.` : '';
    return `\n> [!NOTE]\n${[...lines, ...(where === '' ? [] : [where])].join('\n>\n')}\n`;
}
/** The warnings, most serious first: what apply never allows, the flags apply needs, who loses members, look-alike names, members left held, provider-group alerts, the file's warnings. */
function warningSections(plan, fileWarnings) {
    return [neverAppliedSection(plan), flagsSection(plan), memberLossSection(plan), keptMembersSection(plan), lookalikesSection(plan), orphansSection(plan), alertsSection(plan), fileWarningsSection(fileWarnings)]
        .filter((s) => s !== '')
        .map((s) => `\n${s}\n`)
        .join('');
}
function neverAppliedSection(plan) {
    const never = neverApplied(plan);
    return never === undefined ? '' : `> [!CAUTION]\n> ${neverAppliedText(never, (n) => mdCode(n, 'prose'))}`;
}
/** Every flag apply needs, with its number, from the policy's own data at the default limits. */
function flagsSection(plan) {
    const flags = applyFlags(policyViolations(plan, {}));
    if (flags.length === 0)
        return '';
    const typed = flags.map((f) => `\`${f.flag}\``).join(' ');
    return `> [!WARNING]\n> Applying this plan needs ${typed}:\n${flags.map((f) => `> - \`${f.flag}\`: it ${f.because}`).join('\n')}`;
}
/** Groups that lose members, most lost first; groups without members are not named. */
function memberLossSection(plan) {
    const losing = [];
    for (const pool of plan.pools) {
        for (const c of pool.changes) {
            if (c.action === 'delete' && c.memberCount !== 0)
                losing.push({ name: c.name, n: c.memberCount, how: 'deleted' });
            if (c.action === 'replace' && c.hold === undefined && c.memberCount !== 0)
                losing.push({ name: c.previousName, n: c.memberCount, how: 'replaced, members dropped' });
            const removed = 'members' in c ? (c.members?.remove.length ?? 0) : 0;
            if (removed > 0)
                losing.push({ name: c.name, n: removed, how: 'members removed' });
        }
    }
    if (losing.length === 0)
        return '';
    // Counted losses by size, then those not counted (members were not read).
    losing.sort((a, b) => (b.n ?? -1) - (a.n ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const counted = losing.reduce((n, l) => n + (l.n ?? 0), 0);
    const named = losing.slice(0, WARNING_NAMES).map((l) => `${mdCode(l.name, 'prose')} (${l.n === undefined ? 'members not counted' : plural(l.n, 'member')}, ${l.how})`);
    const rest = losing.slice(WARNING_NAMES);
    const restCounted = rest.filter((l) => l.n !== undefined);
    const restWords = rest.length === 0 ? '' : ` and ${plural(rest.length, 'more group')}${restCounted.length === 0 ? '' : ` (${plural(restCounted.reduce((n, l) => n + (l.n ?? 0), 0), 'member')}${restCounted.length < rest.length ? ' where counted' : ''})`}`;
    const uncounted = losing.filter((l) => l.n === undefined).length;
    const total = uncounted === losing.length ? 'members not counted' : `${plural(counted, 'member')} in all${uncounted > 0 ? `, besides the uncounted members of ${plural(uncounted, 'group')}` : ''}`;
    const head = `${plural(losing.length, 'group')} ${losing.length === 1 ? 'loses' : 'lose'} members (${total}); their next tokens lack the group:`;
    return `> [!CAUTION]\n> ${head} ${named.join(', ')}${restWords}.`;
}
/** Replaces that keep their members: still a window in which those members lack the group. */
function keptMembersSection(plan) {
    const keeping = plan.pools.flatMap((p) => p.changes.filter((c) => c.action === 'replace' && c.hold !== undefined));
    if (keeping.length === 0)
        return '';
    const named = keeping.slice(0, WARNING_NAMES).map((c) => {
        const n = 'memberCount' in c ? c.memberCount : undefined;
        return `${mdCode('previousName' in c ? c.previousName : c.name, 'prose')}${n === undefined ? '' : ` (${n === 0 ? 'no members' : plural(n, 'member')})`}`;
    });
    return `> [!NOTE]\n> ${keeping.length === 1 ? 'This group is' : 'These groups are'} deleted and created again with ${keeping.length === 1 ? 'its' : 'their'} members kept (held in a holding group meanwhile; until a member's token is refreshed after the group is back, it lacks the group): ${named.join(', ')}${more(keeping.length, WARNING_NAMES)}.`;
}
function lookalikesSection(plan) {
    const lookalikes = plan.pools.flatMap((p) => p.lookalikes ?? []);
    if (lookalikes.length === 0)
        return '';
    const pairs = lookalikes.slice(0, WARNING_NAMES).map((l) => `${mdCode(l.inFile, 'prose')} (in the file, ${mdCode(spelledOut(l.inFile), 'prose')}) and ${mdCode(l.inPool, 'prose')} (in the pool, ${mdCode(spelledOut(l.inPool), 'prose')})`);
    return `> [!WARNING]\n> These names look the same but are different groups (they differ in Unicode normalization or invisible characters): ${pairs.join('; ')}${more(lookalikes.length, WARNING_NAMES)}.`;
}
function orphansSection(plan) {
    const orphans = plan.pools.flatMap((p) => p.orphanHolds ?? []);
    if (orphans.length === 0)
        return '';
    const named = orphans.slice(0, WARNING_NAMES).map((h) => `${mdCode(h.group, 'prose')} (${h.memberCount === undefined ? 'members' : plural(h.memberCount, 'member')} of ${mdCode(h.for, 'prose')})`);
    return `> [!WARNING]\n> A run that stopped left members held for groups this file no longer lists; they are kept until someone decides: ${named.join(', ')}${more(orphans.length, WARNING_NAMES)}. Put the group back in the file to restore them, or delete the holding group yourself.`;
}
function alertsSection(plan) {
    const c = countPlan(plan);
    if (c.alerts === 0)
        return '';
    const alerted = plan.pools.flatMap((p) => p.unmanaged.filter((g) => g.alert !== undefined).map((g) => mdCode(g.name, 'prose')));
    return `> [!CAUTION]\n> ${alertsCaution(c.alerts)} ${alerted.slice(0, WARNING_NAMES).join(', ')}${more(alerted.length, WARNING_NAMES)}`;
}
/** The groups file's validation warnings, as `validate` and `plan` print them on stderr. */
function fileWarningsSection(warnings) {
    if (warnings.length === 0)
        return '';
    const shown = warnings.slice(0, FILE_WARNINGS_SHOWN).map((w) => `> - ${mdText(formatDiagnostic(w))}`);
    const rest = warnings.length > FILE_WARNINGS_SHOWN ? [`> - and ${warnings.length - FILE_WARNINGS_SHOWN} more (\`cognito-groups validate\` prints them all)`] : [];
    return `> [!WARNING]\n> The groups file has ${plural(warnings.length, 'warning')}:\n${[...shown, ...rest].join('\n')}`;
}
/** A pool: its heading, the table of its changes by risk (long low-risk runs folded), its unmanaged groups. */
function poolSection(p, shown) {
    const { pool, rows } = p;
    const parts = [`\n#### ${mdCode(pool.userPoolId)} (${mdText(pool.region)}): ${plural(pool.listed, 'group')} listed\n`];
    if (rows.length === 0)
        parts.push('\nNo changes.\n');
    const folded = foldedRuns(rows);
    const foldedRows = new Set([...folded.values()].flat());
    const main = rows.flatMap((r, i) => (foldedRows.has(r) ? [] : (shown.get(i) ?? [])));
    if (main.length > 0)
        parts.push(`\n${table(main)}\n`);
    const indexOf = new Map(rows.map((r, i) => [r, i]));
    for (const [risk, run] of folded) {
        const lines = run.flatMap((r) => shown.get(indexOf.get(r) ?? -1) ?? []);
        if (lines.length === 0)
            continue;
        const cutWords = lines.length < run.length ? ` (${run.length - lines.length} more left out, see the note at the top)` : '';
        parts.push(`\n<details><summary>${lines.length} ${RISK_WORDS[risk][lines.length === 1 ? 0 : 1]}${cutWords}</summary>\n\n${table(lines)}\n\n</details>\n`);
    }
    const unmanaged = unmanagedLine(pool.unmanaged);
    if (unmanaged !== '')
        parts.push(`\n${unmanaged}\n`);
    return parts.join('');
}
/** A pool's long runs of low-risk rows, by risk: the rows folded into a `<details>` of their own. */
function foldedRuns(rows) {
    const runs = new Map();
    for (const risk of [3, 4]) {
        const run = rows.filter((r) => r.risk === risk);
        if (run.length > FOLD_AT)
            runs.set(risk, run);
    }
    return runs;
}
function table(lines) {
    const hasBroken = lines.some((l) => l.includes(` ${BREAK_MARK}`));
    const legend = hasBroken ? `\n\n<sub>${BREAK_MARK} marks where a value is broken to fit the table; it is not part of the value. Values over ${CELL_VALUE_MAX} characters are shortened.</sub>` : '';
    return `| | Group | Change |\n| --- | --- | --- |\n${lines.join('\n')}${legend}`;
}
/** The apply's result (or other appendix), with at most a third of the room. */
function appendixSection(appendix, limit, seeAlso) {
    if (appendix === undefined)
        return '';
    return `\n${mdCutLines(appendix.trim(), Math.floor(limit / 3), (n) => `\n> [!NOTE]\n> ${n} more line(s) of this result are left out to stay under GitHub's ${limitWords(limit)} limit.${seeAlsoWords(seeAlso)}`)}\n`;
}
/** The full text plan, folded, in a `diff` block: `+`, `-` and `~` in the first column, so GitHub colours it as Terraform users know it. */
function fullTextSection(text) {
    return `\n<details><summary>Full text plan</summary>\n\n${mdFence(diffLines(text), 'diff')}\n\n</details>\n`;
}
/** The text plan with each change's sign moved to the first column (`<-`, a put-back, as `+`); other lines as they are. */
export function diffLines(text) {
    return text
        .split('\n')
        .map((line) => {
        const m = /^( {2,})(-\/\+|~>|<-|[+~-])( .*)$/.exec(line);
        if (m === null)
            return line;
        const [, indent = '', sign = '', rest = ''] = m;
        return `${sign === '<-' ? '+' : sign}${indent.slice(2)}${rest}`;
    })
        .join('\n');
}
// ---- Rows ----------------------------------------------------------------------------------------
/** "12 members" in a cell, or nothing when not counted. */
function membersCell(n, what) {
    if (n === 0)
        return '*no members*';
    return n === undefined ? `*members ${what}*` : `*${plural(n, 'member')} ${what}*`;
}
/** The action cell, kept on one line (no emoji with a variation selector: those are shown as escapes). */
function action(emoji, word) {
    return `${emoji}&nbsp;${word}`;
}
/** Member names shown in a cell before the rest are only counted. */
const MEMBERS_SHOWN = 20;
/** A cell line for a change's members: `members: +`alice`, −`mallory``, the first few of each. */
function memberCell(m) {
    if (m === undefined)
        return [];
    const list = (users, sign) => {
        const shown = users.slice(0, MEMBERS_SHOWN).map((u) => `${sign}${mdCellCode(u, 'whole')}`);
        return `${shown.join(', ')}${more(users.length, MEMBERS_SHOWN)}`;
    };
    return [`members: ${[m.add.length > 0 ? list(m.add, '+') : '', m.remove.length > 0 ? list(m.remove, '−') : ''].filter((x) => x !== '').join('; ')}`];
}
function rowOf(c) {
    const cells = cellsOf(c);
    const members = memberCell('members' in c ? c.members : undefined);
    const line = (lines) => `| ${cells.action} | ${mdCellCode(c.name, 'whole')} | ${[...lines, ...members].join('<br>') || ' '} |`;
    return { name: c.name, risk: riskOf(c), full: line(cells.full), short: line(cells.short ?? cells.full) };
}
/** A change's action cell and the lines of its Change cell (full, and shortened for a delete or replace). */
function cellsOf(c) {
    const held = (h) => `${h.memberCount === undefined ? 'the members' : plural(h.memberCount, 'member')} a run that stopped left in ${mdCellCode(h.group, 'whole')}`;
    const names = (h) => (h.usernames === undefined || h.usernames.length === 0 ? '' : `: ${h.usernames.slice(0, MEMBERS_SHOWN).map((u) => `+${mdCellCode(u, 'whole')}`).join(', ')}${more(h.usernames.length, MEMBERS_SHOWN)}`);
    const heldBack = (h) => (h === undefined ? [] : [`*then puts back ${held(h)}*${names(h)}`]);
    switch (c.action) {
        case 'create':
            return { action: action('➕', 'create'), full: [...cellFields(c.after), ...heldBack(c.hold)] };
        case 'update': {
            const tokens = c.memberCount === undefined ? [] : [membersCell(c.memberCount, c.memberCount === 1 ? 'gets new tokens at the next refresh' : 'get new tokens at their next refresh')];
            return { action: action('📝', 'update'), full: [...c.fields.map(cellChange), ...tokens, ...heldBack(c.hold)] };
        }
        case 'replace': {
            const rename = c.previousName === c.name ? [] : [`name: ${mdCellCode(c.previousName, 'whole')} → ${mdCellCode(c.name, 'whole')}`];
            const members = c.hold === undefined ? membersCell(c.memberCount, 'dropped (--drop-members)') : membersCell(c.memberCount, 'kept and put back');
            const why = `*${mdText(c.reasons.map(reasonText).join('; '))}: deleted and created again*`;
            return { action: action('🔁', 'replace'), full: [...rename, ...c.fields.map(cellChange), why, members], short: [...rename, why, members] };
        }
        case 'rename':
            return {
                action: action('🔀', 'rename'),
                full: [`name: ${mdCellCode(c.previousName, 'whole')} → ${mdCellCode(c.name, 'whole')}`, ...c.fields.map(cellChange), membersCell(c.memberCount, 'moved'), ...heldBack(c.hold.resuming ? c.hold : undefined)],
            };
        case 'delete': {
            // What is lost (its role and precedence first) and why: the pool's policy deletes what the file does not list.
            const role = cellFields(c.before, ['roleArn', 'precedence']);
            return {
                action: action('⛔', 'delete'),
                full: ['*not in the file, and the pool has `unmanagedGroups: delete`*', ...role, membersCell(c.memberCount, 'dropped')],
            };
        }
        case 'restore':
            return { action: action('🔙', 'restore'), full: [`*puts back ${held(c.hold)}, then deletes the holding group*${names(c.hold)}`] };
        default:
            return assertNever(c);
    }
}
/** A group's fields, one cell line each, in the file's order (or only those asked for). */
function cellFields(fields, only = FIELD_NAMES) {
    const shown = FIELD_NAMES.filter((f) => only.includes(f) && fields[f] !== undefined).map((f) => `${f}: ${cellValue(fields[f] ?? null)}`);
    return shown.length === 0 && only === FIELD_NAMES ? ['*no fields*'] : shown;
}
/** A field's change; a long text's word diff is folded under the line, so it never fills the table. */
function cellChange(f) {
    if (typeof f.before === 'string' && typeof f.after === 'string' && Math.max(f.before.length, f.after.length) > LONG_TEXT) {
        const run = { length: 0 };
        const diff = wordDiffParts(f.before, f.after)
            .map((p) => (p.kind === 'added' ? `<ins>${mdCellText(p.text, run)}</ins>` : p.kind === 'removed' ? `<del>${mdCellText(p.text, run)}</del>` : mdCellText(p.text, run)))
            .join('');
        return `<details><summary>${f.field}: changed (${plural([...f.before].length, 'character')} → ${[...f.after].length}); the word diff</summary>${diff}</details>`;
    }
    return `${f.field}: ${cellValue(f.before)} → ${cellValue(f.after)}`;
}
function cellValue(v) {
    return v === null ? '*(none)*' : mdCellCode(String(v));
}
function unmanagedLine(groups) {
    if (groups.length === 0)
        return '';
    const shown = groups.slice(0, UNMANAGED_SHOWN).map((g) => `${mdCode(g.name, 'prose')}${g.provider ? (g.alert === undefined ? ' (provider group)' : ' (provider group, **alert**)') : ''}`);
    return `Unmanaged groups, left alone (${groups.length}): ${shown.join(', ')}${more(groups.length, UNMANAGED_SHOWN)}`;
}
/** The first names (as prose code) and how many more. */
function namesOf(names, max) {
    return `${names.slice(0, max).map((n) => mdCode(n, 'prose')).join(', ')}${more(names.length, max)}`;
}
/** " and N more" when a list of `total` was cut to `shown`. */
function more(total, shown) {
    return total > shown ? ` and ${total - shown} more` : '';
}
