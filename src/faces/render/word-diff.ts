import { diffWords } from 'diff';
import { visible } from './outside-text.js';
import type { Style } from './style.js';

/** One run of a word diff: kept, removed or added text. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** The runs of a word diff of two texts, in order. */
export function wordDiffParts(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
}

/** A readable word diff for a terminal: removed words as [-...-], added as {+...+} (git --word-diff style), control characters made visible. */
export function wordDiff(before: string, after: string, style: Style): string {
  return wordDiffParts(before, after)
    .map((part) => {
      const value = visible(part.text);
      if (part.kind === 'added') return style.add(`{+${value}+}`);
      if (part.kind === 'removed') return style.remove(`[-${value}-]`);
      return value;
    })
    .join('');
}
