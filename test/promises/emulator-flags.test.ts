// The `emulator` command's shaping flags, on the built bin as a user starts it, driven through the
// AWS SDK: --no-quotas, --quota-scale X, --error-rate P and --latency-ms N.
import { ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';
import { sdkClient } from '../emulator/fixture.js';
import { BIN, isolatedEnv } from '../integration/cli.js';

const POOL = 'eu-west-1_Flags1';

/** `cognito-groups emulator --port 0 --pool POOL ...flags` in a child process; resolves with its URL once it listens. */
async function emulatorWith(flags: string[]): Promise<{ url: string; banner: string }> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--pool', POOL, ...flags], { env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('Press Ctrl-C to stop.')) resolve(out);
    });
    child.once('close', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${out}${err}`)));
  });
  return { url: /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '', banner };
}

/** Fires `n` ListGroups of one pool at once; the outcome of each: 'ok' or the error's name. */
async function burst(url: string, n: number): Promise<Record<string, number>> {
  const client = sdkClient(url);
  onTestFinished(() => client.destroy());
  const outcomes = await Promise.all(
    Array.from({ length: n }, () =>
      client.send(new ListGroupsCommand({ UserPoolId: POOL })).then(
        () => 'ok',
        (e: Error) => e.name,
      ),
    ),
  );
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

describe('emulator command flags', () => {
  // One spawned emulator per flag set, started side by side.
  it('enforces the quotas by default, scales them with --quota-scale, and drops them with --no-quotas', async () => {
    const [scale1, scale4, none] = await Promise.all([emulatorWith([]), emulatorWith(['--quota-scale', '4']), emulatorWith(['--no-quotas'])]);
    expect(scale1.banner).toContain('quotas: on (x1)');
    expect(scale4.banner).toContain('quotas: on (x4)');
    expect(none.banner).toContain('quotas: off');

    // ListGroups of one pool: a token bucket of 5 per second holding 5, full at the start. Twenty at
    // once can pass only if they take 3 s or more, so some are throttled.
    const atScale1 = await burst(scale1.url, 20);
    expect(atScale1.ok).toBeGreaterThanOrEqual(5);
    expect(atScale1.TooManyRequestsException).toBeGreaterThanOrEqual(1);
    expect((atScale1.ok ?? 0) + (atScale1.TooManyRequestsException ?? 0)).toBe(20);

    // x4: the bucket holds 20, so the same burst all passes, however slowly it arrives.
    expect(await burst(scale4.url, 20)).toEqual({ ok: 20 });

    // No quotas: 30 at once, none throttled.
    expect(await burst(none.url, 30)).toEqual({ ok: 30 });
  });

  it('answers InternalErrorException (HTTP 500) to every request with --error-rate 1, even without quotas', async () => {
    const em = await emulatorWith(['--error-rate', '1', '--no-quotas']);
    const client = sdkClient(em.url);
    onTestFinished(() => client.destroy());

    const failure = await client.send(new ListGroupsCommand({ UserPoolId: POOL })).then(
      () => undefined,
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => ({ name: e.name, status: e.$metadata?.httpStatusCode }),
    );
    expect(failure).toEqual({ name: 'InternalErrorException', status: 500 });
    // Faults come after the quotas: with quotas off, none of a burst is throttled, every one fails.
    expect(await burst(em.url, 30)).toEqual({ InternalErrorException: 30 });
  });

  it('delays every answer by --latency-ms', async () => {
    const em = await emulatorWith(['--latency-ms', '300', '--no-quotas']);
    const client = sdkClient(em.url);
    onTestFinished(() => client.destroy());
    // The first call opens the connection; time a later one, so only the emulator's delay counts.
    await client.send(new ListGroupsCommand({ UserPoolId: POOL }));

    const started = performance.now();
    const listed = await client.send(new ListGroupsCommand({ UserPoolId: POOL }));

    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(listed.Groups).toEqual([]);
  });
});
