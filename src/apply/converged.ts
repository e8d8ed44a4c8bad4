// After applying: what still differs, as the changes a new plan would make. Pure.
import type { DesiredConfig } from '../config/model.js';
import { computePoolPlan } from '../plan/compute.js';
import { diffFields, normalFields } from '../plan/fields.js';
import type { GroupChange, ObservedGroup, Plan } from '../plan/model.js';

/** A difference left after applying: the change that would still be needed in one pool. */
export interface Remaining {
  poolId: string;
  change: GroupChange;
}

/** What still differs after an apply: against the file when there is one, else against each change's intended end. */
export function remainingChanges(plan: Plan, after: Map<string, ObservedGroup[]>, config?: DesiredConfig): Remaining[] {
  const out: Remaining[] = [];
  for (const pool of plan.pools) {
    const poolId = pool.userPoolId;
    const observed = after.get(poolId);
    if (observed === undefined) continue;
    const desiredPool = config?.userPools.find((p) => p.id === poolId);
    if (desiredPool !== undefined) {
      for (const change of computePoolPlan(desiredPool, observed).changes) out.push({ poolId, change });
      continue;
    }
    const byName = new Map(observed.map((g) => [g.name, g]));
    for (const c of pool.changes) {
      const now = byName.get(c.name);
      if (c.action === 'delete') {
        if (now !== undefined) out.push({ poolId, change: { action: 'delete', name: c.name, before: normalFields(now) } });
      } else if (now === undefined) {
        out.push({ poolId, change: { action: 'create', name: c.name, after: c.after } });
      } else {
        const fields = diffFields(now, c.after);
        if (fields.length > 0) out.push({ poolId, change: { action: 'update', name: c.name, before: normalFields(now), after: c.after, fields } });
      }
    }
  }
  return out;
}
