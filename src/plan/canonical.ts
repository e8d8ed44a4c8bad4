// The plan model as JSON: objects rebuilt with a fixed key order, so every machine format and the
// saved plan's checksum are stable whatever built the values.
import { assertNever } from '../errors.js';
import { normalFields as fieldsJson } from './fields.js';
import type { GroupChange, ObservedGroup, UnmanagedGroup } from './model.js';

export { fieldsJson };

/** A group with its fields, in a fixed key order. */
export function groupJson(g: ObservedGroup): ObservedGroup {
  return { name: g.name, ...fieldsJson(g) };
}

/** An unmanaged group, in a fixed key order. */
export function unmanagedJson(g: UnmanagedGroup): UnmanagedGroup {
  return { name: g.name, ...fieldsJson(g), provider: g.provider, ...(g.alert === undefined ? {} : { alert: { carries: [...g.alert.carries] } }) };
}

/** A change, in a fixed key order. */
export function changeJson(c: GroupChange): GroupChange {
  const fields = (list: Extract<GroupChange, { fields: unknown }>['fields']) => list.map((f) => ({ field: f.field, before: f.before, after: f.after }));
  switch (c.action) {
    case 'create':
      return { action: c.action, name: c.name, after: fieldsJson(c.after) };
    case 'update':
      return { action: c.action, name: c.name, before: fieldsJson(c.before), after: fieldsJson(c.after), fields: fields(c.fields) };
    case 'replace':
      return { action: c.action, name: c.name, previousName: c.previousName, before: fieldsJson(c.before), after: fieldsJson(c.after), fields: fields(c.fields), reasons: [...c.reasons] };
    case 'delete':
      return { action: c.action, name: c.name, before: fieldsJson(c.before) };
    default:
      return assertNever(c);
  }
}
