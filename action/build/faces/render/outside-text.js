// The one sanitizer for text that comes from outside the tool (group names, descriptions, server
// error messages, fields read from a plan file, YAML keys echoed in errors). Such text may hold
// characters that forge or hide lines on a reviewer's terminal, or reorder what they read: C0 and C1
// controls, DEL, the Unicode line separators, and every character a reader cannot see: the Unicode
// `Bidi_Control` and `Default_Ignorable_Code_Point` sets (bidi marks and overrides, zero-width spaces
// and joiners, the BOM, variation selectors, tags), taken from the Unicode tables JavaScript's regular
// expressions carry, not from a hand list. Every output format passes outside text through here, and
// the output boundary passes whole outputs through here again.
/** The characters outside text must never carry into output as they are. */
export const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Bidi_Control}|\p{Default_Ignorable_Code_Point}/gu;
/** `\uXXXX`, or for a character beyond the BMP its two UTF-16 halves (`\udb40\udc01`): the JSON spelling, read the same way as text. */
function escape(c) {
    let out = '';
    for (let i = 0; i < c.length; i++)
        out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
}
/** Text with every unsafe character made visible: a line break (LF, CRLF or a lone CR) as ⏎, the others as \uXXXX. For text shown as it is. */
export function visible(text) {
    return text.replace(/\r\n|\r|\n/g, '⏎').replace(UNSAFE, escape);
}
/** Text as a double-quoted JSON string whose unsafe characters are all escaped: still valid JSON, and the same value. */
export function quoted(text) {
    return safeJson(JSON.stringify(text));
}
/**
 * JSON text with the unsafe characters JSON.stringify leaves raw (DEL, C1, U+2028 and U+2029, the
 * bidi controls and the default-ignorable characters) written as \uXXXX escapes: the values are
 * exactly the same, the bytes are safe to display. (JSON.stringify already escapes C0 controls.)
 */
export function safeJson(json) {
    return json.replace(UNSAFE_IN_JSON, escape);
}
/** UNSAFE without the C0 controls: JSON.stringify escapes those inside strings, and pretty JSON is made of line breaks. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029]|\p{Bidi_Control}|\p{Default_Ignorable_Code_Point}/gu;
/** Our own colour codes (Style's SGR sequences), the only escape sequences an output may hold. */
const OWN_SGR = /^\u001b\[[0-9]{1,2}m/u;
/**
 * A whole output made safe at the boundary: every unsafe character escaped except the line breaks the
 * output is made of (and, in coloured terminal output, our own SGR colour codes). Outside text was
 * already made visible where it was embedded; this pass guarantees nothing slipped through.
 */
export function safeOutput(text, colour = false) {
    return text.replace(UNSAFE, (c, offset) => {
        if (c === '\n')
            return c;
        if (colour && c === '\u001b' && OWN_SGR.test(text.slice(offset, offset + 5)))
            return c;
        return escape(c);
    });
}
/** Text with every character outside printable ASCII written as \u{…}: what tells two look-alike names apart. */
export function spelledOut(text) {
    return [...text].map((c) => (/^[\x21-\x7e]$/.test(c) ? c : `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`)).join('');
}
