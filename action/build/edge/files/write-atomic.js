// The one way this project replaces a file: whole or not at all, and never by destroying something
// that is not a regular file of ours (a device, a directory, a FIFO, a link, a read-only file).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CgError, messageOf } from '../../core/errors.js';
/**
 * Replaces `file` with `text` so that a reader or a crash sees either the old or the new content,
 * never a mix: the text goes to a new file created exclusively, with an unpredictable name, beside
 * the target; it is flushed to disk, then renamed over the target, and the directory is synced.
 * An existing target must be a writable regular file (its mode is kept).
 */
export async function writeFileAtomic(file, text, options) {
    const fail = failure(file, options);
    const { target, mode } = await writableTarget(file, options);
    const dir = dirname(target);
    const temp = join(dir, `.${basename(target)}.${randomBytes(12).toString('hex')}.tmp`);
    try {
        // O_EXCL: never opens a file (or a link) someone placed at the temporary name.
        const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode ?? 0o666);
        try {
            await fh.writeFile(text, 'utf8');
            if (mode !== undefined)
                await fh.chmod(mode);
            await fh.sync();
        }
        finally {
            await fh.close();
        }
        await rename(temp, target);
    }
    catch (err) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw fail(errnoOf(err), err);
    }
    // Makes the rename itself durable; not every platform lets a directory be opened, hence best effort.
    try {
        const d = await open(dir, 'r');
        try {
            await d.sync();
        }
        finally {
            await d.close();
        }
    }
    catch {
        /* best effort */
    }
}
/**
 * Checks, without writing, that writeFileAtomic could replace `file`: refuses what it would refuse
 * (a link, a device, a directory, a read-only file, a missing directory), so a run can fail before
 * doing any work.
 */
export async function checkWritable(file, options) {
    await writableTarget(file, options);
}
/** The file to replace (a link's target when links are followed) and the mode to keep, or the refusal. */
async function writableTarget(file, options) {
    const fail = failure(file, options);
    let target = file;
    let mode;
    const existing = await lstatOrUndefined(file).catch((err) => {
        throw fail(errnoOf(err), err);
    });
    if (existing?.isSymbolicLink() === true) {
        if (options.symlinks === 'refuse')
            throw fail('it is a symbolic link; name the file itself');
        try {
            target = await realpath(file);
        }
        catch (err) {
            throw fail(`it is a symbolic link to nothing that exists (${errnoOf(err)})`, err);
        }
    }
    const real = target === file ? existing : await lstatOrUndefined(target).catch(() => undefined);
    if (real !== undefined) {
        if (!real.isFile())
            throw fail(`it exists and is not a regular file (${kindOf(real)})`);
        if ((real.mode & 0o222) === 0)
            throw fail('it is read-only');
        mode = real.mode & 0o7777;
    }
    const dir = dirname(target);
    if (options.createDirectory === true) {
        await mkdir(dir, { recursive: true }).catch((err) => {
            throw fail(errnoOf(err), err);
        });
    }
    else {
        const d = await stat(dir).catch(() => undefined);
        if (d === undefined)
            throw fail(`the directory ${dir} does not exist`);
        if (!d.isDirectory())
            throw fail(`${dir} is not a directory`);
    }
    return { target, mode };
}
function failure(file, options) {
    return (why, cause) => new CgError(options.code ?? 'USAGE', `${options.shownAs ?? file}: cannot write (${why})${options.hint === undefined ? '' : `; ${options.hint}`}`, cause === undefined ? {} : { cause });
}
/** Whether two paths name the same existing file (after links); false when either does not exist. */
export async function sameFile(a, b) {
    const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
    return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}
async function lstatOrUndefined(path) {
    try {
        return await lstat(path);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
}
function kindOf(s) {
    if (s.isDirectory())
        return 'a directory';
    if (s.isCharacterDevice() || s.isBlockDevice())
        return 'a device';
    if (s.isFIFO())
        return 'a FIFO';
    if (s.isSocket())
        return 'a socket';
    return 'not a regular file';
}
function errnoOf(err) {
    return err.code ?? messageOf(err);
}
