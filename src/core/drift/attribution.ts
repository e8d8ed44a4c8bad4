// Who made a difference, from CloudTrail's records of writes to the pool: the records are data read
// at the edge; here they are matched to each difference (a group's fields, a deleted or created group,
// a member added or removed: by the user's sub, never by the username CloudTrail hides). Pure.
import type { FieldValue } from '../plan/model.js';
import type { DriftReport } from './model.js';

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

/** A difference to look up: where, and what the pool holds now. */
export interface AttributionTarget {
  poolId: string;
  region: string;
  group: string;
  /** The name the pool has the group under (differs for a rename or a case-only difference). */
  poolName: string;
  subject: ChangeSubject;
  username?: string;
  /** For fields: each differing field's value in the pool. */
  actual?: Array<{ field: 'description' | 'precedence' | 'roleArn'; value: FieldValue }>;
}

/** Membership differences looked up per group at most (each costs one AdminGetUser for the sub). */
export const MAX_MEMBERS_ATTRIBUTED = 20;

/** The differences of a report that attribution looks up, per pool in report order. */
export function attributionTargets(report: DriftReport): AttributionTarget[] {
  const out: AttributionTarget[] = [];
  for (const p of report.pools) {
    const at = { poolId: p.userPoolId, region: p.region };
    for (const d of p.drifted) {
      const poolName = d.actualName ?? d.name;
      if (d.fields.length > 0) out.push({ ...at, group: d.name, poolName, subject: 'fields', actual: d.fields.map((f) => ({ field: f.field, value: f.actual })) });
      for (const u of (d.members?.unexpected ?? []).slice(0, MAX_MEMBERS_ATTRIBUTED)) out.push({ ...at, group: d.name, poolName, subject: 'member-added', username: u });
      for (const u of (d.members?.missing ?? []).slice(0, MAX_MEMBERS_ATTRIBUTED)) out.push({ ...at, group: d.name, poolName, subject: 'member-removed', username: u });
    }
    for (const m of p.missing) out.push({ ...at, group: m, poolName: m, subject: 'deleted' });
    for (const m of p.toDelete) out.push({ ...at, group: m, poolName: m, subject: 'created' });
  }
  return out;
}

/** The CloudTrail event names that can explain a difference, and those that would contradict it. */
export function eventNamesOf(subject: ChangeSubject): { explain: string[]; contradict: string[] } {
  switch (subject) {
    case 'fields':
      return { explain: ['UpdateGroup', 'CreateGroup'], contradict: [] };
    case 'deleted':
      return { explain: ['DeleteGroup'], contradict: ['CreateGroup'] };
    case 'created':
      return { explain: ['CreateGroup'], contradict: ['DeleteGroup'] };
    case 'member-added':
      return { explain: ['AdminAddUserToGroup'], contradict: ['AdminRemoveUserFromGroup'] };
    case 'member-removed':
      return { explain: ['AdminRemoveUserFromGroup'], contradict: ['AdminAddUserToGroup'] };
  }
}

/** Whether a record is about a target (the same pool and group; for memberships, the same sub). */
export function isAbout(r: TrailRecord, t: AttributionTarget, sub: string | undefined): boolean {
  if (r.userPoolId !== t.poolId || r.groupName === undefined || r.groupName.toLowerCase() !== t.poolName.toLowerCase()) return false;
  const names = eventNamesOf(t.subject);
  if (!names.explain.includes(r.eventName) && !names.contradict.includes(r.eventName)) return false;
  if (t.subject === 'member-added' || t.subject === 'member-removed') return sub !== undefined && r.sub === sub;
  return true;
}

/**
 * The attribution of a target from the records about it, newest first: the newest explains the
 * difference (found), or contradicts it (not yet recorded), or there is none (none within 90 days).
 * For fields, an update or create explains when it set each differing field to what the pool holds.
 */
export function attributionOf(t: AttributionTarget, newestFirst: readonly TrailRecord[]): Attribution {
  const newest = newestFirst[0];
  if (newest === undefined) return { status: 'none' };
  const change = changeOf(newest);
  if (eventNamesOf(t.subject).contradict.includes(newest.eventName)) return { status: 'not-yet', after: change };
  if (t.subject === 'fields' && !(t.actual ?? []).every((f) => sameValue(newest.params[f.field], f.value))) return { status: 'not-yet', after: change };
  return { status: 'found', change };
}

/** The change of a record, without what it was made to. */
export function changeOf(r: TrailRecord): ChangeRecord {
  return { eventId: r.eventId, eventName: r.eventName, time: r.time, principal: r.principal, source: r.source, userAgent: r.userAgent, sourceIp: r.sourceIp, ...(r.tool === undefined ? {} : { tool: { ...r.tool } }) };
}

function sameValue(recorded: string | number | undefined, actual: FieldValue): boolean {
  if (actual === null) return recorded === undefined || recorded === '';
  return recorded !== undefined && String(recorded) === String(actual);
}

/** The user-agent product this tool puts in its requests, and the one naming the CI run. */
export const TOOL_AGENT = 'cognito-groups';
export const RUN_AGENT = 'cognito-groups-run';

/**
 * Where a change came from: this tool (its user agent), the console (CloudTrail records console
 * calls as "AWS Internal" or with a console or sign-in host), the AWS CLI, an SDK, another AWS
 * service (a source address that is a service's host), or something else.
 */
export function sourceOf(userAgent: string, sourceIp: string): { source: ChangeSource; tool?: { version: string; run?: string } } {
  const tool = new RegExp(`(?:^|[\\s(])${TOOL_AGENT}/([\\w.+-]+)`).exec(userAgent);
  if (tool !== null) {
    const run = new RegExp(`(?:^|\\s)${RUN_AGENT}/([\\w.#-]+)`).exec(userAgent);
    return { source: 'cognito-groups', tool: { version: tool[1] ?? '', ...(run === null ? {} : { run: run[1] ?? '' }) } };
  }
  const ua = userAgent.toLowerCase();
  if (ua === 'aws internal' || sourceIp === 'AWS Internal' || /console\.(aws\.)?amazonaws\.com|signin\.amazonaws\.com|console\.aws\.amazon\.com/.test(ua)) return { source: 'console' };
  if (/(^|\s)aws-cli\//.test(ua)) return { source: 'cli' };
  if (/aws-sdk-|boto3|botocore|aws-sdk\//.test(ua)) return { source: 'sdk' };
  if (/\.amazonaws\.com$/.test(sourceIp)) return { source: 'aws-service' };
  return { source: 'other' };
}
