import { plural } from '../../core/plural.js';
/** "312 users", "1 user". */
export function usersWord(n) {
    return plural(n, 'user');
}
/** What a claim change does to a user, such as `preferred role A -> B`. */
export function claimChangeText(c, name) {
    switch (c.claim) {
        case 'preferred_role':
            if (c.before === null)
                return `gain preferred role ${name(c.after ?? '')}`;
            if (c.after !== null)
                return `preferred role ${name(c.before)} -> ${name(c.after)}`;
            return c.tie === undefined
                ? `lose their preferred role ${name(c.before)} (no group with a role left)`
                : `lose their preferred role ${name(c.before)} (groups of equal precedence, different roles: ${c.tie.map(name).join(', ')})`;
        case 'roles':
            return c.change === 'gain' ? `gain role ${name(c.role)} in cognito:roles` : `lose role ${name(c.role)} from cognito:roles`;
        case 'groups':
            return c.change === 'gain' ? `gain group ${name(c.group)} in cognito:groups` : `lose group ${name(c.group)} from cognito:groups (apps that check the name lose it)`;
    }
}
/** A transition in one line: `312 users: preferred role A -> B`. */
export function transitionText(t, name) {
    return `${usersWord(t.count)}: ${claimChangeText(t, name)}`;
}
/** Why a prediction may not hold: the pre token generation trigger. */
export function triggerText(arn, name) {
    return `may be overridden by the pre token generation trigger ${name(arn)}, which can replace cognito:groups, cognito:roles and cognito:preferred_role`;
}
