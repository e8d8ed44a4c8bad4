/** Text safe inside a GitHub Markdown table cell, as an inline code span (pipes escaped, newlines shown as ⏎). */
export function mdCode(text: string): string {
  const flat = text.replace(/\r?\n/g, '⏎').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Free text with Markdown and HTML special characters escaped, on one line. */
export function mdText(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ').replace(/[\\`*_~|<>[\]#&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A fenced code block that no line of the text can close early. */
export function mdFence(text: string, lang: string): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${lang}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}
