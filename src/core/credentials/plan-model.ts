// The credentials check as data on a plan: per user pool, the identity pools that federate it and
// the credential transitions; for the plan, the roles the file names that cannot work and what could
// not be checked. The renderers word it.
import type { RoleWarning } from './role-checks.js';
import type { CredentialTransition } from './transitions.js';

/** An identity pool that federates a user pool, as a plan records it. */
export interface IdentityPoolRef {
  id: string;
  name: string;
  /** The app clients of the user pool it accepts, sorted. */
  clientIds: string[];
}

/** The credentials check of one user pool whose claims a plan changes. */
export type PoolCredentials =
  | {
      checked: true;
      /** Sorted by name; empty when no identity pool of the account federates the user pool. */
      identityPools: IdentityPoolRef[];
      /** Largest first. */
      transitions: CredentialTransition[];
      /** Users whose credentials change in any identity pool. */
      users: number;
    }
  /** The identity pools of the region could not be read (`why`: the error, in words). */
  | { checked: false; why: string };

/** The plan's credentials check as a whole. */
export type PlanCredentials =
  /** Skipped (`--no-credentials-check`). */
  | { checked: false }
  | {
      checked: true;
      /** Roles the file names that do not exist or that Cognito may not assume. */
      roleWarnings: RoleWarning[];
      /** What could not be checked (denied or failed reads), one sentence each. */
      unchecked: string[];
      /** The roles read, sorted. */
      rolesChecked: string[];
    };
