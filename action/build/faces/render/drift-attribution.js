import { assertNever } from '../../core/errors.js';
import { mdCode, mdText } from './markdown-escape.js';
import { quoted, visible } from './outside-text.js';
/** How a change came, in words. */
function sourceWords(c, agent) {
    switch (c.source) {
        case 'cognito-groups':
            return `by cognito-groups ${c.tool?.version ?? ''} from another run${c.tool?.run === undefined ? '' : ` (CI run ${c.tool.run})`}`;
        case 'console':
            return 'by hand in the AWS console';
        case 'cli':
            return `by hand with the AWS CLI (${agent(shortAgent(c.userAgent))})`;
        case 'sdk':
            return `through an AWS SDK (${agent(shortAgent(c.userAgent))})`;
        case 'aws-service':
            return `by an AWS service (${agent(c.sourceIp)})`;
        case 'other':
            return c.userAgent === '' ? 'by an unknown client' : `by a client (${agent(shortAgent(c.userAgent))})`;
        default:
            return assertNever(c.source);
    }
}
/** The first product of a user agent: enough to tell the AWS CLI 2.15 from boto3. */
function shortAgent(ua) {
    const first = ua.split(/\s+/)[0] ?? '';
    return first.length > 60 ? `${first.slice(0, 57)}...` : first;
}
/** What a difference is, before who made it: "changed", `member "ann" added`. */
function subjectWords(a, name) {
    switch (a.subject) {
        case 'fields':
            return 'changed';
        case 'deleted':
            return 'deleted';
        case 'created':
            return 'created';
        case 'member-added':
            return `member ${name(a.username ?? '')} added`;
        case 'member-removed':
            return `member ${name(a.username ?? '')} removed`;
        default:
            return assertNever(a.subject);
    }
}
/** One attribution in words; `principal`, `agent` and `name` escape outside text for the format. */
function attributionWords(a, esc) {
    const what = subjectWords(a, esc.name);
    const at = a.attribution;
    switch (at.status) {
        case 'found':
            return `${what} ${sourceWords(at.change, esc.agent)}: ${esc.principal(at.change.principal)} at ${esc.agent(at.change.time)}`;
        case 'not-yet':
            return `${what}: no record yet (CloudTrail takes minutes; its newest record, ${at.after.eventName} ${sourceWords(at.after, esc.agent)} at ${esc.agent(at.after.time)}, came before this change)`;
        case 'none':
            return `${what}: no record within 90 days`;
        case 'not-allowed':
            return `${what}: who is not known: not allowed (cloudtrail:LookupEvents)`;
        case 'unavailable':
            return `${what}: who is not known (${esc.agent(at.reason)})`;
        default:
            return assertNever(at);
    }
}
const TEXT = { principal: (s) => visible(s), agent: (s) => visible(s), name: (s) => quoted(s) };
const MARKDOWN = { principal: (s) => mdCode(s), agent: (s) => mdText(s), name: (s) => mdCode(s) };
/** Lines of text under a group for its attributed differences of the given subjects. */
export function attributionTextLines(list, group, indent = '      ') {
    return (list ?? []).filter((a) => a.group === group).map((a) => `${indent}${attributionWords(a, TEXT)}`);
}
/** Markdown details (for a table cell) of a group's attributed differences. */
export function attributionMarkdown(list, group, subjects) {
    return (list ?? []).filter((a) => a.group === group && (subjects === undefined || subjects.includes(a.subject))).map((a) => `*${attributionWords(a, MARKDOWN)}*`);
}
