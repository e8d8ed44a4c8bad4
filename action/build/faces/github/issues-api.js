// The issues REST API of one repository, as the drift issue uses it. A 403 or 404 means the token may
// not write issues: said in one line naming the permission.
import { GitHubApiError } from './github-api.js';
import { field } from './json-field.js';
/** The hint for a token that may not write issues. */
export const ISSUES_HINT = 'the token lacks `issues: write`: add it to the job\'s permissions, or set drift-issue: false';
/** The issues port over the REST API of `owner/repo`. */
export function repositoryIssues(api, repository) {
    const [owner = '', name = ''] = repository.split('/');
    const repo = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
    return {
        list: async (labels) => {
            const path = `${repo}/issues?state=all${labels.length === 0 ? '' : `&labels=${labels.map(encodeURIComponent).join(',')}`}`;
            return (await withHint(() => api.list(path))).filter((item) => field(item, 'pull_request') === undefined).map((item) => issueOf(item, path));
        },
        create: async (title, body, labels) => {
            const response = await withHint(() => api.request('POST', `${repo}/issues`, { title, body, ...(labels.length === 0 ? {} : { labels: [...labels] }) }));
            const number = field(response.json, 'number');
            if (typeof number !== 'number')
                throw new GitHubApiError('POST', `${repo}/issues`, response.status, `GitHub API POST ${repo}/issues: the answer names no issue number`);
            return number;
        },
        update: async (number, change) => {
            await withHint(() => api.request('PATCH', `${repo}/issues/${number}`, { ...change, ...(change.state === 'closed' ? { state_reason: 'completed' } : {}) }));
        },
        comment: async (number, body) => {
            await withHint(() => api.request('POST', `${repo}/issues/${number}/comments`, { body }));
        },
        tokenLogin: async () => {
            const response = await api.request('GET', '/user', undefined, [401, 403]);
            const login = field(response.json, 'login');
            return response.status === 200 && typeof login === 'string' ? login : undefined;
        },
    };
}
/** A 403 (or a 404, which GitHub answers for a write it hides) names the permission instead of the pull-request hint. */
async function withHint(call) {
    try {
        return await call();
    }
    catch (err) {
        if (err instanceof GitHubApiError && (err.status === 403 || err.status === 404)) {
            // The client's own hint (about pull requests) is the message's last part: replaced by this one.
            const said = err.message.replace(/ \((the token may lack|the repository or pull request is not visible).*$/, '');
            throw new GitHubApiError(err.method, err.path, err.status, `${said} (${ISSUES_HINT})`, { cause: err });
        }
        throw err;
    }
}
function issueOf(item, path) {
    const number = field(item, 'number');
    if (typeof number !== 'number')
        throw new GitHubApiError('GET', path, 200, `GitHub API GET ${path}: an issue without a number`);
    const body = field(item, 'body');
    const state = field(item, 'state');
    const user = field(item, 'user');
    const login = field(user, 'login');
    const type = field(user, 'type');
    return {
        number,
        body: typeof body === 'string' ? body : '',
        state: state === 'closed' ? 'closed' : 'open',
        author: typeof login === 'string' && typeof type === 'string' ? { login, type } : undefined,
    };
}
