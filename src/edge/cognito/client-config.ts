// The settings every AWS SDK client of a run is made with (Cognito, Cognito Identity, IAM, CloudTrail,
// STS): retries left to the caller, bounded connect and answer times, and the run's profile, endpoint,
// credentials and, for the clients whose calls CloudTrail records as ours, User-Agent.
import type { SdkOptions } from './sdk-api.js';

/** A connection that is not established within this long is abandoned (and retried by the caller). */
export const CONNECT_TIMEOUT_MS = 3_000;

/** Milliseconds a call waits for its answer unless `requestTimeoutMs` says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** What a client is made with beyond the run's options: its tries, and whether it sends the run's User-Agent. */
export interface ClientExtras {
  /** Default 1: the caller retries. */
  maxAttempts?: number;
  userAgent?: boolean;
}

/** An SDK client's configuration for one region. An endpoint given for Cognito (the emulator) answers the other services too. */
export function clientConfig(options: SdkOptions, region: string, extras: ClientExtras = {}) {
  const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    region,
    maxAttempts: extras.maxAttempts ?? 1,
    // Without throwOnRequestTimeout the handler only warns, and a server that never answers hangs the run.
    requestHandler: { connectionTimeout: Math.min(timeout, CONNECT_TIMEOUT_MS), requestTimeout: timeout, throwOnRequestTimeout: true },
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(extras.userAgent !== true || options.userAgent === undefined ? {} : { customUserAgent: options.userAgent.map(([n, v]) => [n, v] as [string, string]) }),
  };
}
