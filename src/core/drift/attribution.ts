// Who made a difference, from CloudTrail's records of writes to the pool: the records are data read
// at the edge; here they are matched to each difference (a group's fields, a deleted or created group,
// a member added or removed: by the user's sub, never by the username CloudTrail hides). Pure.
import type { FieldValue } from '../plan/model.js';
import type { DriftReport } from './model.js';

export type { ChangeSource, ChangeRecord, TrailRecord, Attribution, ChangeSubject, AttributedChange } from './attribution-model.js';
import type { ChangeSource, ChangeRecord, TrailRecord, Attribution, ChangeSubject } from './attribution-model.js';

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
