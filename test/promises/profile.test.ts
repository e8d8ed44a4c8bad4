// --profile NAME (and AWS_PROFILE) pick the keys of a profile in the shared AWS config files. Run as a
// child process, since the SDK reads its own environment: an emulator that refuses one profile's key
// proves which key was sent.
import { describe, expect, it, onTestFinished } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { isolatedEnv, runCli } from '../integration/cli.js';
import { groupsYaml, tempDir, writeIn } from '../pipeline/helpers.js';

const POOL = 'eu-west-1_Prof1';

async function scenario() {
  const em = await startEmulator({ port: 0, quotas: { enabled: false }, rejectAccessKeyIds: ['AKIDREVOKED'] });
  onTestFinished(() => em.close());
  em.ensureUserPool(POOL);
  em.seedGroups(POOL, [{ GroupName: 'ops' }]);
  const dir = tempDir();
  const file = writeIn(dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'ops' }] }]));
  const config = writeIn(dir, 'config', '[profile revoked]\nregion = eu-west-1\n\n[profile ci]\nregion = eu-west-1\n');
  const credentials = writeIn(dir, 'credentials', '[revoked]\naws_access_key_id = AKIDREVOKED\naws_secret_access_key = s1\n\n[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = s2\n');
  // No keys in the environment: only the shared files can give any.
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
    isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, ...extra });
  const plan = (args: string[], extra?: Record<string, string>) => runCli(['plan', '-f', file, '--endpoint-url', em.url, '--no-progress', ...args], { cwd: dir, env: env(extra) });
  return { em, plan };
}

describe('--profile', () => {
  it("signs with the named profile's keys, from --profile or AWS_PROFILE", async () => {
    const { em, plan } = await scenario();

    const [revoked, revokedByEnv, ci] = await Promise.all([plan(['--profile', 'revoked']), plan([], { AWS_PROFILE: 'revoked' }), plan(['--profile', 'ci'])]);

    for (const run of [revoked, revokedByEnv]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: ListGroups on user pool eu-west-1_Prof1 \(eu-west-1\): the AWS credentials were rejected \(UnrecognizedClientException: .*\); refresh them .*\n$/);
    }
    expect(ci.stderr).toBe('');
    expect(ci.code).toBe(0);
    expect(ci.stdout).toContain('1 group listed, 1 managed by this file');
    // Two refused calls (one per run with the revoked key), one answered.
    expect(em.stats().operations.ListGroups).toMatchObject({ calls: 3, ok: 1, errors: 2 });
  });

  it('fails with a one-line error for a profile that does not exist, without calling anything', async () => {
    const { em, plan } = await scenario();

    const run = await plan(['--profile', 'nosuch']);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: --profile nosuch: no such profile in \S+config or \S+credentials \(there are: ci, revoked\); check the name, or run `aws configure --profile nosuch`\n$/);
    expect(em.stats().totals.calls).toBe(0);
  });
});
