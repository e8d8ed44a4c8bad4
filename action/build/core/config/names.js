/** The key under which Cognito compares group names: they are unique ignoring case. */
export function nameKey(name) {
    return name.toLowerCase();
}
/**
 * The key under which two names look the same to a reader: the same ignoring case, Unicode
 * normalization (NFKC: `é` written as one code point or as `e` and a combining accent, full-width
 * letters) and invisible characters (zero-width joiners and spaces, variation selectors...), while
 * Cognito holds them as different groups.
 */
export function lookalikeKey(name) {
    return name.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().normalize('NFKC');
}
/** Characters that show nothing: Unicode's default-ignorable code points (ZWJ, ZWNJ, ZWSP, variation selectors, the Hangul fillers...). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Whether a name holds a character that shows nothing. */
export function hasInvisible(name) {
    return new RegExp(INVISIBLE.source, 'u').test(name);
}
/**
 * Whether a name mixes Latin letters with Cyrillic or Greek ones (`аdmin` with a Cyrillic `а`): such
 * letters look the same, so the name reads as another one.
 */
export function mixesScripts(name) {
    return LATIN.test(name) && LOOKALIKE_SCRIPTS.test(name);
}
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPTS = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
/** Sort order for group names everywhere output is shown: code-point order, so it is the same on every machine. */
export function compareNames(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
