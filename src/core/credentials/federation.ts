// Which identity pools accept the tokens of a user pool, and through which app clients. Pure.
import type { IdentityPoolInfo } from './model.js';

/** The provider name an identity pool uses for a user pool: `cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
export function providerNameOf(region: string, userPoolId: string): string {
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** The key of a role mapping: `<providerName>:<clientId>`. */
export function mappingKey(providerName: string, clientId: string): string {
  return `${providerName}:${clientId}`;
}

/** An identity pool federating a user pool, and the app clients it accepts tokens of. */
export interface Federation {
  pool: IdentityPoolInfo;
  /** Sorted, distinct. */
  clientIds: string[];
}

/** The identity pools (sorted by name, then id) that accept tokens of the user pool `userPoolId` in `region`. */
export function federationsOf(pools: readonly IdentityPoolInfo[], region: string, userPoolId: string): Federation[] {
  const provider = providerNameOf(region, userPoolId);
  const out: Federation[] = [];
  for (const pool of pools) {
    // Provider names are compared as AWS writes them; a trailing slash or another case is another provider.
    const clientIds = [...new Set(pool.providers.filter((p) => p.providerName === provider).map((p) => p.clientId))].sort();
    if (clientIds.length > 0) out.push({ pool, clientIds });
  }
  return out.sort((a, b) => (a.pool.name < b.pool.name ? -1 : a.pool.name > b.pool.name ? 1 : a.pool.id < b.pool.id ? -1 : a.pool.id > b.pool.id ? 1 : 0));
}
