import { isProviderGroup, type DesiredGroup, type DesiredPool, type GroupFields } from '../config/model.js';
import { compareNames, nameKey } from '../config/names.js';
import { FIELD_NAMES, type FieldChange, type FieldValue, type GroupChange, type ObservedGroup, type PoolPlan, type ReplaceReason, type UnmanagedGroup } from './model.js';

/**
 * Compares what a pool should have with what it has. Pure and deterministic: the same inputs give
 * the same plan whatever order the pool listed its groups in.
 */
export function computePoolPlan(desired: DesiredPool, observed: readonly ObservedGroup[]): PoolPlan {
  const exact = new Map<string, ObservedGroup>();
  const byKey = new Map<string, ObservedGroup>();
  for (const g of observed) {
    exact.set(g.name, g);
    if (!byKey.has(nameKey(g.name))) byKey.set(nameKey(g.name), g);
  }

  const matched = new Set<string>();
  const changes: GroupChange[] = [];
  const unchanged: string[] = [];
  const wanted = [...desired.groups].sort((a, b) => compareNames(a.name, b.name));

  for (const want of wanted) {
    const after = fieldsOf(want);
    const same = exact.get(want.name);
    const caseOnly = same === undefined ? byKey.get(nameKey(want.name)) : undefined;
    const current = same ?? (caseOnly !== undefined && !matched.has(caseOnly.name) ? caseOnly : undefined);
    if (current === undefined) {
      changes.push({ action: 'create', name: want.name, after });
      continue;
    }
    matched.add(current.name);
    const before = fieldsOf(current);
    const fields = diffFields(before, after);
    const reasons: ReplaceReason[] = [];
    if (current.name !== want.name) reasons.push('case-rename');
    if (before.roleArn !== undefined && after.roleArn === undefined) reasons.push('roleArn-removed');
    if (before.precedence !== undefined && after.precedence === undefined) reasons.push('precedence-removed');

    if (reasons.length > 0) {
      changes.push({ action: 'replace', name: want.name, previousName: current.name, before, after, fields, reasons });
    } else if (fields.length > 0) {
      changes.push({ action: 'update', name: want.name, before, after, fields });
    } else {
      unchanged.push(want.name);
    }
  }

  const unmanaged: UnmanagedGroup[] = [];
  const leftover = observed.filter((g) => !matched.has(g.name)).sort((a, b) => compareNames(a.name, b.name));
  for (const g of leftover) {
    const provider = isProviderGroup(desired.id, g.name);
    if (desired.unmanagedGroups === 'delete' && !provider) {
      changes.push({ action: 'delete', name: g.name, before: fieldsOf(g) });
    } else {
      unmanaged.push({ name: g.name, ...fieldsOf(g), provider });
    }
  }

  changes.sort((a, b) => compareNames(a.name, b.name));
  return { userPoolId: desired.id, region: desired.region, listed: observed.length, changes, unchanged, unmanaged };
}

/** The managed fields of a group, with empty descriptions treated as none (Cognito does the same). */
export function fieldsOf(g: GroupFields): GroupFields {
  const out: GroupFields = {};
  if (g.description !== undefined && g.description !== '') out.description = g.description;
  if (g.precedence !== undefined) out.precedence = g.precedence;
  if (g.roleArn !== undefined) out.roleArn = g.roleArn;
  return out;
}

/** The fields whose values differ, in display order. */
export function diffFields(before: GroupFields, after: GroupFields): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of FIELD_NAMES) {
    const b: FieldValue = before[field] ?? null;
    const a: FieldValue = after[field] ?? null;
    if (b !== a) out.push({ field, before: b, after: a });
  }
  return out;
}

/** Whether a group as observed already matches what is wanted. */
export function groupMatches(observed: GroupFields, want: DesiredGroup): boolean {
  return diffFields(fieldsOf(observed), fieldsOf(want)).length === 0;
}
