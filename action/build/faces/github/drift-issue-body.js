// The words of the drift issue: its hidden marker (one issue per groups file and environment), title,
// body (the drift report's Markdown, with a fingerprint of what differs), and the comments when the
// drift changes, comes back or ends. The report's Markdown is escaped by its renderer; the file and
// environment names are escaped here.
import { createHash } from 'node:crypto';
import { mdCode, mdCutLines } from '../render/markdown-escape.js';
/** The longest issue body GitHub takes. */
export const ISSUE_BODY_LIMIT = 65_536;
/** The first line of the issue body: what finds it again. */
export function driftIssueMarker(subject) {
    const env = subject.environment === undefined ? '' : ` env=${markerValue(subject.environment)}`;
    return `<!-- cognito-groups:drift file=${markerValue(subject.file)}${env} -->`;
}
/** The issue's title: plain text, so only control characters are taken out. */
export function driftIssueTitle(subject) {
    const plain = (s) => s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu, '');
    return `cognito-groups drift: ${plain(subject.file)}${subject.environment === undefined ? '' : ` (${plain(subject.environment)})`}`.slice(0, 250);
}
/**
 * What differs, for telling a changed drift from the same one: the report's rows that are drift
 * (not acknowledged ones, whose days left change daily) with who-made-it notes taken out, since
 * "no record yet" turning into a name is not a new difference.
 */
export function driftFingerprint(markdown) {
    const rows = markdown
        .split('\n')
        .filter((l) => /^\| (drifted|missing|to delete|held|provider) \|/.test(l))
        .map((l) => l.replace(/<br>\*[^|]*?\*(?=<br>| \|$)/g, ''));
    return createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16);
}
/** The fingerprint an issue body carries, if any. */
export function fingerprintOf(body) {
    return /^<!-- cognito-groups:drift-state ([0-9a-f]{16}) -->$/m.exec(body)?.[1];
}
/** The issue body: marker, fingerprint, the report cut to fit, and where it was checked. */
export function driftIssueBody(subject, markdown) {
    const marker = driftIssueMarker(subject);
    const state = `<!-- cognito-groups:drift-state ${driftFingerprint(markdown)} -->`;
    const footer = `<sub>Kept by the cognito-groups action for ${mdCode(subject.file, 'prose')}${subject.environment === undefined ? '' : ` in environment ${mdCode(subject.environment, 'prose')}`}: updated while the drift lasts, closed when the pools match the file again.${subject.runUrl === undefined ? '' : ` Last checked by [this run](${subject.runUrl}).`}</sub>`;
    const room = ISSUE_BODY_LIMIT - marker.length - state.length - footer.length - 10;
    const report = mdCutLines(markdown.trim(), room, (n) => `\n> [!NOTE]\n> ${n} more line(s) left out to fit an issue; see the run's job summary.`);
    return `${marker}\n${state}\n${report}\n\n${footer}`;
}
/** The bold summary line of a drift report's Markdown (already escaped by its renderer). */
export function summaryOf(markdown) {
    return /^\*\*(.+)\*\*$/m.exec(markdown)?.[1] ?? 'The drift report changed.';
}
/** The comment when the drift differs from what the issue showed. */
export function changedComment(markdown, runUrl) {
    return `The drift changed${runUrl === undefined ? '' : ` ([run](${runUrl}))`}: **${summaryOf(markdown)}** The issue shows the new report.`;
}
/** The comment when drift comes back on a closed issue. */
export function reopenedComment(markdown, runUrl) {
    return `Drift again${runUrl === undefined ? '' : ` ([run](${runUrl}))`}: **${summaryOf(markdown)}** Reopened; the issue shows the new report.`;
}
/** The comment when the pools match the file again. */
export function closedComment(runUrl) {
    return `The pools match the file again${runUrl === undefined ? '' : ` ([run](${runUrl}))`}. Closing.`;
}
function markerValue(value) {
    return encodeURIComponent(value).replace(/%2F/gi, '/');
}
