import type { FieldChange, ObservedGroup, ProviderAlert } from '../plan/model.js';

/** A managed group whose fields differ from the file. */
export interface DriftedGroup {
  name: string;
  /** `update` when apply can fix it in place, `replace` when it must delete and create again. */
  fix: 'update' | 'replace';
  /** Each differing field: `expected` from the file, `actual` from the pool (null = not set). */
  fields: Array<{ field: FieldChange['field']; expected: FieldChange['after']; actual: FieldChange['before'] }>;
  /** Set for a case-only difference: the name the pool has. */
  actualName?: string;
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
  /** Groups in the pool the file does not list (provider groups excepted). */
  unmanaged: ObservedGroup[];
  /** Unmanaged groups the file's policy says to delete. */
  toDelete: string[];
  providerGroups: ProviderGroupReport[];
}

/** Drift of every pool of a file. */
export interface DriftReport {
  pools: PoolDrift[];
}

/** Counts of a drift report. */
export interface DriftCounts {
  drifted: number;
  missing: number;
  toDelete: number;
  alerts: number;
  unmanaged: number;
  providerGroups: number;
}

/** Counts a drift report. */
export function countDrift(report: DriftReport): DriftCounts {
  const c: DriftCounts = { drifted: 0, missing: 0, toDelete: 0, alerts: 0, unmanaged: 0, providerGroups: 0 };
  for (const p of report.pools) {
    c.drifted += p.drifted.length;
    c.missing += p.missing.length;
    c.toDelete += p.toDelete.length;
    c.unmanaged += p.unmanaged.length;
    c.providerGroups += p.providerGroups.length;
    c.alerts += p.providerGroups.filter((g) => g.alert !== undefined).length;
  }
  return c;
}

/** In sync: nothing drifted or missing, nothing to delete, and no provider-group alert. */
export function inSync(report: DriftReport): boolean {
  const c = countDrift(report);
  return c.drifted + c.missing + c.toDelete + c.alerts === 0;
}
