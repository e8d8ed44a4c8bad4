import { nameKey } from '../config/names.js';
import { diffFields, fieldsOf } from '../plan/compute.js';
import type { ObservedGroup } from '../plan/model.js';
import { showValue } from '../render/values.js';
import { listingDigest } from './digest.js';
import { touchedKeys } from './build.js';
import type { PlanDocument } from './model.js';

/** Why a saved plan no longer fits the pools, and what changed elsewhere in them without mattering. */
export interface Staleness {
  /** Each difference in a group the plan touches; any one makes the plan stale. */
  stale: string[];
  /** Pools whose other groups changed since the plan (the plan is still safe to apply). */
  notes: string[];
}

/** Compares what a plan saw of the groups it touches with what the pools have now. Pure. */
export function checkStaleness(doc: PlanDocument, current: Map<string, ObservedGroup[]>): Staleness {
  const stale: string[] = [];
  const notes: string[] = [];
  for (const pool of doc.pools) {
    const now = current.get(pool.userPoolId) ?? [];
    const nowByKey = new Map(now.map((g) => [nameKey(g.name), g]));
    const thenByKey = new Map(pool.observed.map((g) => [nameKey(g.name), g]));
    const touched = touchedKeys(pool);
    const before = stale.length;
    for (const key of [...touched].sort()) {
      const then = thenByKey.get(key);
      const found = nowByKey.get(key);
      const where = `${pool.userPoolId}:`;
      if (then === undefined && found !== undefined) {
        stale.push(`${where} "${found.name}" was created since the plan (the plan creates a group of that name)`);
      } else if (then !== undefined && found === undefined) {
        stale.push(`${where} "${then.name}" was deleted since the plan`);
      } else if (then !== undefined && found !== undefined) {
        if (then.name !== found.name) stale.push(`${where} "${then.name}" is now named "${found.name}"`);
        const fields = diffFields(fieldsOf(then), fieldsOf(found));
        if (fields.length > 0) {
          stale.push(`${where} "${found.name}" changed since the plan: ${fields.map((f) => `${f.field} ${showValue(f.before)} -> ${showValue(f.after)}`).join(', ')}`);
        }
      }
    }
    if (stale.length === before && listingDigest(now) !== pool.listingDigest) {
      notes.push(`${pool.userPoolId}: groups the plan does not touch changed since it was made; applying only the planned changes`);
    }
  }
  return { stale, notes };
}
