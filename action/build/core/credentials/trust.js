// Whether an IAM role's trust policy lets Cognito identity pools hand it out: an Allow of
// sts:AssumeRoleWithWebIdentity to the federated principal cognito-identity.amazonaws.com, with a
// `cognito-identity.amazonaws.com:aud` condition naming one of the identity pools that would hand it
// out (developer guide "role trust and permissions"; cognito-contract.md "Identity pools"). Pure.
const PRINCIPAL = 'cognito-identity.amazonaws.com';
const ACTION = 'sts:AssumeRoleWithWebIdentity';
const AUD_KEY = 'cognito-identity.amazonaws.com:aud';
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function strings(v) {
    if (typeof v === 'string')
        return [v];
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
}
/** IAM's wildcard match (`*`, `?`), case-insensitive when asked (action names are). */
function wild(pattern, value, ignoreCase) {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
    return new RegExp(`^${body}$`, ignoreCase ? 'si' : 's').test(value);
}
function allowsAction(statement) {
    if ('NotAction' in statement)
        return !strings(statement['NotAction']).some((a) => wild(a, ACTION, true));
    return strings(statement['Action']).some((a) => wild(a, ACTION, true));
}
function namesCognito(statement) {
    const p = statement['Principal'];
    if (p === '*')
        return true;
    if (!isObject(p))
        return false;
    return strings(p['Federated']).includes(PRINCIPAL) || strings(p['AWS']).includes('*');
}
/**
 * The aud values a statement's conditions accept: undefined when it sets no aud condition. Operators
 * other than the String ones (and their ForAnyValue / ForAllValues / IfExists forms) are read as naming
 * their values too, which can only make a role look more trusted than it is: no false alarms.
 */
function audiences(statement) {
    const condition = statement['Condition'];
    if (!isObject(condition))
        return undefined;
    const out = [];
    for (const [operator, block] of Object.entries(condition)) {
        if (!isObject(block))
            continue;
        for (const [key, value] of Object.entries(block)) {
            if (key.toLowerCase() !== AUD_KEY)
                continue;
            out.push({ values: strings(value), like: /StringLike/i.test(operator) });
        }
    }
    return out.length === 0 ? undefined : out;
}
/** Parses a trust policy's JSON (already URL-decoded), or undefined when it is not a policy document. */
export function parseTrustPolicy(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!isObject(doc))
        return undefined;
    const raw = doc['Statement'];
    const list = isObject(raw) ? [raw] : Array.isArray(raw) ? raw : undefined;
    return list?.filter(isObject);
}
/**
 * Judges a role's trust policy against the identity pools that would hand the role out
 * (`identityPoolIds`; empty when none was found, and then only Cognito's trust is checked).
 */
export function judgeTrust(policyText, identityPoolIds) {
    const statements = parseTrustPolicy(policyText);
    if (statements === undefined)
        return { ok: false, problem: 'unreadable' };
    const relevant = statements.filter((s) => allowsAction(s) && namesCognito(s));
    // An unconditional Deny wins over every Allow.
    if (relevant.some((s) => s['Effect'] === 'Deny' && s['Condition'] === undefined))
        return { ok: false, problem: 'no-cognito-trust' };
    const allows = relevant.filter((s) => s['Effect'] === 'Allow');
    if (allows.length === 0)
        return { ok: false, problem: 'no-cognito-trust' };
    if (identityPoolIds.length === 0)
        return { ok: true };
    const named = [];
    let unconditioned = false;
    for (const s of allows) {
        const auds = audiences(s);
        if (auds === undefined) {
            unconditioned = true;
            continue;
        }
        // Every aud condition of the statement must accept the pool (conditions of a statement are ANDed).
        const accepts = (id) => auds.every((a) => a.values.some((v) => (a.like ? wild(v, id, false) : v === id)));
        if (identityPoolIds.some(accepts))
            return { ok: true };
        for (const a of auds)
            named.push(...a.values);
    }
    if (named.length === 0 && unconditioned)
        return { ok: false, problem: 'no-aud-condition' };
    return { ok: false, problem: 'other-identity-pools', audiences: [...new Set(named)].sort() };
}
