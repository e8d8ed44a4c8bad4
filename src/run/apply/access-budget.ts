// The access budget of an apply: how many users' preferred role a plan may change, whether it gives
// anyone a sensitive role, and whether its access was checked at all. Checked with the rest of the
// policy, before any write, from the prediction the plan carries (a saved plan too, offline).
import type { ClaimChange } from '../../core/access/model.js';
import { claimOf } from '../../core/access/transitions.js';
import type { Plan } from '../../core/plan/model.js';
import type { CredentialTransition } from '../../core/credentials/transitions.js';

/** One transition as a refusal names it: where, what (a claim change, or a credential change where an identity pool is known), how many users. */
export type TransitionRef = { poolId: string; count: number } & ({ change: ClaimChange } | { credential: CredentialTransition });

/** What the access budget refuses; each part absent when fine. */
export interface AccessViolations {
  /** Set when the plan changes the preferred role of more users than maxRoleChanges: the count and the largest such transitions. */
  overMaxRoleChanges?: { users: number; maxRoleChanges: number; largest: TransitionRef[]; /** Set when some users were counted by their credentials (an identity pool is known). */ credentials?: true };
  /** Set when the plan gives users a role settings.sensitiveRoles names: how many users, and the largest such transitions. */
  sensitive?: { users: number; largest: TransitionRef[] };
  /** Pools whose changes can alter claims, planned with --no-access-check. */
  unchecked?: string[];
}

/** Transitions a refusal names, largest first. */
export const TRANSITIONS_NAMED = 5;

/** What a plan's access does beyond the budget; undefined when within it. Pure. */
export function accessViolations(plan: Plan, maxRoleChanges: number): AccessViolations | undefined {
  const preferred: TransitionRef[] = [];
  const sensitive: TransitionRef[] = [];
  const sensitiveUsers = new Set<string>();
  const unchecked: string[] = [];
  let credentialUsers = 0;
  for (const pool of plan.pools) {
    const a = pool.access;
    if (a === undefined) continue;
    if (!a.checked) {
      unchecked.push(pool.userPoolId);
      continue;
    }
    // Where an identity pool hands out roles from these tokens, the budget counts whose credentials change.
    const c = pool.credentials;
    if (c?.checked === true && c.identityPools.length > 0) {
      credentialUsers += c.users;
      for (const t of c.transitions) {
        const ref = { poolId: pool.userPoolId, credential: t, count: t.count };
        preferred.push(ref);
        if (t.sensitive === true) {
          sensitive.push(ref);
          for (const u of t.usernames) sensitiveUsers.add(`${pool.userPoolId}\u0000${u}`);
        }
      }
      continue;
    }
    for (const t of a.transitions) {
      const ref = { poolId: pool.userPoolId, change: claimOf(t), count: t.count };
      if (t.claim === 'preferred_role') preferred.push(ref);
      if (t.sensitive === true) {
        sensitive.push(ref);
        for (const u of t.usernames) sensitiveUsers.add(`${pool.userPoolId}\u0000${u}`);
      }
    }
  }
  const largest = (refs: TransitionRef[]): TransitionRef[] => [...refs].sort((a, b) => b.count - a.count).slice(0, TRANSITIONS_NAMED);
  // A user has at most one preferred-role transition per pool: the counts add up to users.
  const users = preferred.filter((r) => 'change' in r).reduce((n, r) => n + r.count, 0) + credentialUsers;
  const v: AccessViolations = {
    ...(users > maxRoleChanges ? { overMaxRoleChanges: { users, maxRoleChanges, largest: largest(preferred), ...(credentialUsers > 0 ? { credentials: true as const } : {}) } } : {}),
    ...(sensitiveUsers.size > 0 ? { sensitive: { users: sensitiveUsers.size, largest: largest(sensitive) } } : {}),
    ...(unchecked.length > 0 ? { unchecked } : {}),
  };
  return Object.keys(v).length === 0 ? undefined : v;
}
