import { mdCode, mdText } from './markdown-escape.js';
import { quoted, visible } from './outside-text.js';
import { plural, showValue } from './values.js';
/** What an acknowledged difference is, without its group: "precedence: expected 10, found 11". */
function differenceText(a, value, user) {
    if (a.members === undefined)
        return `${a.field}: expected ${value(a.expected)}, found ${value(a.actual)}`;
    const parts = [
        ...(a.members.missing.length === 0 ? [] : [`${plural(a.members.missing.length, 'member')} not in the group (${names(a.members.missing, user)})`]),
        ...(a.members.unexpected.length === 0 ? [] : [`${plural(a.members.unexpected.length, 'member')} not in the file (${names(a.members.unexpected, user)})`]),
    ];
    return `members: ${parts.join(', ')}`;
}
function names(users, user) {
    return `${users.slice(0, 10).map(user).join(', ')}${users.length > 10 ? ` and ${users.length - 10} more` : ''}`;
}
/** "until 2027-01-31, 12 days left". */
export function untilText(a) {
    return `until ${a.until}, ${plural(a.daysLeft, 'day')} left`;
}
/** Lines of text for a pool's acknowledged differences. */
export function acknowledgedTextLines(list) {
    return list.map((a) => `  = acknowledged ${quoted(a.name)} ${differenceText(a, showValue, quoted)} (${untilText(a)}): ${quoted(a.reason)}`);
}
/** Lines of text for acknowledgements that match no difference. */
export function staleTextLines(list) {
    return list.map((s) => `  ! stale     acknowledgement of ${s.field} for ${quoted(s.name)} (until ${s.until}${s.ended ? ', ended' : ''}) matches no difference: remove it from the file`);
}
/** Lines of text, under a drifted group, for its acknowledgements whose date has come. */
export function expiredTextLines(d) {
    return (d.expired ?? []).map((e) => `      acknowledgement of ${e.field} ended on ${e.until} (${quoted(e.reason)}): drift again`);
}
/** Table rows of Markdown for a pool's acknowledged differences and stale acknowledgements. */
export function acknowledgedMarkdownRows(list, stale) {
    const value = (v) => (v === null || v === undefined ? '*(none)*' : mdCode(String(v)));
    return [
        ...list.map((a) => `| acknowledged | ${mdCode(a.name)} | ${differenceText(a, value, (u) => mdCode(u))}<br>${untilText(a)}: ${mdText(visible(a.reason))} |`),
        ...stale.map((s) => `| stale acknowledgement | ${mdCode(s.name)} | ${s.field} until ${s.until}${s.ended ? ' (ended)' : ''} matches no difference: remove it from the file |`),
    ];
}
/** Details, in a drifted group's Markdown cell, of its acknowledgements whose date has come. */
export function expiredMarkdown(d) {
    return (d.expired ?? []).map((e) => `acknowledgement of ${e.field} ended on ${e.until} (${mdText(visible(e.reason))}): drift again`);
}
/** The words the summary line adds for acknowledgements (empty when there are none). */
export function acknowledgedSummary(c) {
    return [
        c.acknowledged > 0 ? `${plural(c.acknowledged, 'acknowledged difference')}` : '',
        c.expired > 0 ? `${plural(c.expired, 'acknowledgement')} ended` : '',
        c.stale > 0 ? plural(c.stale, 'stale acknowledgement') : '',
    ].filter((s) => s !== '');
}
