import { credentialTransitionText } from './credentials-words.js';
import { quoted, visible } from './outside-text.js';
import { claimChangeText, transitionText, triggerText, usersWord } from './access-words.js';
/** Usernames shown after a transition before the rest are counted. */
const NAMES_SHOWN = 10;
/** Transitions shown per pool before the rest are counted (the JSON plan has them all). */
const TRANSITIONS_SHOWN = 30;
const showName = (s) => visible(s);
/** The lines of a pool's access block, indented for a pool block; none when no change can alter a claim. */
export function accessLines(access, style) {
    if (access === undefined)
        return [];
    const trigger = access.trigger === undefined ? [] : [style.warn(`    ! These predictions ${triggerText(access.trigger, showName)}.`)];
    if (!access.checked) {
        return ['', style.warn("  Token claims: not checked (--no-access-check). These changes can change users' cognito:groups, cognito:roles or cognito:preferred_role; apply needs --allow-role-changes."), ...trigger];
    }
    if (access.transitions.length === 0)
        return ['', `  Token claims: no user's claims change.`, ...trigger];
    const lines = ['', `  Token claims that change (a prediction, at each user's next sign-in or token refresh): ${usersWord(access.users)}`];
    for (const t of access.transitions.slice(0, TRANSITIONS_SHOWN)) {
        const names = t.usernames.slice(0, NAMES_SHOWN).map(quoted).join(', ');
        const more = t.usernames.length > NAMES_SHOWN ? ` and ${t.usernames.length - NAMES_SHOWN} more` : '';
        const line = `    ${transitionText(t, showName)}${t.sensitive === true ? ' (SENSITIVE ROLE)' : ''}`;
        lines.push(t.sensitive === true ? style.warn(line) : line, style.dim(`      ${names}${more}`));
    }
    if (access.transitions.length > TRANSITIONS_SHOWN)
        lines.push(style.dim(`    and ${access.transitions.length - TRANSITIONS_SHOWN} more transitions (see --format json)`));
    return [...lines, ...trigger];
}
/** The warning above the summary when the plan gives users a sensitive role; none otherwise. */
export function sensitiveWarningLines(plan, style) {
    const sensitive = plan.pools.flatMap((p) => (p.access?.checked === true ? p.access.transitions.filter((t) => t.sensitive === true).map((t) => ({ pool: p.userPoolId, t })) : []));
    if (sensitive.length === 0)
        return [];
    return [
        style.warn('Warning: this plan gives users a sensitive role (settings.sensitiveRoles); apply refuses it without --allow-role-changes:'),
        ...sensitive.slice(0, NAMES_SHOWN).map(({ pool, t }) => style.warn(`  ${pool}: ${transitionText(t, showName)}`)),
        '',
    ];
}
/** The lines that say what an access refusal is about: the largest transitions over the budget or giving a sensitive role. */
export function accessRefusalLines(v) {
    const out = [];
    if (v.overMaxRoleChanges !== undefined) {
        out.push(`preferred role changes (${usersWord(v.overMaxRoleChanges.users)}, more than --max-role-changes ${v.overMaxRoleChanges.maxRoleChanges}), largest first:`);
        for (const r of v.overMaxRoleChanges.largest)
            out.push(`  ${r.poolId}: ${refText(r)}`);
    }
    if (v.sensitive !== undefined) {
        out.push(`sensitive roles given (${usersWord(v.sensitive.users)}), largest first:`);
        for (const r of v.sensitive.largest)
            out.push(`  ${r.poolId}: ${refText(r)}`);
    }
    if (v.unchecked !== undefined)
        out.push(`access not checked (--no-access-check) in ${v.unchecked.join(', ')}`);
    return out;
}
/** What members added or removed by hand did to users' claims, for the drift report; none when nothing. */
export function accessDriftLines(access, style) {
    if (access === undefined)
        return [];
    const lines = [style.warn('  ! token claims the members added or removed by hand changed (a prediction; apply undoes them):')];
    for (const t of access.transitions.slice(0, TRANSITIONS_SHOWN)) {
        const names = t.usernames.slice(0, NAMES_SHOWN).map(quoted).join(', ');
        lines.push(`      ${transitionText(t, showName)}: ${names}${t.usernames.length > NAMES_SHOWN ? ` and ${t.usernames.length - NAMES_SHOWN} more` : ''}`);
    }
    if (access.transitions.length > TRANSITIONS_SHOWN)
        lines.push(style.dim(`      and ${access.transitions.length - TRANSITIONS_SHOWN} more (see --format json)`));
    if (access.trigger !== undefined)
        lines.push(style.warn(`      These ${triggerText(access.trigger, showName)}.`));
    return lines;
}
/** A transition a refusal names: a claim change, or a credential change in an identity pool. */
function refText(r) {
    return 'change' in r ? `${usersWord(r.count)}: ${claimChangeText(r.change, showName)}` : credentialTransitionText(r.credential, false, showName);
}
