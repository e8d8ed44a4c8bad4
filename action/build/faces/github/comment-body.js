import { mdCode, mdCutLines, mdFence } from '../render/markdown-escape.js';
/** GitHub rejects an issue comment longer than this many characters. */
export const COMMENT_BODY_LIMIT = 65_536;
/** Characters of the CLI's error output a failure comment shows at most; the log has it all. */
const ERROR_TEXT_LIMIT = 20_000;
/**
 * The hidden first line that identifies our comment for this file and environment. Values are
 * percent-encoded (slashes kept), so no file name can end the HTML comment or spoof another field.
 */
export function commentMarker(subject) {
    const env = subject.environment === undefined ? '' : ` env=${markerValue(subject.environment)}`;
    return `<!-- cognito-groups:plan file=${markerValue(subject.file)}${env} -->`;
}
/**
 * The comment: marker, the Markdown, and a footer naming the file, environment and commit, so a
 * reviewer can tell which push it shows. Cut at a line to stay within GitHub's limit (the CLI keeps
 * its Markdown to 65,000 characters; the marker and footer take some of the rest).
 */
export function commentBody(subject, markdown) {
    const marker = commentMarker(subject);
    const env = subject.environment === undefined ? '' : ` · environment ${shownValue(subject.environment)}`;
    const commit = subject.headSha === undefined ? '' : ` · commit ${subject.headSha}`;
    const run = subject.runUrl === undefined ? '' : ` · [workflow run](${subject.runUrl})`;
    const footer = `<sub>cognito-groups · ${shownValue(subject.file)}${env}${commit}${run} · updated on every push</sub>`;
    const room = COMMENT_BODY_LIMIT - marker.length - footer.length - 3;
    const text = markdown.trimEnd();
    const fitted = text.length <= room ? text : mdCutLines(text, room, (n) => `\n> [!NOTE]\n> ${n} more line(s) are left out to stay under GitHub's comment limit; the job log has everything.`);
    return `${marker}\n${fitted}\n\n${footer}`;
}
/** A command's failure as Markdown (for the comment and the job summary): what failed and the CLI's error lines. */
export function failureMarkdown(command, subject, how, stderr) {
    const env = subject.environment === undefined ? '' : ` (environment ${shownValue(subject.environment)})`;
    const next = command === 'plan' ? ' There is no plan to review: fix the error and push again, and this comment will show the plan.' : '';
    return `### ❌ cognito-groups ${command} failed\n\n\`cognito-groups ${command}\` of ${shownValue(subject.file)}${env} failed (${how}).${next}\n\n${mdFence(errorText(stderr), 'text')}\n`;
}
/**
 * The CLI's error lines from its stderr, safe to quote: escape sequences and control characters
 * removed, @mentions broken (so quoting an error never pings anyone), bounded in length. From the
 * first `error:` line on when there is one (progress and warnings before it are in the log).
 */
export function errorText(stderr) {
    const lines = plainText(stderr).split('\n');
    const first = lines.findIndex((l) => /^(internal )?error:/.test(l));
    const picked = (first === -1 ? lines.slice(-40) : lines.slice(first)).join('\n').trim();
    const text = picked === '' ? '(the CLI printed no error message; see the job log)' : picked;
    const bounded = text.length <= ERROR_TEXT_LIMIT ? text : `${text.slice(0, ERROR_TEXT_LIMIT)}\n... (${text.length - ERROR_TEXT_LIMIT} more characters in the job log)`;
    return noMentions(bounded);
}
/** Text with every @mention broken by a zero-width space, so quoting it never notifies anyone. */
function noMentions(text) {
    return text.replace(/@(?=[A-Za-z0-9_])/g, '@\u200b');
}
/** Text without terminal escape sequences, with CRLF and lone CR made newlines, and no other control characters but tabs. */
function plainText(text) {
    return text
        .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '') // CSI: colours, cursor moves, line erases
        .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '') // OSC: titles, hyperlinks
        .replace(/\u001b[@-_]/g, '')
        .replace(/\r\n?/g, '\n')
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/g, '');
}
/** A file name or environment as the comment shows it: code, with no live mention. */
function shownValue(value) {
    return mdCode(noMentions(value), 'prose');
}
function markerValue(value) {
    return encodeURIComponent(value).replace(/%2F/gi, '/');
}
