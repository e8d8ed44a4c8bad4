import { assertNever } from '../../core/errors.js';
import { commentBody, commentMarker } from './comment-body.js';
import { DEFAULT_API_URL, GitHubApi } from './github-api.js';
import { issueComments } from './issue-comments.js';
import { upsertComment } from './sticky-comment.js';
/**
 * Posts or updates the plan comment and says what it did. A failed plan is always shown; with
 * `on-changes`, a plan without changes only updates a comment already there, so the pull request never
 * keeps showing an outdated plan.
 */
export async function postPlanComment(target, subject, shown, mode) {
    const api = new GitHubApi(target.apiUrl || DEFAULT_API_URL, target.token, target.fetchImpl);
    const createIfMissing = shown.kind === 'failed' || mode === 'always' || shown.hasChanges;
    const result = await upsertComment(issueComments(api, target.pr), commentMarker(subject), commentBody(subject, shown.markdown), createIfMissing);
    return describe(result, target.pr.number);
}
function describe(result, number) {
    switch (result.kind) {
        case 'created':
            return `Commented the plan on pull request #${number}.`;
        case 'updated':
            return `Updated the plan comment ${result.id} on pull request #${number}.`;
        case 'unchanged':
            return `The plan comment ${result.id} on pull request #${number} already shows this plan.`;
        case 'skipped':
            return `No changes: no comment on pull request #${number} (comment: on-changes).`;
        default:
            return assertNever(result);
    }
}
