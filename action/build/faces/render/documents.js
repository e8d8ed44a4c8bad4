import { countApply, NO_APPLY_COUNTS } from '../../run/apply/report.js';
import { countDrift, inSync } from '../../core/drift/model.js';
import { changeJson, fieldsJson } from '../../core/plan/canonical.js';
import { transitionJson } from '../../core/access/canonical.js';
import { PLAN_FORMAT_VERSION } from '../../core/saved-plan/model.js';
import { applySummaryLine } from './apply-report.js';
import { driftSummaryLine } from './drift-text.js';
/** The version of the apply and drift documents: the plan document's, since an apply document holds one. */
const REPORT_FORMAT_VERSION = PLAN_FORMAT_VERSION;
/** `apply --format json`. */
export function applyDocument(input) {
    const report = input.outcome?.report;
    const results = (report?.results ?? []).map((r) => ({
        userPoolId: r.poolId,
        action: r.change.action,
        name: r.change.name,
        status: r.status,
        ...(r.adopted === true ? { adopted: true } : {}),
        ...(r.membersMoved === undefined ? {} : { membersMoved: r.membersMoved }),
        ...(r.membersAdded === undefined ? {} : { membersAdded: r.membersAdded }),
        ...(r.membersRemoved === undefined ? {} : { membersRemoved: r.membersRemoved }),
        ...(r.code === undefined ? {} : { code: r.code }),
        ...(r.message === undefined ? {} : { message: r.message }),
    }));
    const counts = report === undefined ? { ...NO_APPLY_COUNTS } : countApply(report);
    const text = input.refused !== undefined ? 'Refused: nothing was applied.' : report === undefined ? 'No changes. Nothing to apply.' : applySummaryLine(report, input.from);
    return {
        formatVersion: REPORT_FORMAT_VERSION,
        kind: 'cognito-groups-apply',
        toolVersion: input.toolVersion,
        appliedAt: input.at.toISOString(),
        ...(input.refused === undefined ? {} : { refused: { code: input.refused.code, message: input.refused.message, details: [...input.refused.details] } }),
        interrupted: report?.interrupted ?? false,
        summary: { ...counts, text },
        results,
        check: checkJson(input.outcome?.check),
        plan: input.plan,
    };
}
function checkJson(check) {
    const changes = (list) => list.map((r) => ({ userPoolId: r.poolId, ...changeJson(r.change) }));
    const none = { remaining: [], elsewhere: [], membersMissing: [] };
    if (check === undefined)
        return { status: 'nothing-applied', ...none };
    if (check.ran) {
        return {
            status: 'done',
            remaining: changes(check.remaining),
            elsewhere: changes(check.elsewhere),
            membersMissing: check.membersMissing.map((m) => ({ userPoolId: m.poolId, group: m.group, expected: m.expected, missingCount: m.missing.length, missing: m.missing.slice(0, 100), unexpected: m.unexpected.slice(0, 100) })),
        };
    }
    if (check.why === 'listing-failed')
        return { status: 'listing-failed', error: { code: check.error.code, message: check.error.message }, ...none };
    return { status: 'not-all-applied', ...none };
}
/** The version of the drift document (schema/drift.schema.json): 4 added acknowledgements and attribution. */
export const DRIFT_FORMAT_VERSION = 5;
/** An attributed difference with a fixed key order. */
function attributedJson(a) {
    const change = (c) => ({ eventId: c.eventId, eventName: c.eventName, time: c.time, principal: c.principal, source: c.source, userAgent: c.userAgent, sourceIp: c.sourceIp, ...(c.tool === undefined ? {} : { tool: { version: c.tool.version, ...(c.tool.run === undefined ? {} : { run: c.tool.run }) } }) });
    const at = a.attribution;
    const attribution = at.status === 'found' ? { status: 'found', change: change(at.change) } : at.status === 'not-yet' ? { status: 'not-yet', after: change(at.after) } : at.status === 'unavailable' ? { status: 'unavailable', reason: at.reason } : { status: at.status };
    return { group: a.group, subject: a.subject, ...(a.username === undefined ? {} : { username: a.username }), attribution };
}
/** `drift --format json`. */
export function driftDocument(report, toolVersion, at) {
    return {
        formatVersion: DRIFT_FORMAT_VERSION,
        kind: 'cognito-groups-drift',
        toolVersion,
        checkedAt: at.toISOString(),
        inSync: inSync(report),
        summary: { ...countDrift(report), text: driftSummaryLine(report) },
        pools: report.pools.map((p) => ({
            userPoolId: p.userPoolId,
            region: p.region,
            listed: p.listed,
            drifted: p.drifted.map((d) => ({
                name: d.name,
                ...(d.actualName === undefined ? {} : { actualName: d.actualName }),
                fix: d.fix,
                fields: d.fields.map((f) => ({ field: f.field, expected: f.expected, actual: f.actual })),
                ...(d.memberCount === undefined ? {} : { memberCount: d.memberCount }),
                ...(d.heldIn === undefined ? {} : { heldIn: d.heldIn }),
                ...(d.members === undefined ? {} : { members: { missing: [...d.members.missing], unexpected: [...d.members.unexpected] } }),
                ...(d.expired === undefined ? {} : { expired: d.expired.map((e) => ({ field: e.field, reason: e.reason, until: e.until })) }),
            })),
            missing: [...p.missing],
            ...(p.previouslyMissing === undefined ? {} : { previouslyMissing: p.previouslyMissing.map((x) => ({ name: x.name, previously: [...x.previously] })) }),
            toDelete: [...p.toDelete],
            unmanaged: p.unmanaged.map((g) => ({ name: g.name, ...fieldsJson(g) })),
            providerGroups: p.providerGroups.map((g) => ({ name: g.name, ...fieldsJson(g), ...(g.alert === undefined ? {} : { alert: { carries: [...g.alert.carries] } }) })),
            orphanHolds: p.orphanHolds.map((h) => ({ group: h.group, for: h.for, ...(h.memberCount === undefined ? {} : { memberCount: h.memberCount }) })),
            acknowledged: p.acknowledged.map((a) => ({
                name: a.name,
                field: a.field,
                reason: a.reason,
                until: a.until,
                daysLeft: a.daysLeft,
                ...(a.members === undefined ? { expected: a.expected ?? null, actual: a.actual ?? null } : { members: { missing: [...a.members.missing], unexpected: [...a.members.unexpected] } }),
            })),
            staleAcknowledgements: p.staleAcknowledgements.map((s) => ({ name: s.name, field: s.field, reason: s.reason, until: s.until, ended: s.ended })),
            ...(p.attributions === undefined ? {} : { attributions: p.attributions.map(attributedJson) }),
            ...(p.access === undefined ? {} : { access: { transitions: p.access.transitions.map(transitionJson), ...(p.access.trigger === undefined ? {} : { trigger: p.access.trigger }) } }),
        })),
        ...(report.roleWarnings === undefined ? {} : { roleWarnings: report.roleWarnings.map((w) => ({ ...w, ...(w.audiences === undefined ? {} : { audiences: [...w.audiences] }) })) }),
    };
}
