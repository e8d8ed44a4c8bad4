import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it, onTestFinished } from 'vitest';
import { failure, harness } from './fixture.js';

function stsClient(url: string, accessKeyId: string): STSClient {
  const client = new STSClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId, secretAccessKey: 'secret' }, maxAttempts: 1 });
  onTestFinished(() => client.destroy());
  return client;
}

describe('STS GetCallerIdentity', () => {
  it('answers the real STS client with the caller in the emulated account', async () => {
    const { emulator } = await harness({ account: '123456789012' });
    const out = await stsClient(emulator.url, 'AKIDEXAMPLE').send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/AKIDEXAMPLE', UserId: 'AKIDEXAMPLE' });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.stats().operations['GetCallerIdentity']).toEqual({ calls: 1, ok: 1, throttled: 0, faults: 0, errors: 0 });
  });

  it('uses the default account 000000000000', async () => {
    const { emulator } = await harness();
    expect((await stsClient(emulator.url, 'k').send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
  });

  it('rejects a revoked access key with InvalidClientTokenId (HTTP 403)', async () => {
    const { emulator } = await harness({ rejectAccessKeyIds: ['REVOKED'] });
    const f = await failure(stsClient(emulator.url, 'REVOKED').send(new GetCallerIdentityCommand({})));
    expect(f).toEqual({ name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 });
    expect(emulator.stats().operations['GetCallerIdentity']).toMatchObject({ calls: 1, errors: 1 });
  });

  it('is always allowed: deny rules, injected faults and quotas leave it alone', async () => {
    const { emulator } = await harness({ deny: [{}], faults: { errorRate: 1 }, quotas: { enabled: true, scale: 0.001 } });
    for (let i = 0; i < 3; i++) expect((await stsClient(emulator.url, 'k').send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
  });

  it('answers other actions with an XML InvalidAction error', async () => {
    const { emulator } = await harness();
    const res = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'AWS4-HMAC-SHA256 Credential=KEY/20240101/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=x' },
      body: 'Action=AssumeRole&Version=2011-06-15',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const text = await res.text();
    expect(text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation AssumeRole for version 2011-06-15<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
    expect(emulator.stats().operations['AssumeRole']).toMatchObject({ calls: 1, errors: 1 });
  });
});
