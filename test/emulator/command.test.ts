// The `cognito-groups emulator` command: flags refused in-process through main(), and the running
// command spawned from the built bin, as a user starts it.
import { AdminGetUserCommand, CreateGroupCommand, ListGroupsCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../src/faces/cli/entry.js';
import { testIo } from '../cli-io.js';
import { startEmulator } from '../../src/emulator/index.js';
import { failure, sdkClient } from './fixture.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'faces', 'cli', 'main.js');

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cg-cmd-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = testIo();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** The command running in a child process; resolves with its banner once it listens. */
async function spawned(args: string[]): Promise<{ banner: string; url: string; stop(): Promise<{ code: number | null; stderr: string }> }> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  const banner = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes('Press Ctrl-C to stop.')) resolve(stdout);
    });
    void closed.then(() => reject(new Error(`the emulator exited early: ${stdout}${stderr}`)));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
  return {
    banner,
    url,
    async stop() {
      child.kill('SIGINT');
      return { code: await closed, stderr };
    },
  };
}

describe('cognito-groups emulator', () => {
  it('seeds --users into every --pool, uses --account, enforces --policy, and lists the pools it has with their counts', async () => {
    const dir = await tempDir();
    const statePath = join(dir, 'state.json');
    // A pool already in the state file, with groups and users, must appear in the banner too.
    const before = await startEmulator({ statePath });
    before.ensureUserPool('eu-west-1_Saved1', 'saved pool');
    before.seedGroups('eu-west-1_Saved1', [{ GroupName: 'a' }, { GroupName: 'b' }]);
    before.seedUsers('eu-west-1_Saved1', [{ Username: 'someone' }]);
    await before.close();
    const policyFile = join(dir, 'policy.json');
    await writeFile(
      policyFile,
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cognito-idp:List*', 'cognito-idp:AdminGetUser'], Resource: '*' }] }),
    );

    const em = await spawned(['--state', statePath, '--pool', 'eu-west-1_New1', '--pool', 'eu-west-1_New2', '--users', '3', '--account', '123456789012', '--policy', policyFile]);
    expect(em.banner).toContain('; account: 123456789012\n');
    expect(em.banner).toContain(`  IAM policy: ${policyFile} (requests it does not allow get AccessDeniedException)\n`);
    expect(em.banner).toContain(
      ['  3 pools:', '    eu-west-1_Saved1 (saved pool): 2 groups, 1 user', '    eu-west-1_New1: 0 groups, 3 users', '    eu-west-1_New2: 0 groups, 3 users'].join('\n'),
    );
    expect(em.banner).not.toContain('no pools yet');

    const client = sdkClient(em.url);
    onTestFinished(() => client.destroy());
    const users = await client.send(new ListUsersCommand({ UserPoolId: 'eu-west-1_New2' }));
    expect(users.Users?.map((u) => u.Username).sort()).toEqual(['user-00001', 'user-00002', 'user-00003']);
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: 'eu-west-1_Saved1', Username: 'someone' }))).Username).toBe('someone');
    expect((await client.send(new ListGroupsCommand({ UserPoolId: 'eu-west-1_Saved1' }))).Groups).toHaveLength(2);
    const denied = await failure(client.send(new CreateGroupCommand({ UserPoolId: 'eu-west-1_New1', GroupName: 'x' })));
    expect(denied.message).toBe(
      'User: arn:aws:iam::123456789012:user/test is not authorized to perform: cognito-idp:CreateGroup on resource: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_New1 because no identity-based policy allows the cognito-idp:CreateGroup action',
    );
    const sts = new STSClient({ endpoint: em.url, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDCLI', secretAccessKey: 's' }, maxAttempts: 1 });
    onTestFinished(() => sts.destroy());
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/AKIDCLI');

    expect(await em.stop()).toEqual({ code: 0, stderr: 'emulator stopped\n' });
    const state = JSON.parse(await readFile(statePath, 'utf8')) as { pools: Array<{ id: string; users: unknown[] }> };
    expect(state.pools.map((p) => [p.id, p.users.length])).toEqual([
      ['eu-west-1_Saved1', 1],
      ['eu-west-1_New1', 3],
      ['eu-west-1_New2', 3],
    ]);

    // Started again with the same flags, it keeps the seeded users rather than refusing them.
    const again = await spawned(['--state', statePath, '--pool', 'eu-west-1_New1', '--users', '4']);
    expect(again.banner).toContain('    eu-west-1_New1: 0 groups, 4 users');
    expect(again.banner).toContain('; account: 000000000000\n');
    expect((await again.stop()).code).toBe(0);
  });

  it('says there are no pools when it has none', async () => {
    const em = await spawned([]);
    expect(em.banner).toContain('  no pools yet: create one with CreateUserPool, or restart with --pool <id>\n');
    expect((await em.stop()).code).toBe(0);
  });

  it('refuses bad --users and --account values before starting', async () => {
    const listeners = process.listenerCount('SIGINT');
    for (const bad of ['-1', '1.5', 'many', '1000001']) {
      const r = await run(['emulator', '--users', bad, '--pool', 'eu-west-1_X']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`error: option '--users <n>' argument '${bad}' is invalid. expected a whole number from 0 to 1000000`);
    }
    const account = await run(['emulator', '--account', '1234']);
    expect(account.code).toBe(1);
    expect(account.err).toContain("error: option '--account <id>' argument '1234' is invalid. expected 12 digits, such as 123456789012");
    const noPool = await run(['emulator', '--users', '5']);
    expect(noPool).toEqual({ code: 1, out: '', err: 'error: --users seeds users into the pools given with --pool: name at least one\n' });
    // A refused start leaves the process's Ctrl-C handling as it was.
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('refuses a --policy file it cannot read or enforce, in one line naming the file', async () => {
    const dir = await tempDir();
    const missing = join(dir, 'missing.json');
    expect(await run(['emulator', '--policy', missing])).toEqual({ code: 1, out: '', err: `error: ${missing}: cannot read the IAM policy (ENOENT)\n` });
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"Statement": [');
    const notJson = await run(['emulator', '--policy', broken]);
    expect(notJson.code).toBe(1);
    expect(notJson.err).toMatch(new RegExp(`^error: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the IAM policy is not valid JSON \\(.+\\)\\n$`));
    const conditional = join(dir, 'conditional.json');
    await writeFile(conditional, JSON.stringify({ Statement: [{ Sid: 'tls', Effect: 'Allow', Action: '*', Resource: '*', Condition: {} }] }));
    expect(await run(['emulator', '--policy', conditional])).toEqual({
      code: 1,
      out: '',
      err: `error: ${conditional}: not an IAM policy the emulator can enforce: Statement 1 (Sid "tls"): Condition is not supported by the emulator; leave it out\n`,
    });
  });
});
