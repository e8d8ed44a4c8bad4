import { GitHubApiError } from './github-api.js';
import { field } from './json-field.js';
/** The issue-comments REST API of one pull request, as the sticky comment uses it. */
export function issueComments(api, pr) {
    const repo = `/repos/${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}`;
    return {
        list: async () => {
            const path = `${repo}/issues/${pr.number}/comments`;
            return (await api.list(path)).map((item) => commentOf(item, path));
        },
        create: async (body) => {
            await api.request('POST', `${repo}/issues/${pr.number}/comments`, { body });
        },
        update: async (id, body) => {
            await api.request('PATCH', `${repo}/issues/comments/${id}`, { body });
        },
        tokenLogin: async () => {
            // An installation token (the default github.token) has no user: GitHub answers 403 (or 401).
            const response = await api.request('GET', '/user', undefined, [401, 403]);
            const login = field(response.json, 'login');
            return response.status === 200 && typeof login === 'string' ? login : undefined;
        },
    };
}
function commentOf(item, path) {
    const id = field(item, 'id');
    if (typeof id !== 'number')
        throw new GitHubApiError('GET', path, 200, `GitHub API GET ${path}: a comment without an id`);
    const body = field(item, 'body');
    const user = field(item, 'user');
    const login = field(user, 'login');
    const type = field(user, 'type');
    return {
        id,
        body: typeof body === 'string' ? body : '',
        author: typeof login === 'string' && typeof type === 'string' ? { login, type } : undefined,
    };
}
