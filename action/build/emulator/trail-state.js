/** The events of a state file's `trail`, or the first problem found, as `where must be what`. */
export function parseTrailEvents(v) {
    if (v === undefined)
        return { ok: true, events: [] };
    if (!Array.isArray(v))
        return { ok: false, problem: 'trail must be an array' };
    const events = [];
    for (const [i, raw] of v.entries()) {
        const where = `trail[${i}]`;
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
            return { ok: false, problem: `${where} must be an object` };
        const o = raw;
        for (const k of ['eventId', 'eventName', 'region', 'accessKeyId', 'userAgent', 'sourceIp', 'requestId', 'userPoolId']) {
            if (typeof o[k] !== 'string')
                return { ok: false, problem: `${where}.${k} must be a string` };
        }
        for (const k of ['eventTime', 'visibleAt']) {
            if (typeof o[k] !== 'number' || !Number.isFinite(o[k]))
                return { ok: false, problem: `${where}.${k} must be a time in epoch milliseconds` };
        }
        const params = o['requestParameters'];
        if (typeof params !== 'object' || params === null || Array.isArray(params) || Object.values(params).some((p) => typeof p !== 'string' && typeof p !== 'number')) {
            return { ok: false, problem: `${where}.requestParameters must be an object of strings and numbers` };
        }
        if (o['sub'] !== undefined && typeof o['sub'] !== 'string')
            return { ok: false, problem: `${where}.sub must be a string` };
        events.push({
            eventId: o['eventId'],
            eventName: o['eventName'],
            eventTime: o['eventTime'],
            visibleAt: o['visibleAt'],
            region: o['region'],
            accessKeyId: o['accessKeyId'],
            userAgent: o['userAgent'],
            sourceIp: o['sourceIp'],
            requestId: o['requestId'],
            userPoolId: o['userPoolId'],
            requestParameters: { ...params },
            ...(typeof o['sub'] === 'string' ? { sub: o['sub'] } : {}),
        });
    }
    return { ok: true, events };
}
