// One emulator per state file. Each emulator keeps its state in memory and rewrites the whole file,
// so two on one file would each overwrite the other's changes (two `--local` runs, or `--local`
// beside `cognito-groups emulator --state`). An emulator therefore holds a lock file beside the real
// state file (links followed) for its whole life: created with O_EXCL, holding the owner's pid, the
// kernel's start time of that process where it can be read (so a recycled pid is not mistaken for
// the owner) and a random token (so only the owner removes it). A lock whose owner is gone (killed
// with SIGKILL, say) is taken over; a live owner is an error naming its pid.
import { randomBytes } from 'node:crypto';
import { constants, readFileSync, unlinkSync } from 'node:fs';
import { link, lstat, mkdir, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CgError } from '../core/errors.js';
/** How long a lock file may stay empty or unreadable (its owner between creating and writing it) before it counts as abandoned. */
const UNWRITTEN_GRACE_MS = 2_000;
/** Locks held by this process, removed on exit even when close() was never called. */
const held = new Map();
let exitHookInstalled = false;
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    process.once('exit', () => {
        for (const [path, token] of held) {
            try {
                if (ownerToken(readFileSync(path, 'utf8')) === token)
                    unlinkSync(path);
            }
            catch {
                /* nothing more can be done while exiting */
            }
        }
    });
}
function ownerToken(text) {
    return parseOwner(text)?.token;
}
export function parseOwner(text) {
    try {
        const o = JSON.parse(text);
        if (typeof o['pid'] !== 'number' || !Number.isInteger(o['pid']) || typeof o['token'] !== 'string' || typeof o['host'] !== 'string')
            return undefined;
        const started = typeof o['started'] === 'string' ? { started: o['started'] } : {};
        return { pid: o['pid'], host: o['host'], token: o['token'], ...started };
    }
    catch {
        return undefined;
    }
}
/** The start time of a process as the kernel records it, or undefined where that cannot be read. */
function processStartTime(pid) {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return fields[19];
    }
    catch {
        return undefined;
    }
}
/** Whether the owner of a lock may still be running; owners on other hosts cannot be checked, so count as running. */
function ownerAlive(owner) {
    if (owner.host !== hostname())
        return true;
    try {
        process.kill(owner.pid, 0);
    }
    catch (e) {
        // EPERM: the process exists but belongs to someone else.
        if (e.code === 'ESRCH')
            return false;
    }
    const now = processStartTime(owner.pid);
    return owner.started === undefined || now === undefined || now === owner.started;
}
/**
 * The file a state path stands for, links followed; missing directories are created. A link to
 * nothing is refused here, at start, because the state writer (writeFileAtomic) refuses to write
 * through one and would otherwise fail only at the first change.
 */
async function realTarget(path, fail) {
    const st = await lstat(path).catch((e) => {
        if (e.code === 'ENOENT')
            return undefined;
        throw fail(e.code ?? e.message, e);
    });
    if (st?.isSymbolicLink() === true) {
        try {
            return await realpath(path);
        }
        catch (e) {
            throw fail(`it is a symbolic link to nothing that exists (${e.code ?? e.message}); create the file it points to, or name another state file`, e);
        }
    }
    await mkdir(dirname(path), { recursive: true }).catch((e) => {
        throw fail(e.code ?? e.message, e);
    });
    // The directory may itself be reached through links: name the file by its real directory.
    return join(await realpath(dirname(path)), basename(path));
}
async function readOwner(lockPath) {
    try {
        const [text, st] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
        return { text, owner: parseOwner(text), mtimeMs: st.mtimeMs };
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
}
/**
 * Moves an abandoned lock away, unless it changed since it was judged: the rename is atomic, and if
 * what was moved is not the lock judged abandoned (another process took over meanwhile), it is put
 * back with link(), which never replaces a file.
 */
async function takeOver(lockPath, judged) {
    const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
    try {
        await rename(lockPath, aside);
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return;
        throw e;
    }
    const moved = await readFile(aside, 'utf8').catch(() => judged);
    if (moved !== judged)
        await link(aside, lockPath).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
}
/** Takes the lock of a state file, or throws CgError('EMULATOR_STATE') naming the process holding it. */
export async function lockStateFile(statePath) {
    const fail = (why, cause) => new CgError('EMULATOR_STATE', `${statePath}: cannot lock the state file (${why})`, cause === undefined ? {} : { cause });
    const lockPath = `${await realTarget(statePath, fail)}.lock`;
    const started = processStartTime(process.pid);
    const me = { pid: process.pid, host: hostname(), token: randomBytes(16).toString('hex'), ...(started === undefined ? {} : { started }) };
    const text = `${JSON.stringify(me)}\n`;
    for (let attempt = 0;; attempt++) {
        if (attempt > 200)
            throw fail(`${lockPath} keeps changing; delete it if no emulator uses the state file`);
        try {
            const fh = await open(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
            try {
                await fh.writeFile(text, 'utf8');
            }
            catch (e) {
                // An empty lock would hold others off for UNWRITTEN_GRACE_MS for nothing.
                await unlink(lockPath).catch(() => undefined);
                throw e;
            }
            finally {
                await fh.close();
            }
            break;
        }
        catch (e) {
            if (e.code !== 'EEXIST')
                throw fail(e.code ?? e.message, e);
        }
        const found = await readOwner(lockPath).catch((e) => {
            throw fail(e.code ?? e.message, e);
        });
        if (found === undefined)
            continue;
        if (found.owner === undefined) {
            // Its owner may be between creating and writing it: wait a little before calling it abandoned.
            if (Date.now() - found.mtimeMs < UNWRITTEN_GRACE_MS) {
                await sleep(25);
                continue;
            }
        }
        else if (ownerAlive(found.owner)) {
            const where = found.owner.host === hostname() ? '' : ` on ${found.owner.host}`;
            throw new CgError('EMULATOR_STATE', `${statePath}: state file in use by process ${found.owner.pid}${where}; stop that process (or wait for it to finish) and try again, or use another state file. (If no such process is using it, delete ${lockPath}.)`);
        }
        await takeOver(lockPath, found.text);
    }
    held.set(lockPath, me.token);
    installExitHook();
    let released;
    return {
        path: lockPath,
        release() {
            released ??= (async () => {
                held.delete(lockPath);
                const now = await readFile(lockPath, 'utf8').catch(() => undefined);
                if (now !== undefined && ownerToken(now) === me.token)
                    await unlink(lockPath).catch(() => undefined);
            })();
            return released;
        },
    };
}
