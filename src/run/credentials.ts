import { isSensitiveRole } from '../core/access/sensitive.js';
// The credentials check of a plan: for the user pools whose token claims the plan changes, which
// identity pools of the account hand out roles from those tokens and what each affected user gets
// before and after; and whether the roles the file names exist and let Cognito assume them. Every
// read is optional (denied or failed: the plan says what it could not check); a plan that changes no
// claim reads no identity pool, and checks only the roles of groups it creates or whose role it changes.
import type { DesiredConfig } from '../core/config/model.js';
import { roleArnSites } from '../core/config/role-sites.js';
import type { IdentityPoolInfo } from '../core/credentials/model.js';
import type { PlanCredentials, PoolCredentials } from '../core/credentials/plan-model.js';
import { distinctRoles, roleWarnings, type RoleCheckPool } from '../core/credentials/role-checks.js';
import { credentialTransitions, usersWithCredentialChanges, type UserClaimChange } from '../core/credentials/transitions.js';
import type { GroupChange, PoolPlan } from '../core/plan/model.js';
import type { CredentialsApi } from '../edge/identity/port.js';
import { federationsFor, readCredentialFacts } from '../edge/read/credentials.js';

/** How a run checks credentials. */
export interface CredentialsChecking {
  /** False with `--no-credentials-check`: nothing is read. */
  check: boolean;
  /** The groups file's name and text, so a role warning names the line of its roleArn. */
  file?: string;
  text?: string;
  /** The account the credentials are for, when the run knows it (roles of other accounts are not read). */
  account?: string;
  /** Check every role the file names even when no claim changes (drift: a role deleted since). */
  allRoles?: boolean;
}

/** What the identity pools said, as a saved plan records it: apply reads them again and refuses a plan whose mappings changed. */
export interface CredentialsRead {
  /** Per region read: the plan's user pools there (sorted) and the identity pools federating them, sorted by id. */
  regions: Array<{ region: string; userPools: string[]; identityPools: IdentityPoolInfo[] }>;
}

/** The outcome: each checked user pool's credentials (by user pool id), the plan's part, and what was read. */
export interface CredentialsChecked {
  pools: Map<string, PoolCredentials>;
  plan: PlanCredentials;
  read: CredentialsRead;
}

/** Whether a change gives its group a role it did not have before (a create with one, or a new roleArn). */
function setsRole(c: GroupChange): boolean {
  if (c.action === 'create') return c.after.roleArn !== undefined;
  if (c.action === 'update' || c.action === 'replace' || c.action === 'rename') return c.after.roleArn !== undefined && c.after.roleArn !== c.before.roleArn;
  return false;
}

/**
 * Checks credentials for `plan`'s pools. `claims` holds, by user pool id, each user whose claims the plan
 * changes with the claims before and after (the access check's prediction); pools without an entry
 * change no claim.
 */
export async function checkCredentials(api: CredentialsApi, config: DesiredConfig, pools: readonly PoolPlan[], claims: ReadonlyMap<string, readonly UserClaimChange[]>, checking: CredentialsChecking): Promise<CredentialsChecked> {
  const empty: CredentialsChecked = { pools: new Map(), plan: { checked: false }, read: { regions: [] } };
  if (!checking.check) return empty;
  const changing = pools.filter((p) => (claims.get(p.userPoolId) ?? []).length > 0);
  const rolePools: RoleCheckPool[] = config.userPools.map((p, poolIndex) => ({ poolIndex, poolId: p.id, groups: p.groups, identityPoolIds: [] }));
  // Every role of the file when some claim changes; otherwise only the roles the plan sets on groups.
  const roles =
    changing.length > 0 || checking.allRoles === true
      ? distinctRoles(rolePools)
      : [...new Set(pools.flatMap((p) => p.changes.filter(setsRole).map((c) => (c as { after: { roleArn?: string } }).after.roleArn as string)))].sort();
  if (changing.length === 0 && roles.length === 0) return empty;

  const facts = await readCredentialFacts(api, {
    userPools: changing.map((p) => ({ id: p.userPoolId, region: p.region })),
    roles,
    iamRegion: pools[0]?.region ?? config.userPools[0]?.region ?? 'us-east-1',
    ...(checking.account === undefined ? {} : { account: checking.account }),
  });

  const out = new Map<string, PoolCredentials>();
  for (const p of changing) {
    const feds = federationsFor(facts, p.region, p.userPoolId);
    if (feds === undefined) {
      const region = facts.regions.find((r) => r.region === p.region);
      out.set(p.userPoolId, { checked: false, why: region?.status === 'unchecked' ? region.why : 'the identity pools of its region were not read' });
      continue;
    }
    const patterns = config.settings.sensitiveRoles ?? [];
    const transitions = credentialTransitions(claims.get(p.userPoolId) ?? [], feds, p.region, p.userPoolId).map((t) =>
      t.after.kind === 'role' && isSensitiveRole(t.after.roleArn, patterns) ? { ...t, sensitive: true as const } : t,
    );
    out.set(p.userPoolId, {
      checked: true,
      identityPools: feds.map((f) => ({ id: f.pool.id, name: f.pool.name, clientIds: f.clientIds })),
      transitions,
      users: usersWithCredentialChanges(transitions),
    });
  }

  const withPools = rolePools.map((rp) => {
    const pool = config.userPools[rp.poolIndex];
    const feds = pool === undefined ? undefined : federationsFor(facts, pool.region, pool.id);
    return { ...rp, identityPoolIds: (feds ?? []).map((f) => f.pool.id) };
  });
  const checkedRoles = new Map([...facts.roles].filter(([arn]) => roles.includes(arn)));
  const sites = checking.text === undefined ? [] : roleArnSites(checking.text);
  const warnings = roleWarnings(withPools, checkedRoles, sites, checking.file);
  const unchecked = facts.unchecked;
  return {
    pools: out,
    plan: { checked: true, roleWarnings: warnings, unchecked, rolesChecked: roles },
    read: {
      regions: facts.regions.flatMap((r) =>
        r.status === 'read'
          ? [{ region: r.region, userPools: changing.filter((p) => p.region === r.region).map((p) => p.userPoolId).sort(), identityPools: [...r.identityPools].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) }]
          : [],
      ),
    },
  };
}

/** Whether the identity pools read again now differ from what a saved plan recorded (a mapping, a role, a provider, a pool added or gone). */
export function credentialsChanged(recorded: CredentialsRead, now: CredentialsRead): string[] {
  const out: string[] = [];
  for (const r of recorded.regions) {
    const again = now.regions.find((x) => x.region === r.region);
    if (again === undefined) {
      out.push(`the identity pools of ${r.region} could not be read again`);
      continue;
    }
    if (JSON.stringify(again.identityPools) !== JSON.stringify(r.identityPools)) out.push(`the identity pools of ${r.region} or their role mappings changed since the plan`);
  }
  return out;
}

/** The identity pools of the regions a saved plan read, read again now for the same user pools, for credentialsChanged. */
export async function readIdentityPoolsAgain(api: CredentialsApi, recorded: CredentialsRead): Promise<CredentialsRead> {
  const userPools = recorded.regions.flatMap((r) => r.userPools.map((id) => ({ id, region: r.region })));
  const facts = await readCredentialFacts(api, { userPools, roles: [], iamRegion: recorded.regions[0]?.region ?? 'us-east-1' });
  return {
    regions: recorded.regions.flatMap((r) => {
      const again = facts.regions.find((x) => x.region === r.region);
      if (again === undefined || again.status !== 'read') return [];
      return [{ region: r.region, userPools: r.userPools, identityPools: [...again.identityPools].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) }];
    }),
  };
}
