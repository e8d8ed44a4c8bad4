// The roles a groups file names, judged from what IAM GetRole answered: a role that does not exist,
// or whose trust policy does not let the identity pools hand it out, is a warning (not an error: the
// role may be created later in the same deploy). Pure.
import type { RoleArnSite } from '../config/role-sites.js';
import { judgeTrust } from './trust.js';

/** What reading one role found. */
export type RoleLookup =
  | { status: 'found'; /** The trust policy, URL-decoded JSON. */ trustPolicy: string }
  /** IAM answered NoSuchEntity. */
  | { status: 'missing' }
  /** Not read: denied, another account, a failure; `why` says which, in words. */
  | { status: 'unchecked'; why: string };

/** What is wrong with a role a group names. */
export type RoleProblem = 'missing' | 'no-cognito-trust' | 'other-identity-pools' | 'no-aud-condition' | 'unreadable';

/** A role a group names that cannot work as the file means it. */
export interface RoleWarning {
  poolId: string;
  group: string;
  roleArn: string;
  problem: RoleProblem;
  /** For other-identity-pools: the identity pools the trust policy names instead. */
  audiences?: string[];
  /** Where the file writes the group's roleArn, when known. */
  file?: string;
  line?: number;
  column?: number;
}

/** A pool's groups with roles, and the identity pools that federate it (their ids; empty for none). */
export interface RoleCheckPool {
  poolIndex: number;
  poolId: string;
  groups: ReadonlyArray<{ name: string; roleArn?: string }>;
  identityPoolIds: readonly string[];
}

/** The warnings for every group whose role is missing or untrusting; roles not read are left out (the caller says so). */
export function roleWarnings(pools: readonly RoleCheckPool[], lookups: ReadonlyMap<string, RoleLookup>, sites: readonly RoleArnSite[] = [], file?: string): RoleWarning[] {
  const out: RoleWarning[] = [];
  for (const pool of pools) {
    for (const group of pool.groups) {
      if (group.roleArn === undefined) continue;
      const lookup = lookups.get(group.roleArn);
      if (lookup === undefined || lookup.status === 'unchecked') continue;
      const site = sites.find((s) => s.poolIndex === pool.poolIndex && s.group === group.name);
      const base: RoleWarning = {
        poolId: pool.poolId,
        group: group.name,
        roleArn: group.roleArn,
        problem: 'missing',
        ...(site === undefined ? {} : { ...(file === undefined ? {} : { file }), line: site.line, column: site.column }),
      };
      if (lookup.status === 'missing') {
        out.push(base);
        continue;
      }
      const verdict = judgeTrust(lookup.trustPolicy, pool.identityPoolIds);
      if (verdict.ok) continue;
      out.push({ ...base, problem: verdict.problem, ...(verdict.problem === 'other-identity-pools' ? { audiences: verdict.audiences } : {}) });
    }
  }
  return out;
}

/** The distinct role ARNs of the groups, sorted: each is read once. */
export function distinctRoles(pools: readonly RoleCheckPool[]): string[] {
  return [...new Set(pools.flatMap((p) => p.groups.flatMap((g) => (g.roleArn === undefined ? [] : [g.roleArn]))))].sort();
}
