// CloudTrail's record of the emulator's own writes, and LookupEvents over it (AWS JSON 1.1, as
// @aws-sdk/client-cloudtrail sends it, on the same endpoint as Cognito). Each successful group or
// membership write becomes a management event as Cognito's would: the caller's identity (its access
// key's IAM user in the emulated account), the User-Agent, the source address, the request
// parameters with the username hidden and the user's sub in additionalEventData. LookupEvents keeps
// the real API's limits: one lookup attribute, MaxResults 1..50, 90 days, newest first, a NextToken
// only with the same parameters. Events may be made to appear late, as CloudTrail's do.
import { createHash, randomUUID } from 'node:crypto';
import { callerArn } from './wire.js';
/** The X-Amz-Target of LookupEvents (the service's full shape name; the short form is accepted too). */
export const LOOKUP_EVENTS_TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents';
const SHORT_TARGET = 'CloudTrail_20131101.LookupEvents';
/** Cognito operations CloudTrail records as write management events (the ones this emulator records). */
export const RECORDED_OPERATIONS = new Set(['CreateGroup', 'UpdateGroup', 'DeleteGroup', 'AdminAddUserToGroup', 'AdminRemoveUserFromGroup']);
/** What Cognito writes in place of a username in its CloudTrail records. */
export const HIDDEN_USERNAME = 'HIDDEN_DUE_TO_SECURITY_REASONS';
/** How long CloudTrail keeps events for LookupEvents. */
export const TRAIL_RETENTION_MS = 90 * 86_400_000;
/** Most events an emulator keeps (the oldest go first). */
const MAX_EVENTS = 20_000;
const USER_AGENT_MAX = 1024;
const ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];
/** The event history of one emulator: recorded writes, and LookupEvents over them. */
export class TrailRecorder {
    account;
    clock;
    events = [];
    delayMs = 0;
    constructor(account, clock) {
        this.account = account;
        this.clock = clock;
    }
    /** Whether a request is for CloudTrail's LookupEvents (or another CloudTrail operation). */
    static isTrailTarget(target) {
        return target !== undefined && (target.startsWith('com.amazonaws.cloudtrail.') || target.startsWith('CloudTrail_20131101.'));
    }
    /** Events recorded from now on appear to LookupEvents only this many ms later. */
    setDelay(ms) {
        this.delayMs = ms;
    }
    /** Moves every recorded event this many ms into the past (tests of the 90-day window). */
    age(ms) {
        for (const e of this.events) {
            e.eventTime -= ms;
            e.visibleAt -= ms;
        }
    }
    /** The events, oldest first, as the state file keeps them. */
    all() {
        return this.events.map((e) => ({ ...e, requestParameters: { ...e.requestParameters } }));
    }
    /** Replaces the events with those of a state file. */
    load(events) {
        this.events = events.map((e) => ({ ...e, requestParameters: { ...e.requestParameters } })).sort((a, b) => a.eventTime - b.eventTime);
    }
    /** Records a successful write; returns whether it was one CloudTrail records. */
    record(w) {
        if (!RECORDED_OPERATIONS.has(w.op))
            return false;
        const params = {};
        for (const [key, field] of [['UserPoolId', 'userPoolId'], ['GroupName', 'groupName'], ['Description', 'description'], ['Precedence', 'precedence'], ['RoleArn', 'roleArn']]) {
            const v = w.input[key];
            if (typeof v === 'string' || typeof v === 'number')
                params[field] = v;
        }
        if (typeof w.input['Username'] === 'string')
            params['username'] = HIDDEN_USERNAME;
        const agent = w.headers['user-agent'];
        this.events.push({
            eventId: randomUUID(),
            eventName: w.op,
            eventTime: w.now,
            visibleAt: w.now + this.delayMs,
            region: w.region,
            accessKeyId: w.accessKeyId ?? 'anonymous',
            userAgent: (typeof agent === 'string' ? agent : '').slice(0, USER_AGENT_MAX),
            sourceIp: w.sourceIp?.replace(/^::ffff:/, '') ?? '127.0.0.1',
            requestId: randomUUID(),
            userPoolId: typeof w.input['UserPoolId'] === 'string' ? w.input['UserPoolId'] : '',
            requestParameters: params,
            ...(w.sub === undefined ? {} : { sub: w.sub }),
        });
        const oldest = w.now - TRAIL_RETENTION_MS;
        if (this.events.length > MAX_EVENTS || (this.events[0]?.eventTime ?? Infinity) < oldest) {
            this.events = this.events.filter((e) => e.eventTime >= oldest).slice(-MAX_EVENTS);
        }
        return true;
    }
    /** Answers a CloudTrail request (only LookupEvents is offered). */
    answer(target, body, region) {
        if (target !== LOOKUP_EVENTS_TARGET && target !== SHORT_TARGET)
            return trailError('UnknownOperationException', `Unknown operation: ${target}`);
        let input;
        try {
            const parsed = JSON.parse(body === '' ? '{}' : body);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
                throw new Error('not an object');
            input = parsed;
        }
        catch {
            return trailError('SerializationException', 'Start of structure or map found where not expected.');
        }
        return this.lookup(input, region);
    }
    lookup(input, region) {
        const now = this.clock();
        const attrs = input['LookupAttributes'];
        let filter;
        if (attrs !== undefined) {
            if (!Array.isArray(attrs))
                return trailError('InvalidLookupAttributesException', 'LookupAttributes must be a list.');
            if (attrs.length > 1)
                return trailError('InvalidLookupAttributesException', 'You can specify only one lookup attribute.');
            const a = attrs[0];
            if (a !== undefined) {
                const key = a['AttributeKey'];
                const value = a['AttributeValue'];
                if (typeof key !== 'string' || !ATTRIBUTE_KEYS.includes(key))
                    return trailError('InvalidLookupAttributesException', `Invalid lookup attribute key: ${String(key)}.`);
                if (typeof value !== 'string' || value.length < 1 || value.length > 2000)
                    return trailError('InvalidLookupAttributesException', 'The attribute value must be 1 to 2000 characters.');
                filter = { key: key, value };
            }
        }
        const category = input['EventCategory'];
        if (category !== undefined && category !== 'insight')
            return trailError('InvalidEventCategoryException', `Invalid event category: ${String(category)}.`);
        const max = input['MaxResults'] ?? 50;
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50)
            return trailError('InvalidMaxResultsException', 'MaxResults must be from 1 to 50.');
        const start = timeOf(input['StartTime']);
        const end = timeOf(input['EndTime']);
        if (start === null || end === null)
            return trailError('InvalidTimeRangeException', 'StartTime and EndTime must be timestamps.');
        if (start !== undefined && end !== undefined && start > end)
            return trailError('InvalidTimeRangeException', 'Start time must be before end time.');
        const from = Math.max(start ?? -Infinity, now - TRAIL_RETENTION_MS);
        const to = end ?? now;
        const fingerprint = hash(JSON.stringify([filter ?? null, category ?? null, max, start ?? null, end ?? null, region]));
        // Insight events are never recorded here: that category is always empty.
        const matching = category === 'insight' ? [] : this.events.filter((e) => e.region === region && e.visibleAt <= now && e.eventTime >= from && e.eventTime <= to && (filter === undefined || this.matches(e, filter))).reverse();
        let offset = 0;
        const token = input['NextToken'];
        if (token !== undefined) {
            const m = typeof token === 'string' ? /^([0-9a-f]{16})\.([0-9a-f-]{36})$/.exec(token) : null;
            if (m === null || m[1] !== fingerprint)
                return trailError('InvalidNextTokenException', 'Invalid NextToken: it is not valid, or was returned for other parameters.');
            // The page goes on after the event the token names, so events recorded meanwhile shift nothing.
            const i = matching.findIndex((e) => e.eventId === m[2]);
            if (i < 0)
                return trailError('InvalidNextTokenException', 'Invalid NextToken: it is not valid, or was returned for other parameters.');
            offset = i + 1;
        }
        const page = matching.slice(offset, offset + max);
        const more = offset + max < matching.length;
        const last = page[page.length - 1];
        const out = { Events: page.map((e) => this.shape(e)) };
        if (more && last !== undefined)
            out['NextToken'] = `${fingerprint}.${last.eventId}`;
        return { status: 200, body: JSON.stringify(out) };
    }
    matches(e, f) {
        switch (f.key) {
            case 'EventId':
                return e.eventId === f.value;
            case 'EventName':
                return e.eventName === f.value;
            case 'ReadOnly':
                return f.value === 'false';
            case 'Username':
                return e.accessKeyId === f.value;
            case 'ResourceType':
                return f.value === 'AWS::Cognito::UserPool';
            case 'ResourceName':
                return resourcesOf(e).some((r) => r.ResourceName === f.value);
            case 'EventSource':
                return f.value === 'cognito-idp.amazonaws.com';
            case 'AccessKeyId':
                return e.accessKeyId === f.value;
        }
    }
    /** An event as LookupEvents returns it, with the CloudTrail record as a JSON string. */
    shape(e) {
        const arn = callerArn(this.account, e.accessKeyId);
        const record = {
            eventVersion: '1.08',
            userIdentity: { type: 'IAMUser', principalId: e.accessKeyId, arn, accountId: this.account, accessKeyId: e.accessKeyId, userName: e.accessKeyId },
            eventTime: new Date(e.eventTime).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            eventSource: 'cognito-idp.amazonaws.com',
            eventName: e.eventName,
            awsRegion: e.region,
            sourceIPAddress: e.sourceIp,
            userAgent: e.userAgent,
            requestParameters: e.requestParameters,
            responseElements: null,
            ...(e.sub === undefined ? {} : { additionalEventData: { sub: e.sub } }),
            requestID: e.requestId,
            eventID: e.eventId,
            readOnly: false,
            eventType: 'AwsApiCall',
            managementEvent: true,
            recipientAccountId: this.account,
            eventCategory: 'Management',
        };
        return {
            EventId: e.eventId,
            EventName: e.eventName,
            ReadOnly: 'false',
            AccessKeyId: e.accessKeyId,
            EventTime: e.eventTime / 1000,
            EventSource: 'cognito-idp.amazonaws.com',
            Username: e.accessKeyId,
            Resources: resourcesOf(e),
            CloudTrailEvent: JSON.stringify(record),
        };
    }
}
/** The resources an event names: its user pool and, for group calls, the group. */
function resourcesOf(e) {
    const out = [{ ResourceType: 'AWS::Cognito::UserPool', ResourceName: e.userPoolId }];
    const group = e.requestParameters['groupName'];
    if (typeof group === 'string')
        out.push({ ResourceType: 'AWS::Cognito::UserPoolGroup', ResourceName: group });
    return out;
}
/** A JSON 1.1 timestamp (epoch seconds) in ms; undefined when absent, null when not a number. */
function timeOf(v) {
    if (v === undefined)
        return undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v * 1000 : null;
}
function hash(text) {
    return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
/** A CloudTrail error, as JSON 1.1 frames it: every one LookupEvents answers is a client error (400). */
export function trailError(name, message) {
    return { status: 400, body: JSON.stringify({ __type: name, Message: message }), error: name };
}
