import { diffWords } from 'diff';
import type { Style } from './style.js';

/** A readable word diff of two texts: removed words as [-...-], added as {+...+} (git --word-diff style). */
export function wordDiff(before: string, after: string, style: Style): string {
  return diffWords(before, after)
    .map((part) => {
      const value = visible(part.value);
      if (part.added) return style.add(`{+${value}+}`);
      if (part.removed) return style.remove(`[-${value}-]`);
      return value;
    })
    .join('');
}

/**
 * Text from the pool with control characters made visible: a description may hold line breaks or
 * terminal escapes that would otherwise forge or hide lines of the plan a reviewer reads.
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '⏎' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
