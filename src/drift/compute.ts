import { assertNever } from '../errors.js';
import type { Plan, PoolPlan } from '../plan/model.js';
import type { DriftReport, PoolDrift, ProviderGroupReport } from './model.js';

/** Drift is the plan read as a report: what differs, what is missing, what nobody manages. Pure. */
export function driftOf(plan: Plan): DriftReport {
  return { pools: plan.pools.map(poolDrift) };
}

function poolDrift(pool: PoolPlan): PoolDrift {
  const drift: PoolDrift = { userPoolId: pool.userPoolId, region: pool.region, listed: pool.listed, drifted: [], missing: [], unmanaged: [], toDelete: [], providerGroups: [] };
  for (const c of pool.changes) {
    switch (c.action) {
      case 'create':
        drift.missing.push(c.name);
        break;
      case 'update':
      case 'replace': {
        const fields = c.fields.map((f) => ({ field: f.field, expected: f.after, actual: f.before }));
        drift.drifted.push({
          name: c.name,
          fix: c.action,
          fields,
          ...(c.action === 'replace' && c.previousName !== c.name ? { actualName: c.previousName } : {}),
        });
        break;
      }
      case 'delete':
        drift.toDelete.push(c.name);
        break;
      default:
        assertNever(c);
    }
  }
  for (const g of pool.unmanaged) {
    const { provider, alert, ...group } = g;
    if (!provider) drift.unmanaged.push(group);
    else drift.providerGroups.push({ ...group, ...(alert === undefined ? {} : { alert }) } satisfies ProviderGroupReport);
  }
  return drift;
}
