import type { GroupFields } from '../config/model.js';
import type { FieldChange, ReplaceReason } from './fields.js';

export type { FieldChange, FieldName, FieldValue, ReplaceReason } from './fields.js';

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
  /**
   * Set on a provider group that carries a role or precedence, naming which: Cognito creates provider
   * groups without them, so someone may have pre-created one to hand out a role to federated users.
   */
  alert?: ProviderAlert;
}

/** What makes a provider group worth a look: the fields it carries that Cognito never gives one. */
export interface ProviderAlert {
  carries: Array<'roleArn' | 'precedence'>;
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
  /**
   * Names of the file and of the pool that look the same to a reader but are different groups (they
   * differ in Unicode normalization or invisible characters), so a create beside a delete is never
   * taken for a no-op. Sorted; absent when there are none.
   */
  lookalikes?: Lookalike[];
}

/** A name in the file and one in the pool that a reader cannot tell apart. */
export interface Lookalike {
  inFile: string;
  inPool: string;
}

/** The whole plan: one entry per pool of the file, in file order. */
export interface Plan {
  pools: PoolPlan[];
}
