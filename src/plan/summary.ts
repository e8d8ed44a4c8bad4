// What a plan amounts to: its counts, whether it changes anything, and the one summary line every
// format shows (scripts grep for it, so it belongs to the model, not to a view).
import type { Plan } from './model.js';

/** Counts of a plan, as in its summary line; unmanaged and provider groups are counted as drift counts them. */
export interface PlanCounts {
  add: number;
  change: number;
  replace: number;
  delete: number;
  /** Groups the file does not list and the plan leaves alone, provider groups apart. */
  unmanaged: number;
  /** Provider groups (`<poolId>_<Provider>`) the file does not list. */
  providerGroups: number;
  /** Provider groups among them that carry a role or precedence. */
  alerts: number;
}

/** Counts of a plan's changes. */
export function countPlan(plan: Plan): PlanCounts {
  const counts: PlanCounts = { add: 0, change: 0, replace: 0, delete: 0, unmanaged: 0, providerGroups: 0, alerts: 0 };
  for (const pool of plan.pools) {
    for (const g of pool.unmanaged) {
      if (!g.provider) counts.unmanaged++;
      else counts.providerGroups++;
      if (g.alert !== undefined) counts.alerts++;
    }
    for (const c of pool.changes) {
      if (c.action === 'create') counts.add++;
      else if (c.action === 'update') counts.change++;
      else if (c.action === 'replace') counts.replace++;
      else counts.delete++;
    }
  }
  return counts;
}

/** Whether the plan would change anything. */
export function hasChanges(plan: Plan): boolean {
  return plan.pools.some((p) => p.changes.length > 0);
}

/**
 * The last line of a plan, such as `Plan: 2 to add, 1 to change, 0 to replace, 0 to delete. 3 unmanaged
 * groups left alone.` (every count always there: scripts grep for them), or `No changes.`; then a
 * provider-group alert when there is one.
 */
export function summaryLine(plan: Plan): string {
  const c = countPlan(plan);
  const alone = [c.unmanaged > 0 ? plural(c.unmanaged, 'unmanaged group') : '', c.providerGroups > 0 ? plural(c.providerGroups, 'provider group') : ''].filter((s) => s !== '');
  const left = alone.length === 0 ? '' : ` ${alone.join(' and ')} left alone.`;
  const alert = c.alerts === 0 ? '' : ` ${plural(c.alerts, 'provider-group alert')}.`;
  const changes = c.add + c.change + c.replace + c.delete === 0 ? 'No changes.' : `Plan: ${c.add} to add, ${c.change} to change, ${c.replace} to replace, ${c.delete} to delete.`;
  return `${changes}${left}${alert}`;
}

/** "1 group" / "3 groups". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
