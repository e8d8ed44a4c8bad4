// Markdown for text from outside: every piece passes the one sanitizer (outside-text.ts) first, then
// is escaped for where it goes, so a group name or description cannot mention people or teams, open
// links, or break out of a code span, a table or a fence.
import { visible } from './outside-text.js';
/**
 * A zero-width space as an HTML entity: breaks `@user`, `https://` and references (`#1`, `GH-2`,
 * `acme/other#3`) so GitHub neither mentions, links nor leaves a backlink. It is ours, between two
 * characters that stay visible, never a character of the outside text (those are shown as \uXXXX).
 */
const BREAK = '&#8203;';
/** Characters of a value a table cell shows before the rest is only counted. */
export const CELL_VALUE_MAX = 120;
/** The longest run without a break opportunity a table cell may hold: longer tokens are broken, marked. */
export const CELL_TOKEN_MAX = 40;
/** Where a long token is broken to fit its cell: visible, outside the code, so never taken for part of the value. */
export const BREAK_MARK = '↪';
/**
 * Text as an inline code span, on one line (line breaks shown as ⏎). GitHub renders no mention or
 * link inside a code span. In a table cell (the default) pipes are escaped, as GitHub requires even
 * inside code spans; elsewhere they are left as written.
 */
export function mdCode(text, where = 'table') {
    const oneLine = visible(text);
    const flat = where === 'table' ? oneLine.replace(/\|/g, '\\|') : oneLine;
    // An empty span (``) is no code span: its backticks would pair with the next span's.
    if (flat === '')
        return '` `';
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
        // References: GitHub links `#1`, `GH-2` and `owner/repo#3` in the rendered text, whatever escapes precede them.
        .replace(/\\#(?=[0-9])/g, `\\#${BREAK}`)
        .replace(/\b(gh)-(?=[0-9])/gi, `$1-${BREAK}`)
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
/**
 * A value for a table cell as code: at most CELL_VALUE_MAX characters, then `... (+N characters)`
 * (names, `whole`, are never shortened: they are at most 128 characters and say which group), and
 * a token longer than CELL_TOKEN_MAX split into several code spans with a visible BREAK_MARK between
 * them (GitHub's sanitizer drops `<wbr>`, and an invisible break would hide where the value is cut), so
 * no value widens the table beyond the comment's column.
 */
export function mdCellCode(text, shorten = 'shorten') {
    const chars = [...visible(text)];
    const cut = shorten === 'shorten' && chars.length > CELL_VALUE_MAX;
    const shown = cut ? chars.slice(0, CELL_VALUE_MAX).join('') : chars.join('');
    const more = cut ? ` ... (+${chars.length - CELL_VALUE_MAX} characters)` : '';
    // A backslash right before a pipe would escape the backslash of the pipe's escape (`\\|`), and the
    // pipe would end the cell (GitHub and every GFM parser split there): the value is broken between them.
    const pieces = brokenRuns(shown).flatMap((part) => part.split(/(?<=\\)(?=\|)/));
    return `${pieces.map((part) => mdCode(part, 'table')).join(` ${BREAK_MARK}`)}${more}`;
}
/**
 * Free text for a table cell: like mdText, with tokens longer than CELL_TOKEN_MAX broken by a visible
 * BREAK_MARK. Pieces of one text written one after the other (a word diff's) share `run`, the length
 * of the run without a space they continue.
 */
export function mdCellText(text, run = { length: 0 }) {
    return brokenRuns(visible(text), run).map(mdText).join(` ${BREAK_MARK}`);
}
/**
 * The text in pieces that, joined, are the text: each cut falls inside a run of more than CELL_TOKEN_MAX
 * characters without a space, so every piece's runs are at most that long. Code points are never split.
 */
function brokenRuns(text, run = { length: 0 }) {
    const pieces = [];
    let piece = '';
    for (const c of text) {
        if (/\s/u.test(c))
            run.length = 0;
        else if (run.length >= CELL_TOKEN_MAX) {
            pieces.push(piece);
            piece = '';
            run.length = 1;
        }
        else
            run.length++;
        piece += c;
    }
    pieces.push(piece);
    return pieces;
}
