// The CloudTrail port with the AWS SDK v3: LookupEvents, reached as the Cognito client is (the same
// endpoint override, credentials, profile, timeouts and user agent), retries left to the caller.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CgError, messageOf } from '../../core/errors.js';
import { clientConfig } from '../cognito/client-config.js';
import type { SdkOptions } from '../cognito/sdk-api.js';
import { recordOf } from './record.js';
import { TRAIL_PAGE_SIZE, type TrailApi, type TrailPage, type TrailQuery } from './port.js';

/** LookupEvents through @aws-sdk/client-cloudtrail, one client per region. */
export class SdkTrailApi implements TrailApi {
  private readonly clients = new Map<string, CloudTrailClient>();
  constructor(private readonly options: SdkOptions = {}) {}

  async lookupEvents(q: TrailQuery): Promise<TrailPage> {
    const where = `CloudTrail LookupEvents (${q.eventName}) in ${q.region}`;
    let out;
    try {
      out = await this.client(q.region).send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: q.eventName }],
          StartTime: q.start,
          EndTime: q.end,
          MaxResults: TRAIL_PAGE_SIZE,
          ...(q.nextToken === undefined ? {} : { NextToken: q.nextToken }),
        }),
        this.options.signal === undefined ? {} : { abortSignal: this.options.signal },
      );
    } catch (err) {
      throw trailError(where, err);
    }
    const records = (out.Events ?? []).flatMap((e) => {
      const r = recordOf(e);
      return r === undefined ? [] : [r];
    });
    return typeof out.NextToken === 'string' && out.NextToken !== '' ? { records, nextToken: out.NextToken } : { records };
  }

  /** Closes the HTTP connections of every client made. */
  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }

  private client(region: string): CloudTrailClient {
    let c = this.clients.get(region);
    if (c === undefined) {
      // AWS_ENDPOINT_URL(_CLOUDTRAIL) are read by the SDK itself.
      c = new CloudTrailClient(clientConfig(this.options, region, { userAgent: true }));
      this.clients.set(region, c);
    }
    return c;
  }
}

/** A failed LookupEvents as the project's error. */
function trailError(where: string, err: unknown): CgError {
  const name = err instanceof Error ? err.name : 'Error';
  const message = messageOf(err).split('\n')[0] ?? '';
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const said = `${where}: ${name}${message === '' ? '' : `: ${message}`}`;
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation' || name === 'OperationNotPermittedException') return new CgError('AWS_ACCESS_DENIED', said);
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || name === 'LimitExceededException') return new CgError('AWS_THROTTLED', said);
  if (name === 'CredentialsProviderError') return new CgError('AWS_CREDENTIALS', said);
  if (name === 'TimeoutError' || (status !== undefined && status >= 500) || /ECONN|EPIPE|socket/i.test(message)) return new CgError('AWS_UNAVAILABLE', said);
  return new CgError('AWS_ERROR', said);
}
