// One GitHub issue per groups file and environment that tracks drift: opened when drift appears,
// updated in place while it lasts, commented when what differs changes, closed with a comment when
// the pools match the file again, and reopened if it comes back. Found by the hidden marker on the
// first line of its body, written by the token's user (or, for a token without one, a bot), so a
// person quoting the marker never gets their issue taken over.
import { assertNever } from '../../core/errors.js';
import { changedComment, closedComment, driftIssueBody, driftIssueMarker, driftIssueTitle, fingerprintOf, reopenedComment, driftFingerprint } from './drift-issue-body.js';
/** Opens, updates, reopens or closes the drift issue of `subject` for what the check found. */
export async function keepDriftIssue(port, subject, seen, labels) {
    const marker = driftIssueMarker(subject);
    const marked = (await port.list(labels)).filter((i) => firstLine(i.body) === marker);
    const login = marked.length === 0 ? undefined : await port.tokenLogin();
    const ours = marked.filter((i) => (login === undefined ? i.author?.type === 'Bot' : i.author?.login === login));
    // An open one first; otherwise the newest closed one is reopened rather than a new one made.
    const issue = ours.find((i) => i.state === 'open') ?? ours[0];
    if (seen.kind === 'in-sync') {
        if (issue === undefined || issue.state === 'closed')
            return { kind: 'none' };
        await port.comment(issue.number, closedComment(subject.runUrl));
        await port.update(issue.number, { body: driftIssueBody(subject, seen.markdown), state: 'closed' });
        return { kind: 'closed', number: issue.number };
    }
    const body = driftIssueBody(subject, seen.markdown);
    if (issue === undefined)
        return { kind: 'opened', number: await port.create(driftIssueTitle(subject), body, labels) };
    if (issue.state === 'closed') {
        await port.update(issue.number, { body, state: 'open' });
        await port.comment(issue.number, reopenedComment(seen.markdown, subject.runUrl));
        return { kind: 'reopened', number: issue.number };
    }
    if (normalise(issue.body) === body)
        return { kind: 'unchanged', number: issue.number };
    await port.update(issue.number, { body });
    const changed = fingerprintOf(issue.body) !== driftFingerprint(seen.markdown);
    if (changed)
        await port.comment(issue.number, changedComment(seen.markdown, subject.runUrl));
    return { kind: 'updated', number: issue.number, commented: changed };
}
/** What happened, for the step's log. */
export function describeDriftIssue(result) {
    switch (result.kind) {
        case 'opened':
            return `Opened drift issue #${result.number}.`;
        case 'updated':
            return `Updated drift issue #${result.number}${result.commented ? ' and commented: the drift changed' : ''}.`;
        case 'unchanged':
            return `Drift issue #${result.number} already shows this drift.`;
        case 'reopened':
            return `Reopened drift issue #${result.number}: the drift is back.`;
        case 'closed':
            return `Closed drift issue #${result.number}: the pools match the file again.`;
        case 'none':
            return 'In sync: no drift issue to open or close.';
        default:
            return assertNever(result);
    }
}
function firstLine(body) {
    const end = body.indexOf('\n');
    return (end === -1 ? body : body.slice(0, end)).trimEnd();
}
/** GitHub may store a body with CRLF line ends. */
function normalise(body) {
    return body.replace(/\r\n/g, '\n');
}
