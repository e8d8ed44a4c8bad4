import { assertNever } from '../../core/errors.js';
/**
 * The CLI's arguments for the inputs, as an array for a child process (never a shell command line).
 * The action's own flags come first and the user's `args` last; inputs.ts refuses `args` that would
 * override them.
 */
export function cliArguments(inputs) {
    const env = inputs.environment === undefined ? [] : ['--env', inputs.environment];
    switch (inputs.command) {
        case 'plan':
            return ['plan', '-f', inputs.file, '--out', inputs.planFile, '--format', 'markdown', '--detailed-exitcode', ...env, ...inputs.args];
        case 'apply':
            return ['apply', inputs.planFile, '-f', inputs.file, '--format', 'markdown', ...env, ...inputs.args];
        case 'drift':
            return ['drift', '-f', inputs.file, '--format', 'markdown', ...env, ...inputs.args];
        default:
            return assertNever(inputs.command);
    }
}
