// The plan model as JSON: objects rebuilt with a fixed key order, so every machine format and the
// saved plan's checksum are stable whatever built the values.
import { assertNever } from '../errors.js';
import { normalFields as fieldsJson } from './fields.js';
import type { GroupChange, Hold, MemberChange, ObservedGroup, OrphanHold, UnmanagedGroup } from './model.js';

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
  const count = (n: number | undefined) => (n === undefined ? {} : { memberCount: n });
  const members = (m: MemberChange | undefined) => (m === undefined ? {} : { members: { add: [...m.add], remove: [...m.remove], had: m.had } });
  switch (c.action) {
    case 'create':
      return { action: c.action, name: c.name, after: fieldsJson(c.after), ...(c.hold === undefined ? {} : { hold: holdJson(c.hold) }), ...members(c.members), ...(c.previouslyMissing === undefined ? {} : { previouslyMissing: [...c.previouslyMissing] }) };
    case 'update':
      return { action: c.action, name: c.name, before: fieldsJson(c.before), after: fieldsJson(c.after), fields: fields(c.fields), ...(c.hold === undefined ? {} : { hold: holdJson(c.hold) }), ...count(c.memberCount), ...members(c.members) };
    case 'replace':
      return { action: c.action, name: c.name, previousName: c.previousName, before: fieldsJson(c.before), after: fieldsJson(c.after), fields: fields(c.fields), reasons: [...c.reasons], ...(c.hold === undefined ? {} : { hold: holdJson(c.hold) }), ...count(c.memberCount), ...members(c.members) };
    case 'rename':
      return { action: c.action, name: c.name, previousName: c.previousName, before: fieldsJson(c.before), after: fieldsJson(c.after), fields: fields(c.fields), hold: holdJson(c.hold), ...count(c.memberCount), ...members(c.members) };
    case 'delete':
      return { action: c.action, name: c.name, before: fieldsJson(c.before), ...count(c.memberCount) };
    case 'restore':
      return { action: c.action, name: c.name, hold: holdJson(c.hold), ...members(c.members) };
    default:
      return assertNever(c);
  }
}

/** A holding group left without its group, in a fixed key order. */
export function orphanHoldJson(h: OrphanHold): OrphanHold {
  return { group: h.group, for: h.for, ...(h.memberCount === undefined ? {} : { memberCount: h.memberCount }) };
}

/** A holding group, in a fixed key order. */
export function holdJson(h: Hold): Hold {
  return { group: h.group, resuming: h.resuming, ...(h.memberCount === undefined ? {} : { memberCount: h.memberCount }), ...(h.usernames === undefined ? {} : { usernames: [...h.usernames] }) };
}
