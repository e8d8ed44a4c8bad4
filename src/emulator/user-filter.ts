// ListUsers' Filter: `AttributeName Filter-Type "AttributeValue"`, with `=` (exact) or `^=` (prefix)
// and backslash escapes in the value, on the attributes the API reference lists as searchable.
// Error wording follows cognito-local (an emulator written against the real service). The API
// reference calls the username filter case-sensitive; here usernames compare as the pool compares
// them (ignoring case unless the pool is case-sensitive), so a filter finds what AdminGetUser finds.
import type { UserRecord } from './users.js';

/** A parsed filter: a direct lookup by username or sub, or a test to run on each user. */
export type UserFilter =
  | { readonly kind: 'username'; readonly value: string }
  | { readonly kind: 'sub'; readonly value: string }
  | { readonly kind: 'scan'; readonly test: (u: UserRecord) => boolean };

/** A filter, or the InvalidParameterException message saying why not. */
export type ParsedFilter = { readonly ok: true; readonly filter: UserFilter } | { readonly ok: false; readonly message: string };

const SYNTAX = /^\s*([^\s=^]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/su;

/** Standard attributes searchable through their value. */
const ATTRIBUTES = new Set(['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username']);

function matcher(type: string): (actual: string | undefined, wanted: string) => boolean {
  return type === '=' ? (a, w) => a === w : (a, w) => a !== undefined && a.startsWith(w);
}

/** Parses a non-empty filter for a pool; usernames compare as the pool compares them. */
export function parseUserFilter(text: string, keyOf: (username: string) => string): ParsedFilter {
  const m = SYNTAX.exec(text);
  if (m === null) return { ok: false, message: 'Error while parsing filter.' };
  const attribute = m[1] as string;
  const type = m[2] as string;
  const value = (m[3] as string).replace(/\\(.)/gsu, '$1');
  const match = matcher(type);
  if (attribute === 'username') {
    if (type === '=') return { ok: true, filter: { kind: 'username', value } };
    const prefix = keyOf(value);
    return { ok: true, filter: { kind: 'scan', test: (u) => u.key.startsWith(prefix) } };
  }
  if (attribute === 'sub') {
    return type === '=' ? { ok: true, filter: { kind: 'sub', value } } : { ok: true, filter: { kind: 'scan', test: (u) => u.sub.startsWith(value) } };
  }
  if (attribute === 'cognito:user_status') {
    const wanted = value.toUpperCase();
    return { ok: true, filter: { kind: 'scan', test: (u) => match(u.status, wanted) } };
  }
  if (attribute === 'status') {
    return { ok: true, filter: { kind: 'scan', test: (u) => match(u.enabled ? 'Enabled' : 'Disabled', value) } };
  }
  if (ATTRIBUTES.has(attribute)) {
    return { ok: true, filter: { kind: 'scan', test: (u) => match(u.attributes.find((a) => a.name === attribute)?.value, value) } };
  }
  return { ok: false, message: `Invalid search attribute: ${attribute}` };
}
