/** Undefined when a plan may be applied at `actual` (the same place and the same environment); else both targets. Pure. */
export function targetMismatch(doc, actual) {
    const same = doc.target === actual.kind && (doc.target !== 'endpoint' || doc.endpoint === actual.endpoint) && doc.environment === actual.environment;
    if (same)
        return undefined;
    const planned = { kind: doc.target, ...(doc.endpoint === undefined ? {} : { endpoint: doc.endpoint }), ...(doc.environment === undefined ? {} : { environment: doc.environment }) };
    return { planned, actual };
}
/** The environment a saved plan was made for (name and account), as a run takes it. Pure. */
export function planEnvironment(doc) {
    return doc.environment === undefined ? undefined : { name: doc.environment, ...(doc.account === undefined ? {} : { account: doc.account }) };
}
