import { transitionJson } from '../access/canonical.js';
import { predictionFrom } from '../access/recompute.js';
import type { DesiredConfig } from '../config/model.js';
import { changeJson, unmanagedJson } from '../plan/canonical.js';
import { compareNames } from '../config/names.js';
import { computePoolPlan, memberReadsOf } from '../plan/compute.js';
import type { ObservedGroup, PoolPlan } from '../plan/model.js';
import { membersOfDocument } from './build.js';
import { listingDigest, sha256 } from './digest.js';
import type { PlanDocument } from './model.js';

/** One way a plan document does not follow from a groups file. */
export type FollowProblem =
  /** The file's bytes are not the ones the plan was made from. */
  | { kind: 'file'; planFile: string }
  | { kind: 'setting'; setting: 'maxRps'; inPlan: number | null; inFile: number | null }
  | { kind: 'pools'; inPlan: string[]; inFile: string[] }
  | { kind: 'region'; poolId: string; inPlan: string; inFile: string }
  /** Planning the file against what the plan saw gives other changes. */
  | { kind: 'changes'; poolId: string }
  | { kind: 'unchanged-or-unmanaged'; poolId: string }
  /** What the plan says it saw does not match the digest of the listing it was made from. */
  | { kind: 'listing'; poolId: string }
  | { kind: 'listed'; poolId: string; inPlan: number; shown: number }
  /** The plan records the members of other groups than those its changes need counted. */
  | { kind: 'members'; poolId: string }
  /** settings.sensitiveRoles differ between the plan and the file. */
  | { kind: 'sensitive-roles'; inPlan: string[]; inFile: string[] }
  /** The plan's access prediction is not what its own recorded reads give. */
  | { kind: 'access'; poolId: string }
  /** The plan was made for another environment of the file (or the file was read as another one). */
  | { kind: 'environment'; inPlan: string | null; inFile: string | null; accountInPlan: string | null; accountInFile: string | null };

/**
 * Checks that a plan document follows from a groups file: the file's bytes are the ones the plan
 * was made from, and planning that file against what the plan saw gives exactly the plan's changes.
 * The checksum alone catches accidents; this catches a plan edited on purpose (a changed roleArn
 * with a recomputed checksum). Pure: returns the differences, empty when the plan is faithful.
 */
export function planFollowsFrom(doc: PlanDocument, fileText: string, config: DesiredConfig): FollowProblem[] {
  if (sha256(fileText) !== doc.desiredFile.sha256) return [{ kind: 'file', planFile: doc.desiredFile.path }];
  const problems: FollowProblem[] = [];
  const env = { inPlan: doc.environment ?? null, inFile: config.environment?.name ?? null, accountInPlan: doc.account ?? null, accountInFile: config.environment?.account ?? null };
  if (env.inPlan !== env.inFile || env.accountInPlan !== env.accountInFile) problems.push({ kind: 'environment', ...env });
  const planMaxRps = doc.settings.maxRps ?? null;
  const fileMaxRps = config.settings.maxRps ?? null;
  if (planMaxRps !== fileMaxRps) problems.push({ kind: 'setting', setting: 'maxRps', inPlan: planMaxRps, inFile: fileMaxRps });
  const planSensitive = doc.settings.sensitiveRoles ?? [];
  const fileSensitive = config.settings.sensitiveRoles ?? [];
  if (JSON.stringify(planSensitive) !== JSON.stringify(fileSensitive)) problems.push({ kind: 'sensitive-roles', inPlan: planSensitive, inFile: fileSensitive });
  const inPlan = doc.pools.map((p) => p.userPoolId);
  const inFile = config.userPools.map((p) => p.id);
  if (inPlan.join(',') !== inFile.join(',')) problems.push({ kind: 'pools', inPlan, inFile });
  for (const pool of doc.pools) {
    const poolId = pool.userPoolId;
    const desired = config.userPools.find((p) => p.id === poolId);
    if (desired === undefined) continue;
    if (desired.region !== pool.region) problems.push({ kind: 'region', poolId, inPlan: pool.region, inFile: desired.region });
    const listing: ObservedGroup[] = pool.observed;
    const again = computePoolPlan(desired, listing, {
      members: membersOfDocument(pool),
      dropMembers: doc.dropMembers === true,
      ...(pool.usernamesCaseSensitive === undefined ? {} : { caseSensitive: pool.usernamesCaseSensitive }),
    });
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    if (!same(again.changes.map(changeJson), pool.changes.map(changeJson))) problems.push({ kind: 'changes', poolId });
    if (!same(again.unchanged, pool.unchanged) || !same(again.unmanaged.map(unmanagedJson), pool.unmanaged.map(unmanagedJson))) {
      problems.push({ kind: 'unchanged-or-unmanaged', poolId });
    }
    // What the plan says it saw must be the listing it was made from: a group edited or dropped from
    // `observed` (to make a change disappear) shows here.
    if (listingDigest(listing) !== pool.listingDigest) problems.push({ kind: 'listing', poolId });
    const recorded = (pool.members ?? []).map((m) => m.group);
    if (!same(recorded, [...memberReadsOf(again, desired)].sort(compareNames))) problems.push({ kind: 'members', poolId });
    // A pool whose file manages members must say how it compares usernames, or the member changes could not be checked.
    if (desired.groups.some((g) => g.members !== undefined) !== (pool.usernamesCaseSensitive !== undefined)) problems.push({ kind: 'members', poolId });
    if (again.listed !== pool.listed) problems.push({ kind: 'listed', poolId, inPlan: pool.listed, shown: again.listed });
    // Only when nothing else is wrong with the pool: other changes or members give another prediction too.
    if (!problems.some((p) => 'poolId' in p && p.poolId === poolId) && !accessFollows(pool, again, planSensitive)) problems.push({ kind: 'access', poolId });
  }
  return problems;
}

/**
 * Whether a pool's recorded access is what its recorded reads give: a checked prediction must be
 * exactly that, and a pool whose changes can alter a claim must say so (checked or not).
 */
function accessFollows(pool: PlanDocument['pools'][number], again: PoolPlan, sensitiveRoles: readonly string[]): boolean {
  const members = membersOfDocument(pool);
  const caseSensitive = pool.usernamesCaseSensitive ?? true;
  const read = pool.accessRead ?? { via: 'plan-reads' as const };
  const predicted = predictionFrom(again, { observed: pool.observed, members, caseSensitive, read, sensitiveRoles });
  if (predicted === undefined) return pool.access === undefined && pool.accessRead === undefined;
  if (pool.access === undefined) return false;
  if (!pool.access.checked) return pool.accessRead === undefined;
  return predicted.users === pool.access.users && JSON.stringify(predicted.transitions.map(transitionJson)) === JSON.stringify(pool.access.transitions.map(transitionJson));
}
