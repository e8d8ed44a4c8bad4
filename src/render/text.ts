import { assertNever } from '../errors.js';
import type { GroupFields } from '../config/model.js';
import { FIELD_NAMES, type FieldChange } from '../plan/fields.js';
import type { GroupChange, Plan, PoolPlan } from '../plan/model.js';
import type { Style } from './style.js';
import { summaryLine } from '../plan/summary.js';
import { alertText, fieldLabel, LONG_TEXT, plural, reasonText, showValue } from './values.js';
import { wordDiff } from './word-diff.js';
import { quoted, spelledOut, visible } from './outside-text.js';

/** The human plan: per pool its changes and unmanaged groups, then the summary line. */
export function renderPlanText(plan: Plan, style: Style): string {
  const out: string[] = [];
  // Lines are appended one by one: spreading a 30,000-line pool into push() overflows the call stack.
  for (const pool of plan.pools) {
    for (const line of poolLines(pool, style)) out.push(line);
    out.push('');
  }
  out.push(style.strong(summaryLine(plan)));
  return `${out.join('\n')}\n`;
}

function poolLines(pool: PoolPlan, style: Style): string[] {
  const managed = pool.changes.filter((c) => c.action !== 'delete').length + pool.unchanged.length;
  const lines = [style.strong(`User pool ${pool.userPoolId} (${pool.region}): ${plural(pool.listed, 'group')} listed, ${managed} managed by this file`)];
  if (pool.changes.length === 0) lines.push('', '  No changes: the managed groups match the file.');
  for (const change of pool.changes) {
    lines.push('');
    for (const line of changeLines(change, style)) lines.push(line);
  }
  for (const l of pool.lookalikes ?? []) {
    lines.push('', style.warn(`  ! ${quoted(l.inFile)} in the file looks like ${quoted(l.inPool)} in the pool, but they are different groups: ${spelledOut(l.inFile)} and ${spelledOut(l.inPool)}`));
  }
  if (pool.unmanaged.length > 0) {
    lines.push('', `  Unmanaged groups, left alone (${pool.unmanaged.length}):`);
    for (const g of pool.unmanaged) {
      lines.push(`      ${visible(g.name)}${g.provider ? style.dim('  (provider group, created by Cognito)') : ''}`);
      if (g.alert !== undefined) lines.push(style.warn(`        ALERT: ${alertText(g)}`));
    }
  }
  return lines;
}

/** The lines of one change, indented for a pool block. */
export function changeLines(change: GroupChange, style: Style): string[] {
  switch (change.action) {
    case 'create':
      return [style.add(`  + create ${quoted(change.name)}`), ...fieldsLines(change.after)];
    case 'update':
      return [style.change(`  ~ update ${quoted(change.name)}`), ...change.fields.flatMap((f) => fieldChangeLines(f, style))];
    case 'replace': {
      const rename = change.previousName === change.name ? quoted(change.name) : `${quoted(change.previousName)} -> ${quoted(change.name)}`;
      const why = change.reasons.map(reasonText).join('; ');
      return [
        style.warn(`  -/+ replace ${rename}`) + style.dim(`  (${why}: deleted and created again, its members are dropped)`),
        ...change.fields.flatMap((f) => fieldChangeLines(f, style)),
      ];
    }
    case 'delete':
      return [style.remove(`  - delete ${quoted(change.name)}`) + style.dim('  (not in the file; its members are dropped)'), ...fieldsLines(change.before)];
    default:
      return assertNever(change);
  }
}

function fieldsLines(fields: GroupFields): string[] {
  return FIELD_NAMES.filter((f) => fields[f] !== undefined).map((f) => `      ${fieldLabel(f)}${showValue(fields[f])}`);
}

function fieldChangeLines(f: FieldChange, style: Style): string[] {
  const label = `      ${fieldLabel(f.field)}`;
  if (typeof f.before === 'string' && typeof f.after === 'string' && Math.max(f.before.length, f.after.length) > LONG_TEXT) {
    return [`${label}(word diff: [-removed-] {+added+})`, `        ${wordDiff(f.before, f.after, style)}`];
  }
  return [`${label}${style.remove(showValue(f.before))} -> ${style.add(showValue(f.after))}`];
}
