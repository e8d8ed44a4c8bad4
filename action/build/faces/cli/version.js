import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CgError } from '../../core/errors.js';
/** The tool's version, from package.json. */
export const VERSION = packageVersion(dirname(fileURLToPath(import.meta.url)));
/**
 * The version in the package.json of this package, found upwards from `from` (src/faces/cli/ in a checkout,
 * dist/src/faces/cli/ when built or installed). Read, not imported: an imported package.json is copied into
 * dist/, where a second package.json would be a package root of its own.
 */
function packageVersion(from) {
    for (let dir = from;; dir = dirname(dir)) {
        // Looked for before it is read: a failed read builds an error, which costs more than the look.
        const file = join(dir, 'package.json');
        if (existsSync(file)) {
            const pkg = JSON.parse(readFileSync(file, 'utf8'));
            if (pkg.name === 'cognito-groups' && typeof pkg.version === 'string')
                return pkg.version;
        }
        if (dirname(dir) === dir)
            throw new CgError('INTERNAL', `no package.json of cognito-groups above ${from}`);
    }
}
