import { countApply, type ApplyReport } from '../apply/report.js';
import { countDrift, inSync, type DriftReport } from '../drift/model.js';
import type { Remaining } from '../apply/converged.js';
import { changeJson, fieldsJson } from '../plan/canonical.js';
import type { PlanDocument } from '../saved-plan/model.js';
import { applySummaryLine } from './apply-report.js';
import { driftSummaryLine } from './drift-text.js';

/** The version of the apply and drift JSON documents. */
export const REPORT_FORMAT_VERSION = 1;

/** `apply --format json`: the plan applied, what happened to each change, and what still differs. */
export function applyDocument(plan: PlanDocument, report: ApplyReport | undefined, remaining: readonly Remaining[], toolVersion: string, at: Date, from: 'file' | 'saved-plan' = 'file'): object {
  const results = (report?.results ?? []).map((r) => ({
    userPoolId: r.poolId,
    action: r.change.action,
    name: r.change.name,
    status: r.status,
    ...(r.message === undefined ? {} : { message: r.message }),
  }));
  const counts = report === undefined ? { added: 0, changed: 0, replaced: 0, deleted: 0, failed: 0, notStarted: 0 } : countApply(report);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    kind: 'cognito-groups-apply',
    toolVersion,
    appliedAt: at.toISOString(),
    interrupted: report?.interrupted ?? false,
    summary: { ...counts, text: report === undefined ? 'No changes. Nothing to apply.' : applySummaryLine(report, from) },
    results,
    remaining: remaining.map((r) => ({ userPoolId: r.poolId, ...changeJson(r.change) })),
    plan,
  };
}

/** `drift --format json`: whether the pools match, and every difference, unmanaged and provider group. */
export function driftDocument(report: DriftReport, toolVersion: string, at: Date): object {
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    kind: 'cognito-groups-drift',
    toolVersion,
    checkedAt: at.toISOString(),
    inSync: inSync(report),
    summary: { ...countDrift(report), text: driftSummaryLine(report) },
    pools: report.pools.map((p) => ({
      userPoolId: p.userPoolId,
      region: p.region,
      listed: p.listed,
      drifted: p.drifted.map((d) => ({ name: d.name, ...(d.actualName === undefined ? {} : { actualName: d.actualName }), fix: d.fix, fields: d.fields.map((f) => ({ field: f.field, expected: f.expected, actual: f.actual })) })),
      missing: [...p.missing],
      toDelete: [...p.toDelete],
      unmanaged: p.unmanaged.map((g) => ({ name: g.name, ...fieldsJson(g) })),
      providerGroups: p.providerGroups.map((g) => ({ name: g.name, ...fieldsJson(g), ...(g.alert === undefined ? {} : { alert: g.alert }) })),
    })),
  };
}
