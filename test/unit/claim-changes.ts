import type { Claims } from '../../src/core/claims/rule.js';

/** Each user's claim changes between two snapshots, in the words of the plan's transitions (the tests' own oracle). */
export function claimChanges(before: Map<string, Claims>, after: Map<string, Claims>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [u, b] of before) {
    const a = after.get(u) as Claims;
    const list: string[] = [];
    if ((b.preferredRole ?? null) !== (a.preferredRole ?? null)) list.push(`preferred ${b.preferredRole ?? 'none'} -> ${a.preferredRole ?? 'none'}`);
    for (const r of a.roles) if (!b.roles.includes(r)) list.push(`gain role ${r}`);
    for (const r of b.roles) if (!a.roles.includes(r)) list.push(`lose role ${r}`);
    for (const g of a.groups) if (!b.groups.includes(g)) list.push(`gain group ${g}`);
    for (const g of b.groups) if (!a.groups.includes(g)) list.push(`lose group ${g}`);
    if (list.length > 0) out.set(u, list.sort());
  }
  return out;
}
