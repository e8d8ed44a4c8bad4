import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CgError } from '../../core/errors.js';
import { formatDiagnostic } from '../../core/config/diagnostic.js';
import { parseConfig } from '../../core/config/parse.js';
import { dateOf } from '../../core/config/acknowledgements.js';
/**
 * Reads and validates a groups file (as one environment of it, for a file with environments) (a relative path taken from `cwd`; messages name it as given);
 * throws CONFIG_NOT_FOUND or CONFIG_INVALID with every problem as a detail line.
 */
export async function readConfigFile(file, cwd = process.cwd(), options = {}) {
    let text;
    try {
        text = await readFile(resolve(cwd, file), 'utf8');
    }
    catch (err) {
        const code = err.code;
        if (code === 'ENOENT') {
            throw new CgError('CONFIG_NOT_FOUND', `${file}: no such file; pass -f FILE, or start from groups.example.yaml (or \`cognito-groups import\`)`);
        }
        if (code === 'EISDIR')
            throw new CgError('CONFIG_NOT_FOUND', `${file}: is a directory; pass -f with a groups file`);
        throw new CgError('CONFIG_NOT_FOUND', `${file}: cannot be read (${code ?? String(err)})`);
    }
    const result = parseConfig(text, file, { ...(options.env === undefined ? {} : { env: options.env }), today: dateOf(options.now ?? new Date()) });
    if (!result.ok && result.usage !== undefined)
        throw new CgError('USAGE', result.usage);
    if (!result.ok) {
        const n = result.errors.length;
        throw new CgError('CONFIG_INVALID', `${file}: ${n} problem${n === 1 ? '' : 's'} found`, { details: result.errors.map(formatDiagnostic) });
    }
    if (result.environments.length > 0 && options.env === undefined && options.everyEnvironment !== true) {
        throw new CgError('USAGE', `${file} has environments (${result.environments.join(', ')}): pass --env NAME to say which one`);
    }
    return { file, text, config: result.config, warnings: result.warnings, environments: result.environments };
}
