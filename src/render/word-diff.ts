import { diffWords } from 'diff';
import type { Style } from './style.js';

/** A readable word diff of two texts: removed words as [-...-], added as {+...+} (git --word-diff style). */
export function wordDiff(before: string, after: string, style: Style): string {
  return diffWords(before, after)
    .map((part) => {
      if (part.added) return style.add(`{+${part.value}+}`);
      if (part.removed) return style.remove(`[-${part.value}-]`);
      return part.value;
    })
    .join('');
}
