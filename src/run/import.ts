import { Document } from 'yaml';
import type { GroupsApi, PoolRef } from '../cognito/port.js';
import { isProviderGroup, regionOfPoolId } from '../config/model.js';
import { normalFields } from '../plan/fields.js';
import { listPools } from '../read/list-pool.js';
import type { ReadProgress } from '../read/list-pool.js';

/** Where a project that installed the package has the groups file's schema, from the project's root. */
export const INSTALLED_SCHEMA = 'node_modules/cognito-groups/schema/groups.schema.json';

/** A groups file for pools as they are now, so adopting them starts from a plan with no changes. Provider groups are left out. */
export async function importWith(api: GroupsApi, pools: readonly PoolRef[], onProgress?: (p: ReadProgress) => void): Promise<string> {
  const observed = await listPools(api, pools, onProgress);
  const header: string[] = [`yaml-language-server: $schema=${INSTALLED_SCHEMA}`, '  (the schema path is relative to this file: keep the file beside node_modules/, or change the path)'];
  const userPools = pools.map((pool) => {
    const groups = observed.get(pool.id) ?? [];
    const providers = groups.filter((g) => isProviderGroup(pool.id, g.name)).map((g) => g.name);
    header.push(`Imported from user pool ${pool.id} (${pool.region}): ${groups.length - providers.length} groups.`);
    if (providers.length > 0) header.push(`  Provider groups left out (Cognito manages them): ${providers.join(', ')}`);
    return {
      id: pool.id,
      ...(pool.region === regionOfPoolId(pool.id) ? {} : { region: pool.region }),
      groups: groups
        .filter((g) => !isProviderGroup(pool.id, g.name))
        .map((g) => ({ name: g.name, ...normalFields(g) })),
    };
  });
  const doc = new Document({ version: 1, userPools });
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
