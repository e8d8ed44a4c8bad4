import { countPlan, type Plan } from '../plan/model.js';
import { plural } from './values.js';

/** The last line of a plan, such as `Plan: 2 to add, 1 to change, 0 to replace. 3 unmanaged groups left alone.` */
export function summaryLine(plan: Plan): string {
  const c = countPlan(plan);
  const unmanaged = c.unmanaged === 0 ? '' : ` ${plural(c.unmanaged, 'unmanaged group')} left alone.`;
  if (c.add + c.change + c.replace + c.delete === 0) return `No changes.${unmanaged}`;
  const del = c.delete === 0 ? '' : `, ${c.delete} to delete`;
  return `Plan: ${c.add} to add, ${c.change} to change, ${c.replace} to replace${del}.${unmanaged}`;
}
