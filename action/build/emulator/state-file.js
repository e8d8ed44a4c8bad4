// The emulator's state on disk: a versioned JSON document, read once at start and rewritten
// atomically (temp file, fsync, rename, fsync of the directory) after mutations. Concurrent
// mutations share one write (group commit), so thousands of writes per second stay cheap.
// Version 2 added users and memberships, version 3 the CloudTrail events of the emulator's writes;
// version 1 files (groups only) and version 2 files (no events) are still read.
import { readFile } from 'node:fs/promises';
import { CgError } from '../core/errors.js';
import { writeFileAtomic } from '../edge/files/write-atomic.js';
import { MAX_GROUPS_PER_USER } from './members.js';
import { parseIdentityState } from './identity-store.js';
import { foldName } from './order-key.js';
import { newGroupRecord } from './store.js';
import { USER_STATUSES } from './users.js';
import { parseTrailEvents } from './trail-state.js';
/** The version the emulator writes. */
const STATE_FORMAT_VERSION = 3;
/** The versions it reads. */
const READABLE_VERSIONS = [1, 2, 3];
function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
class ShapeError extends Error {
}
function need(ok, value, where, what) {
    if (!ok)
        throw new ShapeError(`${where} must be ${what}`);
    return value;
}
function reqString(o, k, where) {
    const v = o[k];
    return need(typeof v === 'string' && v.length > 0, v, `${where}.${k}`, 'a non-empty string');
}
function optString(o, k, where) {
    const v = o[k];
    return v === undefined ? undefined : need(typeof v === 'string', v, `${where}.${k}`, 'a string');
}
function reqTime(o, k, where) {
    const v = o[k];
    return need(typeof v === 'number' && Number.isFinite(v) && v >= 0, v, `${where}.${k}`, 'epoch milliseconds');
}
function parseGroup(v, where) {
    const o = need(isObject(v), v, where, 'an object');
    const p = o['precedence'];
    const g = {
        name: reqString(o, 'name', where),
        creationDate: reqTime(o, 'creationDate', where),
        lastModifiedDate: reqTime(o, 'lastModifiedDate', where),
    };
    const description = optString(o, 'description', where);
    const roleArn = optString(o, 'roleArn', where);
    if (description !== undefined)
        g.description = description;
    if (roleArn !== undefined)
        g.roleArn = roleArn;
    if (p !== undefined)
        g.precedence = need(typeof p === 'number' && Number.isInteger(p) && p >= 0, p, `${where}.precedence`, 'a non-negative integer');
    return g;
}
function parseAttribute(v, where) {
    const o = need(isObject(v), v, where, 'an object');
    const value = o['value'];
    return { name: reqString(o, 'name', where), value: need(typeof value === 'string', value, `${where}.value`, 'a string') };
}
/** A user, whose group names must name groups of its pool (`groupNames`, exact names). */
function parseUser(v, where, groupNames) {
    const o = need(isObject(v), v, where, 'an object');
    const enabled = o['enabled'];
    const status = o['status'];
    const user = {
        username: reqString(o, 'username', where),
        sub: reqString(o, 'sub', where),
        enabled: need(typeof enabled === 'boolean', enabled, `${where}.enabled`, 'true or false'),
        status: need(USER_STATUSES.includes(status), status, `${where}.status`, `one of ${USER_STATUSES.join(', ')}`),
        creationDate: reqTime(o, 'creationDate', where),
        lastModifiedDate: reqTime(o, 'lastModifiedDate', where),
    };
    const attributes = o['attributes'];
    if (attributes !== undefined) {
        need(Array.isArray(attributes), null, `${where}.attributes`, 'an array');
        user.attributes = attributes.map((a, i) => parseAttribute(a, `${where}.attributes[${i}]`));
    }
    const groups = o['groups'];
    if (groups !== undefined) {
        need(Array.isArray(groups), null, `${where}.groups`, 'an array');
        const list = groups;
        need(list.length <= MAX_GROUPS_PER_USER, null, `${where}.groups`, `at most ${MAX_GROUPS_PER_USER} groups (found ${list.length})`);
        const seen = new Set();
        user.groups = list.map((g, i) => {
            const at = `${where}.groups[${i}]`;
            need(typeof g === 'string' && groupNames.has(g), null, at, 'the name of a group of the pool');
            need(!seen.has(g), null, at, `unique ('${String(g)}' repeats)`);
            seen.add(g);
            return g;
        });
    }
    return user;
}
function parsePool(v, where, version) {
    const o = need(isObject(v), v, where, 'an object');
    const groups = need(Array.isArray(o['groups']), o['groups'], `${where}.groups`, 'an array');
    const seen = new Set();
    const parsed = groups.map((g, i) => {
        const group = parseGroup(g, `${where}.groups[${i}]`);
        const fold = foldName(group.name);
        need(!seen.has(fold), null, `${where}.groups[${i}].name`, `unique ignoring case ('${group.name}' repeats)`);
        seen.add(fold);
        return group;
    });
    let caseSensitive = false;
    let users = [];
    if (version >= 2) {
        const c = o['caseSensitive'];
        caseSensitive = need(typeof c === 'boolean', c, `${where}.caseSensitive`, 'true or false');
        const list = need(Array.isArray(o['users']), o['users'], `${where}.users`, 'an array');
        const groupNames = new Set(parsed.map((g) => g.name));
        const names = new Set();
        const subs = new Set();
        users = list.map((u, i) => {
            const at = `${where}.users[${i}]`;
            const user = parseUser(u, at, groupNames);
            const key = caseSensitive ? user.username : foldName(user.username);
            need(!names.has(key), null, `${at}.username`, `unique${caseSensitive ? '' : ' ignoring case'} ('${user.username}' repeats)`);
            need(!subs.has(user.sub), null, `${at}.sub`, `unique ('${user.sub}' repeats)`);
            names.add(key);
            subs.add(user.sub);
            return user;
        });
    }
    const trigger = o['preTokenGeneration'];
    if (trigger !== undefined) {
        const t = trigger;
        need(typeof trigger === 'object' && trigger !== null && typeof t['lambdaArn'] === 'string' && ['V1_0', 'V2_0', 'V3_0'].includes(t['version']), null, `${where}.preTokenGeneration`, 'an object with lambdaArn and version (V1_0, V2_0 or V3_0)');
    }
    return {
        id: reqString(o, 'id', where),
        name: reqString(o, 'name', where),
        salt: reqString(o, 'salt', where),
        caseSensitive,
        ...(trigger === undefined ? {} : { preTokenGeneration: { lambdaArn: trigger.lambdaArn, version: trigger.version } }),
        creationDate: reqTime(o, 'creationDate', where),
        lastModifiedDate: reqTime(o, 'lastModifiedDate', where),
        groups: parsed,
        users,
    };
}
/** Checks the shape of a parsed state file (version 1, 2 or 3) and returns it as version 3. Pure. */
export function parseStateFile(json) {
    try {
        const o = need(isObject(json), json, 'the document', 'a JSON object');
        const version = o['formatVersion'];
        need(READABLE_VERSIONS.includes(version), null, 'formatVersion', `${READABLE_VERSIONS.slice(0, -1).join(', ')} or ${READABLE_VERSIONS[READABLE_VERSIONS.length - 1]} (found ${JSON.stringify(version) ?? 'nothing'})`);
        const pools = need(Array.isArray(o['pools']), o['pools'], 'pools', 'an array');
        const ids = new Set();
        const parsed = pools.map((p, i) => {
            const pool = parsePool(p, `pools[${i}]`, version);
            need(!ids.has(pool.id), null, `pools[${i}].id`, `unique ('${pool.id}' repeats)`);
            ids.add(pool.id);
            return pool;
        });
        let identity;
        try {
            identity = parseIdentityState(o['identity']);
        }
        catch (e) {
            throw new ShapeError(e.message);
        }
        const trail = parseTrailEvents(version === 3 ? o['trail'] : undefined);
        if (!trail.ok)
            return { ok: false, problem: trail.problem };
        return { ok: true, state: { formatVersion: STATE_FORMAT_VERSION, accountSalt: reqString(o, 'accountSalt', 'the document'), pools: parsed, trail: trail.events, ...(identity === undefined ? {} : { identity }) } };
    }
    catch (e) {
        if (e instanceof ShapeError)
            return { ok: false, problem: e.message };
        throw e;
    }
}
/** The store as a state document. */
export function stateFromStore(store, accountSalt, trail = [], identityStore) {
    const pools = [];
    for (const p of store.pools.values()) {
        pools.push({
            id: p.id,
            name: p.name,
            salt: p.salt,
            creationDate: p.creationDate,
            lastModifiedDate: p.lastModifiedDate,
            groups: p.order.map((g) => {
                const out = { name: g.name, creationDate: g.creationDate, lastModifiedDate: g.lastModifiedDate };
                if (g.description !== undefined)
                    out.description = g.description;
                if (g.roleArn !== undefined)
                    out.roleArn = g.roleArn;
                if (g.precedence !== undefined)
                    out.precedence = g.precedence;
                return out;
            }),
            caseSensitive: p.caseSensitive,
            ...(p.preTokenGeneration === undefined ? {} : { preTokenGeneration: { lambdaArn: p.preTokenGeneration.lambdaArn, version: p.preTokenGeneration.version } }),
            users: Array.from(p.users.order.values(), userToState),
        });
    }
    const identity = identityStore?.toState();
    return { formatVersion: STATE_FORMAT_VERSION, accountSalt, pools, trail, ...(identity === undefined ? {} : { identity }) };
}
function userToState(u) {
    const out = {
        username: u.username,
        sub: u.sub,
        enabled: u.enabled,
        status: u.status,
        creationDate: u.creationDate,
        lastModifiedDate: u.lastModifiedDate,
    };
    if (u.attributes.length > 0)
        out.attributes = u.attributes.map((a) => ({ name: a.name, value: a.value }));
    if (u.groups.length > 0)
        out.groups = u.groups.map((g) => g.name);
    return out;
}
/** Fills an empty store from a state document (checked by parseStateFile). */
export function loadStateIntoStore(state, store) {
    for (const p of state.pools) {
        const pool = store.addPool(p);
        const groups = p.groups.map((g) => newGroupRecord(g.name, { description: g.description, roleArn: g.roleArn, precedence: g.precedence }, g.creationDate, g.lastModifiedDate));
        store.addGroups(pool, groups);
        const records = pool.users.addMany(p.users.map((u) => ({
            username: u.username,
            sub: u.sub,
            attributes: u.attributes ?? [],
            enabled: u.enabled,
            status: u.status,
            creationDate: u.creationDate,
            lastModifiedDate: u.lastModifiedDate,
        })));
        // Members are gathered per group first, so each group's index is built with one sort.
        const membersOf = new Map();
        p.users.forEach((u, i) => {
            for (const name of u.groups ?? []) {
                let list = membersOf.get(name);
                if (list === undefined)
                    membersOf.set(name, (list = []));
                list.push(records[i]);
            }
        });
        for (const [name, users] of membersOf) {
            const group = store.group(pool, name);
            if (group !== undefined)
                pool.members.addMany(group, users);
        }
    }
}
function corrupt(path, reason, cause) {
    return new CgError('EMULATOR_STATE', `${path}: state file is not valid JSON (${reason}); move it away or delete it to start empty`, {
        cause,
    });
}
/** Reads and checks the state file; undefined when there is none. Anything else wrong is a CgError, never a silent reset. */
export async function readStateFile(path) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw new CgError('EMULATOR_STATE', `${path}: cannot read state file (${e.message})`, { cause: e });
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw corrupt(path, e.message, e);
    }
    const parsed = parseStateFile(json);
    if (!parsed.ok)
        throw corrupt(path, parsed.problem);
    return parsed.state;
}
/**
 * Group commit: every request() resolves once a write that started after it was made has finished.
 * Requests arriving while a write runs share the next write, so N concurrent mutations cost at most
 * two writes rather than N.
 */
export class GroupCommitWriter {
    path;
    render;
    onWrite;
    next;
    running;
    dirty = false;
    writes = 0;
    constructor(path, render, onWrite = () => undefined) {
        this.path = path;
        this.render = render;
        this.onWrite = onWrite;
    }
    /** Schedules a write covering every mutation made so far; resolves when it is on disk. */
    request() {
        this.dirty = true;
        if (this.next !== undefined)
            return this.next;
        const previous = this.running;
        const run = async () => {
            // Yield first (and let the previous write finish) so that requests made meanwhile join this write.
            if (previous !== undefined)
                await previous.catch(() => undefined);
            else
                await new Promise((resolve) => setImmediate(resolve));
            this.next = undefined;
            this.dirty = false;
            const text = this.render();
            const write = writeFileAtomic(this.path, text, { symlinks: 'follow', createDirectory: true, code: 'EMULATOR_STATE' });
            this.running = write;
            try {
                await write;
                this.writes++;
                this.onWrite();
            }
            catch (e) {
                this.dirty = true;
                throw new CgError('EMULATOR_STATE', `${this.path}: cannot write state file (${e.message})`, { cause: e });
            }
            finally {
                if (this.running === write)
                    this.running = undefined;
            }
        };
        this.next = run();
        return this.next;
    }
    /** Writes pending changes, if any, and waits for writes in flight. */
    async flush() {
        if (this.dirty || this.next !== undefined)
            await this.request();
        else if (this.running !== undefined)
            await this.running;
    }
}
