import type { TrailRecord } from '../../core/drift/attribution.js';

/** One LookupEvents call: one event name (the one lookup attribute), a time window, a page. */
export interface TrailQuery {
  region: string;
  eventName: string;
  start: Date;
  end: Date;
  nextToken?: string;
}

/** One page of records: only cognito-idp records are kept; records that cannot be read are counted. */
export interface TrailPage {
  records: TrailRecord[];
  /** Absent on the last page. */
  nextToken?: string;
}

/**
 * The narrow port to CloudTrail's event history, declared by the drift attribution that uses it.
 * Throws CgError: AWS_ACCESS_DENIED without cloudtrail:LookupEvents, AWS_THROTTLED and
 * AWS_UNAVAILABLE worth retrying, anything else as AWS_ERROR.
 */
export interface TrailApi {
  lookupEvents(query: TrailQuery): Promise<TrailPage>;
}

/** Events a LookupEvents page holds at most. */
export const TRAIL_PAGE_SIZE = 50;

/** How far back CloudTrail's event history goes. */
export const TRAIL_DAYS = 90;
