// Where a reviewer finds the whole plan when the comment is cut: the job summary of the workflow run
// that made it, linked from the variables GitHub Actions sets for every step.
/** The workflow run's address from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID (and GITHUB_RUN_ATTEMPT); undefined outside Actions or when one looks wrong. */
export function workflowRunUrl(env) {
    const server = env.GITHUB_SERVER_URL;
    const repo = env.GITHUB_REPOSITORY;
    const run = env.GITHUB_RUN_ID;
    const attempt = env.GITHUB_RUN_ATTEMPT;
    if (server === undefined || repo === undefined || run === undefined)
        return undefined;
    // Checked strictly, as the address goes into a Markdown link: no spaces, brackets or quotes.
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:[0-9]+)?(\/[A-Za-z0-9._~-]+)*\/?$/.test(server) || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo) || !/^[0-9]+$/.test(run))
        return undefined;
    const base = `${server.replace(/\/$/, '')}/${repo}/actions/runs/${run}`;
    return attempt !== undefined && /^[0-9]+$/.test(attempt) && attempt !== '1' ? `${base}/attempts/${attempt}` : base;
}
/** Where the full plan is when this run writes it to the job summary, as Markdown: `the job summary of [this workflow run](…)`. */
export function jobSummaryWhere(env) {
    const url = workflowRunUrl(env);
    return url === undefined ? 'the job summary of this workflow run' : `the job summary of [this workflow run](${url})`;
}
