import { CgError } from '../../core/errors.js';
import { describeDriftIssue, keepDriftIssue } from './drift-issue.js';
import { DEFAULT_API_URL, GitHubApi } from './github-api.js';
import { repositoryIssues } from './issues-api.js';
/** Keeps the drift issue of the groups file and environment for what the check found; returns the log line. */
export async function trackDrift(t, subject, drift, markdown) {
    const repository = t.env.GITHUB_REPOSITORY?.trim() ?? '';
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
        throw new CgError('USAGE', 'GITHUB_REPOSITORY is not owner/name, so the drift issue cannot be kept; run in GitHub Actions or set drift-issue: false');
    if (t.token === '')
        throw new CgError('USAGE', 'github-token is empty, so the drift issue cannot be kept; pass one with `issues: write` (the default is github.token) or set drift-issue: false');
    const api = new GitHubApi(t.env.GITHUB_API_URL || DEFAULT_API_URL, t.token, t.fetchImpl);
    const server = t.env.GITHUB_SERVER_URL?.trim() || 'https://github.com';
    const run = t.env.GITHUB_RUN_ID?.trim();
    const runUrl = run !== undefined && /^\d+$/.test(run) ? `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${run}` : undefined;
    const result = await keepDriftIssue(repositoryIssues(api, repository), { file: subject.file, environment: subject.environment, runUrl }, drift ? { kind: 'drift', markdown } : { kind: 'in-sync', markdown }, t.labels);
    return describeDriftIssue(result);
}
