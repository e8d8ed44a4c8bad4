import type { FieldName, FieldValue, ProviderAlert, ReplaceReason } from '../plan/model.js';
import { plural } from '../plan/summary.js';
import { quoted, visible } from './outside-text.js';

/** A field value as shown to people: strings quoted, absent values as (none). */
export function showValue(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? quoted(value) : String(value);
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

export { plural };

/** A provider group's alert in words: what it carries, and why that is worth a look. */
export function alertText(g: { roleArn?: string; precedence?: number; alert?: ProviderAlert }): string {
  const carried = (g.alert?.carries ?? []).map((f) => (f === 'roleArn' ? `roleArn ${visible(g.roleArn ?? '')}` : `precedence ${g.precedence ?? ''}`));
  return `provider group carries ${carried.join(' and ')}: Cognito creates provider groups without them, so someone may have pre-created or edited it to hand out a role to federated users; add it to the file if this is intended`;
}

/** The Markdown warning for provider groups that carry a role or precedence. */
export function alertsCaution(alerts: number): string {
  return `${plural(alerts, 'provider group')} ${alerts === 1 ? 'carries' : 'carry'} a role or precedence. Cognito creates provider groups without them: someone may have pre-created one to hand out a role to federated users.`;
}
