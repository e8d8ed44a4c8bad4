import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { CgError } from '../../core/errors.js';
/** The outputs action.yml declares. */
export const OUTPUT_NAMES = ['exit-code', 'has-changes', 'plan-file'];
/**
 * Step outputs in the `$GITHUB_OUTPUT` file format: `name<<DELIMITER`, the value, the delimiter. The
 * delimiter is random, and checked against the value, so no value can end its entry early and set
 * another output.
 */
export function formatOutputs(outputs, delimiter = () => `ghadelimiter_${randomUUID()}`) {
    return Object.entries(outputs)
        .map(([name, value]) => {
        const end = delimiter();
        if (name.includes(end) || value.includes(end))
            throw new CgError('INTERNAL', `output ${name}: the value contains its delimiter`);
        return `${name}<<${end}\n${value}\n${end}\n`;
    })
        .join('');
}
/** Appends text to a file GitHub gave the step (`$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY`); nothing when it is unset. */
export async function appendToRunnerFile(env, variable, text) {
    const file = env[variable];
    if (file === undefined || file === '')
        return;
    try {
        await appendFile(file, text);
    }
    catch (err) {
        throw new CgError('USAGE', `cannot write $${variable} (${file}): ${err.code ?? String(err)}`, { cause: err });
    }
}
