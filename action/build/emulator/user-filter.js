const SYNTAX = /^\s*([^\s=^]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/su;
/** Standard attributes searchable through their value. */
const ATTRIBUTES = new Set(['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username']);
function matcher(type) {
    return type === '=' ? (a, w) => a === w : (a, w) => a !== undefined && a.startsWith(w);
}
/** Parses a non-empty filter for a pool; usernames compare as the pool compares them. */
export function parseUserFilter(text, keyOf) {
    const m = SYNTAX.exec(text);
    if (m === null)
        return { ok: false, message: 'Error while parsing filter.' };
    const attribute = m[1];
    const type = m[2];
    const value = m[3].replace(/\\(.)/gsu, '$1');
    const match = matcher(type);
    if (attribute === 'username') {
        if (type === '=')
            return { ok: true, filter: { kind: 'username', value } };
        const prefix = keyOf(value);
        return { ok: true, filter: { kind: 'scan', test: (u) => u.key.startsWith(prefix) } };
    }
    if (attribute === 'sub') {
        return type === '=' ? { ok: true, filter: { kind: 'sub', value } } : { ok: true, filter: { kind: 'scan', test: (u) => u.sub.startsWith(value) } };
    }
    if (attribute === 'cognito:user_status') {
        const wanted = value.toUpperCase();
        return { ok: true, filter: { kind: 'scan', test: (u) => match(u.status, wanted) } };
    }
    if (attribute === 'status') {
        return { ok: true, filter: { kind: 'scan', test: (u) => match(u.enabled ? 'Enabled' : 'Disabled', value) } };
    }
    if (ATTRIBUTES.has(attribute)) {
        return { ok: true, filter: { kind: 'scan', test: (u) => match(u.attributes.find((a) => a.name === attribute)?.value, value) } };
    }
    return { ok: false, message: `Invalid search attribute: ${attribute}` };
}
