import { executeChanges, type ApplyProgress, type ApplyReport } from '../apply/execute.js';
import type { GroupsApi } from '../cognito/port.js';
import { PacedGroupsApi } from '../pacing/paced-api.js';
import { isProviderGroup, type DesiredConfig } from '../config/model.js';
import { CgError } from '../errors.js';
import { computePoolPlan, diffFields, fieldsOf } from '../plan/compute.js';
import type { ObservedGroup, Plan } from '../plan/model.js';
import { listPools, type ReadProgress } from '../read/list-pool.js';
import { changeLines } from '../render/text.js';
import { plainStyle } from '../render/style.js';

/** What a caller allows an apply to do beyond creating and updating. */
export interface ApplyPermissions {
  /** Replacing a group deletes and re-creates it, dropping its members. */
  allowReplace?: boolean;
  /** Deleting groups the file does not list (pools with unmanagedGroups: delete). */
  allowDelete?: boolean;
  /** Most groups one apply may delete or replace, even when allowed (default DEFAULT_MAX_DELETE). */
  maxDelete?: number;
}

/** Deletes and replaces one apply may make unless raised: a mass removal needs saying so. */
export const DEFAULT_MAX_DELETE = 25;

/** What an apply did, and whether the pools now match. */
export interface ApplyOutcome {
  report: ApplyReport;
  /** Differences left after applying (empty when the pools match); only checked when nothing failed. */
  remaining: string[];
}

/** Refuses, before any call, a plan that would replace or delete without permission, or touch a provider group destructively. Names every refusal at once. */
export function checkPermissions(plan: Plan, permissions: ApplyPermissions): void {
  const replaces: string[] = [];
  const deletes: string[] = [];
  const provider: string[] = [];
  for (const pool of plan.pools) {
    for (const c of pool.changes) {
      if (c.action === 'replace') {
        replaces.push(`${pool.userPoolId}/${c.previousName === c.name ? c.name : `${c.previousName} -> ${c.name}`}`);
        if (isProviderGroup(pool.userPoolId, c.previousName)) provider.push(`${pool.userPoolId}/${c.previousName}`);
      }
      if (c.action === 'delete') {
        deletes.push(`${pool.userPoolId}/${c.name}`);
        if (isProviderGroup(pool.userPoolId, c.name)) provider.push(`${pool.userPoolId}/${c.name}`);
      }
    }
  }
  if (provider.length > 0) {
    throw new CgError('APPLY_REFUSED', `refusing to apply: the plan would delete provider groups that Cognito manages (${provider.join(', ')}); change the file so they are not replaced. Nothing was changed.`);
  }
  const parts: string[] = [];
  const flags: string[] = [];
  if (replaces.length > 0 && permissions.allowReplace !== true) {
    parts.push(`replaces ${replaces.length} group(s) (${preview(replaces)}), which deletes them and drops their members`);
    flags.push('--allow-replace');
  }
  if (deletes.length > 0 && permissions.allowDelete !== true) {
    parts.push(`deletes ${deletes.length} group(s) (${preview(deletes)}), which drops their members`);
    flags.push('--allow-delete');
  }
  const maxDelete = permissions.maxDelete ?? DEFAULT_MAX_DELETE;
  const removals = replaces.length + deletes.length;
  if (removals > maxDelete) {
    parts.push(`deletes or replaces ${removals} groups in all, more than --max-delete ${maxDelete}`);
    flags.push(`--max-delete ${removals}`);
  }
  if (parts.length > 0) {
    throw new CgError('APPLY_REFUSED', `refusing to apply: the plan ${parts.join(', and ')}; re-run with ${flags.join(' and ')} if that is intended. Nothing was changed.`);
  }
}

/** Applies a plan, then lists the pools again and reports what still differs. */
export async function applyWith(
  api: GroupsApi,
  plan: Plan,
  options: { config?: DesiredConfig; signal?: AbortSignal; concurrency?: number; onProgress?: (p: ApplyProgress) => void; onReadProgress?: (p: ReadProgress) => void },
): Promise<ApplyOutcome> {
  const report = await executeChanges(api, plan.pools, {
    ...(api instanceof PacedGroupsApi ? { uninterruptible: api.withoutSignal() } : {}),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  if (report.interrupted || report.results.some((r) => r.status !== 'done')) return { report, remaining: [] };
  const touched = plan.pools.filter((p) => p.changes.length > 0);
  if (touched.length === 0) return { report, remaining: [] };
  const after = await listPools(api, touched.map((p) => ({ id: p.userPoolId, region: p.region })), options.onReadProgress);
  return { report, remaining: remainingDifferences(plan, after, options.config) };
}

/** What still differs after an apply: against the file when there is one, else against each change's intended end. */
function remainingDifferences(plan: Plan, after: Map<string, ObservedGroup[]>, config?: DesiredConfig): string[] {
  const out: string[] = [];
  for (const pool of plan.pools) {
    const observed = after.get(pool.userPoolId);
    if (observed === undefined) continue;
    const desiredPool = config?.userPools.find((p) => p.id === pool.userPoolId);
    if (desiredPool !== undefined) {
      for (const c of computePoolPlan(desiredPool, observed).changes) {
        out.push(`${pool.userPoolId}: ${changeLines(c, plainStyle).map((l) => l.trim()).join('; ')}`);
      }
      continue;
    }
    const byName = new Map(observed.map((g) => [g.name, g]));
    for (const c of pool.changes) {
      const now = byName.get(c.name);
      if (c.action === 'delete') {
        if (now !== undefined) out.push(`${pool.userPoolId}: "${c.name}" still exists`);
      } else if (now === undefined) {
        out.push(`${pool.userPoolId}: "${c.name}" does not exist`);
      } else if (diffFields(fieldsOf(now), c.after).length > 0) {
        out.push(`${pool.userPoolId}: "${c.name}" differs: ${diffFields(fieldsOf(now), c.after).map((f) => f.field).join(', ')}`);
      }
    }
  }
  return out;
}

function preview(names: string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}
