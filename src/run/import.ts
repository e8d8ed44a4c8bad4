import { Document } from 'yaml';
import type { GroupsApi, PoolRef } from '../edge/cognito/port.js';
import { isProviderGroup, MAX_MEMBERS_LISTED, regionOfPoolId } from '../core/config/model.js';
import { compareNames } from '../core/config/names.js';
import { normalFields } from '../core/plan/fields.js';
import { isReserved } from '../core/plan/holding.js';
import { isLockGroup } from '../core/plan/lease.js';
import { readMembers, type MembersProgress } from '../edge/read/list-members.js';
import { listPools } from '../edge/read/list-pool.js';
import type { ReadProgress } from '../edge/read/list-pool.js';

/** Where a project that installed the package has the groups file's schema, from the project's root. */
export const INSTALLED_SCHEMA = 'node_modules/cognito-groups/schema/groups.schema.json';

/** How import reads the pools. */
export interface ImportOptions {
  /** Also write each group's members as an exact `members:` list. */
  withMembers?: boolean;
  onProgress?: (p: ReadProgress) => void;
  onMembersProgress?: (p: MembersProgress) => void;
}

/**
 * A groups file for pools as they are now, so adopting them starts from a plan with no changes.
 * Provider groups and the tool's own holding groups are left out (named in the header).
 */
export async function importWith(api: GroupsApi, pools: readonly PoolRef[], options: ImportOptions = {}): Promise<string> {
  const observed = await listPools(api, pools, options.onProgress);
  const kept = (pool: PoolRef) => (observed.get(pool.id) ?? []).filter((g) => !isProviderGroup(pool.id, g.name) && !isReserved(g.name));
  const members =
    options.withMembers === true
      ? await Promise.all(pools.map((pool) => readMembers(api, pool, kept(pool).map((g) => g.name), options.onMembersProgress)))
      : undefined;
  const header: string[] = [`yaml-language-server: $schema=${INSTALLED_SCHEMA}`, '  (the schema path is relative to this file: keep the file beside node_modules/, or change the path)'];
  const userPools = pools.map((pool, i) => {
    const groups = observed.get(pool.id) ?? [];
    const providers = groups.filter((g) => isProviderGroup(pool.id, g.name)).map((g) => g.name);
    // The lock group of an apply running now is not left out by the import: it is not the pool's.
    const holds = groups.filter((g) => isReserved(g.name) && !isLockGroup(g.name)).map((g) => g.name);
    const imported = kept(pool);
    header.push(`Imported from user pool ${pool.id} (${pool.region}): ${imported.length} groups${members === undefined ? '' : ', with their members'}.`);
    if (providers.length > 0) header.push(`  Provider groups left out (Cognito manages them): ${providers.join(', ')}`);
    if (holds.length > 0) header.push(`  Holding groups left out (a cognito-groups run that stopped left them; plan shows what they hold): ${holds.join(', ')}`);
    return {
      id: pool.id,
      ...(pool.region === regionOfPoolId(pool.id) ? {} : { region: pool.region }),
      groups: imported.map((g) => {
        const users = members?.[i]?.get(g.name);
        // A group with more members than a file may list keeps its membership unmanaged.
        if (users !== undefined && users.length > MAX_MEMBERS_LISTED) header.push(`  ${g.name}: ${users.length} members, more than a file may list (${MAX_MEMBERS_LISTED}); its members are not managed`);
        const listed = users !== undefined && users.length <= MAX_MEMBERS_LISTED ? { members: [...users].sort(compareNames) } : {};
        return { name: g.name, ...normalFields(g), ...listed };
      }),
    };
  });
  const doc = new Document({ version: 1, userPools });
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
