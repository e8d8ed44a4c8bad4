import { isProviderGroup, type DesiredPool } from '../config/model.js';
import { compareNames, lookalikeKey, nameKey } from '../config/names.js';
import { diffFields, normalFields, replaceReasons } from './fields.js';
import type { GroupChange, Lookalike, ObservedGroup, PoolPlan, ProviderAlert, UnmanagedGroup } from './model.js';

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
    const after = normalFields(want);
    const same = exact.get(want.name);
    const caseOnly = same === undefined ? byKey.get(nameKey(want.name)) : undefined;
    const current = same ?? (caseOnly !== undefined && !matched.has(caseOnly.name) ? caseOnly : undefined);
    if (current === undefined) {
      changes.push({ action: 'create', name: want.name, after });
      continue;
    }
    matched.add(current.name);
    const before = normalFields(current);
    const fields = diffFields(before, after);
    const reasons = replaceReasons(current, want);

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
      changes.push({ action: 'delete', name: g.name, before: normalFields(g) });
    } else {
      const alert = provider ? providerAlert(g) : undefined;
      unmanaged.push({ name: g.name, ...normalFields(g), provider, ...(alert === undefined ? {} : { alert }) });
    }
  }

  changes.sort((a, b) => compareNames(a.name, b.name));
  const lookalikes = lookalikesOf(desired.groups, observed);
  return { userPoolId: desired.id, region: desired.region, listed: observed.length, changes, unchanged, unmanaged, ...(lookalikes.length === 0 ? {} : { lookalikes }) };
}

/** The alert a provider group raises when it carries what Cognito never gives one; undefined when it carries neither. */
export function providerAlert(g: ObservedGroup): ProviderAlert | undefined {
  const carries: ProviderAlert['carries'] = [];
  if (g.roleArn !== undefined) carries.push('roleArn');
  if (g.precedence !== undefined) carries.push('precedence');
  return carries.length === 0 ? undefined : { carries };
}

/** Pairs of a file name and a pool name that look the same but are different groups. */
function lookalikesOf(wanted: readonly { name: string }[], observed: readonly ObservedGroup[]): Lookalike[] {
  const byLook = new Map<string, string[]>();
  for (const g of observed) byLook.set(lookalikeKey(g.name), [...(byLook.get(lookalikeKey(g.name)) ?? []), g.name]);
  const out: Lookalike[] = [];
  for (const w of wanted) {
    for (const inPool of byLook.get(lookalikeKey(w.name)) ?? []) {
      if (nameKey(inPool) !== nameKey(w.name)) out.push({ inFile: w.name, inPool });
    }
  }
  return out.sort((a, b) => compareNames(a.inFile, b.inFile) || compareNames(a.inPool, b.inPool));
}
