// The one summary line every format shows, worded from the plan's counts. Scripts grep for its four
// counts, so its wording is kept stable; JSON readers take the counts themselves.
import { countPlan } from '../../core/plan/summary.js';
import type { Plan } from '../../core/plan/model.js';
import { plural } from '../../core/plural.js';

export { plural };

/**
 * The last line of a plan, such as `Plan: 2 to add, 1 to change, 1 to replace, 0 to delete. Members:
 * 40 kept, 0 dropped. 3 unmanaged groups left alone.` (the four counts always there: scripts grep for
 * them), or `No changes.`; then what needs a person: provider-group alerts, members left held.
 */
export function summaryLine(plan: Plan): string {
  const c = countPlan(plan);
  const alone = [c.unmanaged > 0 ? plural(c.unmanaged, 'unmanaged group') : '', c.providerGroups > 0 ? plural(c.providerGroups, 'provider group') : ''].filter((s) => s !== '');
  const left = alone.length === 0 ? '' : ` ${alone.join(' and ')} left alone.`;
  const alert = c.alerts === 0 ? '' : ` ${plural(c.alerts, 'provider-group alert')}.`;
  const held = c.orphanHolds === 0 ? '' : ` ${plural(c.orphanHolds, 'holding group')} of groups the file no longer lists kept.`;
  const moved = c.membersKept + c.membersDropped === 0 ? [] : [`${c.membersKept} kept`, `${c.membersDropped} dropped`];
  const managed = c.memberAdds + c.memberRemovals === 0 ? [] : [`${c.memberAdds} to add`, `${c.memberRemovals} to remove`];
  const members = moved.length + managed.length === 0 ? '' : ` Members: ${[...managed, ...moved].join(', ')}.`;
  const more = [c.rename > 0 ? `${c.rename} to rename` : '', c.restore > 0 ? `${c.restore} to finish (members held by a run that stopped)` : ''].filter((x) => x !== '');
  const changes =
    c.add + c.change + c.replace + c.delete + c.rename + c.restore === 0
      ? 'No changes.'
      : `Plan: ${c.add} to add, ${c.change} to change, ${c.replace} to replace, ${c.delete} to delete${more.map((m) => `, ${m}`).join('')}.`;
  return `${changes}${members}${left}${alert}${held}`;
}
