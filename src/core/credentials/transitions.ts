// What a plan does to the AWS credentials users get: for each identity pool and app client federating
// a user pool, the users whose credential differs before and after, grouped into transitions. Pure.
import type { Federation } from './federation.js';
import { credentialOf } from './resolve.js';
import { providerNameOf } from './federation.js';
import type { Credential, TokenClaims } from './model.js';

/** One user's predicted claims before and after the plan. */
export interface UserClaimChange {
  username: string;
  before: TokenClaims;
  after: TokenClaims;
}

/** A credential change shared by `count` users, in one identity pool through one app client. */
export interface CredentialTransition {
  identityPoolId: string;
  identityPoolName: string;
  clientId: string;
  before: Credential;
  after: Credential;
  count: number;
  /** Sorted. */
  usernames: string[];
  /** Set when the transition gives users a role `settings.sensitiveRoles` names. */
  sensitive?: true;
}

/** A stable key of a credential: equal keys are the same credential, however the role was chosen. */
export function credentialKey(c: Credential): string {
  switch (c.kind) {
    case 'role':
      return `role:${c.roleArn}`;
    case 'denied':
      return `denied:${c.why}`;
    case 'unpredicted':
      return `unpredicted:${c.claim}`;
  }
}

/**
 * The credential transitions of the users of user pool `userPoolId` (in `region`) across the identity
 * pools that federate it, largest first (then by identity pool, client and credentials, so the order
 * is stable). A user whose credential stays the same is in no transition.
 */
export function credentialTransitions(users: readonly UserClaimChange[], federations: readonly Federation[], region: string, userPoolId: string): CredentialTransition[] {
  const provider = providerNameOf(region, userPoolId);
  const byKey = new Map<string, CredentialTransition>();
  for (const { pool, clientIds } of federations) {
    for (const clientId of clientIds) {
      for (const u of users) {
        const before = credentialOf(u.before, pool, provider, clientId);
        const after = credentialOf(u.after, pool, provider, clientId);
        const b = credentialKey(before);
        const a = credentialKey(after);
        if (a === b) continue;
        const key = `${pool.id}\u0000${clientId}\u0000${b}\u0000${a}`;
        let t = byKey.get(key);
        if (t === undefined) {
          t = { identityPoolId: pool.id, identityPoolName: pool.name, clientId, before, after, count: 0, usernames: [] };
          byKey.set(key, t);
        }
        t.count++;
        t.usernames.push(u.username);
      }
    }
  }
  const out = [...byKey.values()];
  for (const t of out) t.usernames.sort();
  return out.sort(
    (x, y) =>
      y.count - x.count ||
      cmp(x.identityPoolName, y.identityPoolName) ||
      cmp(x.identityPoolId, y.identityPoolId) ||
      cmp(x.clientId, y.clientId) ||
      cmp(credentialKey(x.before), credentialKey(y.before)) ||
      cmp(credentialKey(x.after), credentialKey(y.after)),
  );
}

/** The distinct users in any transition. */
export function usersWithCredentialChanges(transitions: readonly CredentialTransition[]): number {
  return new Set(transitions.flatMap((t) => t.usernames)).size;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
