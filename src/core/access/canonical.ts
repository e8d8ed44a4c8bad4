// The access prediction as JSON: objects rebuilt with a fixed key order, so the plan document's
// checksum and every machine format are stable whatever built the values.
import type { AccessRead, AccessTransition, PoolAccess } from './model.js';

/** A transition, in a fixed key order. */
export function transitionJson(t: AccessTransition): AccessTransition {
  const users = { count: t.count, usernames: [...t.usernames], ...(t.sensitive === true ? { sensitive: true as const } : {}) };
  switch (t.claim) {
    case 'preferred_role':
      return { claim: t.claim, before: t.before, after: t.after, ...(t.tie === undefined ? {} : { tie: [...t.tie] }), ...users };
    case 'roles':
      return { claim: t.claim, change: t.change, role: t.role, ...users };
    case 'groups':
      return { claim: t.claim, change: t.change, group: t.group, count: t.count, usernames: [...t.usernames] };
  }
}

/** A pool's access prediction, in a fixed key order. */
export function accessJson(a: PoolAccess): PoolAccess {
  const trigger = a.trigger === undefined ? {} : { trigger: a.trigger };
  if (!a.checked) return { checked: false, ...trigger };
  return { checked: true, via: a.via, reads: a.reads, users: a.users, transitions: a.transitions.map(transitionJson), ...trigger };
}

/** What an access check read, in a fixed key order. */
export function accessReadJson(r: AccessRead): AccessRead {
  switch (r.via) {
    case 'plan-reads':
      return { via: r.via };
    case 'group-members':
      return { via: r.via, members: r.members.map((m) => ({ group: m.group, usernames: [...m.usernames] })) };
    case 'user-groups':
      return { via: r.via, users: r.users.map((u) => ({ username: u.username, groups: [...u.groups] })) };
  }
}
