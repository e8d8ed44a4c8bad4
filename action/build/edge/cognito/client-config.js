/** A connection that is not established within this long is abandoned (and retried by the caller). */
export const CONNECT_TIMEOUT_MS = 3_000;
/** Milliseconds a call waits for its answer unless `requestTimeoutMs` says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** An SDK client's configuration for one region. An endpoint given for Cognito (the emulator) answers the other services too. */
export function clientConfig(options, region, extras = {}) {
    const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return {
        region,
        maxAttempts: extras.maxAttempts ?? 1,
        // Without throwOnRequestTimeout the handler only warns, and a server that never answers hangs the run.
        requestHandler: { connectionTimeout: Math.min(timeout, CONNECT_TIMEOUT_MS), requestTimeout: timeout, throwOnRequestTimeout: true },
        ...(options.profile === undefined ? {} : { profile: options.profile }),
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
        ...(extras.userAgent !== true || options.userAgent === undefined ? {} : { customUserAgent: options.userAgent.map(([n, v]) => [n, v]) }),
    };
}
