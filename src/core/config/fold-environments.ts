// Folding the pools of several environments into one groups file with `environments:` (what `import`
// writes for a dev/prod team): a group equal in every environment it exists in is written once, with
// `only:` when it is not in all of them; account ids and environment names inside roleArn and
// description become ${account} and ${env} when that makes the environments agree; what still differs
// is written once per variant (each with its `only:`) and reported. Pure: data in, data out.
import type { GroupFields } from './model.js';
import { compareNames } from './names.js';

/** One environment's pools as listed, for folding. */
export interface EnvironmentListing {
  name: string;
  /** The AWS account its pools live in, when known: written as `account:` and folded into ${account}. */
  account?: string;
  pools: Array<{
    key: string;
    id: string;
    /** Written as {id, region} when it is not the part of the id before "_". */
    region?: string;
    groups: Array<GroupFields & { name: string; members?: string[] }>;
  }>;
}

/** A group of the folded file, as the file writes it. */
export interface FoldedGroup extends GroupFields {
  name: string;
  members?: string[];
  /** Absent when the group is in every environment. */
  only?: string[];
}

/** A difference between environments that folding could not remove. */
export interface FoldDifference {
  key: string;
  group: string;
  /** The fields that differ after ${account} and ${env} were tried. */
  fields: Array<keyof GroupFields | 'members'>;
  /** The environments of each variant written, in environment order. */
  variants: string[][];
}

/** The folded file's content and what could not be folded. */
export interface FoldedEnvironments {
  environments: Array<{ name: string; account?: string; userPools: Array<{ key: string; id: string; region?: string }> }>;
  userPools: Array<{ key: string; groups: FoldedGroup[] }>;
  differences: FoldDifference[];
  /** Groups written with `only:` because some environments do not have them. */
  partial: Array<{ key: string; group: string; only: string[] }>;
}

const FIELDS = ['description', 'precedence', 'roleArn'] as const;

/**
 * Folds the environments' pools: pools are matched by key (every environment must list the same keys),
 * groups by name. Each environment is listed in the order given.
 */
export function foldEnvironments(listings: readonly EnvironmentListing[]): FoldedEnvironments {
  const keys = [...new Set(listings.flatMap((l) => l.pools.map((p) => p.key)))];
  const differences: FoldDifference[] = [];
  const partial: FoldedEnvironments['partial'] = [];
  const userPools = keys.map((key) => {
    const byName = new Map<string, Array<{ env: EnvironmentListing; group: EnvironmentListing['pools'][number]['groups'][number] }>>();
    for (const env of listings) {
      for (const group of env.pools.find((p) => p.key === key)?.groups ?? []) {
        byName.set(group.name, [...(byName.get(group.name) ?? []), { env, group }]);
      }
    }
    const groups: FoldedGroup[] = [];
    for (const name of [...byName.keys()].sort(compareNames)) {
      const present = byName.get(name) ?? [];
      const everywhere = present.length === listings.length;
      const folded = foldOne(present.map((p) => ({ env: p.env, group: p.group })));
      if (folded.variants.length === 1) {
        const only = everywhere ? undefined : present.map((p) => p.env.name);
        if (only !== undefined) partial.push({ key, group: name, only });
        groups.push({ ...(folded.variants[0]?.group as FoldedGroup), ...(only === undefined ? {} : { only }) });
      } else {
        differences.push({ key, group: name, fields: folded.differing, variants: folded.variants.map((v) => v.envs) });
        for (const v of folded.variants) groups.push({ ...v.group, only: v.envs });
      }
    }
    return { key, groups };
  });
  const environments = listings.map((l) => ({
    name: l.name,
    ...(l.account === undefined ? {} : { account: l.account }),
    userPools: keys.map((key) => {
      const pool = l.pools.find((p) => p.key === key);
      return { key, id: pool?.id ?? '', ...(pool?.region === undefined ? {} : { region: pool.region }) };
    }),
  }));
  return { environments, userPools, differences, partial };
}

type Present = { env: EnvironmentListing; group: EnvironmentListing['pools'][number]['groups'][number] };

/**
 * One group across the environments that have it: each field as written raw when all agree, else as a
 * template (${account}, then ${env} too) when that makes them agree; the environments split into
 * variants only by what still differs.
 */
function foldOne(present: readonly Present[]): { variants: Array<{ envs: string[]; group: FoldedGroup }>; differing: FoldDifference['fields'] } {
  const written = present.map((p) => ({ env: p.env.name, group: { name: p.group.name } as FoldedGroup }));
  const differing: FoldDifference['fields'] = [];
  for (const field of FIELDS) {
    const values = present.map((p) => p.group[field]);
    const chosen = field === 'precedence' ? undefined : templated(present, field);
    const final = chosen ?? values;
    if (new Set(final.map((v) => JSON.stringify(v ?? null))).size > 1) differing.push(field);
    final.forEach((v, i) => {
      if (v !== undefined) (written[i] as { group: FoldedGroup }).group[field] = v as never;
    });
  }
  const members = present.map((p) => (p.group.members === undefined ? undefined : [...p.group.members].sort(compareNames)));
  if (new Set(members.map((m) => JSON.stringify(m ?? null))).size > 1) differing.push('members');
  members.forEach((m, i) => {
    if (m !== undefined) (written[i] as { group: FoldedGroup }).group.members = m;
  });
  // Environments whose written group is the same share a variant, in environment order.
  const variants: Array<{ envs: string[]; group: FoldedGroup }> = [];
  for (const w of written) {
    const same = variants.find((v) => JSON.stringify(v.group) === JSON.stringify(w.group));
    if (same !== undefined) same.envs.push(w.env);
    else variants.push({ envs: [w.env], group: w.group });
  }
  return { variants, differing };
}

/**
 * A string field's values, templated when that is what makes them agree: raw values that already agree
 * (or a field no environment has) are kept as they are; otherwise each environment's account id
 * becomes ${account}, then, if they still differ, its name (as a whole word) becomes ${env}.
 * Undefined when templating does not make them agree, so the raw values are written.
 */
function templated(present: readonly Present[], field: 'description' | 'roleArn'): Array<string | undefined> | undefined {
  const raw = present.map((p) => p.group[field]);
  if (allEqual(raw)) return raw;
  if (raw.some((v) => v === undefined || v.includes('${'))) return undefined;
  const withAccount = present.map((p, i) => (p.env.account === undefined ? (raw[i] as string) : (raw[i] as string).split(p.env.account).join('${account}')));
  if (allEqual(withAccount)) return withAccount;
  const withEnv = present.map((p, i) => (withAccount[i] as string).replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(p.env.name)}(?![A-Za-z0-9])`, 'g'), '${env}'));
  return allEqual(withEnv) ? withEnv : undefined;
}

function allEqual(values: ReadonlyArray<string | undefined>): boolean {
  return new Set(values.map((v) => v ?? '\u0000none')).size <= 1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
