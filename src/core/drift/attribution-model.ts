// What a change to a pool was, as drift reports name it: who, when, from where. Types only, so the
// drift report and the matching of records can both name them.

/** Where a change came from, read from its record's user agent and source address. */
export type ChangeSource = 'cognito-groups' | 'console' | 'cli' | 'sdk' | 'aws-service' | 'other';

/** A change as a report shows it: who, when, from where. */
export interface ChangeRecord {
  eventId: string;
  eventName: string;
  /** ISO 8601. */
  time: string;
  /** The caller's ARN (a role session's ARN names the session), or what CloudTrail gives instead. */
  principal: string;
  source: ChangeSource;
  /** The user agent CloudTrail recorded (cut at 1 KB by CloudTrail). */
  userAgent: string;
  sourceIp: string;
  /** Set when the change was made by this tool: its version and, in CI, the run. */
  tool?: { version: string; run?: string };
}

/** A record as read from CloudTrail: the change, and what it was made to. */
export interface TrailRecord extends ChangeRecord {
  userPoolId: string;
  groupName?: string;
  /** The user's sub, for membership calls (additionalEventData.sub). */
  sub?: string;
  /** requestParameters as recorded (the username hidden). */
  params: Record<string, string | number>;
}

/** What CloudTrail says about one difference. */
export type Attribution =
  /** The newest record of the thing explains the difference. */
  | { status: 'found'; change: ChangeRecord }
  /** The newest record does not explain it (it set what the file says, say): the change came after it and is not recorded yet. */
  | { status: 'not-yet'; after: ChangeRecord }
  /** No record within the 90 days CloudTrail keeps. */
  | { status: 'none' }
  /** The credentials may not call cloudtrail:LookupEvents. */
  | { status: 'not-allowed' }
  /** The records could not be read, or not far enough: the reason. */
  | { status: 'unavailable'; reason: string };

/** What a difference is, for attribution. */
export type ChangeSubject = 'fields' | 'deleted' | 'created' | 'member-added' | 'member-removed';

/** A difference and who made it. */
export interface AttributedChange {
  /** The group, by the file's name. */
  group: string;
  subject: ChangeSubject;
  /** For a membership: the user, as the file or the pool names them. */
  username?: string;
  attribution: Attribution;
}
