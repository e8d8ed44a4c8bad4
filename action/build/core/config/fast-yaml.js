// The fast way through a groups file: js-yaml builds the values several times faster than the
// positional parser (which keeps every node's place in the file). It is only ever used for a file
// with nothing to report: any problem, warning, or any YAML feature where the two parsers could
// differ (anchors and aliases, tags, merge keys, complex keys, directives, several documents) sends
// the file to the positional parser, whose answer is the one that counts. A property test checks that
// whatever this accepts, the positional parser reads as the same values. Pure.
import jsYaml from 'js-yaml';
/**
 * Text that could mean something the fast path does not read the way the positional parser does,
 * each behind the character it needs (most files have none of them, and scanning a large file with
 * one regular expression of alternatives costs as much as parsing it):
 * - `&anchor`, `*alias` (after a space, a bracket, a comma or a line start, and followed by a name),
 *   and any `!` there: a tag, or a bare `!` (js-yaml reads `x: !` as null, the positional parser as "");
 * - a `<<` merge key; a `?` complex key; a `%` directive; a document marker with content after it
 *   (`--- a: b`) or a document end (`...`);
 * - a block scalar with an explicit indentation indicator (`|1-`), which the two read differently;
 * - a null key (`~:`, `null:`, an empty key, `{~}`, `{a, null}`), which js-yaml names "null" and the
 *   positional parser "", and a collection as a key (`[a]: x`, `{[a]}`), turned into different strings;
 * - what js-yaml forgives and the positional parser refuses: a comment right after a quoted scalar or
 *   a bracket (`"x"#c`), a flow collection continued on another line (its indentation rules differ),
 *   a `\U` escape (it may be past U+10FFFF), a carriage return that is not part of CRLF, and a line
 *   over 1024 characters (the longest implicit key allowed).
 * (Several documents make js-yaml throw, which declines too.)
 */
const DECLINE = [
    [['&', '*'], /(^|[\s[{,])[&*][^\s]/m],
    [['!'], /(^|[\s[{,])!/m],
    [['<<'], /<<\s*:/],
    [['?'], /(^|[\s[{,])\?(\s|$|[,}\]])/m],
    [['%'], /^%/m],
    [['---', '...'], /^(?:---[ \t]+[^\s#]|\.\.\.(?:\s|$))/m],
    [['|', '>'], /[|>](?:[-+]?[1-9]|[1-9][-+])/],
    [['~', 'null', 'Null', 'NULL'], /(?:^|[\s[{,])(?:~|null|Null|NULL)[ \t]*:(?:[\s,}\]]|$)/m],
    [[':'], /(?:^[ \t]*(?:-[ \t]+)*|[[{,][ \t]*):(?:[\s,}\]]|$)/m],
    [['{'], /[{,][ \t]*(?:~|null|Null|NULL)?[ \t]*[,}]|[{,][ \t]*[[{]/],
    [[']', '}'], /[\]}][ \t]*:(?:[\s,}\]]|$)/],
    [['#'], /["'\]}]#/],
    [['\\U'], /\\U/],
    [['\r'], /\r(?!\n)/],
];
/** The longest implicit key the positional parser reads: a longer line is left to it. */
const MAX_LINE = 1024;
/** Whether the fast path must leave a text to the positional parser. */
function declines(text) {
    return DECLINE.some(([needs, pattern]) => needs.some((n) => text.includes(n)) && pattern.test(text)) || hasLongLine(text) || ((text.includes('[') || text.includes('{')) && hasOpenFlowLine(text));
}
/** Whether a line opens more flow brackets than it closes: a flow collection continued on the next line. */
function hasOpenFlowLine(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5b || c === 0x7b)
            depth++;
        else if (c === 0x5d || c === 0x7d)
            depth--;
        else if (c === 0x0a) {
            if (depth !== 0)
                return true;
            depth = 0;
        }
    }
    return depth !== 0;
}
/** Whether a line is longer than MAX_LINE characters (a scan by newlines, not a regular expression). */
function hasLongLine(text) {
    let start = 0;
    for (;;) {
        const end = text.indexOf('\n', start);
        if ((end === -1 ? text.length : end) - start > MAX_LINE)
            return true;
        if (end === -1)
            return false;
        start = end + 1;
    }
}
/**
 * YAML 1.2's core schema exactly as the positional parser (the `yaml` package) resolves plain
 * scalars: js-yaml's own core schema also reads YAML 1.1 forms (0b101, 1_000, 0o as 010) that the
 * positional parser keeps as strings.
 */
const scalar = (tag, forms) => 
// One type per tag: js-yaml keeps only the last of several types with one tag.
new jsYaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (s) => typeof s === 'string' && forms.some(([test]) => test.test(s)),
    construct: (s) => forms.find(([test]) => test.test(s))[1](s),
});
const CORE_1_2 = jsYaml.FAILSAFE_SCHEMA.extend({
    implicit: [
        scalar('null', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
        scalar('bool', [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T']]),
        scalar('int', [
            [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
            [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
            [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
        ]),
        scalar('float', [
            [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)],
            [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
            [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
        ]),
    ],
});
/** The file's values, or undefined when the fast path declines or the text is not YAML it reads cleanly. */
export function fastLoad(text) {
    if (declines(text))
        return undefined;
    try {
        return jsYaml.load(text, { schema: CORE_1_2, json: false });
    }
    catch {
        // Duplicate keys, syntax errors, several documents: the positional parser says where.
        return undefined;
    }
}
