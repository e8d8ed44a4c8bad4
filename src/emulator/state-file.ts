// The emulator's state on disk: a versioned JSON document, read once at start and rewritten
// atomically (temp file, fsync, rename, fsync of the directory) after mutations. Concurrent
// mutations share one write (group commit), so thousands of writes per second stay cheap.
// Version 2 added users and memberships, version 3 the CloudTrail events of the emulator's writes;
// version 1 files (groups only) and version 2 files (no events) are still read.
import { readFile } from 'node:fs/promises';
import { CgError } from '../core/errors.js';
import { writeFileAtomic } from '../edge/files/write-atomic.js';
import { MAX_GROUPS_PER_USER } from './members.js';
import { parseIdentityState, type IdentityState, type IdentityStore } from './identity-store.js';
import { foldName } from './order-key.js';
import { newGroupRecord, type GroupRecord, type GroupStore } from './store.js';
import { USER_STATUSES, type UserRecord, type UserStatus } from './users.js';
import type { TrailEvent } from './trail.js';
import { parseTrailEvents } from './trail-state.js';

/** The version the emulator writes. */
const STATE_FORMAT_VERSION = 3;
/** The versions it reads. */
const READABLE_VERSIONS: readonly number[] = [1, 2, 3];

/** A group on disk. Times are epoch milliseconds. */
export interface StateFileGroup {
  name: string;
  description?: string;
  roleArn?: string;
  precedence?: number;
  creationDate: number;
  lastModifiedDate: number;
}

/** A user attribute other than sub on disk. */
export interface StateFileAttribute {
  name: string;
  value: string;
}

/** A user on disk, with the names of the groups it is in. Times are epoch milliseconds. */
export interface StateFileUser {
  username: string;
  sub: string;
  attributes?: StateFileAttribute[];
  enabled: boolean;
  status: UserStatus;
  creationDate: number;
  lastModifiedDate: number;
  /** Exact names of groups of the same pool; absent when none. */
  groups?: string[];
}

/** A pool on disk. Version 1 had no caseSensitive (read as false) and no users. */
export interface StateFilePool {
  id: string;
  name: string;
  salt: string;
  caseSensitive: boolean;
  /** The pre token generation trigger, when the pool has one. */
  preTokenGeneration?: { lambdaArn: string; version: 'V1_0' | 'V2_0' | 'V3_0' };
  creationDate: number;
  lastModifiedDate: number;
  groups: StateFileGroup[];
  users: StateFileUser[];
}

/** The whole state file, as written (format version 3). */
export interface StateFile {
  formatVersion: typeof STATE_FORMAT_VERSION;
  /** Binds ListUserPools tokens to this emulator's state. */
  accountSalt: string;
  pools: StateFilePool[];
  /** Identity pools and IAM roles; absent when there are none (files without it read as before). */
  identity?: IdentityState;
  /** CloudTrail events of the emulator's writes, oldest first (version 3; none before). */
  trail: TrailEvent[];
}

export type ParsedState = { readonly ok: true; readonly state: StateFile } | { readonly ok: false; readonly problem: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

class ShapeError extends Error {}

function need<T>(ok: boolean, value: T, where: string, what: string): T {
  if (!ok) throw new ShapeError(`${where} must be ${what}`);
  return value;
}

function reqString(o: Record<string, unknown>, k: string, where: string): string {
  const v = o[k];
  return need(typeof v === 'string' && v.length > 0, v as string, `${where}.${k}`, 'a non-empty string');
}

function optString(o: Record<string, unknown>, k: string, where: string): string | undefined {
  const v = o[k];
  return v === undefined ? undefined : need(typeof v === 'string', v as string, `${where}.${k}`, 'a string');
}

function reqTime(o: Record<string, unknown>, k: string, where: string): number {
  const v = o[k];
  return need(typeof v === 'number' && Number.isFinite(v) && v >= 0, v as number, `${where}.${k}`, 'epoch milliseconds');
}

function parseGroup(v: unknown, where: string): StateFileGroup {
  const o = need(isObject(v), v as Record<string, unknown>, where, 'an object');
  const p = o['precedence'];
  const g: StateFileGroup = {
    name: reqString(o, 'name', where),
    creationDate: reqTime(o, 'creationDate', where),
    lastModifiedDate: reqTime(o, 'lastModifiedDate', where),
  };
  const description = optString(o, 'description', where);
  const roleArn = optString(o, 'roleArn', where);
  if (description !== undefined) g.description = description;
  if (roleArn !== undefined) g.roleArn = roleArn;
  if (p !== undefined) g.precedence = need(typeof p === 'number' && Number.isInteger(p) && p >= 0, p as number, `${where}.precedence`, 'a non-negative integer');
  return g;
}

function parseAttribute(v: unknown, where: string): StateFileAttribute {
  const o = need(isObject(v), v as Record<string, unknown>, where, 'an object');
  const value = o['value'];
  return { name: reqString(o, 'name', where), value: need(typeof value === 'string', value as string, `${where}.value`, 'a string') };
}

/** A user, whose group names must name groups of its pool (`groupNames`, exact names). */
function parseUser(v: unknown, where: string, groupNames: ReadonlySet<string>): StateFileUser {
  const o = need(isObject(v), v as Record<string, unknown>, where, 'an object');
  const enabled = o['enabled'];
  const status = o['status'];
  const user: StateFileUser = {
    username: reqString(o, 'username', where),
    sub: reqString(o, 'sub', where),
    enabled: need(typeof enabled === 'boolean', enabled as boolean, `${where}.enabled`, 'true or false'),
    status: need((USER_STATUSES as readonly unknown[]).includes(status), status as UserStatus, `${where}.status`, `one of ${USER_STATUSES.join(', ')}`),
    creationDate: reqTime(o, 'creationDate', where),
    lastModifiedDate: reqTime(o, 'lastModifiedDate', where),
  };
  const attributes = o['attributes'];
  if (attributes !== undefined) {
    need(Array.isArray(attributes), null, `${where}.attributes`, 'an array');
    user.attributes = (attributes as unknown[]).map((a, i) => parseAttribute(a, `${where}.attributes[${i}]`));
  }
  const groups = o['groups'];
  if (groups !== undefined) {
    need(Array.isArray(groups), null, `${where}.groups`, 'an array');
    const list = groups as unknown[];
    need(list.length <= MAX_GROUPS_PER_USER, null, `${where}.groups`, `at most ${MAX_GROUPS_PER_USER} groups (found ${list.length})`);
    const seen = new Set<string>();
    user.groups = list.map((g, i) => {
      const at = `${where}.groups[${i}]`;
      need(typeof g === 'string' && groupNames.has(g), null, at, 'the name of a group of the pool');
      need(!seen.has(g as string), null, at, `unique ('${String(g)}' repeats)`);
      seen.add(g as string);
      return g as string;
    });
  }
  return user;
}

function parsePool(v: unknown, where: string, version: number): StateFilePool {
  const o = need(isObject(v), v as Record<string, unknown>, where, 'an object');
  const groups = need(Array.isArray(o['groups']), o['groups'] as unknown[], `${where}.groups`, 'an array');
  const seen = new Set<string>();
  const parsed = groups.map((g, i) => {
    const group = parseGroup(g, `${where}.groups[${i}]`);
    const fold = foldName(group.name);
    need(!seen.has(fold), null, `${where}.groups[${i}].name`, `unique ignoring case ('${group.name}' repeats)`);
    seen.add(fold);
    return group;
  });
  let caseSensitive = false;
  let users: StateFileUser[] = [];
  if (version >= 2) {
    const c = o['caseSensitive'];
    caseSensitive = need(typeof c === 'boolean', c as boolean, `${where}.caseSensitive`, 'true or false');
    const list = need(Array.isArray(o['users']), o['users'] as unknown[], `${where}.users`, 'an array');
    const groupNames = new Set(parsed.map((g) => g.name));
    const names = new Set<string>();
    const subs = new Set<string>();
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
    const t = trigger as Record<string, unknown>;
    need(typeof trigger === 'object' && trigger !== null && typeof t['lambdaArn'] === 'string' && ['V1_0', 'V2_0', 'V3_0'].includes(t['version'] as string), null, `${where}.preTokenGeneration`, 'an object with lambdaArn and version (V1_0, V2_0 or V3_0)');
  }
  return {
    id: reqString(o, 'id', where),
    name: reqString(o, 'name', where),
    salt: reqString(o, 'salt', where),
    caseSensitive,
    ...(trigger === undefined ? {} : { preTokenGeneration: { lambdaArn: (trigger as { lambdaArn: string }).lambdaArn, version: (trigger as { version: 'V1_0' | 'V2_0' | 'V3_0' }).version } }),
    creationDate: reqTime(o, 'creationDate', where),
    lastModifiedDate: reqTime(o, 'lastModifiedDate', where),
    groups: parsed,
    users,
  };
}

/** Checks the shape of a parsed state file (version 1, 2 or 3) and returns it as version 3. Pure. */
export function parseStateFile(json: unknown): ParsedState {
  try {
    const o = need(isObject(json), json as Record<string, unknown>, 'the document', 'a JSON object');
    const version = o['formatVersion'];
    need(READABLE_VERSIONS.includes(version as number), null, 'formatVersion', `${READABLE_VERSIONS.slice(0, -1).join(', ')} or ${READABLE_VERSIONS[READABLE_VERSIONS.length - 1]} (found ${JSON.stringify(version) ?? 'nothing'})`);
    const pools = need(Array.isArray(o['pools']), o['pools'] as unknown[], 'pools', 'an array');
    const ids = new Set<string>();
    const parsed = pools.map((p, i) => {
      const pool = parsePool(p, `pools[${i}]`, version as number);
      need(!ids.has(pool.id), null, `pools[${i}].id`, `unique ('${pool.id}' repeats)`);
      ids.add(pool.id);
      return pool;
    });
    let identity: IdentityState | undefined;
    try {
      identity = parseIdentityState(o['identity']);
    } catch (e) {
      throw new ShapeError((e as Error).message);
    }
    const trail = parseTrailEvents(version === 3 ? o['trail'] : undefined);
    if (!trail.ok) return { ok: false, problem: trail.problem };
    return { ok: true, state: { formatVersion: STATE_FORMAT_VERSION, accountSalt: reqString(o, 'accountSalt', 'the document'), pools: parsed, trail: trail.events, ...(identity === undefined ? {} : { identity }) } };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, problem: e.message };
    throw e;
  }
}

/** The store as a state document. */
export function stateFromStore(store: GroupStore, accountSalt: string, trail: TrailEvent[] = [], identityStore?: IdentityStore): StateFile {
  const pools: StateFilePool[] = [];
  for (const p of store.pools.values()) {
    pools.push({
      id: p.id,
      name: p.name,
      salt: p.salt,
      creationDate: p.creationDate,
      lastModifiedDate: p.lastModifiedDate,
      groups: p.order.map((g) => {
        const out: StateFileGroup = { name: g.name, creationDate: g.creationDate, lastModifiedDate: g.lastModifiedDate };
        if (g.description !== undefined) out.description = g.description;
        if (g.roleArn !== undefined) out.roleArn = g.roleArn;
        if (g.precedence !== undefined) out.precedence = g.precedence;
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

function userToState(u: UserRecord): StateFileUser {
  const out: StateFileUser = {
    username: u.username,
    sub: u.sub,
    enabled: u.enabled,
    status: u.status,
    creationDate: u.creationDate,
    lastModifiedDate: u.lastModifiedDate,
  };
  if (u.attributes.length > 0) out.attributes = u.attributes.map((a) => ({ name: a.name, value: a.value }));
  if (u.groups.length > 0) out.groups = u.groups.map((g) => g.name);
  return out;
}

/** Fills an empty store from a state document (checked by parseStateFile). */
export function loadStateIntoStore(state: StateFile, store: GroupStore): void {
  for (const p of state.pools) {
    const pool = store.addPool(p);
    const groups: GroupRecord[] = p.groups.map((g) =>
      newGroupRecord(g.name, { description: g.description, roleArn: g.roleArn, precedence: g.precedence }, g.creationDate, g.lastModifiedDate),
    );
    store.addGroups(pool, groups);
    const records = pool.users.addMany(
      p.users.map((u) => ({
        username: u.username,
        sub: u.sub,
        attributes: u.attributes ?? [],
        enabled: u.enabled,
        status: u.status,
        creationDate: u.creationDate,
        lastModifiedDate: u.lastModifiedDate,
      })),
    );
    // Members are gathered per group first, so each group's index is built with one sort.
    const membersOf = new Map<string, UserRecord[]>();
    p.users.forEach((u, i) => {
      for (const name of u.groups ?? []) {
        let list = membersOf.get(name);
        if (list === undefined) membersOf.set(name, (list = []));
        list.push(records[i] as UserRecord);
      }
    });
    for (const [name, users] of membersOf) {
      const group = store.group(pool, name);
      if (group !== undefined) pool.members.addMany(group, users);
    }
  }
}

function corrupt(path: string, reason: string, cause?: unknown): CgError {
  return new CgError('EMULATOR_STATE', `${path}: state file is not valid JSON (${reason}); move it away or delete it to start empty`, {
    cause,
  });
}

/** Reads and checks the state file; undefined when there is none. Anything else wrong is a CgError, never a silent reset. */
export async function readStateFile(path: string): Promise<StateFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CgError('EMULATOR_STATE', `${path}: cannot read state file (${(e as Error).message})`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw corrupt(path, (e as Error).message, e);
  }
  const parsed = parseStateFile(json);
  if (!parsed.ok) throw corrupt(path, parsed.problem);
  return parsed.state;
}

/**
 * Group commit: every request() resolves once a write that started after it was made has finished.
 * Requests arriving while a write runs share the next write, so N concurrent mutations cost at most
 * two writes rather than N.
 */
export class GroupCommitWriter {
  private next: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  writes = 0;

  constructor(
    private readonly path: string,
    private readonly render: () => string,
    private readonly onWrite: () => void = () => undefined,
  ) {}

  /** Schedules a write covering every mutation made so far; resolves when it is on disk. */
  request(): Promise<void> {
    this.dirty = true;
    if (this.next !== undefined) return this.next;
    const previous = this.running;
    const run = async (): Promise<void> => {
      // Yield first (and let the previous write finish) so that requests made meanwhile join this write.
      if (previous !== undefined) await previous.catch(() => undefined);
      else await new Promise<void>((resolve) => setImmediate(resolve));
      this.next = undefined;
      this.dirty = false;
      const text = this.render();
      const write = writeFileAtomic(this.path, text, { symlinks: 'follow', createDirectory: true, code: 'EMULATOR_STATE' });
      this.running = write;
      try {
        await write;
        this.writes++;
        this.onWrite();
      } catch (e) {
        this.dirty = true;
        throw new CgError('EMULATOR_STATE', `${this.path}: cannot write state file (${(e as Error).message})`, { cause: e });
      } finally {
        if (this.running === write) this.running = undefined;
      }
    };
    this.next = run();
    return this.next;
  }

  /** Writes pending changes, if any, and waits for writes in flight. */
  async flush(): Promise<void> {
    if (this.dirty || this.next !== undefined) await this.request();
    else if (this.running !== undefined) await this.running;
  }
}
