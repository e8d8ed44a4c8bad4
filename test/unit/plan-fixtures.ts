// Inputs for the planner's tests: a pool of the file, a holding group a stopped run left, and the
// members a plan read.
import type { DesiredGroup, DesiredPool } from '../../src/core/config/model.js';
import { holdDescription, holdName } from '../../src/core/plan/holding.js';
import type { ObservedGroup } from '../../src/core/plan/model.js';

/** A pool of the file (in eu-west-1) with these groups. */
export function desired(pool: string, groups: DesiredGroup[], unmanagedGroups: 'keep' | 'delete' = 'keep'): DesiredPool {
  return { id: pool, region: 'eu-west-1', unmanagedGroups, groups };
}

/** The holding group a stopped replace or rename of `group` left in the pool. */
export function hold(group: string, op: 'replace' | 'rename', from: string): ObservedGroup {
  return { name: holdName(group), description: holdDescription({ op, group, from }) };
}

/** Members as the plan reads them: usernames by group name. */
export const members = (entries: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(entries));
