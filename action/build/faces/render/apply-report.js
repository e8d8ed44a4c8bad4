import { countApply } from '../../run/apply/report.js';
import { plainStyle } from './style.js';
import { changeLines } from './text.js';
import { quoted, visible } from './outside-text.js';
/** Failures that the same apply, run again unchanged, will meet again: the user must act first. */
const NEEDS_ACTION = new Set(['AWS_ACCESS_DENIED', 'AWS_LIMIT_EXCEEDED', 'AWS_POOL_NOT_FOUND', 'AWS_INVALID_PARAMETER', 'AWS_CREDENTIALS', 'AWS_BAD_RESPONSE']);
/** Names of not-started changes shown before the rest are only counted. */
const NOT_STARTED_SHOWN = 3;
/** `Apply complete: ...` or, when anything did not happen, what did and did not, and what to do next. */
export function applySummaryLine(report, from = 'file') {
    const c = countApply(report);
    const extra = [c.adopted > 0 ? `${c.adopted} adopted` : '', c.renamed > 0 ? `${c.renamed} renamed` : '', c.restored > 0 ? `${c.restored} restored` : ''].filter((x) => x !== '');
    const memberParts = [
        c.membersAdded > 0 ? `${c.membersAdded} added` : '',
        c.membersRemoved > 0 ? `${c.membersRemoved} removed` : '',
        c.membersMoved > 0 ? `${c.membersMoved} kept or moved` : '',
    ].filter((x) => x !== '');
    const members = memberParts.length === 0 ? '' : ` (members: ${memberParts.join(', ')})`;
    const done = `${c.added} added, ${c.changed} changed, ${c.replaced} replaced, ${c.deleted} deleted${extra.map((x) => `, ${x}`).join('')}${members}`;
    if (c.failed === 0 && c.notStarted === 0)
        return `Apply complete: ${done}.`;
    const how = report.interrupted ? 'Apply interrupted' : 'Apply incomplete';
    return `${how}: ${done}; ${c.failed} failed, ${c.notStarted} not started. ${nextStep(report, from)}`;
}
/** What to do after an apply that did not finish: run it again only where that can help. */
function nextStep(report, from) {
    const failures = report.results.filter((r) => r.status === 'failed');
    const blocked = failures.length > 0 && !report.interrupted && failures.every((r) => r.code !== undefined && NEEDS_ACTION.has(r.code));
    const again = from === 'file' ? 'run apply again to finish' : 'make a new plan and apply it to finish';
    if (blocked)
        return `Fix what the failures above say first (running it again as it is meets the same answer), then ${again}.`;
    return `${again.charAt(0).toUpperCase()}${again.slice(1)}.`;
}
/**
 * What happened beyond "done": a line per change that failed or met something on the way, and a line
 * per pool and reason for changes that did not start (counted, with the first few names).
 */
export function applyResultLines(report, style) {
    const out = [];
    const notStarted = new Map();
    for (const r of report.results) {
        const what = `${r.poolId}: ${r.change.action} ${quoted(r.change.name)}`;
        if (r.status === 'failed')
            out.push(style.remove(`  failed       ${what}: ${visible(r.message ?? 'unknown error')}`));
        else if (r.status === 'not-started') {
            const key = `${r.poolId}\u0000${r.message ?? ''}`;
            notStarted.set(key, [...(notStarted.get(key) ?? []), r]);
        }
        else if (r.message !== undefined)
            out.push(style.dim(`  note         ${what}: ${visible(r.message)}`));
    }
    for (const group of notStarted.values()) {
        const first = group[0];
        const names = group.slice(0, NOT_STARTED_SHOWN).map((r) => `${r.change.action} ${quoted(r.change.name)}`).join(', ');
        const more = group.length > NOT_STARTED_SHOWN ? ` and ${group.length - NOT_STARTED_SHOWN} more` : '';
        const count = group.length === 1 ? '' : `${group.length} changes: `;
        out.push(style.warn(`  not started  ${first.poolId}: ${count}${names}${more}${first.message === undefined ? '' : ` (${visible(first.message)})`}`));
    }
    return out;
}
/** Lines about the check after applying: changes that do not hold, other differences from the file, or why it could not run. */
export function afterCheckLines(check, style) {
    if (!check.ran)
        return check.why === 'listing-failed' ? [style.remove(`  unchecked    the check after applying could not run: ${visible(check.error.message)}`)] : [];
    return [
        ...remainingLines(check.remaining).map((l) => style.remove(`  not held     ${l}`)),
        ...missingMemberLines(check.membersMissing).map((l) => style.remove(`  not held     ${l}`)),
        ...remainingLines(check.elsewhere).map((l) => style.dim(`  note         ${l} (differs from the file; not changed by this run)`)),
    ];
}
/** Names of missing members shown before the rest are only counted. */
const MISSING_SHOWN = 5;
/** One line per group that lacks members the run was to keep or move into it. */
export function missingMemberLines(missing) {
    const names = (users) => `${users.slice(0, MISSING_SHOWN).map(quoted).join(', ')}${users.length > MISSING_SHOWN ? ` and ${users.length - MISSING_SHOWN} more` : ''}`;
    return missing.map((m) => {
        const parts = [
            m.missing.length > 0 ? `lacks ${m.missing.length} of the ${m.expected} members it was to have: ${names(m.missing)}` : '',
            m.unexpected.length > 0 ? `still has ${m.unexpected.length} member(s) the run removed: ${names(m.unexpected)}` : '',
        ].filter((x) => x !== '');
        return `${m.poolId}: ${quoted(m.group)} ${parts.join('; ')}`;
    });
}
/** One line per difference left after applying: the change a new plan would still make. */
export function remainingLines(remaining) {
    return remaining.map((r) => `${r.poolId}: ${changeLines(r.change, plainStyle).map((l) => l.trim()).join('; ')}`);
}
