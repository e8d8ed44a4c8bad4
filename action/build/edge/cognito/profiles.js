// The AWS profiles the SDK can see, so a misspelt --profile is named as such rather than surfacing
// later as "no credentials found".
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
/** The shared config and credentials files the SDK reads, as the environment names them. */
export function sharedFiles(env) {
    const home = env.HOME ?? env.USERPROFILE ?? homedir();
    return {
        config: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
        credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
    };
}
/** Profile names defined in the shared files (`[profile x]` or `[default]` in config, `[x]` in credentials); missing files define none. */
export async function profileNames(env) {
    const files = sharedFiles(env);
    const names = new Set();
    const read = (path) => readFile(path, 'utf8').catch(() => '');
    const [config, credentials] = await Promise.all([read(files.config), read(files.credentials)]);
    for (const m of config.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/gm))
        if (m[1] !== undefined && !m[0].includes('sso-session'))
            names.add(m[1]);
    for (const m of credentials.matchAll(/^\s*\[\s*([^\]\s]+)\s*\]/gm))
        if (m[1] !== undefined)
            names.add(m[1]);
    return names;
}
