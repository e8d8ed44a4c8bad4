import type { RoleWarning } from '../credentials/role-checks.js';
import type { AcknowledgedField } from '../config/model.js';
import type { AttributedChange } from './attribution-model.js';
import type { AccessTransition } from '../access/model.js';
import type { FieldChange, FieldValue, ObservedGroup, OrphanHold, ProviderAlert } from '../plan/model.js';

/** A managed group whose fields differ from the file. */
export interface DriftedGroup {
  name: string;
  /**
   * `update` when apply can fix it in place, `replace` when it must delete and create it again,
   * `rename` when the pool has it under a `previously` name, `restore` when its fields match but a
   * run that stopped left its members in a holding group.
   */
  fix: 'update' | 'replace' | 'rename' | 'restore';
  /** Each differing field: `expected` from the file, `actual` from the pool (null = not set). */
  fields: Array<{ field: FieldChange['field']; expected: FieldChange['after']; actual: FieldChange['before'] }>;
  /** Set when the pool has it under another name (a case-only difference or a `previously` name). */
  actualName?: string;
  /** Members of the group in the pool, when they were read (replace, rename). */
  memberCount?: number;
  /** The holding group with members a run that stopped took out of this group. */
  heldIn?: string;
  /** For a group with `members:`: users the file lists that the group lacks, and (exact lists) users it has that the file does not list. */
  members?: { missing: string[]; unexpected: string[] };
  /** Acknowledgements in the file for differences listed here whose date has come: they are drift again. */
  expired?: Array<{ field: AcknowledgedField; reason: string; until: string }>;
}

/** A difference the file acknowledges, within its date: listed, but not drift. */
export interface AcknowledgedDifference {
  /** The group, by the file's name. */
  name: string;
  field: AcknowledgedField;
  reason: string;
  until: string;
  /** Whole days until `until` (at least 1). */
  daysLeft: number;
  /** A field's value in the file and in the pool (not set for members). */
  expected?: FieldValue;
  actual?: FieldValue;
  /** For members: users the file lists that the group lacks, and users it has that the file does not list. */
  members?: { missing: string[]; unexpected: string[] };
}

/** An acknowledgement that matches no difference (any more): the file should drop it. */
export interface StaleAcknowledgement {
  name: string;
  field: AcknowledgedField;
  reason: string;
  until: string;
  /** Its date has passed too. */
  ended: boolean;
}

/** A provider group (`<poolId>_<Provider>`) and, when it carries a role or precedence, the alert. */
export interface ProviderGroupReport extends ObservedGroup {
  alert?: ProviderAlert;
}

/** Drift of one pool. */
export interface PoolDrift {
  userPoolId: string;
  region: string;
  listed: number;
  drifted: DriftedGroup[];
  /** Groups in the file that the pool does not have. */
  missing: string[];
  /** Missing groups whose `previously` names the pool has no group under either (absent when none). */
  previouslyMissing?: Array<{ name: string; previously: string[] }>;
  /** Groups in the pool the file does not list (provider groups excepted). */
  unmanaged: ObservedGroup[];
  /** Unmanaged groups the file's policy says to delete. */
  toDelete: string[];
  /** Members of the groups to delete, by name, where they were read. */
  toDeleteMembers?: Record<string, number>;
  providerGroups: ProviderGroupReport[];
  /** Holding groups left by a run that stopped, for groups the file does not list: someone must decide. */
  orphanHolds: OrphanHold[];
  /** Differences the file acknowledges, within their date, sorted by group and field. */
  acknowledged: AcknowledgedDifference[];
  /** Acknowledgements that match no difference, sorted by group and field. */
  staleAcknowledgements: StaleAcknowledgement[];
  /** Who made each difference, from CloudTrail; absent when not looked up (--no-attribution). */
  attributions?: AttributedChange[];
  /** What the members added or removed by hand (groups with `members:`) did to users' token claims; absent when none. */
  access?: AccessDrift;
}

/** Access drift of one pool: the claim changes the hand-made membership changes made, largest first. */
export interface AccessDrift {
  transitions: AccessTransition[];
  /** The pool's pre token generation Lambda, which may override these claims. */
  trigger?: string;
}

/** Drift of every pool of a file. */
export interface DriftReport {
  pools: PoolDrift[];
  /** Roles the file names that do not exist (deleted since, or never made) or that Cognito may not assume; absent when none or not checked. */
  roleWarnings?: RoleWarning[];
}

/** Counts of a drift report. */
export interface DriftCounts {
  drifted: number;
  missing: number;
  toDelete: number;
  alerts: number;
  unmanaged: number;
  providerGroups: number;
  orphanHolds: number;
  /** Differences acknowledged within their date (not drift). */
  acknowledged: number;
  /** Acknowledgements whose date has come while their difference remains (their groups count as drifted). */
  expired: number;
  /** Acknowledgements that match no difference. */
  stale: number;
}

/** Counts a drift report. */
export function countDrift(report: DriftReport): DriftCounts {
  const c: DriftCounts = { drifted: 0, missing: 0, toDelete: 0, alerts: 0, unmanaged: 0, providerGroups: 0, orphanHolds: 0, acknowledged: 0, expired: 0, stale: 0 };
  for (const p of report.pools) {
    c.drifted += p.drifted.length;
    c.missing += p.missing.length;
    c.toDelete += p.toDelete.length;
    c.unmanaged += p.unmanaged.length;
    c.providerGroups += p.providerGroups.length;
    c.orphanHolds += p.orphanHolds.length;
    c.alerts += p.providerGroups.filter((g) => g.alert !== undefined).length;
    c.acknowledged += p.acknowledged.length;
    c.expired += p.drifted.reduce((n, d) => n + (d.expired?.length ?? 0), 0);
    c.stale += p.staleAcknowledgements.length;
  }
  return c;
}

/** In sync: nothing drifted or missing, nothing to delete, no provider-group alert and no members left held. */
export function inSync(report: DriftReport): boolean {
  const c = countDrift(report);
  return c.drifted + c.missing + c.toDelete + c.alerts + c.orphanHolds === 0;
}
