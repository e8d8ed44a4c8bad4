import type { GroupFields } from '../config/model.js';

/** A managed field of a group. */
export type FieldName = 'description' | 'precedence' | 'roleArn';

/** Every managed field, in the order they are shown. */
export const FIELD_NAMES: readonly FieldName[] = ['description', 'precedence', 'roleArn'];

/** A value of a managed field; null when the group does not have it. */
export type FieldValue = string | number | null;

/** One field that differs between the pool and the file. */
export interface FieldChange {
  field: FieldName;
  before: FieldValue;
  after: FieldValue;
}

/** Why a change cannot be made in place. */
export type ReplaceReason = 'roleArn-removed' | 'precedence-removed' | 'case-rename';

/** A group as the pool has it. */
export interface ObservedGroup extends GroupFields {
  name: string;
}

/** One change to one group; `action` says which. */
export type GroupChange =
  | { action: 'create'; name: string; after: GroupFields }
  | { action: 'update'; name: string; before: GroupFields; after: GroupFields; fields: FieldChange[] }
  | {
      action: 'replace';
      /** The name the group gets. */
      name: string;
      /** The name the pool has now: differs from `name` only in case for a case-only rename. */
      previousName: string;
      before: GroupFields;
      after: GroupFields;
      fields: FieldChange[];
      reasons: ReplaceReason[];
    }
  | { action: 'delete'; name: string; before: GroupFields };

/** What a change does. */
export type Action = GroupChange['action'];

/** A group in the pool that the file does not list. */
export interface UnmanagedGroup extends ObservedGroup {
  /** Created by Cognito for a federated identity provider (`<poolId>_<Provider>`). */
  provider: boolean;
}

/** The plan for one user pool. */
export interface PoolPlan {
  userPoolId: string;
  region: string;
  /** How many groups the pool had when it was listed. */
  listed: number;
  /** Changes sorted by group name. */
  changes: GroupChange[];
  /** Managed groups already as the file says, sorted. */
  unchanged: string[];
  /** Groups the file does not list and the plan leaves alone, sorted. */
  unmanaged: UnmanagedGroup[];
}

/** Counts of a plan, as in its summary line. */
export interface PlanCounts {
  add: number;
  change: number;
  replace: number;
  delete: number;
  unmanaged: number;
}

/** The whole plan: one entry per pool of the file, in file order. */
export interface Plan {
  pools: PoolPlan[];
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
