import type { IdentityPoolInfo } from '../credentials/model.js';
import type { PlanCredentials, PoolCredentials } from '../credentials/plan-model.js';
import type { AccessRead, PoolAccess } from '../access/model.js';
import type { GroupChange, Lookalike, ObservedGroup, OrphanHold, UnmanagedGroup } from '../plan/model.js';
import type { PlanCounts } from '../plan/summary.js';

/** The version of the plan document; bumped on any incompatible change. */
export const PLAN_FORMAT_VERSION = 5;

/** Where a plan's pools were listed. */
export type PlanTarget = 'aws' | 'endpoint' | 'local-emulator';

/** One pool in a plan document. */
export interface PlanDocumentPool {
  userPoolId: string;
  region: string;
  listed: number;
  /** sha256 of the whole listing (every group and field), to tell whether the pool changed at all. */
  listingDigest: string;
  /** Every group of the pool as it was listed, sorted by name: what the plan was made from. */
  observed: ObservedGroup[];
  changes: GroupChange[];
  unchanged: string[];
  unmanaged: UnmanagedGroup[];
  /** Names of the file and the pool that look the same but are different groups. */
  lookalikes?: Lookalike[];
  /** Holding groups left by a run that stopped, for groups the file no longer lists. */
  orphanHolds?: OrphanHold[];
  /**
   * The members the plan read (of the groups whose members its changes drop, move or give new
   * tokens), sorted by group: what its counts come from, and what apply checks again before changing anything.
   */
  members?: PlanMembers[];
  /** For a pool with `members:` in the file: whether it compares usernames case-sensitively, as DescribeUserPool said. */
  usernamesCaseSensitive?: boolean;
  /** Whose token claims the changes alter (a pool with a change that can alter one). */
  access?: PoolAccess;
  /** What the access check read besides `members`: apply reads it again, and the plan is stale if the prediction changed. */
  accessRead?: AccessRead;
  /** The credentials check of a pool whose claims the plan changes: identity pools and credential transitions. */
  credentials?: PoolCredentials;
}

/** The members of one group as the plan read them. */
export interface PlanMembers {
  group: string;
  /** Usernames, sorted. */
  usernames: string[];
}

/** A plan as JSON: `plan --format json`, `plan --out`, and what `apply PLANFILE` and `show` read. */
export interface PlanDocument {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  kind: 'cognito-groups-plan';
  toolVersion: string;
  createdAt: string;
  /** The groups file the plan was made from, and the sha256 of its bytes. */
  desiredFile: { path: string; sha256: string };
  /** Where the pools were listed: AWS, another endpoint (`endpoint` says which), or the embedded local emulator. `apply` refuses the plan anywhere else. */
  target: PlanTarget;
  /** Set when target is `endpoint`: the URL the pools were listed at. */
  endpoint?: string;
  /** The groups file's environment the plan was made for (`--env`); apply refuses it for another one. */
  environment?: string;
  /** That environment's AWS account, when the file names one: apply checks the credentials are for it. */
  account?: string;
  /** Set when the plan was made with --drop-members: its replaces drop the groups' members. */
  dropMembers?: true;
  /** Settings of the groups file that apply still needs (settings.maxRps, settings.sensitiveRoles). */
  settings: { maxRps?: number; sensitiveRoles?: string[] };
  summary: PlanCounts & { text: string };
  pools: PlanDocumentPool[];
  /** The credentials check: roles that cannot work, what could not be checked. */
  credentials?: PlanCredentials;
  /** The identity pools the credentials check read, per region: apply reads them again, and the plan is stale when they changed. */
  credentialsRead?: { regions: Array<{ region: string; userPools: string[]; identityPools: IdentityPoolInfo[] }> };
  /** sha256 of this document without this field: any hand edit makes the plan invalid. */
  checksum: string;
}
