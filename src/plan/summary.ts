// What a plan amounts to: its counts, whether it changes anything, and the one summary line every
// format shows (scripts grep for it, so it belongs to the model, not to a view).
import type { Plan } from './model.js';

/** Counts of a plan, as in its summary line. */
export interface PlanCounts {
  add: number;
  change: number;
  replace: number;
  delete: number;
  unmanaged: number;
}

/** Counts of a plan's changes. */
export function countPlan(plan: Plan): PlanCounts {
  const counts: PlanCounts = { add: 0, change: 0, replace: 0, delete: 0, unmanaged: 0 };
  for (const pool of plan.pools) {
    counts.unmanaged += pool.unmanaged.length;
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

/** The last line of a plan, such as `Plan: 2 to add, 1 to change, 0 to replace. 3 unmanaged groups left alone.` */
export function summaryLine(plan: Plan): string {
  const c = countPlan(plan);
  const unmanaged = c.unmanaged === 0 ? '' : ` ${plural(c.unmanaged, 'unmanaged group')} left alone.`;
  if (c.add + c.change + c.replace + c.delete === 0) return `No changes.${unmanaged}`;
  const del = c.delete === 0 ? '' : `, ${c.delete} to delete`;
  return `Plan: ${c.add} to add, ${c.change} to change, ${c.replace} to replace${del}.${unmanaged}`;
}

/** "1 group" / "3 groups". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
