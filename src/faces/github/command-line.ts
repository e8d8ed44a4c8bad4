import { assertNever } from '../../core/errors.js';
import type { ActionInputs } from './inputs.js';

/**
 * The CLI's arguments for the inputs, as an array for a child process (never a shell command line).
 * The action's own flags come first and the user's `args` last; inputs.ts refuses `args` that would
 * override them.
 */
export function cliArguments(inputs: ActionInputs): string[] {
  const env = inputs.environment === undefined ? [] : ['--env', inputs.environment];
  switch (inputs.command) {
    case 'plan':
      // The CLI writes the job summary itself: the full plan, with room for far more than a comment.
      return ['plan', '-f', inputs.file, '--out', inputs.planFile, '--format', 'markdown', '--detailed-exitcode', '--github-step-summary', ...env, ...inputs.args];
    case 'apply':
      return ['apply', inputs.planFile, '-f', inputs.file, '--format', 'markdown', ...env, ...inputs.args];
    case 'drift':
      return ['drift', '-f', inputs.file, '--format', 'markdown', ...env, ...inputs.args];
    default:
      return assertNever(inputs.command);
  }
}
