import { assertNever } from '../../core/errors.js';
import type { GroupFields } from '../../core/config/model.js';
import { FIELD_NAMES, type FieldChange } from '../../core/plan/fields.js';
import type { GroupChange, Hold, Plan, PoolPlan } from '../../core/plan/model.js';
import type { Style } from './style.js';
import { summaryLine } from './summary.js';
import { neverApplied, policyViolations } from '../../run/apply/policy.js';
import { applyFlags } from './apply-flags.js';
import { alertText, fieldLabel, LONG_TEXT, neverAppliedText, plural, previouslyMissingNote, reasonText, showValue } from './values.js';
import { wordDiff } from './word-diff.js';
import { accessLines, sensitiveWarningLines } from './access-text.js';
import { quoted, spelledOut, visible } from './outside-text.js';
import { credentialLines, credentialSummaryLines } from './credentials-text.js';

/** The human plan: per pool its changes and unmanaged groups, then the summary line. */
export function renderPlanText(plan: Plan, style: Style): string {
  const out: string[] = [];
  // Lines are appended one by one: spreading a 30,000-line pool into push() overflows the call stack.
  for (const pool of plan.pools) {
    for (const line of poolLines(pool, style)) out.push(line);
    out.push('');
  }
  const never = neverApplied(plan);
  if (never !== undefined) out.push(style.warn(`Warning: ${neverAppliedText(never, quoted)}`), '');
  // Every flag apply will need, with its number, as the Markdown comment names them.
  const flags = applyFlags(policyViolations(plan, {}));
  if (flags.length > 0) out.push(style.warn(`Apply needs: ${flags.map((f) => `${f.flag} (${f.because})`).join(', ')}.`), '');
  for (const line of sensitiveWarningLines(plan, style)) out.push(line);
  for (const line of credentialSummaryLines(plan.credentials, plan.pools.map((p) => p.credentials), style)) out.push(line);
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
  for (const h of pool.orphanHolds ?? []) {
    const n = h.memberCount === undefined ? 'members' : plural(h.memberCount, 'member');
    lines.push('', style.warn(`  ! ${quoted(h.group)} holds ${n} of ${quoted(h.for)}, which the file no longer lists: kept. Put ${quoted(h.for)} back in the file to restore them, or delete the holding group yourself`));
  }
  for (const line of accessLines(pool.access, style)) lines.push(line);
  for (const line of credentialLines(pool.credentials, style)) lines.push(line);
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
  const lines = groupLines(change, style);
  // Who a holding group puts in the group, by name: what a stopped run left is shown like any addition.
  const hold = 'hold' in change && change.hold?.resuming === true && change.action !== 'replace' ? change.hold : undefined;
  const held = (hold?.usernames ?? []).map((u) => style.add(`      <- member ${quoted(u)} (from ${quoted(hold?.group ?? '')})`));
  const members = 'members' in change ? change.members : undefined;
  return [...lines, ...held, ...(members?.add ?? []).map((u) => style.add(`      + member ${quoted(u)}`)), ...(members?.remove ?? []).map((u) => style.remove(`      - member ${quoted(u)}`))];
}

function groupLines(change: GroupChange, style: Style): string[] {
  switch (change.action) {
    case 'create':
      return [
        style.add(`  + create ${quoted(change.name)}`) + putBack(change.hold, style),
        ...(change.previouslyMissing === undefined ? [] : [style.dim(`      note: ${previouslyMissingNote(change.previouslyMissing)}, creating`)]),
        ...fieldsLines(change.after),
      ];
    case 'update': {
      const tokens = change.memberCount === undefined ? '' : style.dim(`  (changes the tokens of its ${plural(change.memberCount, 'member')} at their next refresh)`);
      return [style.change(`  ~ update ${quoted(change.name)}`) + tokens + putBack(change.hold, style), ...change.fields.flatMap((f) => fieldChangeLines(f, style))];
    }
    case 'replace': {
      const rename = change.previousName === change.name ? quoted(change.name) : `${quoted(change.previousName)} -> ${quoted(change.name)}`;
      const why = change.reasons.map(reasonText).join('; ');
      const members = change.hold === undefined ? its(change.memberCount, 'dropped (--drop-members)') : its(change.memberCount, `kept in ${quoted(change.hold.group)} and put back`);
      return [
        style.warn(`  -/+ replace ${rename}`) + style.dim(`  (${why}: deleted and created again; ${members})`),
        ...change.fields.flatMap((f) => fieldChangeLines(f, style)),
      ];
    }
    case 'rename':
      return [
        style.change(`  ~> rename ${quoted(change.previousName)} -> ${quoted(change.name)}`) +
          style.dim(`  (created under the new name, ${its(change.memberCount, 'moved')}, then the old group deleted)`) +
          putBack(change.hold.resuming ? change.hold : undefined, style),
        ...change.fields.flatMap((f) => fieldChangeLines(f, style)),
      ];
    case 'delete':
      return [style.remove(`  - delete ${quoted(change.name)}`) + style.dim(`  (not in the file; ${its(change.memberCount, 'dropped')})`), ...fieldsLines(change.before)];
    case 'restore':
      return [style.add(`  <- restore ${quoted(change.name)}`) + style.dim(`  (puts back ${heldWords(change.hold)}, then deletes the holding group)`)];
    default:
      return assertNever(change);
  }
}

/** "its 12 members are dropped", "its members are dropped" (not counted), "it has no members". */
function its(count: number | undefined, what: string): string {
  if (count === 0) return 'it has no members';
  return count === undefined ? `its members are ${what}` : count === 1 ? `its 1 member is ${what}` : `its ${count} members are ${what}`;
}

function heldWords(hold: Hold): string {
  const n = hold.memberCount === undefined ? 'the members' : plural(hold.memberCount, 'member');
  return `${n} a run that stopped left in ${quoted(hold.group)}`;
}

function putBack(hold: Hold | undefined, style: Style): string {
  return hold === undefined ? '' : style.dim(`  (then puts back ${heldWords(hold)})`);
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
