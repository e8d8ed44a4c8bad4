// Who this run is, as a lease records it: what a second run (or a person) needs to find the holder.
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
/** This process as a lease holder: a fresh lock id, the host, the user and the CI run it belongs to. */
export function holderOf(given = {}, env = process.env) {
    const ci = given.ci ?? ciRunUrl(env);
    return {
        id: given.id ?? randomUUID(),
        host: given.host ?? safe(() => hostname(), 'unknown-host'),
        user: given.user ?? safe(() => userInfo().username, env.USER ?? env.USERNAME ?? 'unknown-user'),
        ...(ci === undefined ? {} : { ci }),
        version: given.version ?? 'library',
        ...(given.plan === undefined ? {} : { plan: given.plan }),
    };
}
/** The URL of the CI run this process belongs to, when the CI says (GitHub Actions, GitLab, Jenkins, Buildkite, CircleCI). */
export function ciRunUrl(env) {
    const set = (k) => (env[k] === undefined || env[k] === '' ? undefined : env[k]);
    const server = set('GITHUB_SERVER_URL');
    const repo = set('GITHUB_REPOSITORY');
    const run = set('GITHUB_RUN_ID');
    if (server !== undefined && repo !== undefined && run !== undefined) {
        const attempt = set('GITHUB_RUN_ATTEMPT');
        return `${server}/${repo}/actions/runs/${run}${attempt === undefined ? '' : `/attempts/${attempt}`}`;
    }
    return set('CI_JOB_URL') ?? set('BUILD_URL') ?? set('BUILDKITE_BUILD_URL') ?? set('CIRCLE_BUILD_URL');
}
function safe(get, fallback) {
    try {
        const v = get();
        return v === '' ? fallback : v;
    }
    catch {
        return fallback;
    }
}
