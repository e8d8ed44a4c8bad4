import { roleProblemText, siteText } from './credentials-words.js';
import { countDrift, inSync } from '../../core/drift/model.js';
import { alertText, plural, previouslyMissingNote, showValue } from './values.js';
import { quoted, visible } from './outside-text.js';
import { attributionTextLines } from './drift-attribution.js';
import { acknowledgedSummary, acknowledgedTextLines, expiredTextLines, staleTextLines } from './drift-acknowledged.js';
import { accessDriftLines } from './access-text.js';
/** The drift summary line. */
export function driftSummaryLine(report) {
    const c = countDrift(report);
    const found = [
        c.drifted > 0 ? `${c.drifted} drifted` : '',
        c.missing > 0 ? `${c.missing} missing` : '',
        c.toDelete > 0 ? `${c.toDelete} to delete` : '',
        c.alerts > 0 ? plural(c.alerts, 'provider-group alert') : '',
        c.orphanHolds > 0 ? `${plural(c.orphanHolds, 'holding group')} left by a run that stopped` : '',
    ].filter((s) => s !== '');
    const context = [...acknowledgedSummary(c), plural(c.unmanaged, 'unmanaged group'), `${plural(c.providerGroups, 'provider group')}.`].join(', ');
    return inSync(report) ? `In sync: the pools match the file. ${context}` : `Drift: ${found.join(', ')}. ${context}`;
}
/** Drift for people: per pool what differs, what is missing, unmanaged and provider groups, alerts. */
export function renderDriftText(report, style) {
    const out = [];
    for (const p of report.pools) {
        out.push(style.strong(`User pool ${p.userPoolId} (${p.region}): ${plural(p.listed, 'group')} listed`));
        for (const d of p.drifted) {
            const name = d.actualName === undefined ? quoted(d.name) : `${quoted(d.name)} (the pool has ${quoted(d.actualName)})`;
            out.push(style.change(`  ~ drifted   ${name}${fixWords(d) === '' ? '' : ` (${fixWords(d)})`}`));
            for (const f of d.fields)
                out.push(`      ${f.field}: expected ${showValue(f.expected)}, found ${showValue(f.actual)}`);
            if (d.heldIn !== undefined)
                out.push(`      members: some are held in ${quoted(d.heldIn)} by a run that stopped; apply puts them back`);
            for (const u of d.members?.missing ?? [])
                out.push(`      member ${quoted(u)}: in the file, not in the group`);
            for (const u of d.members?.unexpected ?? [])
                out.push(`      member ${quoted(u)}: in the group, not in the file`);
            for (const line of expiredTextLines(d))
                out.push(style.warn(line));
            for (const line of attributionTextLines(p.attributions, d.name))
                out.push(line);
        }
        for (const m of p.missing) {
            out.push(style.add(`  + missing   ${quoted(m)}`));
            const previously = p.previouslyMissing?.find((x) => x.name === m)?.previously ?? [];
            if (previously.length > 0)
                out.push(style.dim(`      ${previouslyMissingNote(previously)}; apply creates it new`));
            for (const line of attributionTextLines(p.attributions, m))
                out.push(line);
        }
        for (const m of p.toDelete) {
            out.push(style.remove(`  - to delete ${quoted(m)} (unmanagedGroups: delete)`));
            for (const line of attributionTextLines(p.attributions, m))
                out.push(line);
        }
        for (const line of accessDriftLines(p.access, style))
            out.push(line);
        for (const g of p.unmanaged)
            out.push(`  ? unmanaged ${quoted(g.name)}`);
        for (const g of p.providerGroups) {
            out.push(`    provider  ${quoted(g.name)}`);
            if (g.alert !== undefined)
                out.push(style.warn(`      ALERT: ${alertText(g)}`));
        }
        for (const h of p.orphanHolds) {
            out.push(style.warn(`  ! held      ${quoted(h.group)} holds ${h.memberCount === undefined ? 'members' : plural(h.memberCount, 'member')} of ${quoted(h.for)}, which the file does not list`));
        }
        for (const line of acknowledgedTextLines(p.acknowledged))
            out.push(line);
        for (const line of staleTextLines(p.staleAcknowledgements))
            out.push(style.warn(line));
        out.push('');
    }
    for (const w of report.roleWarnings ?? []) {
        out.push(style.warn(`Warning: ${siteText(w, visible)}group ${quoted(w.group)} in ${visible(w.poolId)}: role ${visible(w.roleArn)}: ${roleProblemText(w, visible)}`));
    }
    if ((report.roleWarnings ?? []).length > 0)
        out.push('');
    out.push(style.strong(driftSummaryLine(report)));
    return `${out.join('\n')}\n`;
}
/** What apply would do about a drifted group, in words (empty for a plain update that touches no member). */
export function fixWords(d) {
    const members = d.memberCount === undefined ? 'its members' : plural(d.memberCount, 'member');
    switch (d.fix) {
        case 'update':
            return d.memberCount === undefined || d.memberCount === 0 ? '' : `${plural(d.memberCount, 'member')} get new tokens once apply fixes it`;
        case 'replace':
            return `apply must replace it; ${members} kept unless --drop-members`;
        case 'rename':
            return `apply renames it, moving ${members}`;
        case 'restore':
            return 'apply puts back the members a run that stopped left held';
    }
}
