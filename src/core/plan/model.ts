import type { GroupFields } from '../config/model.js';
import type { FieldChange, ReplaceReason } from './fields.js';
import type { PlanCredentials, PoolCredentials } from '../credentials/plan-model.js';
import type { PoolAccess } from '../access/model.js';

export type { FieldChange, FieldName, FieldValue, ReplaceReason } from './fields.js';

/** A group as the pool has it. */
export interface ObservedGroup extends GroupFields {
  name: string;
}

/**
 * The group in which a change keeps a group's members while the group does not exist or is being
 * renamed (a reserved `cognito-groups.hold.*` group of the same pool; its description says whose
 * members it holds, so any later run can finish the job).
 */
export interface Hold {
  /** The holding group's name. */
  group: string;
  /** Set when the holding group is already in the pool: a run that stopped is being finished. */
  resuming: boolean;
  /** Members in the holding group when the plan read them (resuming only). */
  memberCount?: number;
  /** Their usernames, sorted (resuming only): the plan names who a change puts in the group. */
  usernames?: string[];
}

/** Members a change adds to and removes from its group (groups with `members:` in the file only). */
export interface MemberChange {
  /** Usernames to add, as the file writes them, in file order. */
  add: string[];
  /** Usernames to remove, as the pool lists them, sorted (`members:` as an exact list only). */
  remove: string[];
  /** Members the group has before these adds and removes (once its own change is made). */
  had: number;
}

/** One change to one group; `action` says which. */
export type GroupChange =
  | {
      action: 'create';
      name: string;
      after: GroupFields;
      /** Members held for this group by a run that stopped: put back once it exists. */
      hold?: Hold;
      members?: MemberChange;
      /** The file's `previously` names the pool has no group under: nothing is renamed, the group is created new. */
      previouslyMissing?: string[];
    }
  | {
      action: 'update';
      name: string;
      before: GroupFields;
      after: GroupFields;
      fields: FieldChange[];
      hold?: Hold;
      /** Members whose tokens change (set when the role or precedence changes and members were read). */
      memberCount?: number;
      /** Set when the group's managed members differ; `fields` may then be empty. */
      members?: MemberChange;
    }
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
      /** Where the members are kept while the group does not exist; absent when the plan drops them (`--drop-members`). */
      hold?: Hold;
      /** Members the group has now. */
      memberCount?: number;
      members?: MemberChange;
    }
  | {
      action: 'rename';
      /** The name the group gets. */
      name: string;
      /** The name the pool has now (one of the file's `previously` names). */
      previousName: string;
      before: GroupFields;
      after: GroupFields;
      fields: FieldChange[];
      /** Records the rename in the pool, so a run that stopped half-way is finished, never guessed at. */
      hold: Hold;
      /** Members moved to the new name. */
      memberCount?: number;
      members?: MemberChange;
    }
  | { action: 'delete'; name: string; before: GroupFields; memberCount?: number }
  | {
      /** A run that stopped left members held for this group, which needs no other change: put them back. */
      action: 'restore';
      name: string;
      hold: Hold;
      members?: MemberChange;
    };

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
  /** Holding groups left by a run that stopped, for groups the file no longer lists: kept, never deleted. */
  orphanHolds?: OrphanHold[];
  /**
   * Names of the file and of the pool that look the same to a reader but are different groups (they
   * differ in Unicode normalization or invisible characters), so a create beside a delete is never
   * taken for a no-op. Sorted; absent when there are none.
   */
  lookalikes?: Lookalike[];
  /** Which identity pools hand out roles from the pool's tokens and whose credentials change (set by the credentials check when claims change). */
  credentials?: PoolCredentials;
  /** Whose token claims the changes alter (set by the access check when a change can alter one). */
  access?: PoolAccess;
}

/** A name in the file and one in the pool that a reader cannot tell apart. */
export interface Lookalike {
  inFile: string;
  inPool: string;
}

/** The whole plan: one entry per pool of the file, in file order. */
export interface Plan {
  pools: PoolPlan[];
  /** Set when the plan was made with `--drop-members`: its replaces drop the groups' members. */
  dropMembers?: true;
  /** The credentials check: roles that cannot work, what could not be checked (absent when nothing was checked). */
  credentials?: PlanCredentials;
}

/** Members the plan read, by group name as the pool has it: usernames, in the order the pool listed them. */
export type ObservedMembers = ReadonlyMap<string, readonly string[]>;

/** Members read for a plan, by pool id. */
export type MembersByPool = ReadonlyMap<string, ObservedMembers>;

/** What a plan is computed with besides the file and the listing. */
export interface PlanningOptions {
  /** Members of the groups the plan counts (see `memberReadsOf`); counts are left out for groups not here. */
  members?: ObservedMembers;
  /** Replaces drop the groups' members instead of keeping them in a holding group. */
  dropMembers?: boolean;
  /** Whether the pool compares usernames case-sensitively (DescribeUserPool); read only for pools with `members:`. */
  caseSensitive?: boolean;
}

/** A holding group whose group the file does not list (any more): its members stay held until someone decides. */
export interface OrphanHold {
  /** The holding group's name. */
  group: string;
  /** The group whose members it holds. */
  for: string;
  memberCount?: number;
}
