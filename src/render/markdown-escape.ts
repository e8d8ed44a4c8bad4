/** Line breaks as Markdown sees them: CRLF, LF and a lone CR. */
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Text as an inline code span, on one line (line breaks shown as ⏎). In a table cell (the default)
 * pipes are escaped, as GitHub requires even inside code spans; elsewhere they are left as written.
 */
export function mdCode(text: string, where: 'table' | 'prose' = 'table'): string {
  const oneLine = text.replace(LINE_BREAK, '⏎');
  const flat = where === 'table' ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longestRun = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Free text with Markdown and HTML special characters escaped, on one line. */
export function mdText(text: string): string {
  return text.replace(LINE_BREAK, ' ⏎ ').replace(/[\\`*_~|<>[\]#&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A fenced code block that no line of the text can close early. */
export function mdFence(text: string, lang: string): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${lang}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}

/**
 * Markdown cut at a line to at most `max` characters, with any code fence left open closed again,
 * followed by `note`. Returned whole when it fits.
 */
export function mdCutLines(text: string, max: number, note: (linesLeftOut: number) => string): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let used = 0;
  let openFence: string | undefined;
  const room = max - note(lines.length).length - 20;
  for (const line of lines) {
    if (used + line.length + 1 > room) break;
    kept.push(line);
    used += line.length + 1;
    const fence = /^(`{3,})/.exec(line)?.[1];
    if (fence !== undefined) openFence = openFence === undefined ? fence : fence.length >= openFence.length ? undefined : openFence;
  }
  if (openFence !== undefined) kept.push(openFence);
  return `${kept.join('\n')}\n${note(lines.length - kept.length)}`;
}
