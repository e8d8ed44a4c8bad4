import { Document } from 'yaml';
import type { GroupsApi, PoolRef } from '../edge/cognito/port.js';
import { isProviderGroup, MAX_MEMBERS_LISTED, regionOfPoolId } from '../core/config/model.js';
import { compareNames } from '../core/config/names.js';
import { plural } from '../core/plural.js';
import { normalFields } from '../core/plan/fields.js';
import { isReserved } from '../core/plan/holding.js';
import { isLockGroup } from '../core/plan/lease.js';
import { readMembers, type MembersProgress } from '../edge/read/list-members.js';
import { listPools } from '../edge/read/list-pool.js';
import type { ReadProgress } from '../edge/read/list-pool.js';
import { checkOptions, type Spec } from './option-check.js';
import { foldEnvironments, type EnvironmentListing } from '../core/config/fold-environments.js';

/** Where a project that installed the package has the groups file's schema, from the project's root. */
export const INSTALLED_SCHEMA = 'node_modules/cognito-groups/schema/groups.schema.json';

/** How import reads the pools. */
export interface ImportOptions {
  /** Also write each group's members as an exact `members:` list. */
  withMembers?: boolean;
  onProgress?: (p: ReadProgress) => void;
  onMembersProgress?: (p: MembersProgress) => void;
}

/** The options `importGroupsFile()` takes, and what each value must be (checked before any call). */
export const IMPORT_OPTIONS: Spec<ImportOptions> = { withMembers: 'boolean', onProgress: 'function', onMembersProgress: 'function' };

/** A pool as import read it: the groups a file lists (fields, and members when asked), and what the header says of it. */
interface ImportedPool {
  pool: PoolRef;
  groups: Array<{ name: string; description?: string; precedence?: number; roleArn?: string; members?: string[] }>;
  /** Header lines: what was imported, and what was left out and why. */
  notes: string[];
}

/**
 * Lists the pools (and with `withMembers` the members of their groups) and keeps what a file lists:
 * provider groups and the tool's own holding groups are left out, named in the notes.
 */
async function readForImport(api: GroupsApi, pools: readonly PoolRef[], options: ImportOptions): Promise<ImportedPool[]> {
  const observed = await listPools(api, pools, options.onProgress);
  const kept = (pool: PoolRef) => (observed.get(pool.id) ?? []).filter((g) => !isProviderGroup(pool.id, g.name) && !isReserved(g.name));
  const members =
    options.withMembers === true
      ? await Promise.all(pools.map((pool) => readMembers(api, pool, kept(pool).map((g) => g.name), options.onMembersProgress)))
      : undefined;
  return pools.map((pool, i) => {
    const notes: string[] = [];
    const groups = observed.get(pool.id) ?? [];
    const providers = groups.filter((g) => isProviderGroup(pool.id, g.name)).map((g) => g.name);
    // The lock group of an apply running now is not left out by the import: it is not the pool's.
    const holds = groups.filter((g) => isReserved(g.name) && !isLockGroup(g.name)).map((g) => g.name);
    const imported = kept(pool);
    notes.push(`Imported from user pool ${pool.id} (${pool.region}): ${plural(imported.length, 'group')}${members === undefined ? '' : ', with their members'}.`);
    // An empty group gets no `members:`. `members: []` would say "exactly nobody", and apply refuses
    // to empty a group that has members (taken for a mistake), so the first member someone adds by
    // hand would make every later plan want a removal apply always refuses. Unmanaged, it stays free.
    const empty = members === undefined ? [] : imported.filter((g) => members[i]?.get(g.name)?.length === 0).map((g) => g.name);
    if (empty.length > 0) notes.push(`  No members yet, so membership left unmanaged (add \`members:\` once they have some): ${empty.join(', ')}`);
    if (providers.length > 0) notes.push(`  Provider groups left out (Cognito manages them): ${providers.join(', ')}`);
    if (holds.length > 0) notes.push(`  Holding groups left out (a cognito-groups run that stopped left them; plan shows what they hold): ${holds.join(', ')}`);
    return {
      pool,
      notes,
      groups: imported.map((g) => {
        const users = members?.[i]?.get(g.name);
        // A group with more members than a file may list keeps its membership unmanaged.
        if (users !== undefined && users.length > MAX_MEMBERS_LISTED) notes.push(`  ${g.name}: ${users.length} members, more than a file may list (${MAX_MEMBERS_LISTED}); its members are not managed`);
        const listed = users !== undefined && users.length > 0 && users.length <= MAX_MEMBERS_LISTED ? { members: [...users].sort(compareNames) } : {};
        return { name: g.name, ...normalFields(g), ...listed };
      }),
    };
  });
}

const SCHEMA_HEADER = [`yaml-language-server: $schema=${INSTALLED_SCHEMA}`, '  (the schema path is relative to this file: keep the file beside node_modules/, or change the path)'];

/**
 * A groups file for pools as they are now, so adopting them starts from a plan with no changes.
 * Provider groups and the tool's own holding groups are left out (named in the header).
 */
export async function importWith(api: GroupsApi, pools: readonly PoolRef[], options: ImportOptions = {}): Promise<string> {
  checkOptions('importGroupsFile', IMPORT_OPTIONS, options);
  const read = await readForImport(api, pools, options);
  const header = [...SCHEMA_HEADER, ...read.flatMap((r) => r.notes)];
  const userPools = read.map((r) => ({
    id: r.pool.id,
    ...(r.pool.region === regionOfPoolId(r.pool.id) ? {} : { region: r.pool.region }),
    groups: r.groups,
  }));
  const doc = new Document({ version: 1, userPools });
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** One environment to import: its name, its account (when known), the port to its pools, and the pools by key. */
export interface EnvironmentSource {
  name: string;
  account?: string;
  api: GroupsApi;
  pools: Array<PoolRef & { key: string }>;
}

/**
 * A groups file with `environments:` for several environments' pools as they are now: a group equal
 * in every environment it is in is written once (with `only:` when it is not in all), account ids and
 * environment names in roleArn and description become ${account} and ${env} where that makes them
 * agree, and what still differs is written per environment and named in the header. Every
 * environment's plan of the result has no changes.
 */
export async function importEnvironmentsWith(sources: readonly EnvironmentSource[], options: ImportOptions = {}): Promise<string> {
  checkOptions('importGroupsFile', IMPORT_OPTIONS, options);
  const read = await Promise.all(sources.map((s) => readForImport(s.api, s.pools, options)));
  const listings: EnvironmentListing[] = sources.map((s, i) => ({
    name: s.name,
    ...(s.account === undefined ? {} : { account: s.account }),
    pools: (read[i] ?? []).map((r, j) => ({
      key: s.pools[j]?.key ?? '',
      id: r.pool.id,
      ...(r.pool.region === regionOfPoolId(r.pool.id) ? {} : { region: r.pool.region }),
      groups: r.groups,
    })),
  }));
  const folded = foldEnvironments(listings);
  const header = [...SCHEMA_HEADER];
  sources.forEach((s, i) => {
    header.push(`Environment ${s.name}${s.account === undefined ? '' : ` (account ${s.account})`}:`);
    for (const note of read[i]?.flatMap((r) => r.notes) ?? []) header.push(`  ${note}`);
  });
  const folds = folded.userPools.reduce((n, p) => n + p.groups.length, 0);
  header.push(`Folded into ${folds} group ${folds === 1 ? 'entry' : 'entries'}${folded.partial.length === 0 ? '' : `; only some environments have ${folded.partial.map((p) => `${p.group} (${p.only.join(', ')})`).join(', ')}`}.`);
  if (folded.differences.length > 0) {
    header.push('Not folded (the environments differ; written once per variant, each with only:):');
    for (const d of folded.differences) header.push(`  ${d.key}/${d.group}: ${d.fields.join(', ')} differ: ${d.variants.map((v) => v.join(', ')).join(' | ')}`);
  }
  const environments = Object.fromEntries(
    folded.environments.map((e) => [
      e.name,
      {
        ...(e.account === undefined ? {} : { account: e.account }),
        userPools: Object.fromEntries(e.userPools.map((p) => [p.key, p.region === undefined ? p.id : { id: p.id, region: p.region }])),
      },
    ]),
  );
  const doc = new Document({ version: 1, environments, userPools: folded.userPools });
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
