import { undoneBy } from '../access/drift.js';
import { assertNever } from '../errors.js';
import type { Plan, PoolPlan } from '../plan/model.js';
import type { DriftReport, PoolDrift, ProviderGroupReport } from './model.js';

/** Drift is the plan read as a report: what differs, what is missing, what nobody manages. Pure. */
export function driftOf(plan: Plan): DriftReport {
  return { pools: plan.pools.map(poolDrift) };
}

function poolDrift(pool: PoolPlan): PoolDrift {
  const drift: PoolDrift = { userPoolId: pool.userPoolId, region: pool.region, listed: pool.listed, drifted: [], missing: [], unmanaged: [], toDelete: [], providerGroups: [], orphanHolds: [...(pool.orphanHolds ?? [])] };
  for (const c of pool.changes) {
    switch (c.action) {
      case 'create':
        // A group whose members a stopped run holds is missing all the same; apply creates it and puts them back.
        drift.missing.push(c.name);
        break;
      case 'update':
      case 'replace':
      case 'rename': {
        const fields = c.fields.map((f) => ({ field: f.field, expected: f.after, actual: f.before }));
        drift.drifted.push({
          name: c.name,
          fix: c.action,
          fields,
          ...(c.action !== 'update' && c.previousName !== c.name ? { actualName: c.previousName } : {}),
          ...(c.memberCount === undefined ? {} : { memberCount: c.memberCount }),
          ...(c.action !== 'rename' && c.hold?.resuming === true ? { heldIn: c.hold.group } : {}),
          ...(c.members === undefined ? {} : { members: { missing: [...c.members.add], unexpected: [...c.members.remove] } }),
        });
        break;
      }
      case 'restore':
        drift.drifted.push({
          name: c.name,
          fix: 'restore',
          fields: [],
          heldIn: c.hold.group,
          ...(c.members === undefined ? {} : { members: { missing: [...c.members.add], unexpected: [...c.members.remove] } }),
        });
        break;
      case 'delete':
        drift.toDelete.push(c.name);
        break;
      default:
        assertNever(c);
    }
  }
  if (pool.access?.checked === true && pool.access.transitions.length > 0) {
    drift.access = { transitions: undoneBy(pool.access.transitions), ...(pool.access.trigger === undefined ? {} : { trigger: pool.access.trigger }) };
  }
  for (const g of pool.unmanaged) {
    const { provider, alert, ...group } = g;
    if (!provider) drift.unmanaged.push(group);
    else drift.providerGroups.push({ ...group, ...(alert === undefined ? {} : { alert }) } satisfies ProviderGroupReport);
  }
  return drift;
}
