import { CgError, messageOf } from '../../core/errors.js';
import { field } from './json-field.js';
/** The default REST endpoint; GitHub Enterprise Server runners set GITHUB_API_URL to theirs. */
export const DEFAULT_API_URL = 'https://api.github.com';
/** A request to the GitHub API that failed: no response, or a status outside 2xx. Never swallowed: it fails the step. */
export class GitHubApiError extends CgError {
    method;
    /** The path under the API URL, with its query. */
    path;
    /** The HTTP status; undefined when no response came. */
    status;
    constructor(method, path, status, message, options = {}) {
        super('GITHUB_API', message, options.cause === undefined ? {} : { cause: options.cause });
        this.name = 'GitHubApiError';
        this.method = method;
        this.path = path;
        this.status = status;
    }
}
/** What a request may add to the error line for a status: how to fix the usual causes. */
const HINTS = {
    401: 'the github-token input is not a valid token',
    403: 'the token may lack `pull-requests: write` (add it to the job\'s permissions; pull requests from forks get a read-only token, so use comment: never for them)',
    404: 'the repository or pull request is not visible to this token',
};
/** How long one request may take before it counts as no response. */
const REQUEST_TIMEOUT_MS = 30_000;
/** A minimal client of GitHub's REST API over Node's fetch: JSON in and out, one error line per failure. */
export class GitHubApi {
    token;
    fetchImpl;
    base;
    constructor(apiUrl, token, fetchImpl = fetch) {
        this.token = token;
        this.fetchImpl = fetchImpl;
        this.base = apiUrl.replace(/\/+$/, '');
    }
    /**
     * One request; statuses outside 2xx throw unless listed in `accept`. `target` is a path under the API
     * URL or a URL from a `Link` header, which must stay under the API URL, so the token is never sent
     * elsewhere.
     */
    async request(method, target, body, accept = []) {
        const path = target.startsWith('/') ? target : this.pathOf(target);
        let response;
        let text;
        try {
            response = await this.fetchImpl(`${this.base}${path}`, {
                method,
                headers: {
                    accept: 'application/vnd.github+json',
                    authorization: `Bearer ${this.token}`,
                    'user-agent': 'cognito-groups-action',
                    'x-github-api-version': '2022-11-28',
                    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                },
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
                signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            });
            text = await response.text();
        }
        catch (err) {
            throw new GitHubApiError(method, path, undefined, `GitHub API ${method} ${path}: no response (${causeOf(err)})`, { cause: err });
        }
        const json = parseJson(text);
        const ok = (response.status >= 200 && response.status < 300) || accept.includes(response.status);
        if (!ok) {
            const message = oneLine(field(json, 'message'));
            const hint = HINTS[response.status];
            throw new GitHubApiError(method, path, response.status, `GitHub API ${method} ${path}: ${response.status} ${response.statusText}`.trimEnd() + (message === '' ? '' : `: ${message}`) + (hint === undefined ? '' : ` (${hint})`));
        }
        if (json === undefined && text.trim() !== '') {
            throw new GitHubApiError(method, path, response.status, `GitHub API ${method} ${path}: ${response.status}, but the response is not JSON`);
        }
        return { status: response.status, json, next: nextLink(response.headers.get('link')) };
    }
    /** Every item of a paged list: `per_page=100`, following `Link: rel="next"` to the last page. */
    async list(path) {
        const items = [];
        const seen = new Set();
        let target = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
        while (target !== undefined) {
            // A server that links a page to itself would otherwise loop for ever.
            if (seen.has(target))
                throw new GitHubApiError('GET', target, undefined, `GitHub API GET ${path}: the pages link back to ${target}`);
            seen.add(target);
            const page = await this.request('GET', target);
            if (!Array.isArray(page.json))
                throw new GitHubApiError('GET', target, page.status, `GitHub API GET ${target}: expected a list, got ${typeof page.json}`);
            items.push(...page.json);
            target = page.next;
        }
        return items;
    }
    pathOf(url) {
        if (!url.startsWith(`${this.base}/`)) {
            throw new GitHubApiError('GET', url, undefined, `GitHub API: refusing to follow a link outside ${this.base}: ${url}`);
        }
        return url.slice(this.base.length);
    }
}
/** The `rel="next"` URL of a Link header. */
export function nextLink(header) {
    if (header === null)
        return undefined;
    for (const part of header.split(',')) {
        const match = /<([^>]*)>(.*)/.exec(part);
        const rel = /;\s*rel="?([^";]*)"?/i.exec(match?.[2] ?? '')?.[1] ?? '';
        if (match !== null && rel.split(/\s+/).includes('next'))
            return match[1];
    }
    return undefined;
}
function parseJson(text) {
    if (text.trim() === '')
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** GitHub's message on one line and of bounded length, for an error line. */
function oneLine(value) {
    if (typeof value !== 'string')
        return '';
    const flat = value.replace(/\s+/g, ' ').trim();
    return flat.length > 300 ? `${flat.slice(0, 300)}...` : flat;
}
/** The most telling reason fetch gives for getting no response. */
function causeOf(err) {
    if (err instanceof Error && err.name === 'TimeoutError')
        return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
    const cause = err instanceof Error ? err.cause : undefined;
    const parts = [cause?.code, cause?.message, messageOf(err)].filter((p) => typeof p === 'string' && p !== '');
    return [...new Set(parts)].join(': ');
}
