// A hand-written in-memory Cognito group and membership store behind the GroupsApi port, for unit tests.
import type { GroupPage, GroupsApi, MemberPage, Operation, PoolRef, PoolSettings, UserGroupsPage } from '../../src/edge/cognito/port.js';
import type { DesiredGroup } from '../../src/core/config/model.js';
import { compareNames, nameKey } from '../../src/core/config/names.js';
import { CgError, type ErrorCode } from '../../src/core/errors.js';
import type { ObservedGroup } from '../../src/core/plan/model.js';

/** One call the fake received, in the order received, whatever its outcome. */
export interface RecordedCall {
  op: Operation;
  poolId: string;
  /** Group name for the group operations. */
  name?: string;
  /** The NextToken a ListGroups call was given. */
  nextToken?: string;
  /** The fields a create or update sent. */
  group?: DesiredGroup;
  /** The user a membership call was for. */
  user?: string;
  /** Time of the call on the clock given to the fake, if any. */
  at?: number;
  /** 'ok', or the code of the error the call failed with. */
  outcome: 'ok' | ErrorCode;
}

/** A scripted failure: the next `times` calls matching op/pool/name fail with `code`. */
export interface FailureRule {
  op?: Operation | readonly Operation[];
  poolId?: string;
  name?: string;
  code: ErrorCode;
  /** How many matching calls fail; unlimited when absent. */
  times?: number;
}

export interface FakeGroupsApiOptions {
  /** Groups per ListGroups page (Cognito: up to 60). */
  pageSize?: number;
  /** Seed of the order ListGroups returns groups in: never name order, stable across pages. */
  seed?: number;
  /** Clock whose now() stamps each recorded call. */
  clock?: { now(): number };
  /** Groups per pool before CreateGroup fails with AWS_LIMIT_EXCEEDED (Cognito: 10,000). */
  maxGroupsPerPool?: number;
  /** Called at the start of every call, before the fake decides its outcome (to abort, or change state meanwhile). */
  onCall?: (call: RecordedCall, api: FakeGroupsApi) => void;
  /** Groups a user may be in before AdminAddUserToGroup fails with AWS_USER_GROUP_LIMIT (Cognito: 100). */
  maxGroupsPerUser?: number;
}

const WRITES: readonly Operation[] = ['CreateGroup', 'UpdateGroup', 'DeleteGroup', 'AdminAddUserToGroup', 'AdminRemoveUserFromGroup'];

/** An in-memory fake of the GroupsApi port; state per pool, case-insensitive uniqueness, scripted failures, a call log. */
export class FakeGroupsApi implements GroupsApi {
  readonly calls: RecordedCall[] = [];
  private readonly pools = new Map<string, Map<string, ObservedGroup>>();
  private readonly rules: FailureRule[] = [];
  private readonly pageSize: number;
  private readonly seed: number;

  constructor(private readonly options: FakeGroupsApiOptions = {}) {
    this.pageSize = options.pageSize ?? 60;
    this.seed = options.seed ?? 1;
  }

  /** Creates a pool (or replaces its contents) with the given groups. */
  addPool(poolId: string, groups: readonly ObservedGroup[] = []): this {
    const store = new Map<string, ObservedGroup>();
    for (const g of groups) store.set(g.name, { ...g });
    this.pools.set(poolId, store);
    return this;
  }

  removePool(poolId: string): void {
    this.pools.delete(poolId);
  }

  /** The groups of a pool, sorted by name, as copies. */
  groupsOf(poolId: string): ObservedGroup[] {
    const store = this.pools.get(poolId);
    if (store === undefined) throw new Error(`fake: no pool ${poolId}`);
    return [...store.values()].map((g) => ({ ...g })).sort((a, b) => compareNames(a.name, b.name));
  }

  /** Adds a scripted failure; rules are tried in the order added. */
  fail(rule: FailureRule): this {
    this.rules.push({ ...rule });
    return this;
  }

  writeCalls(): RecordedCall[] {
    return this.calls.filter((c) => WRITES.includes(c.op));
  }

  callsOf(op: Operation): RecordedCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  /** The fake's methods as a separate port, with some replaced (a failure or a gate for one call). */
  asPort(overrides: Partial<GroupsApi> = {}): GroupsApi {
    return {
      listGroupsPage: (p, t) => this.listGroupsPage(p, t),
      getGroup: (p, n) => this.getGroup(p, n),
      createGroup: (p, g) => this.createGroup(p, g),
      updateGroup: (p, g) => this.updateGroup(p, g),
      deleteGroup: (p, n) => this.deleteGroup(p, n),
      listMembersPage: (p, g, t) => this.listMembersPage(p, g, t),
      addMember: (p, g, u) => this.addMember(p, g, u),
      removeMember: (p, g, u) => this.removeMember(p, g, u),
      getUser: (p, u) => this.getUser(p, u),
      describePool: (p) => this.describePool(p),
      listUserGroupsPage: (p, u, t) => this.listUserGroupsPage(p, u, t),
      ...overrides,
    };
  }

  async listGroupsPage(pool: PoolRef, nextToken?: string): Promise<GroupPage> {
    return this.handle({ op: 'ListGroups', poolId: pool.id, ...(nextToken === undefined ? {} : { nextToken }) }, (store) => {
      const ordered = [...store.values()].sort((a, b) => this.orderKey(a.name) - this.orderKey(b.name) || compareNames(a.name, b.name));
      let start = 0;
      if (nextToken !== undefined) {
        const m = /^page\.(.+)\.(\d+)$/.exec(nextToken);
        if (m === null || m[1] !== pool.id) throw new CgError('AWS_INVALID_PARAMETER', `fake: bad NextToken ${nextToken}`);
        start = Number(m[2]);
      }
      const end = start + this.pageSize;
      const groups = ordered.slice(start, end).map((g) => ({ ...g }));
      return end < ordered.length ? { groups, nextToken: `page.${pool.id}.${end}` } : { groups };
    });
  }

  async getGroup(pool: PoolRef, name: string): Promise<ObservedGroup | undefined> {
    return this.handle({ op: 'GetGroup', poolId: pool.id, name }, (store) => {
      const g = store.get(name);
      return g === undefined ? undefined : { ...g };
    });
  }

  async createGroup(pool: PoolRef, group: DesiredGroup): Promise<void> {
    return this.handle({ op: 'CreateGroup', poolId: pool.id, name: group.name, group: { ...group } }, (store) => {
      for (const existing of store.keys()) {
        if (nameKey(existing) === nameKey(group.name)) {
          throw new CgError('AWS_GROUP_EXISTS', `fake: group ${existing} already exists in ${pool.id}`);
        }
      }
      if (store.size >= (this.options.maxGroupsPerPool ?? 10_000)) {
        throw new CgError('AWS_LIMIT_EXCEEDED', `fake: pool ${pool.id} is full`);
      }
      store.set(group.name, withoutUndefined({ ...group }));
    });
  }

  async updateGroup(pool: PoolRef, group: DesiredGroup): Promise<void> {
    return this.handle({ op: 'UpdateGroup', poolId: pool.id, name: group.name, group: { ...group } }, (store) => {
      const current = store.get(group.name);
      if (current === undefined) throw new CgError('AWS_GROUP_NOT_FOUND', `fake: group ${group.name} not found in ${pool.id}`);
      // Cognito keeps omitted Precedence and RoleArn; the port sends the description ("" clears it).
      const next: ObservedGroup = { ...current };
      if (group.description === undefined || group.description === '') delete next.description;
      else next.description = group.description;
      if (group.precedence !== undefined) next.precedence = group.precedence;
      if (group.roleArn !== undefined) next.roleArn = group.roleArn;
      store.set(group.name, next);
    });
  }

  async deleteGroup(pool: PoolRef, name: string): Promise<void> {
    return this.handle({ op: 'DeleteGroup', poolId: pool.id, name }, (store) => {
      if (!store.delete(name)) throw new CgError('AWS_GROUP_NOT_FOUND', `fake: group ${name} not found in ${pool.id}`);
      // A deleted group's members are dropped with it, as Cognito does.
      this.memberships(pool.id).delete(name);
    });
  }

  /** Adds users (usernames as given, compared ignoring case) to a pool. */
  addUsers(poolId: string, usernames: readonly string[]): this {
    const users = this.users.get(poolId) ?? new Map<string, string>();
    for (const u of usernames) users.set(u.toLowerCase(), u);
    this.users.set(poolId, users);
    return this;
  }

  /** Puts users in a group directly (they are created if missing). */
  addMembers(poolId: string, group: string, usernames: readonly string[]): this {
    this.addUsers(poolId, usernames);
    const members = this.membersOf(poolId, group);
    for (const u of usernames) members.add(u.toLowerCase());
    return this;
  }

  /** The usernames in a group, sorted, as the pool holds them. */
  members(poolId: string, group: string): string[] {
    const users = this.users.get(poolId) ?? new Map<string, string>();
    return [...this.membersOf(poolId, group)].map((k) => users.get(k) ?? k).sort();
  }

  async listMembersPage(pool: PoolRef, group: string, nextToken?: string): Promise<MemberPage> {
    return this.handle({ op: 'ListUsersInGroup', poolId: pool.id, name: group, ...(nextToken === undefined ? {} : { nextToken }) }, (store) => {
      if (!store.has(group)) throw new CgError('AWS_GROUP_NOT_FOUND', `fake: group ${group} not found in ${pool.id}`);
      const all = this.members(pool.id, group);
      const start = nextToken === undefined ? 0 : Number(/^members\.(\d+)$/.exec(nextToken)?.[1] ?? NaN);
      if (!Number.isInteger(start)) throw new CgError('AWS_INVALID_PARAMETER', `fake: bad NextToken ${nextToken}`);
      const end = start + this.pageSize;
      return end < all.length ? { usernames: all.slice(start, end), nextToken: `members.${end}` } : { usernames: all.slice(start, end) };
    });
  }

  async addMember(pool: PoolRef, group: string, username: string): Promise<void> {
    return this.handle({ op: 'AdminAddUserToGroup', poolId: pool.id, name: group, user: username }, (store) => {
      if (!store.has(group)) throw new CgError('AWS_GROUP_NOT_FOUND', `fake: group ${group} not found in ${pool.id}`);
      const key = this.userKey(pool.id, username);
      const members = this.membersOf(pool.id, group);
      if (members.has(key)) return;
      const groups = [...this.memberships(pool.id).values()].filter((m) => m.has(key)).length;
      if (groups >= (this.options.maxGroupsPerUser ?? 100)) throw new CgError('AWS_USER_GROUP_LIMIT', `fake: ${username} is in ${groups} groups`);
      members.add(key);
    });
  }

  async removeMember(pool: PoolRef, group: string, username: string): Promise<void> {
    return this.handle({ op: 'AdminRemoveUserFromGroup', poolId: pool.id, name: group, user: username }, (store) => {
      if (!store.has(group)) throw new CgError('AWS_GROUP_NOT_FOUND', `fake: group ${group} not found in ${pool.id}`);
      this.membersOf(pool.id, group).delete(this.userKey(pool.id, username));
    });
  }

  async getUser(pool: PoolRef, username: string): Promise<string | undefined> {
    return this.handle({ op: 'AdminGetUser', poolId: pool.id, user: username }, () => this.users.get(pool.id)?.get(username.toLowerCase()));
  }

  async describePool(pool: PoolRef): Promise<PoolSettings> {
    return this.handle({ op: 'DescribeUserPool', poolId: pool.id }, () => ({ caseSensitiveUsernames: false, ...(this.triggers.has(pool.id) ? { preTokenTrigger: this.triggers.get(pool.id) as string } : {}) }));
  }

  /** Sets a pool's pre token generation trigger, as DescribeUserPool reports it. */
  setTrigger(poolId: string, arn: string): this {
    this.triggers.set(poolId, arn);
    return this;
  }

  private readonly triggers = new Map<string, string>();

  async listUserGroupsPage(pool: PoolRef, username: string, nextToken?: string): Promise<UserGroupsPage> {
    return this.handle({ op: 'AdminListGroupsForUser', poolId: pool.id, user: username, ...(nextToken === undefined ? {} : { nextToken }) }, (store) => {
      const key = this.userKey(pool.id, username);
      if (this.users.get(pool.id)?.has(key) !== true) throw new CgError('AWS_USER_NOT_FOUND', `fake: no user ${username} in ${pool.id}`);
      const all = [...this.memberships(pool.id).entries()].filter(([g, m]) => store.has(g) && m.has(key)).map(([g]) => g).sort(compareNames);
      const start = nextToken === undefined ? 0 : Number(/^groups\.(\d+)$/.exec(nextToken)?.[1] ?? NaN);
      if (!Number.isInteger(start)) throw new CgError('AWS_INVALID_PARAMETER', `fake: bad NextToken ${nextToken}`);
      const end = start + this.pageSize;
      return end < all.length ? { groups: all.slice(start, end), nextToken: `groups.${end}` } : { groups: all.slice(start, end) };
    });
  }

  private readonly users = new Map<string, Map<string, string>>();
  private readonly groupMembers = new Map<string, Map<string, Set<string>>>();

  private memberships(poolId: string): Map<string, Set<string>> {
    let m = this.groupMembers.get(poolId);
    if (m === undefined) {
      m = new Map();
      this.groupMembers.set(poolId, m);
    }
    return m;
  }

  private membersOf(poolId: string, group: string): Set<string> {
    const m = this.memberships(poolId);
    let set = m.get(group);
    if (set === undefined) {
      set = new Set();
      m.set(group, set);
    }
    return set;
  }

  private userKey(poolId: string, username: string): string {
    const key = username.toLowerCase();
    if (this.users.get(poolId)?.has(key) !== true) throw new CgError('AWS_USER_NOT_FOUND', `fake: no user ${username} in ${poolId}`);
    return key;
  }

  private async handle<T>(call: Omit<RecordedCall, 'outcome' | 'at'>, act: (store: Map<string, ObservedGroup>) => T): Promise<T> {
    const recorded: RecordedCall = { ...call, outcome: 'ok' };
    if (this.options.clock !== undefined) recorded.at = this.options.clock.now();
    this.calls.push(recorded);
    this.options.onCall?.(recorded, this);
    // Answer asynchronously, as a server would, so concurrent callers really overlap.
    await Promise.resolve();
    try {
      const scripted = this.scriptedFailure(call);
      if (scripted !== undefined) throw new CgError(scripted, `fake: scripted ${scripted} for ${call.op}`, { operation: call.op });
      const store = this.pools.get(call.poolId);
      if (store === undefined) throw new CgError('AWS_POOL_NOT_FOUND', `fake: user pool ${call.poolId} does not exist`);
      return act(store);
    } catch (err) {
      recorded.outcome = err instanceof CgError ? err.code : 'INTERNAL';
      throw err;
    }
  }

  private scriptedFailure(call: Omit<RecordedCall, 'outcome' | 'at'>): ErrorCode | undefined {
    for (const rule of this.rules) {
      if (rule.times !== undefined && rule.times <= 0) continue;
      const ops = rule.op === undefined ? undefined : typeof rule.op === 'string' ? [rule.op] : rule.op;
      if (ops !== undefined && !ops.includes(call.op)) continue;
      if (rule.poolId !== undefined && rule.poolId !== call.poolId) continue;
      if (rule.name !== undefined && rule.name !== call.name) continue;
      if (rule.times !== undefined) rule.times--;
      return rule.code;
    }
    return undefined;
  }

  /** A seeded hash of the name: the listing order, deliberately unrelated to name order. */
  private orderKey(name: string): number {
    let h = 0x811c9dc5 ^ this.seed;
    for (let i = 0; i < name.length; i++) {
      h ^= name.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }
}

function withoutUndefined(g: DesiredGroup): ObservedGroup {
  const out: ObservedGroup = { name: g.name };
  if (g.description !== undefined && g.description !== '') out.description = g.description;
  if (g.precedence !== undefined) out.precedence = g.precedence;
  if (g.roleArn !== undefined) out.roleArn = g.roleArn;
  return out;
}
