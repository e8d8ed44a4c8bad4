import { assertNever } from '../../core/errors.js';
/**
 * plan: 0 and 2 succeed (2 means changes to review). apply: only 0 succeeds. drift: 2 fails unless
 * `failOnDrift` is false, since failing is how a scheduled job reports drift.
 */
export function outcomeOf(command, exitCode, failOnDrift) {
    const failed = `cognito-groups ${command} failed (exit ${exitCode})`;
    switch (command) {
        case 'plan':
            return { exitCode, hasChanges: exitCode === 2, failure: exitCode === 0 || exitCode === 2 ? undefined : failed };
        case 'apply':
            return { exitCode, hasChanges: false, failure: exitCode === 0 ? undefined : failed };
        case 'drift':
            if (exitCode === 2)
                return { exitCode, hasChanges: true, failure: failOnDrift ? 'cognito-groups drift: the pools differ from the file (exit 2)' : undefined };
            return { exitCode, hasChanges: false, failure: exitCode === 0 ? undefined : failed };
        default:
            return assertNever(command);
    }
}
