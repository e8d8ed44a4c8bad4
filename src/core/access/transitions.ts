// Whose token claims a pool's plan changes: each affected user's groups before and after the plan,
// the claims the rule gives for each (core/claims/rule.ts), and the differences grouped into
// transitions, largest first. Pure.
import { claimsOf, type ClaimGroup, type Claims } from '../claims/rule.js';
import { compareNames } from '../config/names.js';
import type { GroupFields } from '../config/model.js';
import { usernameKey } from '../plan/member-changes.js';
import type { GroupChange, ObservedGroup, ObservedMembers, PoolPlan } from '../plan/model.js';
import type { AccessTransition, ClaimChange } from './model.js';
import { isSensitiveRole } from './sensitive.js';

/** What a pool's plan needs read to predict its claims. */
export interface AccessNeeds {
  /** Whether some change can alter a user's claim (a role-bearing group with members changed, members moved, a group with members renamed or deleted). */
  changesClaims: boolean;
  /** Users whose role claims may change (as the reads name them; sorted): their other role-bearing groups must be known. */
  roleUsers: string[];
  /** Every role-bearing group of the pool as listed, sorted. */
  roleGroups: string[];
}

/** What a pool's prediction is computed from. */
export interface AccessInput {
  pool: PoolPlan;
  /** The pool's groups as listed. */
  observed: readonly ObservedGroup[];
  /** The members the plan read (of the groups its changes touch). */
  members: ObservedMembers;
  /** How the pool compares usernames; true when unknown (every name then comes from the pool itself). */
  caseSensitive: boolean;
  /** The groups each user of `roleUsers` is in before the plan (at least the role-bearing ones), keyed by the username as `roleUsers` names it. */
  groupsOf: ReadonlyMap<string, readonly string[]>;
  /** Role ARNs or patterns with `*` that `settings.sensitiveRoles` names. */
  sensitiveRoles: readonly string[];
}

/** The predicted transitions of one pool. */
export interface AccessPrediction {
  users: number;
  transitions: AccessTransition[];
  /** Each user with a changed claim, with the claims before and after (what the credentials check maps to roles). */
  claims: Array<{ username: string; before: Claims; after: Claims }>;
}

/** Whether a change's group has a role before or after it. */
function roleBearing(c: GroupChange, observed: ReadonlyMap<string, ObservedGroup>): boolean {
  switch (c.action) {
    case 'create':
      return c.after.roleArn !== undefined;
    case 'update':
    case 'replace':
    case 'rename':
      return c.before.roleArn !== undefined || c.after.roleArn !== undefined;
    case 'delete':
      return c.before.roleArn !== undefined;
    case 'restore':
      return observed.get(c.name)?.roleArn !== undefined;
  }
}

/** Whether a change alters its group's role or precedence (so every member's role claims may change). */
function changesRanking(c: GroupChange): boolean {
  if (c.action === 'create' || c.action === 'delete' || c.action === 'replace') return true;
  if (c.action === 'restore') return false;
  return c.fields.some((f) => f.field === 'roleArn' || f.field === 'precedence');
}

/** The users a change puts in or takes out of its group (without the members it keeps). */
function movedUsers(c: GroupChange, members: ObservedMembers): string[] {
  const out: string[] = [];
  const hold = 'hold' in c && c.hold?.resuming === true ? members.get(c.hold.group) ?? c.hold.usernames ?? [] : [];
  for (const u of hold) out.push(u);
  const m = 'members' in c ? c.members : undefined;
  for (const u of m?.add ?? []) out.push(u);
  for (const u of m?.remove ?? []) out.push(u);
  return out;
}

/** The members a change's group has before it (as the pool names the group). */
function membersBefore(c: GroupChange, members: ObservedMembers): readonly string[] {
  if (c.action === 'create' || c.action === 'restore') return [];
  const from = 'previousName' in c ? c.previousName : c.name;
  const own = members.get(from) ?? [];
  // A rename under way may have filled the new group already.
  return c.action === 'rename' && c.name !== from ? [...own, ...(members.get(c.name) ?? [])] : own;
}

/** What a pool's plan needs read to predict its claims; nothing when no change can alter one. */
export function accessNeeds(pool: PoolPlan, observed: readonly ObservedGroup[], members: ObservedMembers, caseSensitive: boolean): AccessNeeds {
  const byName = new Map(observed.map((g) => [g.name, g]));
  const roleGroups = observed.filter((g) => g.roleArn !== undefined).map((g) => g.name).sort(compareNames);
  const users = new Map<string, string>();
  let changesClaims = false;
  for (const c of pool.changes) {
    const roles = roleBearing(c, byName);
    const moved = movedUsers(c, members);
    const dropsNames = c.action === 'rename' || c.action === 'delete' || (c.action === 'replace' && (c.hold === undefined || c.previousName !== c.name));
    // A change alters a claim only if it has users: a new role group nobody joins alters none.
    if (moved.length > 0 || ((roles || dropsNames) && membersBefore(c, members).length > 0)) changesClaims = true;
    if (!roles) continue;
    const touched = changesRanking(c) ? [...membersBefore(c, members), ...moved] : moved;
    for (const u of touched) if (!users.has(usernameKey(u, caseSensitive))) users.set(usernameKey(u, caseSensitive), u);
  }
  return { changesClaims, roleUsers: [...users.values()].sort(compareNames), roleGroups };
}

/**
 * Each affected user's claims before and after the plan, grouped into transitions, largest first:
 * role claims for the users `accessNeeds` named (from all their groups), group names for every user
 * a change moves, drops or renames the group of.
 */
export function predictAccess(input: AccessInput): AccessPrediction {
  const { pool, members, caseSensitive } = input;
  const key = (u: string): string => usernameKey(u, caseSensitive);
  const before = new Map(input.observed.map((g) => [g.name, fieldsOf(g)]));
  const after = fieldsAfter(pool, before);
  // Each user's groups before the plan, as far as the reads tell: every group read that lists them.
  const shown = new Map<string, string>();
  const groupsBefore = new Map<string, Set<string>>();
  const join = (u: string, group: string): void => {
    const k = key(u);
    if (!shown.has(k)) shown.set(k, u);
    let set = groupsBefore.get(k);
    if (set === undefined) groupsBefore.set(k, (set = new Set()));
    set.add(group);
  };
  for (const [group, users] of members) for (const u of users) join(u, group);
  const roleUsers = new Set<string>();
  for (const [u, groups] of input.groupsOf) {
    roleUsers.add(key(u));
    if (!shown.has(key(u))) shown.set(key(u), u);
    if (!groupsBefore.has(key(u))) groupsBefore.set(key(u), new Set());
    for (const g of groups) join(u, g);
  }
  for (const c of pool.changes) for (const u of movedUsers(c, members)) if (!groupsBefore.has(key(u))) { groupsBefore.set(key(u), new Set()); shown.set(key(u), u); }

  const byChange = new Map<string, { change: ClaimChange; users: string[] }>();
  const note = (change: ClaimChange, user: string): void => {
    const id = JSON.stringify(change);
    const entry = byChange.get(id);
    if (entry === undefined) byChange.set(id, { change, users: [user] });
    else entry.users.push(user);
  };
  // Each user meets only the changes of the groups they are in and the changes that add or remove them,
  // so a plan of thousands of changes costs per user what concerns that user.
  const byName = new Map<string, number[]>();
  const byUser = new Map<string, number[]>();
  const index = (map: Map<string, number[]>, k: string, i: number): void => {
    const list = map.get(k);
    if (list === undefined) map.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  pool.changes.forEach((c, i) => {
    index(byName, c.name, i);
    if ('previousName' in c) index(byName, c.previousName, i);
    if ('hold' in c && c.hold !== undefined) index(byName, c.hold.group, i);
    const m = 'members' in c ? c.members : undefined;
    for (const u of [...(m?.add ?? []), ...(m?.remove ?? [])]) index(byUser, key(u), i);
  });
  let affected = 0;
  const claims: AccessPrediction['claims'] = [];
  for (const [k, had] of groupsBefore) {
    const relevant = new Set<number>(byUser.get(k) ?? []);
    for (const g of had) for (const i of byName.get(g) ?? []) relevant.add(i);
    const mine = [...relevant].sort((a, b) => a - b).map((i) => pool.changes[i] as GroupChange);
    const has = groupsAfter(mine, had, k, key);
    const user = shown.get(k) ?? k;
    const changes: ClaimChange[] = [];
    for (const g of had) if (!has.has(g)) changes.push({ claim: 'groups', change: 'lose', group: g });
    for (const g of has) if (!had.has(g)) changes.push({ claim: 'groups', change: 'gain', group: g });
    const then = claimsOf(withFields(had, before));
    const now = claimsOf(withFields(has, after));
    if (roleUsers.has(k)) for (const c of roleChanges(then, now)) changes.push(c);
    if (changes.length > 0) {
      affected++;
      // A user whose role claims were not read keeps them: only the group names it is known to change differ.
      claims.push(roleUsers.has(k) ? { username: user, before: then, after: now } : { username: user, before: then, after: { ...then, groups: [...has].sort(compareNames) } });
    }
    for (const c of changes) note(c, user);
  }
  const transitions: AccessTransition[] = [...byChange.values()].map(({ change, users }) => {
    const usernames = users.sort(compareNames);
    const sensitive = gainedRole(change);
    return { ...change, count: usernames.length, usernames, ...(sensitive !== undefined && isSensitiveRole(sensitive, input.sensitiveRoles) ? { sensitive: true as const } : {}) };
  });
  return { users: affected, transitions: transitions.sort(largestFirst), claims };
}

/** The role a change gives users, if any: the role gained in `cognito:roles`, or the new preferred role. */
export function gainedRole(c: ClaimChange): string | undefined {
  if (c.claim === 'roles') return c.change === 'gain' ? c.role : undefined;
  if (c.claim === 'preferred_role') return c.after ?? undefined;
  return undefined;
}

const CLAIM_ORDER: Record<ClaimChange['claim'], number> = { preferred_role: 0, roles: 1, groups: 2 };

/** Largest first; then preferred role, roles, groups; then by value, so the order is stable. */
function largestFirst(a: AccessTransition, b: AccessTransition): number {
  return b.count - a.count || CLAIM_ORDER[a.claim] - CLAIM_ORDER[b.claim] || compareNames(JSON.stringify(claimOf(a)), JSON.stringify(claimOf(b)));
}

/** The claim change of a transition, without its users. */
export function claimOf(t: AccessTransition): ClaimChange {
  switch (t.claim) {
    case 'preferred_role':
      return { claim: t.claim, before: t.before, after: t.after, ...(t.tie === undefined ? {} : { tie: [...t.tie] }) };
    case 'roles':
      return { claim: t.claim, change: t.change, role: t.role };
    case 'groups':
      return { claim: t.claim, change: t.change, group: t.group };
  }
}

function roleChanges(then: Claims, now: Claims): ClaimChange[] {
  const out: ClaimChange[] = [];
  const was = then.preferredRole ?? null;
  const is = now.preferredRole ?? null;
  if (was !== is) out.push({ claim: 'preferred_role', before: was, after: is, ...(now.tie === undefined ? {} : { tie: now.tie }) });
  for (const r of now.roles) if (!then.roles.includes(r)) out.push({ claim: 'roles', change: 'gain', role: r });
  for (const r of then.roles) if (!now.roles.includes(r)) out.push({ claim: 'roles', change: 'lose', role: r });
  return out;
}

function fieldsOf(g: GroupFields): GroupFields {
  return { ...(g.precedence === undefined ? {} : { precedence: g.precedence }), ...(g.roleArn === undefined ? {} : { roleArn: g.roleArn }) };
}

function withFields(groups: ReadonlySet<string>, fields: ReadonlyMap<string, GroupFields>): ClaimGroup[] {
  return [...groups].map((name) => ({ name, ...(fields.get(name) ?? {}) }));
}

/** Every group of the pool once the plan is applied, with its precedence and role. */
function fieldsAfter(pool: PoolPlan, before: ReadonlyMap<string, GroupFields>): Map<string, GroupFields> {
  const out = new Map(before);
  for (const c of pool.changes) {
    if ('hold' in c && c.hold !== undefined) out.delete(c.hold.group);
    if ('previousName' in c) out.delete(c.previousName);
    if (c.action === 'delete') out.delete(c.name);
    else if (c.action !== 'restore') out.set(c.name, fieldsOf(c.after));
  }
  return out;
}

/** The groups a user is in once the plan is applied, from the groups it was in (as far as they were read). */
function groupsAfter(changes: readonly GroupChange[], had: ReadonlySet<string>, k: string, key: (u: string) => string): Set<string> {
  const has = new Set(had);
  for (const c of changes) {
    const m = 'members' in c ? c.members : undefined;
    const adds = m?.add.some((u) => key(u) === k) === true;
    const removes = m?.remove.some((u) => key(u) === k) === true;
    const held = 'hold' in c && c.hold !== undefined && had.has(c.hold.group);
    let member: boolean;
    switch (c.action) {
      case 'create':
      case 'restore':
        member = held || had.has(c.name);
        break;
      case 'update':
        member = had.has(c.name) || held;
        break;
      case 'replace':
        // Without a holding group (--drop-members) the members are dropped; a stopped run's held ones come back.
        member = (c.hold !== undefined && had.has(c.previousName)) || held;
        break;
      case 'rename':
        member = had.has(c.previousName) || had.has(c.name) || held;
        break;
      case 'delete':
        member = false;
        break;
    }
    if ('previousName' in c) has.delete(c.previousName);
    if ('hold' in c && c.hold !== undefined) has.delete(c.hold.group);
    if ((member || adds) && !removes && c.action !== 'delete') has.add(c.name);
    else has.delete(c.name);
  }
  return has;
}
