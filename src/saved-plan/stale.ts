import { nameKey } from '../config/names.js';
import { diffFields, type FieldChange } from '../plan/fields.js';
import type { ObservedGroup } from '../plan/model.js';
import { listingDigest } from './digest.js';
import { touchedKeys } from './build.js';
import type { PlanDocument } from './model.js';

/** How a group the plan touches differs from what the plan saw; any one makes the plan stale. */
export type StaleGroup =
  | { kind: 'created'; poolId: string; name: string }
  | { kind: 'deleted'; poolId: string; name: string }
  | { kind: 'renamed'; poolId: string; from: string; to: string }
  | { kind: 'changed'; poolId: string; name: string; fields: FieldChange[] };

/** Why a saved plan no longer fits the pools, and which pools changed elsewhere without mattering. */
export interface Staleness {
  /** Each difference in a group the plan touches, by pool then name. */
  stale: StaleGroup[];
  /** Pools whose other groups changed since the plan (the plan is still safe to apply). */
  changedElsewhere: string[];
}

/** Compares what a plan saw of the groups it touches with what the pools have now. Pure. */
export function checkStaleness(doc: PlanDocument, current: Map<string, ObservedGroup[]>): Staleness {
  const stale: StaleGroup[] = [];
  const changedElsewhere: string[] = [];
  for (const pool of doc.pools) {
    const poolId = pool.userPoolId;
    const now = current.get(poolId) ?? [];
    const nowByKey = new Map(now.map((g) => [nameKey(g.name), g]));
    const thenByKey = new Map(pool.observed.map((g) => [nameKey(g.name), g]));
    const before = stale.length;
    for (const key of [...touchedKeys(pool)].sort()) {
      const then = thenByKey.get(key);
      const found = nowByKey.get(key);
      if (then === undefined && found !== undefined) {
        stale.push({ kind: 'created', poolId, name: found.name });
      } else if (then !== undefined && found === undefined) {
        stale.push({ kind: 'deleted', poolId, name: then.name });
      } else if (then !== undefined && found !== undefined) {
        if (then.name !== found.name) stale.push({ kind: 'renamed', poolId, from: then.name, to: found.name });
        const fields = diffFields(then, found);
        if (fields.length > 0) stale.push({ kind: 'changed', poolId, name: found.name, fields });
      }
    }
    if (stale.length === before && listingDigest(now) !== pool.listingDigest) changedElsewhere.push(poolId);
  }
  return { stale, changedElsewhere };
}
