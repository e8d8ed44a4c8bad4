// Who made the drift, end to end over HTTP: the CLI's drift reads CloudTrail's LookupEvents from the
// emulator (which records every write with its caller and user agent) through the real SDK clients.
import { AdminRemoveUserFromGroupCommand, CognitoIdentityProviderClient, UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Ajv } from 'ajv';
import { describe, it } from 'vitest';
import driftSchema from '../../schema/drift.schema.json' with { type: 'json' };
import { groupsYaml, setup, writeIn, type Finish } from './helpers.js';

const P = 'eu-west-1_Trail1';
const validDrift = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false }).compile(driftSchema);

/** A pool the tool itself made as the file says (so CloudTrail has this tool's records of it). */
async function applied(finish: Finish, members = false) {
  const env = await setup({ [P]: [] }, finish);
  if (members) env.emulator.seedUsers(P, [{ Username: 'ann' }, { Username: 'bob' }]);
  const file = writeIn(env.dir, 'groups.yaml', `version: 1\nuserPools:\n  - id: ${P}\n    groups:\n      - name: editors\n        description: Editors\n        precedence: 10\n${members ? '        members: [ann, bob]\n' : ''}`);
  const run = await env.cli(['apply', '-f', file, '--auto-approve']);
  if (run.code !== 0) throw new Error(run.stderr);
  const hand = (key: string): CognitoIdentityProviderClient => {
    const c = new CognitoIdentityProviderClient({ endpoint: env.emulator.url, region: 'eu-west-1', credentials: { accessKeyId: key, secretAccessKey: 's' }, maxAttempts: 1 });
    finish(() => c.destroy());
    return c;
  };
  const drift = (format = 'text', extra: string[] = []) => env.cli(['drift', '-f', file, '--format', format, ...extra]);
  return { ...env, file, hand, drift };
}

/** An UpdateGroup sent as the AWS CLI sends it (its own user agent), signed by `key`. */
async function updateWithAwsCli(url: string, key: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.UpdateGroup',
      'User-Agent': 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5 md/arch#x86_64 lang/python#3.11.8 command/cognito-idp.update-group',
      Authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261206/eu-west-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(await res.text());
}

describe.concurrent('drift names who made each difference', () => {
  it('a change by hand: the principal, the time and the AWS CLI, in text, Markdown and JSON', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished);
    await updateWithAwsCli(env.emulator.url, 'AKIDALICE', { UserPoolId: P, GroupName: 'editors', Description: 'Editors', Precedence: 11 });
    const [text, md, json] = await Promise.all([env.drift(), env.drift('markdown'), env.drift('json')]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toMatch(/ {2}~ drifted {3}"editors"\n {6}precedence: expected 10, found 11\n {6}changed by hand with the AWS CLI \(aws-cli\/2\.15\.30\): arn:aws:iam::000000000000:user\/AKIDALICE at 20\d\d-\d\d-\d\dT[\d:.]+Z\n/);
    expect(md.stdout).toMatch(/\| drifted \| `editors` \| precedence: expected `10`, found `11`<br>\*changed by hand with the AWS CLI \(aws-cli\/2\.15\.30\): `arn:aws:iam::000000000000:user\/AKIDALICE` at [^|]+\* \|/);
    const doc = JSON.parse(json.stdout);
    expect(validDrift(doc), JSON.stringify(validDrift.errors)).toBe(true);
    expect(doc.pools[0].attributions).toEqual([
      {
        group: 'editors',
        subject: 'fields',
        attribution: { status: 'found', change: { eventId: expect.any(String), eventName: 'UpdateGroup', time: expect.stringMatching(/Z$/), principal: 'arn:aws:iam::000000000000:user/AKIDALICE', source: 'cli', userAgent: expect.stringMatching(/^aws-cli\/2\.15\.30 /), sourceIp: '127.0.0.1' } },
      },
    ]);
  });

  it('a change by another run of this tool, with its version and CI run, apart from a change by hand', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished);
    const other = writeIn(env.dir, 'other.yaml', groupsYaml([{ id: P, groups: [{ name: 'editors', description: 'From the other repo', precedence: 10 }] }]));
    const run = await env.cli(['apply', '-f', other, '--auto-approve'], { GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '2' });
    expect(run.code, run.stderr).toBe(0);
    const [text, json] = await Promise.all([env.drift(), env.drift('json')]);
    expect(text.stdout).toMatch(/ {6}changed by cognito-groups \d+\.\d+\.\d+\S* from another run \(CI run 777-2\): arn:aws:iam::000000000000:user\/AKIDTEST at /);
    const change = JSON.parse(json.stdout).pools[0].attributions[0].attribution.change;
    expect(change).toMatchObject({ source: 'cognito-groups', tool: { version: expect.any(String), run: '777-2' }, eventName: 'UpdateGroup' });
  });

  it('a member removed by hand, matched by the sub CloudTrail records (the username is hidden)', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished, true);
    await env.hand('AKIDBOB').send(new AdminRemoveUserFromGroupCommand({ UserPoolId: P, GroupName: 'editors', Username: 'bob' }));
    const [text, json] = await Promise.all([env.drift(), env.drift('json')]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toContain('      member "bob": in the file, not in the group\n');
    expect(text.stdout).toMatch(/ {6}member "bob" removed through an AWS SDK \(aws-sdk-js\/[\d.]+\): arn:aws:iam::000000000000:user\/AKIDBOB at /);
    const doc = JSON.parse(json.stdout);
    expect(doc.pools[0].attributions).toMatchObject([{ group: 'editors', subject: 'member-removed', username: 'bob', attribution: { status: 'found', change: { eventName: 'AdminRemoveUserFromGroup', source: 'sdk' } } }]);
  });

  it('a group deleted by hand, and one created by hand that the file says to delete', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished);
    const { DeleteGroupCommand, CreateGroupCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await env.hand('AKIDCAROL').send(new DeleteGroupCommand({ UserPoolId: P, GroupName: 'editors' }));
    await env.hand('AKIDCAROL').send(new CreateGroupCommand({ UserPoolId: P, GroupName: 'stray' }));
    const file = writeIn(env.dir, 'delete.yaml', groupsYaml([{ id: P, unmanagedGroups: 'delete', groups: [{ name: 'editors', description: 'Editors', precedence: 10 }] }]));
    const text = await env.cli(['drift', '-f', file]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toMatch(/ {2}\+ missing {3}"editors"\n {6}deleted through an AWS SDK \([^)]+\): arn:aws:iam::000000000000:user\/AKIDCAROL at /);
    expect(text.stdout).toMatch(/ {2}- to delete "stray" \(unmanagedGroups: delete\)\n {6}created through an AWS SDK \([^)]+\): arn:aws:iam::000000000000:user\/AKIDCAROL at /);
  });

  it('says "no record yet" when the newest record is older than the change, and "no record within 90 days" past the window', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished);
    env.emulator.trail.setDelay(3_600_000);
    await env.hand('AKIDDAVE').send(new UpdateGroupCommand({ UserPoolId: P, GroupName: 'editors', Description: 'Editors', Precedence: 12 }));
    const soon = await env.drift();
    expect(soon.code, soon.stderr).toBe(2);
    expect(soon.stdout).toMatch(/ {6}changed: no record yet \(CloudTrail takes minutes; its newest record, CreateGroup by cognito-groups \S+ from another run at \S+, came before this change\)\n/);
    env.emulator.trail.setDelay(0);
    env.emulator.trail.age(91 * 86_400_000);
    const late = await env.drift('json');
    expect(JSON.parse(late.stdout).pools[0].attributions).toEqual([{ group: 'editors', subject: 'fields', attribution: { status: 'none' } }]);
    expect((await env.drift()).stdout).toContain('      changed: no record within 90 days\n');
  });

  it('without cloudtrail:LookupEvents says "not allowed" and still reports the drift (exit 2); --no-attribution reads no CloudTrail', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished);
    await env.hand('AKIDERIN').send(new UpdateGroupCommand({ UserPoolId: P, GroupName: 'editors', Description: 'by hand', Precedence: 10 }));
    env.emulator.setAccess({ deny: [{ operation: 'LookupEvents' }] });
    const [text, json] = await Promise.all([env.drift(), env.drift('json')]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('      changed: who is not known: not allowed (cloudtrail:LookupEvents)\n');
    expect(JSON.parse(json.stdout).pools[0].attributions).toEqual([{ group: 'editors', subject: 'fields', attribution: { status: 'not-allowed' } }]);
    env.emulator.resetStats();
    const off = await env.drift('json', ['--no-attribution']);
    expect(off.code, off.stderr).toBe(2);
    expect(JSON.parse(off.stdout).pools[0].attributions).toBeUndefined();
    expect(env.calls('LookupEvents')).toBe(0);
  });

  it('plan --attribution names who made the differences it would revert; plain plan reads no CloudTrail', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished);
    await updateWithAwsCli(env.emulator.url, 'AKIDFRANK', { UserPoolId: P, GroupName: 'editors', Description: 'Editors', Precedence: 13 });
    env.emulator.resetStats();
    const plain = await env.cli(['plan', '-f', env.file]);
    expect(plain.stdout).not.toContain('Who made');
    expect(env.calls('LookupEvents')).toBe(0);
    const [text, md] = await Promise.all([env.cli(['plan', '-f', env.file, '--attribution']), env.cli(['plan', '-f', env.file, '--attribution', '--format', 'markdown'])]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Who made the differences this plan reverts \(CloudTrail\):\n {2}"editors"\n {4}changed by hand with the AWS CLI \(aws-cli\/2\.15\.30\): arn:aws:iam::000000000000:user\/AKIDFRANK at /);
    expect(md.stdout).toMatch(/- `editors`: \*changed by hand with the AWS CLI \(aws-cli\/2\.15\.30\): `arn:aws:iam::000000000000:user\/AKIDFRANK` at /);
  });

  it('keeps within LookupEvents\' 2 requests/s per region: never throttled by the emulator\'s quota, however many event names it reads', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished, true);
    await env.hand('AKIDGINA').send(new AdminRemoveUserFromGroupCommand({ UserPoolId: P, GroupName: 'editors', Username: 'bob' }));
    await env.hand('AKIDGINA').send(new UpdateGroupCommand({ UserPoolId: P, GroupName: 'editors', Description: 'Editors', Precedence: 14 }));
    env.emulator.setQuotas({ enabled: true });
    env.emulator.resetStats();
    const json = await env.drift('json');
    expect(json.code, json.stderr).toBe(2);
    expect(JSON.parse(json.stdout).pools[0].attributions.map((a: { attribution: { status: string } }) => a.attribution.status)).toEqual(['found', 'found']);
    // Fields need CreateGroup and UpdateGroup, a removed member AdminAddUserToGroup and AdminRemoveUserFromGroup: one call each.
    expect(env.emulator.stats().operations['LookupEvents']).toMatchObject({ calls: 4, throttled: 0 });
  });

  it('reads no CloudTrail when nothing differs', async ({ expect, onTestFinished }) => {
    const env = await applied(onTestFinished);
    env.emulator.resetStats();
    const json = await env.drift('json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).pools[0].attributions).toEqual([]);
    expect(env.calls('LookupEvents')).toBe(0);
  });
});
