// Access drift: what hand-made membership changes did to users' claims. The plan's member changes
// undo them, so their transitions, reversed, are what the hand-made changes did. Pure.
import type { PoolPlan } from '../plan/model.js';
import type { AccessTransition } from './model.js';

/** The pool's plan with only the member changes of groups whose fields match (or are set back to what the pool has): the membership drift, apart from any field drift. */
export function memberChangesOnly(pool: PoolPlan): PoolPlan {
  const changes = pool.changes.flatMap((c) => (c.action === 'update' && c.members !== undefined && c.hold === undefined ? [{ ...c, after: c.before, fields: [] }] : []));
  return { ...pool, changes };
}

/** Transitions reversed: what was done that these transitions would undo (largest first, as given). */
export function undoneBy(transitions: readonly AccessTransition[]): AccessTransition[] {
  return transitions.map((t): AccessTransition => {
    const users = { count: t.count, usernames: [...t.usernames] };
    switch (t.claim) {
      case 'preferred_role':
        return { claim: t.claim, before: t.after, after: t.before, ...users };
      case 'roles':
        return { claim: t.claim, change: t.change === 'gain' ? 'lose' : 'gain', role: t.role, ...users };
      case 'groups':
        return { claim: t.claim, change: t.change === 'gain' ? 'lose' : 'gain', group: t.group, ...users };
    }
  });
}
