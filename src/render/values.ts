import type { FieldName, FieldValue, ReplaceReason } from '../plan/model.js';

/** A field value as shown to people: strings quoted, absent values as (none). */
export function showValue(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Why a group must be replaced, in words. */
export function reasonText(reason: ReplaceReason): string {
  switch (reason) {
    case 'roleArn-removed':
      return 'roleArn cannot be removed in place';
    case 'precedence-removed':
      return 'precedence cannot be removed in place';
    case 'case-rename':
      return 'a group name cannot change case in place';
  }
}

/** Field names padded to one width, so values line up. */
export function fieldLabel(field: FieldName): string {
  return `${field}:`.padEnd(13);
}

/** Descriptions longer than this are shown as a word diff rather than old -> new. */
export const LONG_TEXT = 60;

export { plural } from '../plan/summary.js';
