// Whose token claims a plan changes, in the pull-request comment: a caution for sensitive roles at
// the top, then per pool the transitions largest first, each with its usernames folded in a bounded
// <details> block. The whole part is bounded, so it fits the comment cap with everything else.
import type { AccessTransition } from '../../core/access/model.js';
import type { Plan, PoolPlan } from '../../core/plan/model.js';
import { DEFAULT_MAX_ROLE_CHANGES } from '../../run/apply/limits.js';
import { mdCode, mdText } from './markdown-escape.js';
import { claimChangeText, transitionText, triggerText, usersWord } from './access-words.js';

/** Usernames in one fold before the rest are counted. */
export const FOLD_NAMES = 50;

/** Transitions shown per pool before the rest are counted. */
const TRANSITIONS_SHOWN = 15;

/** The most characters the access part of a comment takes (GitHub's cap is 65,000 for everything). */
export const ACCESS_MARKDOWN_LIMIT = 16_000;

const name = (s: string): string => mdCode(s, 'prose');

/** The access part of the comment: the caution (sensitive roles, the budget, unchecked access), then each pool's transitions; '' when no change can alter a claim. */
export function accessMarkdown(plan: Plan): string {
  const pools = plan.pools.filter((p) => p.access !== undefined);
  if (pools.length === 0) return '';
  const parts = [cautionOf(plan), ...pools.map(poolSection)].filter((s) => s !== '');
  let out = '';
  for (const part of parts) {
    if (out.length + part.length > ACCESS_MARKDOWN_LIMIT) {
      out += `\n> [!NOTE]\n> More token-claim changes are left out to keep this comment under GitHub's limit; \`plan --format json\` has them all.\n`;
      break;
    }
    out += part;
  }
  return out;
}

function cautionOf(plan: Plan): string {
  const lines: string[] = [];
  const sensitive: Array<{ pool: string; t: AccessTransition }> = [];
  let preferred = 0;
  const unchecked: string[] = [];
  for (const p of plan.pools) {
    if (p.access === undefined) continue;
    if (!p.access.checked) unchecked.push(name(p.userPoolId));
    else {
      for (const t of p.access.transitions) {
        if (t.sensitive === true) sensitive.push({ pool: p.userPoolId, t });
        if (t.claim === 'preferred_role') preferred += t.count;
      }
    }
  }
  if (sensitive.length > 0) {
    const shown = sensitive.slice(0, 5).map(({ pool, t }) => `> - ${name(pool)}: ${mdText(usersWord(t.count))}: ${claimChangeText(t, name)}`);
    lines.push('', '> [!CAUTION]', '> This plan **gives users a sensitive role** (`settings.sensitiveRoles`). Applying it needs `--allow-role-changes`.', ...shown);
    if (sensitive.length > 5) lines.push(`> - and ${sensitive.length - 5} more`);
  }
  if (preferred > DEFAULT_MAX_ROLE_CHANGES) {
    lines.push('', '> [!WARNING]', `> This plan **changes the preferred role of ${usersWord(preferred)}**, more than apply's default budget of ${DEFAULT_MAX_ROLE_CHANGES}: applying it needs \`--allow-role-changes\` (or a larger \`--max-role-changes\`).`);
  }
  if (unchecked.length > 0) {
    lines.push('', '> [!WARNING]', `> Whose token claims change was **not checked** (\`--no-access-check\`) in ${unchecked.join(', ')}, where the changes can alter them. Applying it needs \`--allow-role-changes\`.`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function poolSection(p: PoolPlan): string {
  const a = p.access;
  if (a === undefined || !a.checked) return '';
  const trigger = a.trigger === undefined ? '' : `\n> [!IMPORTANT]\n> These predictions ${triggerText(a.trigger, name)}.\n`;
  if (a.transitions.length === 0) return `\n**Token claims in ${name(p.userPoolId)}:** no user's claims change.\n${trigger}`;
  const rows = a.transitions.slice(0, TRANSITIONS_SHOWN).map(fold);
  const more = a.transitions.length > TRANSITIONS_SHOWN ? `\nand ${a.transitions.length - TRANSITIONS_SHOWN} more transitions (\`plan --format json\` has them all)\n` : '';
  return `\n**Token claims that change in ${name(p.userPoolId)}** (${mdText(usersWord(a.users))}; a prediction, at each user's next sign-in or token refresh):\n${trigger}\n${rows.join('\n')}\n${more}`;
}

/** One transition with its usernames folded (the first FOLD_NAMES, then a count). */
function fold(t: AccessTransition): string {
  const names = t.usernames.slice(0, FOLD_NAMES).map((u) => mdCode(u, 'prose')).join(', ');
  const more = t.usernames.length > FOLD_NAMES ? ` and ${t.usernames.length - FOLD_NAMES} more` : '';
  const mark = t.sensitive === true ? '⚠️ ' : '';
  // Inside <summary> Markdown is not reliably rendered: plain escaped text there.
  return `<details><summary>${mark}${transitionText(t, mdText)}</summary>\n\n${names}${more}\n\n</details>`;
}
