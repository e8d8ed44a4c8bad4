// Markdown for text from outside: every piece passes the one sanitizer (outside-text.ts) first, then
// is escaped for where it goes, so a group name or description cannot mention people or teams, open
// links, or break out of a code span, a table or a fence.
import { visible } from './outside-text.js';
/** A zero-width space as an HTML entity: breaks `@user` and `https://` so GitHub neither mentions nor links. */
const BREAK = '&#8203;';
/**
 * Text as an inline code span, on one line (line breaks shown as ⏎). GitHub renders no mention or
 * link inside a code span. In a table cell (the default) pipes are escaped, as GitHub requires even
 * inside code spans; elsewhere they are left as written.
 */
export function mdCode(text, where = 'table') {
    const oneLine = visible(text);
    const flat = where === 'table' ? oneLine.replace(/\|/g, '\\|') : oneLine;
    let longestRun = 0;
    for (const m of flat.matchAll(/`+/g))
        longestRun = Math.max(longestRun, m[0].length);
    const fence = '`'.repeat(longestRun + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/**
 * Free text on one line with Markdown and HTML special characters escaped, and mentions (`@user`,
 * `@org/team`) and links (`https://…`, `www.…`) broken so GitHub renders them as plain text.
 */
export function mdText(text) {
    return visible(text)
        .replace(/⏎/g, ' ⏎ ')
        .replace(/[\\`*_~|<>[\]#&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
        .replace(/@/g, `@${BREAK}`)
        .replace(/:\/\//g, `:${BREAK}//`)
        .replace(/www\./gi, (m) => `${m.slice(0, 3)}${BREAK}.`);
}
/** A fenced code block that no line of the text can close early (text inside is not rendered: no mentions, no links). */
export function mdFence(text, lang) {
    let longestRun = 0;
    for (const m of text.matchAll(/`{3,}/g))
        longestRun = Math.max(longestRun, m[0].length);
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    return `${fence}${lang}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}
/**
 * Markdown cut at a line to at most `max` characters, with any code fence left open closed again,
 * followed by `note`. Returned whole when it fits.
 */
export function mdCutLines(text, max, note) {
    if (text.length <= max)
        return text;
    const lines = text.split('\n');
    const kept = [];
    let used = 0;
    let openFence;
    const room = max - note(lines.length).length - 20;
    for (const line of lines) {
        if (used + line.length + 1 > room)
            break;
        kept.push(line);
        used += line.length + 1;
        const fence = /^(`{3,})/.exec(line)?.[1];
        if (fence !== undefined)
            openFence = openFence === undefined ? fence : fence.length >= openFence.length ? undefined : openFence;
    }
    if (openFence !== undefined)
        kept.push(openFence);
    return `${kept.join('\n')}\n${note(lines.length - kept.length)}`;
}
