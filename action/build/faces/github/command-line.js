import { assertNever } from '../../core/errors.js';
/**
 * The CLI's arguments for the inputs (`stepSummary`: the job has a summary file, which plan then writes), as an array for a child process (never a shell command line).
 * The action's own flags come first and the user's `args` last; inputs.ts refuses `args` that would
 * override them.
 */
export function cliArguments(inputs, options = {}) {
    const env = inputs.environment === undefined ? [] : ['--env', inputs.environment];
    // With a job summary, plan writes it itself: the full plan, with room for far more than a comment.
    const summary = options.stepSummary === true ? ['--github-step-summary'] : [];
    switch (inputs.command) {
        case 'plan':
            return ['plan', '-f', inputs.file, '--out', inputs.planFile, '--format', 'markdown', '--detailed-exitcode', ...summary, ...env, ...inputs.args];
        case 'apply':
            return ['apply', inputs.planFile, '-f', inputs.file, '--format', 'markdown', ...env, ...inputs.args];
        case 'drift':
            return ['drift', '-f', inputs.file, '--format', 'markdown', ...env, ...inputs.args];
        default:
            return assertNever(inputs.command);
    }
}
