// IAM identity policies, the part the emulator enforces: statements with Effect, Action and
// Resource (strings or lists, with the `*` and `?` wildcards). A request is allowed when some Allow
// statement matches its action and resource and no Deny statement does (an explicit deny wins), as
// in IAM's evaluation of identity-based policies. NotAction, NotResource and Condition change what a
// statement means; rather than ignore them, a policy using them is refused.
const VERSIONS = ['2012-10-17', '2008-10-17'];
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
const UNSUPPORTED = {
    NotAction: 'NotAction is not supported by the emulator; list the actions in Action instead',
    NotResource: 'NotResource is not supported by the emulator; list the resources in Resource instead',
    Condition: 'Condition is not supported by the emulator; leave it out',
    Principal: 'Principal has no place in an identity-based policy',
    NotPrincipal: 'NotPrincipal has no place in an identity-based policy',
};
/** A pattern with IAM's wildcards (`*` any run of characters, `?` one character) as an anchored RegExp. */
function wildcard(pattern, ignoreCase) {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
    return new RegExp(`^${body}$`, ignoreCase ? 'sui' : 'su');
}
function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
/** A string or a non-empty list of strings, or the problem with it. */
function stringList(v, what) {
    if (v === undefined)
        return { problem: `${what} is missing` };
    const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (list === undefined || list.length === 0 || !list.every((x) => typeof x === 'string' && x.length > 0)) {
        return { problem: `${what} must be a non-empty string or a non-empty list of them` };
    }
    return { values: list };
}
function statementName(s, i) {
    const sid = isObject(s) && typeof s['Sid'] === 'string' ? ` (Sid "${s['Sid']}")` : '';
    return `Statement ${i + 1}${sid}`;
}
function compileStatement(s, name, problems) {
    if (!isObject(s)) {
        problems.push(`${name} must be an object`);
        return undefined;
    }
    const before = problems.length;
    for (const key of Object.keys(s)) {
        const unsupported = UNSUPPORTED[key];
        if (unsupported !== undefined)
            problems.push(`${name}: ${unsupported}`);
        else if (!['Sid', 'Effect', 'Action', 'Resource'].includes(key))
            problems.push(`${name}: unknown element ${key}`);
    }
    const effect = s['Effect'];
    if (effect !== 'Allow' && effect !== 'Deny')
        problems.push(`${name}: Effect must be "Allow" or "Deny"`);
    const actions = stringList(s['Action'], 'Action');
    if ('problem' in actions)
        problems.push(`${name}: ${actions.problem}`);
    else
        for (const a of actions.values)
            if (!ACTION.test(a))
                problems.push(`${name}: action "${a}" is not of the form service:Action (such as cognito-idp:CreateGroup)`);
    const resources = stringList(s['Resource'], 'Resource');
    if ('problem' in resources)
        problems.push(`${name}: ${resources.problem}`);
    else
        for (const r of resources.values)
            if (r !== '*' && !r.startsWith('arn:'))
                problems.push(`${name}: resource "${r}" is neither * nor an ARN`);
    if (problems.length > before || 'problem' in actions || 'problem' in resources)
        return undefined;
    return {
        effect: effect,
        // Action names ignore case in IAM; resource ARNs do not.
        actions: actions.values.map((a) => wildcard(a, true)),
        resources: resources.values.map((r) => wildcard(r, false)),
    };
}
/** A checked identity policy. */
export class IdentityPolicy {
    statements;
    constructor(statements) {
        this.statements = statements;
    }
    /** The policy, or every problem with the document (each naming its statement). */
    static check(doc) {
        const problems = [];
        if (!isObject(doc))
            return { ok: false, problems: ['the policy must be a JSON object with a Statement'] };
        for (const key of Object.keys(doc))
            if (!['Version', 'Id', 'Statement'].includes(key))
                problems.push(`unknown top-level element ${key}`);
        const version = doc['Version'];
        if (version !== undefined && !VERSIONS.includes(version))
            problems.push(`Version must be "2012-10-17" (or the older "2008-10-17"), got ${JSON.stringify(version)}`);
        const raw = doc['Statement'];
        const statements = isObject(raw) ? [raw] : Array.isArray(raw) ? raw : undefined;
        if (statements === undefined) {
            problems.push('Statement must be a statement or a list of them');
            return { ok: false, problems };
        }
        const compiled = statements.map((s, i) => compileStatement(s, statementName(s, i), problems));
        if (problems.length > 0)
            return { ok: false, problems };
        return { ok: true, policy: new IdentityPolicy(compiled) };
    }
    decide(action, resource) {
        let allowed = false;
        for (const s of this.statements) {
            if (!s.actions.some((a) => a.test(action)) || !s.resources.some((r) => r.test(resource)))
                continue;
            if (s.effect === 'Deny')
                return 'explicit-deny';
            allowed = true;
        }
        return allowed ? 'allow' : 'implicit-deny';
    }
}
