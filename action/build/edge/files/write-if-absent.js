import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
/**
 * Creates `file` with `text` unless something is already there (a file, a directory, a link, even a
 * dangling one): whatever is there is left exactly as it was. True when the file was written.
 */
export async function writeFileIfAbsent(file, text) {
    let fh;
    try {
        // O_EXCL: fails on anything at the path, and never follows a link placed there.
        fh = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    }
    catch (err) {
        if (err.code === 'EEXIST')
            return false;
        throw err;
    }
    try {
        await fh.writeFile(text, 'utf8');
    }
    finally {
        await fh.close();
    }
    return true;
}
