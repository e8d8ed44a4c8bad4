import { diffWords } from 'diff';
import { visible } from './outside-text.js';
/** The runs of a word diff of two texts, in order. */
export function wordDiffParts(before, after) {
    return diffWords(before, after).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
}
/** A readable word diff for a terminal: removed words as [-...-], added as {+...+} (git --word-diff style), control characters made visible. */
export function wordDiff(before, after, style) {
    return wordDiffParts(before, after)
        .map((part) => {
        const value = visible(part.text);
        if (part.kind === 'added')
            return style.add(`{+${value}+}`);
        if (part.kind === 'removed')
            return style.remove(`[-${value}-]`);
        return value;
    })
        .join('');
}
