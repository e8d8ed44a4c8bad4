// A CloudTrail event as LookupEvents returns it, read into a record of a change to a group or a
// membership. The event's own JSON (CloudTrailEvent) is outside text: every field is checked, and an
// event that is not a cognito-idp write of a group is left out.
import { sourceOf } from '../../core/drift/attribution.js';
/** The record of one event, or undefined when it is not one attribution can use. */
export function recordOf(event) {
    if (typeof event.CloudTrailEvent !== 'string')
        return undefined;
    let raw;
    try {
        raw = JSON.parse(event.CloudTrailEvent);
    }
    catch {
        return undefined;
    }
    if (!isObject(raw) || raw.eventSource !== 'cognito-idp.amazonaws.com')
        return undefined;
    const params = isObject(raw.requestParameters) ? raw.requestParameters : {};
    const userPoolId = text(params.userPoolId);
    const eventName = text(raw.eventName) ?? event.EventName;
    if (userPoolId === undefined || eventName === undefined)
        return undefined;
    // LookupEvents' EventTime first: it may be finer than the record's eventTime, which is to the second.
    const time = event.EventTime?.toISOString() ?? text(raw.eventTime);
    const userAgent = text(raw.userAgent) ?? '';
    const sourceIp = text(raw.sourceIPAddress) ?? '';
    const kept = {};
    for (const [k, v] of Object.entries(params))
        if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
            kept[k] = v;
    const extra = isObject(raw.additionalEventData) ? raw.additionalEventData : {};
    const sub = text(extra.sub);
    const groupName = text(params.groupName);
    return {
        eventId: text(raw.eventID) ?? event.EventId ?? '',
        eventName,
        time: time ?? '',
        principal: principalOf(raw.userIdentity),
        ...sourceOf(userAgent, sourceIp),
        userAgent,
        sourceIp,
        userPoolId,
        ...(groupName === undefined ? {} : { groupName }),
        ...(sub === undefined ? {} : { sub }),
        params: kept,
    };
}
/** The caller: its ARN (an assumed role's names the session), else the service that acted, else its type and id. */
function principalOf(identity) {
    if (!isObject(identity))
        return 'unknown';
    const arn = text(identity.arn);
    if (arn !== undefined)
        return arn;
    const invokedBy = text(identity.invokedBy);
    if (invokedBy !== undefined)
        return invokedBy;
    const type = text(identity.type) ?? 'unknown';
    const id = text(identity.principalId);
    return id === undefined ? type : `${type} ${id}`;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function text(v) {
    return typeof v === 'string' && v !== '' ? v : undefined;
}
