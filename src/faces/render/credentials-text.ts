// The credentials check in the human plan: per user pool, the credential transitions per identity
// pool, largest first, beside the claim transitions; then, once, the roles that cannot work, what
// could not be checked, and that no identity pool hands out roles when none does.
import type { PlanCredentials, PoolCredentials } from '../../core/credentials/plan-model.js';
import { quoted, visible } from './outside-text.js';
import type { Style } from './style.js';
import { credentialTransitionText, NO_IDENTITY_POOL, roleProblemText, siteText, usersText } from './credentials-words.js';

/** Transitions shown per user pool before the rest are counted (the JSON plan has them all). */
const TRANSITIONS_SHOWN = 30;
/** Usernames shown after a transition before the rest are counted. */
const NAMES_SHOWN = 10;

/** The lines of a user pool's credentials block, indented for a pool block; none when it was not checked or no identity pool federates it. */
export function credentialLines(c: PoolCredentials | undefined, style: Style): string[] {
  if (c === undefined) return [];
  if (!c.checked) return ['', style.warn(`  AWS credentials: not checked (${visible(c.why)})`)];
  if (c.identityPools.length === 0) return [];
  if (c.transitions.length === 0) return ['', `  AWS credentials: no user's role changes in ${c.identityPools.map((p) => visible(p.name)).join(', ')}.`];
  const several = new Map(c.identityPools.map((p) => [p.id, p.clientIds.length > 1]));
  const lines = ['', `  AWS credentials that change (a prediction, at each user's next sign-in): ${usersText(c.users)}`];
  for (const t of c.transitions.slice(0, TRANSITIONS_SHOWN)) {
    const names = t.usernames.slice(0, NAMES_SHOWN).map(quoted).join(', ');
    const more = t.usernames.length > NAMES_SHOWN ? ` and ${t.usernames.length - NAMES_SHOWN} more` : '';
    lines.push(`    ${credentialTransitionText(t, several.get(t.identityPoolId) ?? false, visible)}`, style.dim(`      ${names}${more}`));
  }
  if (c.transitions.length > TRANSITIONS_SHOWN) lines.push(style.dim(`    and ${c.transitions.length - TRANSITIONS_SHOWN} more transitions (see --format json)`));
  return lines;
}

/** The plan-wide lines: role warnings, what was not checked, and "no identity pool" said once; none when there is nothing to say. */
export function credentialSummaryLines(plan: PlanCredentials | undefined, pools: ReadonlyArray<PoolCredentials | undefined>, style: Style): string[] {
  if (plan === undefined || !plan.checked) return [];
  const lines: string[] = [];
  const checked = pools.filter((p): p is Extract<PoolCredentials, { checked: true }> => p !== undefined && p.checked);
  if (checked.length > 0 && checked.every((p) => p.identityPools.length === 0)) lines.push(`AWS credentials: ${NO_IDENTITY_POOL}; the role claims reach no credentials here.`);
  for (const w of plan.roleWarnings) {
    lines.push(style.warn(`Warning: ${siteText(w, visible)}group ${quoted(w.group)} in ${visible(w.poolId)}: role ${visible(w.roleArn)}: ${roleProblemText(w, visible)}`));
  }
  if (plan.unchecked.length > 0) lines.push(style.warn(`Not checked (the plan goes on): ${plan.unchecked.map(visible).join('; ')}`));
  return lines.length === 0 ? [] : [...lines, ''];
}
