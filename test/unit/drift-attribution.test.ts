// Attribution's pure rules and its pacing: where a change came from (user agent and source address),
// which record explains a difference, and LookupEvents at 2 requests/s per region with the run's pacer.
import { describe, expect, it } from 'vitest';
import { attributionOf, attributionTargets, isAbout, sourceOf, type AttributionTarget, type TrailRecord } from '../../src/core/drift/attribution.js';
import { driftOf } from '../../src/core/drift/compute.js';
import { computePoolPlan } from '../../src/core/plan/compute.js';
import type { TrailApi, TrailQuery } from '../../src/edge/cloudtrail/port.js';
import { recordOf } from '../../src/edge/cloudtrail/record.js';
import { needsOf } from '../../src/edge/iam/needs.js';
import { PacedTrailApi } from '../../src/edge/pacing/paced-trail.js';
import { Pacer } from '../../src/edge/pacing/pacer.js';
import { COGNITO_RATES } from '../../src/edge/pacing/rates.js';
import { DEFAULT_RETRY } from '../../src/edge/pacing/retry.js';
import { CgError } from '../../src/core/errors.js';
import { FakeClock } from './fake-clock.js';
import { attributeDrift, MAX_TRAIL_PAGES } from '../../src/run/attribute.js';
import { desired, members } from './plan-fixtures.js';

const P = 'eu-west-1_Attr1';

function rec(over: Partial<TrailRecord>): TrailRecord {
  return { eventId: 'e', eventName: 'UpdateGroup', time: '2026-12-06T10:00:00.000Z', principal: 'arn:aws:iam::1:user/a', source: 'sdk', userAgent: 'aws-sdk-js/3', sourceIp: '1.2.3.4', userPoolId: P, groupName: 'editors', params: {}, ...over };
}

describe('where a change came from', () => {
  it('tells this tool (with its CI run), the console, the CLI, an SDK and an AWS service apart', () => {
    expect(sourceOf('aws-sdk-js/3.1169.0 ua/2.1 api/cognito-identity-provider#3.1169.0 cognito-groups/0.1.0 cognito-groups-run/42-1', '1.2.3.4')).toEqual({ source: 'cognito-groups', tool: { version: '0.1.0', run: '42-1' } });
    expect(sourceOf('aws-sdk-js/3 cognito-groups/1.2.3', '1.2.3.4')).toEqual({ source: 'cognito-groups', tool: { version: '1.2.3' } });
    expect(sourceOf('AWS Internal', 'AWS Internal')).toEqual({ source: 'console' });
    expect(sourceOf('Mozilla/5.0 (signin.amazonaws.com)', '1.2.3.4')).toEqual({ source: 'console' });
    expect(sourceOf('aws-cli/2.15.30 md/awscrt#0.19.19', '1.2.3.4')).toEqual({ source: 'cli' });
    expect(sourceOf('Boto3/1.34.0 md/Botocore#1.34.0', '1.2.3.4')).toEqual({ source: 'sdk' });
    expect(sourceOf('', 'cloudformation.amazonaws.com')).toEqual({ source: 'aws-service' });
    expect(sourceOf('curl/8', '1.2.3.4')).toEqual({ source: 'other' });
    // A look-alike product is not this tool.
    expect(sourceOf('not-cognito-groups/0.1.0', '1.2.3.4').source).toBe('other');
  });

  it('reads a LookupEvents event, leaving out what is not a cognito-idp write it can use', () => {
    const event = (record: unknown) => ({ EventId: 'id1', EventName: 'UpdateGroup', EventTime: new Date('2026-12-06T10:00:00.500Z'), CloudTrailEvent: JSON.stringify(record) });
    const good = { eventSource: 'cognito-idp.amazonaws.com', eventName: 'AdminAddUserToGroup', eventID: 'id1', userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Ops/alice' }, userAgent: 'aws-cli/2', sourceIPAddress: '9.9.9.9', requestParameters: { userPoolId: P, groupName: 'g', username: 'HIDDEN_DUE_TO_SECURITY_REASONS', nested: { x: 1 } }, additionalEventData: { sub: 's-1' } };
    expect(recordOf(event(good))).toEqual({ eventId: 'id1', eventName: 'AdminAddUserToGroup', time: '2026-12-06T10:00:00.500Z', principal: 'arn:aws:sts::1:assumed-role/Ops/alice', source: 'cli', userAgent: 'aws-cli/2', sourceIp: '9.9.9.9', userPoolId: P, groupName: 'g', sub: 's-1', params: { userPoolId: P, groupName: 'g', username: 'HIDDEN_DUE_TO_SECURITY_REASONS' } });
    expect(recordOf(event({ ...good, eventSource: 's3.amazonaws.com' }))).toBeUndefined();
    expect(recordOf(event({ ...good, requestParameters: {} }))).toBeUndefined();
    expect(recordOf({ CloudTrailEvent: '{not json' })).toBeUndefined();
    expect(recordOf(event({ ...good, userIdentity: { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' } }))?.principal).toBe('cloudformation.amazonaws.com');
  });
});

describe('which record explains a difference', () => {
  const fields: AttributionTarget = { poolId: P, region: 'eu-west-1', group: 'editors', poolName: 'editors', subject: 'fields', actual: [{ field: 'precedence', value: 11 }, { field: 'description', value: null }] };

  it('the newest update that set the pool\'s values explains fields; one that set other values means the change is not recorded yet', () => {
    expect(attributionOf(fields, [rec({ params: { precedence: 11 } })])).toMatchObject({ status: 'found', change: { eventName: 'UpdateGroup' } });
    expect(attributionOf(fields, [rec({ params: { precedence: 10, description: 'x' } })])).toMatchObject({ status: 'not-yet', after: { eventName: 'UpdateGroup' } });
    expect(attributionOf(fields, [])).toEqual({ status: 'none' });
  });

  it('matches membership records by sub, never by the hidden username, and a newer opposite record means not yet', () => {
    const removed: AttributionTarget = { poolId: P, region: 'eu-west-1', group: 'editors', poolName: 'editors', subject: 'member-removed', username: 'bob' };
    const r = rec({ eventName: 'AdminRemoveUserFromGroup', sub: 'sub-bob', params: { username: 'HIDDEN_DUE_TO_SECURITY_REASONS' } });
    expect(isAbout(r, removed, 'sub-bob')).toBe(true);
    expect(isAbout(r, removed, 'sub-ann')).toBe(false);
    expect(isAbout(r, removed, undefined)).toBe(false);
    expect(isAbout({ ...r, groupName: 'other' }, removed, 'sub-bob')).toBe(false);
    expect(isAbout({ ...r, userPoolId: 'eu-west-1_Other' }, removed, 'sub-bob')).toBe(false);
    expect(attributionOf(removed, [rec({ eventName: 'AdminAddUserToGroup', sub: 'sub-bob' }), r])).toMatchObject({ status: 'not-yet' });
    expect(attributionOf(removed, [r])).toMatchObject({ status: 'found' });
  });

  it('looks up fields, deleted and created groups, and members added and removed (a bounded number per group)', () => {
    const pool = desired(P, [{ name: 'editors', precedence: 1, members: { mode: 'exact', users: ['ann', 'bob'] } }, { name: 'gone' }], 'delete');
    const plan = { pools: [computePoolPlan(pool, [{ name: 'editors', precedence: 2 }, { name: 'stray' }], { members: members({ editors: ['ann', 'eve'] }) })] };
    expect(attributionTargets(driftOf(plan)).map((t) => [t.group, t.subject, t.username])).toEqual([
      ['editors', 'fields', undefined],
      ['editors', 'member-added', 'eve'],
      ['editors', 'member-removed', 'bob'],
      ['gone', 'deleted', undefined],
      ['stray', 'created', undefined],
    ]);
  });
});

describe('LookupEvents paced and retried', () => {
  it('starts at most 2 requests per second per region, retries throttling and gives up after a few tries', async () => {
    const clock = new FakeClock();
    const starts: Array<{ t: number; region: string }> = [];
    let throttle = 0;
    const inner: TrailApi = {
      lookupEvents: async (q: TrailQuery) => {
        starts.push({ t: clock.now(), region: q.region });
        if (throttle > 0) {
          throttle--;
          throw new CgError('AWS_THROTTLED', 'ThrottlingException');
        }
        return { records: [] };
      },
    };
    const paced = new PacedTrailApi(inner, new Pacer({ ...COGNITO_RATES }, clock), clock, DEFAULT_RETRY, undefined, () => 0);
    const q = (region: string) => ({ region, eventName: 'UpdateGroup', start: new Date(0), end: new Date(1) });
    await Promise.all([...Array.from({ length: 5 }, () => paced.lookupEvents(q('eu-west-1'))), paced.lookupEvents(q('us-east-1'))]);
    const eu = starts.filter((s) => s.region === 'eu-west-1').map((s) => s.t);
    for (let i = 2; i < eu.length; i++) expect(eu[i]! - eu[i - 2]!).toBeGreaterThanOrEqual(1000);
    expect(starts.find((s) => s.region === 'us-east-1')?.t).toBe(0);
    throttle = 1;
    await expect(paced.lookupEvents(q('eu-west-1'))).resolves.toEqual({ records: [] });
    throttle = 10;
    await expect(paced.lookupEvents(q('eu-west-1'))).rejects.toMatchObject({ code: 'AWS_THROTTLED' });
    expect(paced.calls).toBe(6 + 2 + 4);
  });

  it('iam-policy --for drift needs cloudtrail:LookupEvents unless --no-attribution, plan only with --attribution, apply never', () => {
    const config = { version: 1 as const, settings: {}, userPools: [desired(P, [{ name: 'a' }])] };
    expect(needsOf(config, 'drift').lookupEvents).toBe(true);
    expect(needsOf(config, 'drift', { attribution: false }).lookupEvents).toBeUndefined();
    expect(needsOf(config, 'plan').lookupEvents).toBeUndefined();
    expect(needsOf(config, 'plan', { attribution: true }).lookupEvents).toBe(true);
    expect(needsOf(config, 'apply').lookupEvents).toBeUndefined();
  });
});

describe('attributeDrift reads only what it needs', () => {
  const pool = desired(P, [{ name: 'editors', precedence: 1 }]);
  const report = driftOf({ pools: [computePoolPlan(pool, [{ name: 'editors', precedence: 2 }])] });
  const now = new Date('2026-12-06T12:00:00Z');
  const subs = { userSub: async () => undefined };
  /** A trail whose UpdateGroup history is `pages` pages of other groups' records, then (optionally) the one wanted. */
  function trail(pages: number, found: boolean, fail?: CgError) {
    const queries: TrailQuery[] = [];
    const api: TrailApi = {
      lookupEvents: async (q) => {
        queries.push(q);
        if (fail !== undefined) throw fail;
        if (q.eventName !== 'UpdateGroup') return { records: [] };
        const page = q.nextToken === undefined ? 0 : Number(q.nextToken);
        const records = page < pages ? [rec({ groupName: 'other', params: { precedence: 2 } })] : found ? [rec({ params: { precedence: 2 }, principal: 'arn:aws:iam::1:user/hand' })] : [];
        return page < pages || found ? { records, nextToken: String(page + 1) } : { records };
      },
    };
    return { api, queries };
  }

  it('asks one event name a call over the last 90 days, and stops paging once the newest record is found', async () => {
    const t = trail(3, true);
    const out = await attributeDrift(report, { trail: t.api, subs, now });
    expect(out.pools[0]?.attributions).toMatchObject([{ group: 'editors', subject: 'fields', attribution: { status: 'found', change: { principal: 'arn:aws:iam::1:user/hand' } } }]);
    const updates = t.queries.filter((q) => q.eventName === 'UpdateGroup');
    expect(updates).toHaveLength(4);
    expect(new Set(t.queries.map((q) => q.eventName))).toEqual(new Set(['CreateGroup', 'UpdateGroup']));
    expect(t.queries.every((q) => q.end.getTime() === now.getTime() && now.getTime() - q.start.getTime() === 90 * 86_400_000 && q.region === 'eu-west-1')).toBe(true);
  });

  it('gives up after the newest 1,000 records of a kind, saying so; a denied lookup is "not allowed", another failure "unavailable"', async () => {
    const cut = await attributeDrift(report, { trail: trail(MAX_TRAIL_PAGES + 5, true).api, subs, now });
    expect(cut.pools[0]?.attributions?.[0]?.attribution).toEqual({ status: 'unavailable', reason: 'not among the newest 1000 records of its kind' });
    const denied = await attributeDrift(report, { trail: trail(0, false, new CgError('AWS_ACCESS_DENIED', 'no')).api, subs, now });
    expect(denied.pools[0]?.attributions?.[0]?.attribution).toEqual({ status: 'not-allowed' });
    const broken = await attributeDrift(report, { trail: trail(0, false, new CgError('AWS_UNAVAILABLE', 'LookupEvents: no answer')).api, subs, now });
    expect(broken.pools[0]?.attributions?.[0]?.attribution).toEqual({ status: 'unavailable', reason: 'LookupEvents: no answer' });
    await expect(attributeDrift(report, { trail: trail(0, false, new CgError('INTERRUPTED', 'stop')).api, subs, now })).rejects.toMatchObject({ code: 'INTERRUPTED' });
  });
});

describe('attribution in words', () => {
  it('escapes what CloudTrail records (principal, user agent) in text and Markdown', async () => {
    const { renderDriftText } = await import('../../src/faces/render/drift-text.js');
    const { renderDriftMarkdown } = await import('../../src/faces/render/drift-markdown.js');
    const { plainStyle } = await import('../../src/faces/render/style.js');
    const pool = desired(P, [{ name: 'editors', precedence: 1 }]);
    const base = driftOf({ pools: [computePoolPlan(pool, [{ name: 'editors', precedence: 2 }])] });
    const change = { eventId: 'e', eventName: 'UpdateGroup', time: '2026-12-06T10:00:00Z', principal: 'arn:aws:iam::1:user/x\u001b[2J|@team', source: 'other' as const, userAgent: 'evil\nagent/1 | <b>@team</b>', sourceIp: '1.2.3.4' };
    const report = { pools: base.pools.map((p) => ({ ...p, attributions: [{ group: 'editors', subject: 'fields' as const, attribution: { status: 'found' as const, change } }] })) };
    const text = renderDriftText(report, plainStyle);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('changed by a client (evil): arn:aws:iam::1:user/x\\u001b[2J|@team at 2026-12-06T10:00:00Z');
    const md = renderDriftMarkdown(report);
    const row = md.split('\n').find((l) => l.startsWith('| drifted')) ?? '';
    expect(row.split(/(?<!\\)\|/).length).toBe(5);
    expect(row.replace(/(`+)[\s\S]*?\1/g, '')).not.toMatch(/@team|<b>/);
  });
});
