import type { GroupFields } from '../config/model.js';
import { assertNever } from '../errors.js';
import type { GroupChange, ObservedGroup, UnmanagedGroup } from '../plan/model.js';

// Objects rebuilt with a fixed key order, so JSON output is stable whatever built the values.

/** Managed fields in a fixed key order, absent ones left out. */
export function fieldsJson(f: GroupFields): GroupFields {
  const o: GroupFields = {};
  if (f.description !== undefined) o.description = f.description;
  if (f.precedence !== undefined) o.precedence = f.precedence;
  if (f.roleArn !== undefined) o.roleArn = f.roleArn;
  return o;
}

/** A group with its fields, in a fixed key order. */
export function groupJson(g: ObservedGroup): ObservedGroup {
  return { name: g.name, ...fieldsJson(g) };
}

/** An unmanaged group, in a fixed key order. */
export function unmanagedJson(g: UnmanagedGroup): UnmanagedGroup {
  return { name: g.name, ...fieldsJson(g), provider: g.provider };
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
