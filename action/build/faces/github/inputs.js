import { CgError } from '../../core/errors.js';
/** The inputs action.yml declares, as a workflow's `with:` names them. */
export const INPUT_NAMES = ['command', 'file', 'environment', 'plan-file', 'args', 'github-token', 'comment', 'fail-on-drift', 'drift-issue', 'drift-issue-labels', 'working-directory'];
/**
 * Defaults for an input left empty. action.yml declares the same ones (a test compares them); they are
 * repeated here so the script behaves the same when run on its own, as the tests do.
 */
export const INPUT_DEFAULTS = {
    file: 'groups.yaml',
    'plan-file': 'cognito-groups-plan.json',
    comment: 'on-changes',
    'fail-on-drift': 'true',
    'drift-issue': 'true',
    'drift-issue-labels': 'cognito-groups-drift',
    'working-directory': '.',
};
/** Flags the action sets itself; given again in `args` they would silently change what it reads back. */
const OWNED_FLAGS = [
    { pattern: /^(-f|--file(=|$))/, use: 'the `file` input' },
    { pattern: /^--out(=|$)/, use: 'the `plan-file` input' },
    { pattern: /^--env(=|$)/, use: 'the `environment` input' },
    { pattern: /^--format(=|$)/, use: 'nothing: the action reads the Markdown format' },
    { pattern: /^--detailed-exitcode$/, use: 'nothing: the action always passes it to plan' },
    { pattern: /^--github-step-summary$/, use: 'nothing: the action writes the job summary itself' },
];
/** The environment variable GitHub sets for an input: `INPUT_` and the name upper-cased, dashes kept. */
export function inputVariable(name) {
    return `INPUT_${name.toUpperCase()}`;
}
/** Reads and checks the inputs from `INPUT_*` variables; every problem is reported at once. */
export function readInputs(env) {
    const raw = (name) => {
        const value = (env[inputVariable(name)] ?? '').trim();
        return value === '' ? (INPUT_DEFAULTS[name] ?? '') : value;
    };
    const problems = [];
    const oneOf = (name, allowed) => {
        const value = raw(name);
        if (allowed.includes(value))
            return value;
        problems.push(`${name}: ${value === '' ? 'required' : `${JSON.stringify(value)} is not allowed`}; expected one of ${allowed.join(', ')}`);
        return undefined;
    };
    const command = oneOf('command', ['plan', 'apply', 'drift']);
    const comment = oneOf('comment', ['on-changes', 'always', 'never']);
    const failOnDrift = oneOf('fail-on-drift', ['true', 'false']);
    const driftIssue = oneOf('drift-issue', ['true', 'false']);
    const driftIssueLabels = raw('drift-issue-labels').split(',').map((l) => l.trim()).filter((l) => l !== '');
    for (const label of driftIssueLabels)
        if (label.length > 50)
            problems.push(`drift-issue-labels: ${JSON.stringify(label)} is longer than GitHub's 50 characters`);
    const args = raw('args').split(/\s+/).filter((a) => a !== '');
    for (const arg of args) {
        const owned = OWNED_FLAGS.find((f) => f.pattern.test(arg));
        if (owned !== undefined)
            problems.push(`args: ${JSON.stringify(arg)} is set by the action; use ${owned.use}`);
    }
    const environment = raw('environment');
    if (environment.startsWith('-'))
        problems.push(`environment: ${JSON.stringify(environment)} must not start with "-"`);
    for (const name of ['file', 'plan-file']) {
        if (raw(name).startsWith('-'))
            problems.push(`${name}: ${JSON.stringify(raw(name))} must not start with "-"; write ./${raw(name)}`);
    }
    if (command === undefined || comment === undefined || failOnDrift === undefined || driftIssue === undefined || problems.length > 0) {
        throw new CgError('USAGE', `invalid action input${problems.length === 1 ? '' : 's'}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, { details: problems });
    }
    return {
        command,
        file: raw('file'),
        environment: environment === '' ? undefined : environment,
        planFile: raw('plan-file'),
        args,
        githubToken: raw('github-token'),
        comment,
        failOnDrift: failOnDrift === 'true',
        driftIssue: driftIssue === 'true',
        driftIssueLabels,
        workingDirectory: raw('working-directory'),
    };
}
