// The one home of the rules about a group's managed fields: what counts as having a field, which
// fields differ, and which differences Cognito cannot make in place. The planner, the executor, the
// stale check, the saved-plan check and the JSON documents all ask here.
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

/**
 * The managed fields of a group as Cognito holds them, in a fixed key order: an empty description is
 * no description (Cognito stores "" as none, and UpdateGroup clears with ""), absent fields are left out.
 */
export function normalFields(g: GroupFields): GroupFields {
  const out: GroupFields = {};
  if (g.description !== undefined && g.description !== null && g.description !== '') out.description = g.description;
  if (g.precedence !== undefined && g.precedence !== null) out.precedence = g.precedence;
  if (g.roleArn !== undefined && g.roleArn !== null) out.roleArn = g.roleArn;
  return out;
}

/** The fields whose values differ, in display order (both sides normalised first). */
export function diffFields(before: GroupFields, after: GroupFields): FieldChange[] {
  const b = normalFields(before);
  const a = normalFields(after);
  const out: FieldChange[] = [];
  for (const field of FIELD_NAMES) {
    const was: FieldValue = b[field] ?? null;
    const will: FieldValue = a[field] ?? null;
    if (was !== will) out.push({ field, before: was, after: will });
  }
  return out;
}

/** Whether two groups' managed fields are the same. */
export function sameFields(a: GroupFields, b: GroupFields): boolean {
  return diffFields(a, b).length === 0;
}

/**
 * Why going from `before` to `after` needs DeleteGroup then CreateGroup: Cognito cannot remove a
 * RoleArn or a Precedence in place, nor change a name (not even its case). Empty when an update will do.
 */
export function replaceReasons(before: GroupFields & { name: string }, after: GroupFields & { name: string }): ReplaceReason[] {
  const b = normalFields(before);
  const a = normalFields(after);
  const reasons: ReplaceReason[] = [];
  if (before.name !== after.name) reasons.push('case-rename');
  if (b.roleArn !== undefined && a.roleArn === undefined) reasons.push('roleArn-removed');
  if (b.precedence !== undefined && a.precedence === undefined) reasons.push('precedence-removed');
  return reasons;
}
