// STS GetCallerIdentity over the awsQuery protocol, as @aws-sdk/client-sts sends it: `POST /` with a
// form body (`Action=GetCallerIdentity&Version=2011-06-15`), answered in XML. Each access key stands
// for an IAM user of that name in the emulated account. Every caller may ask who it is (AWS needs no
// permission for it), so neither IAM rules nor quotas nor injected faults apply.
import { callerArn } from './wire.js';
const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_CONTENT_TYPE = 'text/xml';
/** Whether a request without X-Amz-Target is an STS query: a form body, or a request signed for sts. */
export function isStsRequest(contentType, signingService) {
    return signingService === 'sts' || (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}
/** The Action a query names ('(none)' when it names none); it is also the name statistics use. */
export function stsAction(body) {
    const form = new URLSearchParams(body);
    return { action: form.get('Action') ?? '(none)', version: form.get('Version') ?? undefined };
}
function escapeXml(s) {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
function stsError(status, code, message, requestId) {
    const body = `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status, body, ok: false };
}
/** The answer to one STS query. */
export function answerSts(req) {
    if (req.accessKeyId === undefined)
        return stsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token', req.requestId);
    if (req.rejected)
        return stsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.', req.requestId);
    if (req.action !== 'GetCallerIdentity') {
        return stsError(400, 'InvalidAction', `Could not find operation ${req.action} for version ${req.version ?? 'NO_VERSION_SPECIFIED'}`, req.requestId);
    }
    const key = escapeXml(req.accessKeyId);
    const body = `<GetCallerIdentityResponse xmlns="${NAMESPACE}"><GetCallerIdentityResult>` +
        `<Arn>${escapeXml(callerArn(req.account, req.accessKeyId))}</Arn><UserId>${key}</UserId><Account>${req.account}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>${req.requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    return { status: 200, body, ok: true };
}
