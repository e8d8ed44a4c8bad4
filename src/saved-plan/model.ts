import type { GroupChange, Lookalike, ObservedGroup, UnmanagedGroup } from '../plan/model.js';
import type { PlanCounts } from '../plan/summary.js';

/** The version of the plan document; bumped on any incompatible change. */
export const PLAN_FORMAT_VERSION = 2;

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
  /** Settings of the groups file that apply still needs (settings.maxRps). */
  settings: { maxRps?: number };
  summary: PlanCounts & { text: string };
  pools: PlanDocumentPool[];
  /** sha256 of this document without this field: any hand edit makes the plan invalid. */
  checksum: string;
}
