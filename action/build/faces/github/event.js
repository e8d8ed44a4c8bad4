import { readFile } from 'node:fs/promises';
import { CgError, messageOf } from '../../core/errors.js';
import { field } from './json-field.js';
/** Events whose payload names a pull request to comment on. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** The pull request of this run, or undefined when the event is not about one (push, schedule, ...). */
export async function readPullRequest(env) {
    if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? ''))
        return undefined;
    const path = env.GITHUB_EVENT_PATH;
    if (path === undefined || path === '')
        throw new CgError('USAGE', `GITHUB_EVENT_PATH is not set on a ${env.GITHUB_EVENT_NAME} event; cannot tell which pull request to comment on`);
    let payload;
    try {
        payload = JSON.parse(await readFile(path, 'utf8'));
    }
    catch (err) {
        throw new CgError('USAGE', `cannot read the event payload ${path}: ${messageOf(err)}`, { cause: err });
    }
    return { ...repositoryOf(env), ...pullRequestOf(payload, path) };
}
/** The number and head commit in a pull_request payload. */
function pullRequestOf(payload, where) {
    const pr = field(payload, 'pull_request');
    const number = field(pr, 'number') ?? field(payload, 'number');
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
        throw new CgError('USAGE', `the event payload ${where} has no pull request number`);
    }
    const sha = field(field(pr, 'head'), 'sha');
    return { number, headSha: typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined };
}
/** Owner and name from GITHUB_REPOSITORY (`owner/name`). */
function repositoryOf(env) {
    const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(env.GITHUB_REPOSITORY ?? '');
    if (match === null)
        throw new CgError('USAGE', `GITHUB_REPOSITORY ${JSON.stringify(env.GITHUB_REPOSITORY ?? '')} is not owner/name`);
    return { owner: match[1] ?? '', repo: match[2] ?? '' };
}
