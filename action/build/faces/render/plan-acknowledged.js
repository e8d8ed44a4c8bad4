import { mdCode, mdText } from './markdown-escape.js';
import { quoted, visible } from './outside-text.js';
import { untilText } from './drift-acknowledged.js';
import { attributionMarkdown, attributionTextLines } from './drift-attribution.js';
/** Text after a plan: who made the differences it reverts, per group (empty when not looked up). */
export function revertedByText(list) {
    if (list.length === 0)
        return '';
    const groups = [...new Set(list.map((a) => a.group))];
    const lines = ['', 'Who made the differences this plan reverts (CloudTrail):'];
    for (const g of groups) {
        lines.push(`  ${quoted(g)}`);
        for (const line of attributionTextLines(list, g, '    '))
            lines.push(line);
    }
    return `${lines.join('\n')}\n`;
}
/** Markdown after a plan: the same, as a list. */
export function revertedByMarkdown(list) {
    if (list.length === 0)
        return '';
    const groups = [...new Set(list.map((a) => a.group))];
    return ['**Who made the differences this plan reverts** (CloudTrail):', '', ...groups.map((g) => `- ${mdCode(g, 'prose')}: ${attributionMarkdown(list, g).join('; ')}`)].join('\n');
}
/** Text after a plan: the acknowledged differences it reverts (empty when none). */
export function revertedText(list, style) {
    if (list.length === 0)
        return '';
    const lines = ['', style.warn('Acknowledged drift this plan reverts (the file acknowledges it; apply reverts it all the same):')];
    for (const a of list)
        lines.push(`  ~ ${quoted(a.name)} ${a.field} (acknowledged ${untilText(a)}): ${quoted(a.reason)}`);
    return `${lines.join('\n')}\n`;
}
/** Markdown after a plan: the same, as a warning block (empty when none). */
export function revertedMarkdown(list) {
    if (list.length === 0)
        return '';
    const lines = ['> [!WARNING]', '> **Acknowledged drift this plan reverts**: the groups file acknowledges these differences; apply reverts them all the same.', '>'];
    for (const a of list)
        lines.push(`> - ${mdCode(a.name, 'prose')} ${a.field}, acknowledged ${untilText(a)}: ${mdText(visible(a.reason))}`);
    return lines.join('\n');
}
