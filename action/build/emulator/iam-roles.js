// IAM roles over the Query protocol, as @aws-sdk/client-iam sends it: `POST /` with a form body
// (`Action=GetRole&Version=2010-05-08&RoleName=...`), signed for `iam`, answered in XML. CreateRole
// makes what GetRole reads; the trust policy comes back URL-encoded, as IAM returns it.
import { randomInt } from 'node:crypto';
const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const IAM_CONTENT_TYPE = 'text/xml';
/** The IAM actions the emulator answers. */
export const IAM_ACTIONS = ['CreateRole', 'GetRole'];
const ROLE_NAME = /^[\w+=,.@-]+$/u;
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/u;
const ROLE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Whether a query (no X-Amz-Target) is for IAM: signed for iam, or unsigned and naming an IAM action. */
export function isIamQuery(signingService, action) {
    return signingService === 'iam' || (signingService === undefined && IAM_ACTIONS.includes(action));
}
function escapeXml(s) {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** An IAM error reply with the status IAM gives that code. */
export function iamError(status, code, message, requestId) {
    const type = status >= 500 ? 'Receiver' : 'Sender';
    const body = `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status, body, error: code };
}
function ok(action, result, requestId) {
    return { status: 200, body: `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>` };
}
/** The ARN of a role of `account`. */
export function roleArnOf(account, role) {
    return `arn:aws:iam::${account}:role${role.Path}${role.RoleName}`;
}
function iso(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function roleXml(role, account) {
    return (`<Role><Path>${escapeXml(role.Path)}</Path><RoleName>${escapeXml(role.RoleName)}</RoleName><RoleId>${role.RoleId}</RoleId>` +
        `<Arn>${escapeXml(roleArnOf(account, role))}</Arn><CreateDate>${iso(role.CreateDate)}</CreateDate>` +
        `<AssumeRolePolicyDocument>${escapeXml(encodeURIComponent(role.AssumeRolePolicyDocument))}</AssumeRolePolicyDocument>` +
        (role.Description === undefined ? '' : `<Description>${escapeXml(role.Description)}</Description>`) +
        `<MaxSessionDuration>${role.MaxSessionDuration}</MaxSessionDuration></Role>`);
}
function validationError(problems, requestId) {
    if (problems.length === 0)
        return undefined;
    return iamError(400, 'ValidationError', `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`, requestId);
}
function checkRoleName(name, problems) {
    if (name === null)
        problems.push("Value null at 'roleName' failed to satisfy constraint: Member must not be null");
    else if (name.length < 1 || name.length > 64 || !ROLE_NAME.test(name))
        problems.push(`Value '${name}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64 and satisfy regular expression pattern: [\\w+=,.@-]+`);
}
/** The resource IAM authorises an action of a request on: the role's ARN (with the path a CreateRole gives). */
export function iamResourceOf(form, account, store) {
    const name = form.get('RoleName') ?? '*';
    const path = form.get('Path') ?? store.role(name)?.Path ?? '/';
    return roleArnOf(account, { Path: path, RoleName: name });
}
/** Answers one IAM query. */
export function handleIamAction(action, form, store, account, now, requestId) {
    const problems = [];
    const name = form.get('RoleName');
    checkRoleName(name, problems);
    if (action === 'GetRole') {
        const bad = validationError(problems, requestId);
        if (bad !== undefined)
            return { reply: bad, mutated: false };
        const role = store.role(name);
        if (role === undefined)
            return { reply: iamError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`, requestId), mutated: false };
        return { reply: ok('GetRole', roleXml(role, account), requestId), mutated: false };
    }
    const policy = form.get('AssumeRolePolicyDocument');
    if (policy === null)
        problems.push("Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
    const path = form.get('Path') ?? '/';
    if (path.length > 512 || !PATH.test(path))
        problems.push(`Value '${path}' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)`);
    const description = form.get('Description');
    if (description !== null && description.length > 1000)
        problems.push("Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000");
    const duration = form.get('MaxSessionDuration');
    const seconds = duration === null ? 3600 : Number(duration);
    if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200)
        problems.push(`Value '${duration ?? ''}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`);
    const bad = validationError(problems, requestId);
    if (bad !== undefined)
        return { reply: bad, mutated: false };
    try {
        const doc = JSON.parse(policy);
        if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
            throw new Error('not an object');
    }
    catch {
        return { reply: iamError(400, 'MalformedPolicyDocument', 'This policy contains invalid Json', requestId), mutated: false };
    }
    if (store.role(name) !== undefined)
        return { reply: iamError(409, 'EntityAlreadyExists', `Role with name ${name} already exists.`, requestId), mutated: false };
    let id = 'AROA';
    for (let i = 0; i < 17; i++)
        id += ROLE_ID_ALPHABET[randomInt(ROLE_ID_ALPHABET.length)];
    const role = {
        RoleName: name,
        Path: path,
        RoleId: id,
        AssumeRolePolicyDocument: policy,
        ...(description === null ? {} : { Description: description }),
        MaxSessionDuration: seconds,
        CreateDate: now,
    };
    store.addRole(role);
    return { reply: ok('CreateRole', roleXml(role, account), requestId), mutated: true };
}
