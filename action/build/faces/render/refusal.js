import { emptiedGroupsWords } from './values.js';
import { assertNever } from '../../core/errors.js';
import { staleLines } from './stale.js';
import { accessRefusalLines } from './access-text.js';
/** Lines that explain a refusal, indented for printing under its message; empty when the message says it all. */
export function refusalDetails(refusal) {
    switch (refusal.kind) {
        case 'stale':
            return staleLines({ stale: refusal.groups }).map((l) => `  ${l}`);
        case 'not-following':
            return refusal.problems.map((p) => `  ${followLine(p)}`);
        case 'policy':
            return refusal.violations.access === undefined ? [] : accessRefusalLines(refusal.violations.access).map((l) => `  ${l}`);
        case 'target':
        case 'cancelled':
        case 'no-terminal':
            return [];
        default:
            return assertNever(refusal);
    }
}
function followLine(p) {
    const shown = (v) => (v === null ? '(none)' : String(v));
    switch (p.kind) {
        case 'file':
            return `the groups file is not the one the plan was made from (sha256 differs from the plan's desiredFile ${p.planFile})`;
        case 'setting':
            return `settings.${p.setting} is ${shown(p.inPlan)} in the plan, ${shown(p.inFile)} in the file`;
        case 'pools':
            return `the plan covers pools ${p.inPlan.join(',')}, the file ${p.inFile.join(',')}`;
        case 'region':
            return `${p.poolId}: region ${p.inPlan} in the plan, ${p.inFile} in the file`;
        case 'changes':
            return `${p.poolId}: the plan's changes are not what the file asks for against what the plan saw`;
        case 'unchanged-or-unmanaged':
            return `${p.poolId}: the plan's unchanged or unmanaged groups do not match the file`;
        case 'listing':
            return `${p.poolId}: what the plan says it saw does not match the digest of the listing it was made from`;
        case 'listed':
            return `${p.poolId}: the plan says ${p.inPlan} groups were listed, its content shows ${p.shown}`;
        case 'members':
            return `${p.poolId}: the plan records the members of other groups than those its changes count`;
        case 'sensitive-roles':
            return `settings.sensitiveRoles is ${p.inPlan.length === 0 ? '(none)' : p.inPlan.join(', ')} in the plan, ${p.inFile.length === 0 ? '(none)' : p.inFile.join(', ')} in the file`;
        case 'access':
            return `${p.poolId}: the plan's access prediction is not what the reads it records give`;
        case 'environment':
            return p.inPlan !== p.inFile
                ? `the plan was made for ${p.inPlan === null ? 'no environment' : `environment ${p.inPlan}`}, the file is read ${p.inFile === null ? 'without --env' : `as environment ${p.inFile}`}`
                : `environment ${p.inPlan ?? ''}: account ${p.accountInPlan ?? '(none)'} in the plan, ${p.accountInFile ?? '(none)'} in the file`;
        default:
            return assertNever(p);
    }
}
/** The refusal in one line: what was refused, and what to do. */
export function refusalMessage(r) {
    switch (r.kind) {
        case 'policy':
            return policyMessage(r.violations);
        case 'stale': {
            const what = r.groups.some((g) => g.kind === 'unplanned') ? 'differ from what it saw or from the groups file' : 'the plan touches changed';
            return `stale plan: ${r.groups.length} group(s) ${what} since it was made (${r.createdAt}); nothing was applied. Make a new plan and review it.`;
        }
        case 'target':
            return `refusing to apply: the plan was made against ${targetWords(r.planned, envs(r))}, but this apply would go to ${targetWords(r.actual, envs(r))}. Apply it with the same target${envs(r) ? ' and --env' : ''}, or make a new plan. Nothing was changed.`;
        case 'not-following':
            return `${r.planFile}: the plan does not follow from ${r.groupsFile}, so it was edited or made from another file; nothing was applied. Make a new plan.`;
        case 'cancelled':
            return 'apply cancelled; nothing was changed.';
        case 'no-terminal':
            return 'refusing to apply without a terminal to ask for approval; pass --auto-approve (in pipelines, apply a reviewed saved plan: plan --out FILE, then apply FILE). Nothing was changed.';
    }
}
/** AWS, an endpoint, or the local emulator, in a few words. */
function targetWords(t, withEnvironment = t.environment !== undefined) {
    const where = t.kind === 'aws' ? 'AWS' : t.kind === 'local-emulator' ? 'the local emulator (--local)' : `the endpoint ${t.endpoint ?? '(unknown)'}`;
    if (!withEnvironment)
        return where;
    return `${where}${t.environment === undefined ? ' without --env' : ` for environment ${t.environment}`}`;
}
/** Whether a target refusal is about environments (either side has one): then both sides say theirs. */
function envs(r) {
    return r.planned.environment !== undefined || r.actual.environment !== undefined;
}
function policyMessage(v) {
    if (v.providerGroups.length > 0) {
        return `refusing to apply: the plan would delete provider groups that Cognito manages (${v.providerGroups.map(ref).join(', ')}); change the file so they are neither replaced nor renamed. Nothing was changed.`;
    }
    const parts = [];
    const flags = [];
    if (v.replaces.length > 0) {
        const dropping = v.replaces.some((r) => r.dropsMembers === true);
        parts.push(`replaces ${v.replaces.length} group(s) (${preview(v.replaces.map(ref))}), which deletes and creates them again${dropping ? ' and drops their members (--drop-members)' : ' (their members are kept, but lack the group until it is back)'}`);
        flags.push('--allow-replace');
    }
    if (v.deletes.length > 0) {
        parts.push(`deletes ${v.deletes.length} group(s) (${preview(v.deletes.map(ref))}), which drops their members`);
        flags.push('--allow-delete');
    }
    if (v.overMaxDelete !== undefined) {
        parts.push(`deletes or replaces ${v.overMaxDelete.removals} groups in all, more than --max-delete ${v.overMaxDelete.maxDelete}`);
        flags.push(`--max-delete ${v.overMaxDelete.removals}`);
    }
    if (v.memberRemovals !== undefined) {
        const n = v.memberRemovals.reduce((sum, r) => sum + r.count, 0);
        parts.push(`removes ${n} member(s) from ${v.memberRemovals.length} group(s) (${preview(v.memberRemovals.map(removalRef))})`);
        flags.push('--allow-member-removals');
    }
    if (v.overMaxMemberRemovals !== undefined) {
        parts.push(`removes ${v.overMaxMemberRemovals.removals} members in all, more than --max-member-removals ${v.overMaxMemberRemovals.maxMemberRemovals}`);
        flags.push(`--max-member-removals ${v.overMaxMemberRemovals.removals}`);
    }
    if (v.access?.overMaxRoleChanges !== undefined) {
        const what = v.access.overMaxRoleChanges.credentials === true ? 'the AWS role (or preferred role)' : 'the preferred role';
        parts.push(`changes ${what} of ${v.access.overMaxRoleChanges.users} user(s), more than --max-role-changes ${v.access.overMaxRoleChanges.maxRoleChanges}`);
    }
    if (v.access?.sensitive !== undefined)
        parts.push(`gives ${v.access.sensitive.users} user(s) a role settings.sensitiveRoles names`);
    if (v.access?.unchecked !== undefined)
        parts.push(`can change token claims in ${v.access.unchecked.join(', ')}, and was made with --no-access-check, so nobody knows whose`);
    if (v.access !== undefined)
        flags.push('--allow-role-changes');
    // Emptying a group is refused whatever the flags: the fix is in the file.
    const emptiedWhat = v.emptiedGroups === undefined
        ? ''
        : `${emptiedGroupsWords(preview(v.emptiedGroups.map(removalRef)))}; list who stays, or take \`members\` out of the group to stop managing them`;
    if (parts.length === 0)
        return `refusing to apply: the plan would ${emptiedWhat}. Nothing was changed.`;
    const emptied = emptiedWhat === '' ? '' : ` It would also ${emptiedWhat}.`;
    return `refusing to apply: the plan ${parts.join(', and ')}; re-run with ${flags.join(' and ')} if that is intended.${emptied} Nothing was changed.`;
}
function removalRef(r) {
    return `${r.poolId}/${r.name}: ${r.count}`;
}
function ref(g) {
    return `${g.poolId}/${g.from === undefined ? g.name : `${g.from} -> ${g.name}`}`;
}
function preview(names) {
    return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}
