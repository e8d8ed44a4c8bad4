// The credentials check in the pull-request comment: per user pool, the credential transitions per
// identity pool (usernames folded), and once the roles that cannot work, what could not be checked,
// and that no identity pool hands out roles when none does. Bounded, to fit the comment cap.
import type { PlanCredentials, PoolCredentials } from '../../core/credentials/plan-model.js';
import { mdCode, mdText } from './markdown-escape.js';
import { credentialTransitionText, NO_IDENTITY_POOL, roleProblemText, siteText, usersText } from './credentials-words.js';

/** Transitions shown per user pool before the rest are counted. */
const TRANSITIONS_SHOWN = 15;
/** Usernames in one fold before the rest are counted. */
const FOLD_NAMES = 50;
/** The most characters the credentials part of a comment takes. */
export const CREDENTIALS_MARKDOWN_LIMIT = 12_000;

const code = (s: string): string => mdCode(s, 'prose');

/** The credentials part of the comment for the pools (by user pool id) and the plan; '' when there is nothing to say. */
export function credentialsMarkdown(plan: PlanCredentials | undefined, pools: ReadonlyArray<{ userPoolId: string; credentials?: PoolCredentials }>): string {
  if (plan === undefined || !plan.checked) return '';
  const parts: string[] = [];
  const checked = pools.filter((p) => p.credentials?.checked === true);
  if (checked.length > 0 && checked.every((p) => p.credentials?.checked === true && p.credentials.identityPools.length === 0)) {
    parts.push(`\n**AWS credentials:** ${NO_IDENTITY_POOL}; the role claims reach no credentials here.\n`);
  }
  for (const p of pools) parts.push(poolSection(p.userPoolId, p.credentials));
  if (plan.roleWarnings.length > 0) {
    const rows = plan.roleWarnings.map((w) => `> - ${siteText(w, mdText)}group ${code(w.group)} in ${code(w.poolId)}: role ${code(w.roleArn)}: ${roleProblemText(w, code)}`);
    parts.push(`\n> [!WARNING]\n> **Roles that cannot work as the file means them** (not an error: a role may be created later in the same deploy):\n${rows.join('\n')}\n`);
  }
  if (plan.unchecked.length > 0) parts.push(`\n> [!NOTE]\n> Not checked (the plan goes on): ${plan.unchecked.map(mdText).join('; ')}\n`);
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    if (out.length + part.length > CREDENTIALS_MARKDOWN_LIMIT) {
      out += `\n> [!NOTE]\n> More credential changes are left out to keep this comment under GitHub's limit; \`plan --format json\` has them all.\n`;
      break;
    }
    out += part;
  }
  return out;
}

function poolSection(userPoolId: string, c: PoolCredentials | undefined): string {
  if (c === undefined) return '';
  if (!c.checked) return `\n**AWS credentials in ${code(userPoolId)}:** not checked (${mdText(c.why)}).\n`;
  if (c.identityPools.length === 0) return '';
  if (c.transitions.length === 0) return `\n**AWS credentials in ${code(userPoolId)}:** no user's role changes in ${c.identityPools.map((p) => code(p.name)).join(', ')}.\n`;
  const several = new Map(c.identityPools.map((p) => [p.id, p.clientIds.length > 1]));
  const rows = c.transitions.slice(0, TRANSITIONS_SHOWN).map((t) => {
    const names = t.usernames.slice(0, FOLD_NAMES).map(code).join(', ');
    const more = t.usernames.length > FOLD_NAMES ? ` and ${t.usernames.length - FOLD_NAMES} more` : '';
    return `<details><summary>${credentialTransitionText(t, several.get(t.identityPoolId) ?? false, code)}</summary>\n\n${names}${more}\n\n</details>`;
  });
  const more = c.transitions.length > TRANSITIONS_SHOWN ? `\nand ${c.transitions.length - TRANSITIONS_SHOWN} more transitions (\`plan --format json\` has them all)\n` : '';
  return `\n**AWS credentials that change in ${code(userPoolId)}** (${mdText(usersText(c.users))}; a prediction, at each user's next sign-in):\n\n${rows.join('\n')}\n${more}`;
}
