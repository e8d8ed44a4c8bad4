// The emulator's CloudTrail: its own writes recorded as Cognito's management events (caller, user
// agent, hidden username, sub), LookupEvents with the real API's limits and paging through the real
// @aws-sdk/client-cloudtrail, on the same endpoint, and the events kept in the state file.
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { AdminAddUserToGroupCommand, AdminGetUserCommand, AdminRemoveUserFromGroupCommand, CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { failure, harness, POOL } from './fixture.js';

function trailClient(url: string, accessKeyId = 'test'): CloudTrailClient {
  const c = new CloudTrailClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId, secretAccessKey: 'test' }, maxAttempts: 1 });
  onTestFinished(() => c.destroy());
  return c;
}

const lookup = (c: CloudTrailClient, input: LookupEventsCommandInput = {}) => c.send(new LookupEventsCommand(input));
const record = (e: { CloudTrailEvent?: string | undefined }) => JSON.parse(e.CloudTrailEvent ?? '{}') as Record<string, any>;

describe('CloudTrail in the emulator', () => {
  it('records each group and membership write, not reads or failures, newest first, with the caller and the user agent', async () => {
    const h = await harness();
    h.emulator.seedUsers(POOL, [{ Username: 'ann' }]);
    const hand = h.clientFor('AKIDALICE');
    await hand.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'ops', Precedence: 3, Description: 'Ops' }));
    await hand.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'ops', Precedence: 4 }));
    await hand.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'ops' }));
    await hand.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, GroupName: 'ops', Username: 'ann' }));
    await hand.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL, GroupName: 'ops', Username: 'ann' }));
    await failure(hand.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: 'nope' })));
    await hand.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: 'ops' }));

    const out = await lookup(trailClient(h.emulator.url));
    expect(out.Events?.map((e) => e.EventName)).toEqual(['DeleteGroup', 'AdminRemoveUserFromGroup', 'AdminAddUserToGroup', 'UpdateGroup', 'CreateGroup']);
    expect(out.NextToken).toBeUndefined();
    const sub = (await h.client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'ann' }))).UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    const add = out.Events?.[2];
    expect(add).toMatchObject({ EventSource: 'cognito-idp.amazonaws.com', AccessKeyId: 'AKIDALICE', ReadOnly: 'false' });
    expect(add?.EventTime).toBeInstanceOf(Date);
    const r = record(add ?? {});
    expect(r.userIdentity).toEqual({ type: 'IAMUser', principalId: 'AKIDALICE', arn: `arn:aws:iam::${h.emulator.account}:user/AKIDALICE`, accountId: h.emulator.account, accessKeyId: 'AKIDALICE', userName: 'AKIDALICE' });
    expect(r.requestParameters).toEqual({ userPoolId: POOL, groupName: 'ops', username: 'HIDDEN_DUE_TO_SECURITY_REASONS' });
    expect(r.additionalEventData).toEqual({ sub });
    expect(r.userAgent).toMatch(/^aws-sdk-js\/3\./);
    expect(r.sourceIPAddress).toBe('127.0.0.1');
    expect(record(out.Events?.[3] ?? {}).requestParameters).toEqual({ userPoolId: POOL, groupName: 'ops', precedence: 4 });
    expect(record(out.Events?.[3] ?? {}).additionalEventData).toBeUndefined();
  });

  it('filters by one attribute and a time window, pages at MaxResults with a NextToken bound to the parameters', async () => {
    const h = await harness();
    for (let i = 0; i < 7; i++) await h.client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: `g${i}` }));
    await h.client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'g1', Description: 'x' }));
    const t = trailClient(h.emulator.url);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await lookup(t, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateGroup' }], MaxResults: 3, ...(token === undefined ? {} : { NextToken: token }) });
      pages++;
      expect(page.Events?.length).toBeLessThanOrEqual(3);
      for (const e of page.Events ?? []) names.push(record(e).requestParameters.groupName);
      token = page.NextToken;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(names).toEqual(['g6', 'g5', 'g4', 'g3', 'g2', 'g1', 'g0']);
    const first = await lookup(t, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateGroup' }], MaxResults: 3 });
    expect((await failure(lookup(t, { MaxResults: 3, NextToken: first.NextToken }))).name).toBe('InvalidNextTokenException');
    const byGroup = await lookup(t, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'g1' }] });
    expect(byGroup.Events?.map((e) => e.EventName)).toEqual(['UpdateGroup', 'CreateGroup']);
    const future = await lookup(t, { StartTime: new Date(Date.now() + 60_000), EndTime: new Date(Date.now() + 120_000) });
    expect(future.Events).toEqual([]);
    // Another region has its own history.
    const other = new CloudTrailClient({ endpoint: h.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    onTestFinished(() => other.destroy());
    expect((await lookup(other)).Events).toEqual([]);
  });

  it('answers the real API errors: two attributes, MaxResults out of 1..50, start after end, an unknown key; AccessDenied without cloudtrail:LookupEvents', async () => {
    const h = await harness();
    const t = trailClient(h.emulator.url);
    const two = await failure(lookup(t, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'EventSource', AttributeValue: 'b' }] }));
    expect(two).toMatchObject({ name: 'InvalidLookupAttributesException', status: 400 });
    expect((await failure(lookup(t, { MaxResults: 51 }))).name).toBe('InvalidMaxResultsException');
    expect((await failure(lookup(t, { MaxResults: 0 }))).name).toBe('InvalidMaxResultsException');
    expect((await failure(lookup(t, { StartTime: new Date(2000), EndTime: new Date(1000) }))).name).toBe('InvalidTimeRangeException');
    expect((await failure(lookup(t, { LookupAttributes: [{ AttributeKey: 'Colour' as 'EventName', AttributeValue: 'x' }] }))).name).toBe('InvalidLookupAttributesException');
    h.emulator.setAccess({ deny: [{ operation: 'LookupEvents', accessKeyId: 'AKIDNOTRAIL' }] });
    const denied = await failure(lookup(trailClient(h.emulator.url, 'AKIDNOTRAIL')));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('cloudtrail:LookupEvents');
    h.emulator.setAccess({ policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cognito-idp:*', Resource: '*' }] } });
    expect((await failure(lookup(t))).message).toContain('no identity-based policy allows the cloudtrail:LookupEvents action');
    h.emulator.setAccess({ policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cognito-idp:*', 'cloudtrail:LookupEvents'], Resource: '*' }] } });
    expect((await lookup(t)).Events).toEqual([]);
  });

  it('holds LookupEvents to 2 requests per second per region with its quotas on (ThrottlingException)', async () => {
    const h = await harness({ quotas: { enabled: true } });
    const t = trailClient(h.emulator.url);
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => lookup(t).then(() => 'ok', (e: Error) => e.name)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'ThrottlingException')).toHaveLength(2);
    expect(h.emulator.stats().operations['LookupEvents']).toMatchObject({ calls: 4, ok: 2, throttled: 2 });
  });

  it('keeps 90 days, shows an event only once it has appeared, and keeps the events in the state file (format 3)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-trail-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const statePath = join(dir, 'state.json');
    const h = await harness({ statePath });
    const t = trailClient(h.emulator.url);
    await h.client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'old' }));
    h.emulator.trail.age(91 * 86_400_000);
    await h.client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'new' }));
    h.emulator.trail.setDelay(600_000);
    await h.client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'late' }));
    expect((await lookup(t)).Events?.map((e) => record(e).requestParameters.groupName)).toEqual(['new']);
    await h.emulator.close();

    const saved = JSON.parse(await readFile(statePath, 'utf8'));
    expect(saved.formatVersion).toBe(3);
    // Older than 90 days is gone for good once the next event is recorded; an event not yet shown is kept.
    expect(saved.trail.map((e: { requestParameters: { groupName: string } }) => e.requestParameters.groupName)).toEqual(['new', 'late']);
    const again = await startEmulator({ statePath, quotas: { enabled: false } });
    onTestFinished(() => again.close());
    const t2 = trailClient(again.url);
    expect((await lookup(t2)).Events?.map((e) => record(e).requestParameters.groupName)).toEqual(['new']);
  });
});
