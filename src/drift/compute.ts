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
    const { provider, ...group } = g;
    if (!provider) {
      drift.unmanaged.push(group);
      continue;
    }
    const report: ProviderGroupReport = { ...group };
    const carried = [g.roleArn === undefined ? '' : `roleArn ${g.roleArn}`, g.precedence === undefined ? '' : `precedence ${g.precedence}`].filter((s) => s !== '');
    if (carried.length > 0) {
      report.alert = `provider group carries ${carried.join(' and ')}: Cognito creates provider groups without them, so someone may have pre-created or edited it to hand out a role to federated users; add it to the file if this is intended`;
    }
    drift.providerGroups.push(report);
  }
  return drift;
}
