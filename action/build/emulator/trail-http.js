import { trailError } from './trail.js';
/** LookupEvents' rate per account and region (not adjustable). */
export const LOOKUP_EVENTS_PER_SECOND = 2;
/** The name statistics use for a CloudTrail request. */
export function trailOperation(target) {
    return target.slice(target.lastIndexOf('.') + 1);
}
/** Answers one CloudTrail request; returns the reply for statistics. */
export function answerTrailRequest(res, req, trail, access, 
/** Takes a token of LookupEvents' rate in the request's region; false when over it. */
admit) {
    const op = trailOperation(req.target);
    const reply = (() => {
        const unrecognized = access.authenticate(req.accessKeyId);
        if (unrecognized !== undefined && !unrecognized.ok)
            return trailError(unrecognized.error, unrecognized.message);
        if (req.body === undefined)
            return trailError('SerializationException', 'Request body is too large.');
        const denied = access.authorizeOther(req.accessKeyId, op, `cloudtrail:${op}`);
        if (denied !== undefined && !denied.ok)
            return trailError(denied.error, denied.message);
        if (!admit(`cloudtrail:${req.region}:${op}`, LOOKUP_EVENTS_PER_SECOND))
            return trailError('ThrottlingException', 'Rate exceeded');
        return trail.answer(req.target, req.body, req.region);
    })();
    const headers = { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': req.requestId, 'Content-Length': Buffer.byteLength(reply.body) };
    if (reply.error !== undefined)
        headers['x-amzn-ErrorType'] = reply.error;
    if (req.closing)
        headers['Connection'] = 'close';
    res.writeHead(reply.status, headers);
    res.end(reply.body);
    return reply;
}
