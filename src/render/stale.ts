import { assertNever } from '../errors.js';
import type { StaleGroup, Staleness } from '../saved-plan/stale.js';
import { showValue } from './values.js';

/** One line per difference that makes a saved plan stale. */
export function staleLines(staleness: Pick<Staleness, 'stale'>): string[] {
  return staleness.stale.map(staleLine);
}

/** One line per pool whose other groups changed since the plan. */
export function changedElsewhereLines(staleness: Pick<Staleness, 'changedElsewhere'>): string[] {
  return staleness.changedElsewhere.map((poolId) => `${poolId}: groups the plan does not touch changed since it was made; applying only the planned changes`);
}

function staleLine(s: StaleGroup): string {
  const where = `${s.poolId}:`;
  switch (s.kind) {
    case 'created':
      return `${where} ${JSON.stringify(s.name)} was created since the plan (the plan creates a group of that name)`;
    case 'deleted':
      return `${where} ${JSON.stringify(s.name)} was deleted since the plan`;
    case 'renamed':
      return `${where} ${JSON.stringify(s.from)} is now named ${JSON.stringify(s.to)}`;
    case 'changed':
      return `${where} ${JSON.stringify(s.name)} changed since the plan: ${s.fields.map((f) => `${f.field} ${showValue(f.before)} -> ${showValue(f.after)}`).join(', ')}`;
    default:
      return assertNever(s);
  }
}
