import { plural } from './summary.js';
import { quoted, visible } from './outside-text.js';
/** A field value as shown to people: strings quoted, absent values as (none). */
export function showValue(value) {
    if (value === null || value === undefined)
        return '(none)';
    return typeof value === 'string' ? quoted(value) : String(value);
}
/** `previously:` names with no group behind them, in words: `previously: "old": no such group`. */
export function previouslyMissingNote(names) {
    return `previously: ${names.map(quoted).join(', ')}: no such group${names.length === 1 ? '' : 's'}`;
}
/** Why a group must be replaced, in words. */
export function reasonText(reason) {
    switch (reason) {
        case 'roleArn-removed':
            return 'roleArn cannot be removed in place';
        case 'precedence-removed':
            return 'precedence cannot be removed in place';
        case 'case-rename':
            return 'a group name cannot change case in place';
    }
}
/** Field names padded to one width, so values line up. */
export function fieldLabel(field) {
    return `${field}:`.padEnd(13);
}
/** Descriptions longer than this are shown as a word diff rather than old -> new. */
export const LONG_TEXT = 60;
export { plural };
/** A provider group's alert in words: what it carries, and why that is worth a look. */
export function alertText(g) {
    const carried = (g.alert?.carries ?? []).map((f) => (f === 'roleArn' ? `roleArn ${visible(g.roleArn ?? '')}` : `precedence ${g.precedence ?? ''}`));
    return `provider group carries ${carried.join(' and ')}: Cognito creates provider groups without them, so someone may have pre-created or edited it to hand out a role to federated users; add it to the file if this is intended`;
}
/** The Markdown warning for provider groups that carry a role or precedence. */
export function alertsCaution(alerts) {
    return `${plural(alerts, 'provider group')} ${alerts === 1 ? 'carries' : 'carry'} a role or precedence. Cognito creates provider groups without them: someone may have pre-created one to hand out a role to federated users.`;
}
/** The one wording of the rule that apply never empties a group: `groups` is the list of groups, already worded. */
export function emptiedGroupsWords(groups) {
    return `remove every member of ${groups}, which is never done: a list that leaves out all of a group's members is taken for a mistake in the file`;
}
/** Groups named in the never-applied warning; the rest are counted. */
const NEVER_SHOWN = 10;
/** Why apply will refuse a plan whatever its flags, in one sentence; the names quoted by `name`. */
export function neverAppliedText(never, name) {
    const list = (names) => `${names.slice(0, NEVER_SHOWN).join(', ')}${names.length > NEVER_SHOWN ? ` and ${names.length - NEVER_SHOWN} more` : ''}`;
    const parts = [];
    if (never.providerGroups.length > 0)
        parts.push(`it would delete ${never.providerGroups.length === 1 ? 'the provider group' : 'the provider groups'} ${list(never.providerGroups.map((r) => name(r.name)))}, which Cognito manages (a replace or a rename deletes the group it starts from)`);
    if (never.emptiedGroups.length > 0)
        parts.push(`it would ${emptiedGroupsWords(list(never.emptiedGroups.map((r) => `${name(r.name)} (${plural(r.count, 'member')})`)))}`);
    return `apply will refuse this plan whatever its flags: ${parts.join('; and ')}. Change the file and plan again.`;
}
