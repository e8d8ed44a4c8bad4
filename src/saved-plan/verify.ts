import type { DesiredConfig } from '../config/model.js';
import { computePoolPlan, fieldsOf } from '../plan/compute.js';
import type { ObservedGroup } from '../plan/model.js';
import { changeJson, unmanagedJson } from './canonical.js';
import { listingDigest, sha256 } from './digest.js';
import type { PlanDocument } from './model.js';

/**
 * Checks that a plan document follows from a groups file: the file's bytes are the ones the plan
 * was made from, and planning that file against what the plan saw gives exactly the plan's changes.
 * The checksum alone catches accidents; this catches a plan edited on purpose (a changed roleArn
 * with a recomputed checksum). Pure: returns the differences, empty when the plan is faithful.
 */
export function planFollowsFrom(doc: PlanDocument, fileText: string, config: DesiredConfig): string[] {
  const problems: string[] = [];
  if (sha256(fileText) !== doc.desiredFile.sha256) {
    problems.push(`the groups file is not the one the plan was made from (sha256 differs from the plan's desiredFile ${doc.desiredFile.path})`);
    return problems;
  }
  if ((config.settings.maxRps ?? null) !== (doc.settings.maxRps ?? null)) problems.push(`settings.maxRps is ${String(doc.settings.maxRps)} in the plan, ${String(config.settings.maxRps)} in the file`);
  const planned = doc.pools.map((p) => p.userPoolId).join(',');
  const wanted = config.userPools.map((p) => p.id).join(',');
  if (planned !== wanted) problems.push(`the plan covers pools ${planned}, the file ${wanted}`);
  for (const pool of doc.pools) {
    const desired = config.userPools.find((p) => p.id === pool.userPoolId);
    if (desired === undefined) continue;
    if (desired.region !== pool.region) problems.push(`${pool.userPoolId}: region ${pool.region} in the plan, ${desired.region} in the file`);
    // What the plan saw: the groups it touches as listed, the unchanged ones as the file wants them, and the unmanaged ones.
    const wantedByName = new Map(desired.groups.map((g) => [g.name, g]));
    const listing: ObservedGroup[] = [
      ...pool.observed,
      ...pool.unchanged.map((name) => ({ name, ...fieldsOf(wantedByName.get(name) ?? { }) })),
      ...pool.unmanaged.map(({ provider: _provider, ...g }) => g),
    ];
    const again = computePoolPlan(desired, listing);
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    if (!same(again.changes.map(changeJson), pool.changes.map(changeJson))) problems.push(`${pool.userPoolId}: the plan's changes are not what the file asks for against what the plan saw`);
    if (!same(again.unchanged, pool.unchanged) || !same(again.unmanaged.map(unmanagedJson), pool.unmanaged.map(unmanagedJson))) {
      problems.push(`${pool.userPoolId}: the plan's unchanged or unmanaged groups do not match the file`);
    }
    // The listing rebuilt from the plan must be the one the plan saw: a change left out of the plan
    // (its group moved to `unchanged`, or dropped from `observed`) shows here.
    if (listingDigest(listing) !== pool.listingDigest) problems.push(`${pool.userPoolId}: what the plan says it saw does not match the digest of the listing it was made from`);
    if (again.listed !== pool.listed) problems.push(`${pool.userPoolId}: the plan says ${pool.listed} groups were listed, its content shows ${again.listed}`);
  }
  return problems;
}
