import { parseConfig } from '../../../core/config/parse.js';
import { readConfigFile } from '../../../edge/files/read-config.js';
import { printWarnings } from '../warnings.js';
/**
 * Offline checks only: exit 0 when the file is valid (problems are thrown as CONFIG_INVALID). A file
 * with environments is checked in every environment unless --env names one.
 */
export async function validateCommand(io, flags) {
    const loaded = await readConfigFile(flags.file, io.cwd, { ...(flags.env === undefined ? {} : { env: flags.env }), everyEnvironment: true });
    printWarnings(io, loaded.warnings);
    if (loaded.environments.length === 0 || flags.env !== undefined) {
        io.out(`${flags.file}: valid${flags.env === undefined ? '' : ` in environment ${flags.env}`} (${sizeOf(loaded.config)}).\n`);
        return 0;
    }
    // Valid in every environment: say what each one holds.
    const each = loaded.environments.map((env) => {
        const one = parseConfig(loaded.text, flags.file, { env });
        return one.ok ? `${env}: ${sizeOf(one.config)}` : env;
    });
    io.out(`${flags.file}: valid in every environment (${each.join('; ')}).\n`);
    return 0;
}
function sizeOf(config) {
    const groups = config.userPools.reduce((n, p) => n + p.groups.length, 0);
    const pools = config.userPools.length;
    return `${pools} user pool${pools === 1 ? '' : 's'}, ${groups} group${groups === 1 ? '' : 's'}`;
}
