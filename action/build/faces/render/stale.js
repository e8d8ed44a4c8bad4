import { assertNever } from '../../core/errors.js';
import { showValue } from './values.js';
import { quoted } from './outside-text.js';
/** Differences elsewhere named one per line before the rest are only counted. */
const ELSEWHERE_SHOWN = 20;
/** One line per difference that makes a saved plan stale. */
export function staleLines(staleness) {
    return staleness.stale.map((d) => d.kind === 'unplanned'
        ? `${d.poolId}: ${quoted(d.name)} differs from the groups file, and the plan does not change it (it changed since the plan, or the plan was edited)`
        : d.kind === 'members'
            ? `${d.poolId}: the members of ${quoted(d.name)} changed since the plan counted them (${d.joined} joined, ${d.left} left)`
            : d.kind === 'usernames'
                ? `${d.poolId}: the plan says the pool compares usernames ${d.inPlan ? 'case-sensitively' : 'ignoring case'}, but it compares them ${d.now ? 'case-sensitively' : 'ignoring case'}`
                : d.kind === 'trigger'
                    ? `${d.poolId}: the pool's pre token generation trigger is ${d.now === null ? 'gone' : quoted(d.now)}, the plan's predictions were made with ${d.inPlan === null ? 'none' : quoted(d.inPlan)}`
                    : d.kind === 'access'
                        ? `${d.poolId}: whose token claims the plan changes is not what it predicted (${d.inPlan} user(s) then, ${d.now} now: someone joined or left a role-bearing group, or a role group changed)`
                        : d.kind === 'identity-pools'
                            ? `${d.region}: ${d.why} (the credentials the plan predicted no longer hold)`
                            : d.kind === 'created'
                                ? `${differenceLine(d)} (the plan creates a group of that name)`
                                : differenceLine(d));
}
/** One line per group the plan does not touch that changed since it was made (at most 20, then a count). */
export function changedElsewhereLines(staleness) {
    const lines = staleness.elsewhere.slice(0, ELSEWHERE_SHOWN).map((d) => `${differenceLine(d)} (the plan does not touch it; applying only the planned changes)`);
    const more = staleness.elsewhere.length - ELSEWHERE_SHOWN;
    return more > 0 ? [...lines, `and ${more} more group(s) the plan does not touch changed since it was made`] : lines;
}
/** A group that differs from what a plan saw, in words. */
function differenceLine(s) {
    const where = `${s.poolId}:`;
    switch (s.kind) {
        case 'created':
            return `${where} ${quoted(s.name)} was created since the plan`;
        case 'deleted':
            return `${where} ${quoted(s.name)} was deleted since the plan`;
        case 'renamed':
            return `${where} ${quoted(s.from)} is now named ${quoted(s.to)}`;
        case 'changed':
            return `${where} ${quoted(s.name)} changed since the plan: ${s.fields.map((f) => `${f.field} ${showValue(f.before)} -> ${showValue(f.after)}`).join(', ')}`;
        default:
            return assertNever(s);
    }
}
