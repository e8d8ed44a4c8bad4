// A server that never answers, or answers nonsense: every run ends, in bounded time, with a one-line
// error (never "internal error", never a hang), and a stop request ends a hung apply within seconds.
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { runInProcess, testIo } from '../cli-io.js';
import { isolatedEnv } from '../integration/cli.js';
import { groupsYaml, tempDir, writeIn } from '../pipeline/helpers.js';
import { hostileServer, type Answer } from './server.js';

const P = 'eu-west-1_Hostile1';

async function emulatorWith(groups: Array<{ GroupName: string; Precedence?: number }> = []) {
  const em = await startEmulator({ port: 0, quotas: { enabled: false } });
  em.ensureUserPool(P);
  if (groups.length > 0) em.seedGroups(P, groups);
  return em;
}

function groupsFile(groups: Array<{ name: string; precedence?: number }>): { dir: string; file: string } {
  const dir = tempDir();
  return { dir, file: writeIn(dir, 'groups.yaml', groupsYaml([{ id: P, groups }])) };
}

/** The lines a run wrote on stderr, progress aside. */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '');
}

describe('a server that never answers', () => {
  it('ends plan with one line naming the call and the timeout, after the documented retries', async () => {
    const hostile = await hostileServer(undefined, { ListGroups: { kind: 'hang' } });
    const { dir, file } = groupsFile([{ name: 'admins' }]);
    const run = await runInProcess(['plan', '-f', file, '--endpoint-url', hostile.url, '--request-timeout', '0.2', '--no-progress'], { cwd: dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/^error: ListGroups on user pool eu-west-1_Hostile1 \(eu-west-1\) failed: no answer within 0\.2 s .*\(gave up after 5 attempts\)$/)]);
    expect(hostile.seen.ListGroups).toBe(5);
  });

  it('ends a hung apply within seconds of SIGINT, saying the outcome of the hung call is unknown', async () => {
    const em = await emulatorWith();
    const hostile = await hostileServer(em.url, { CreateGroup: { kind: 'hang' } });
    const { dir, file } = groupsFile([{ name: 'admins' }]);
    const io = testIo({ cwd: dir, env: isolatedEnv() });
    void hostile.arrived('CreateGroup').then(() => io.stops.stop('SIGINT'));
    // Without a lease, whose CreateGroup would hang first (a hung lease is the lease tests' business).
    const run = await runInProcess(['apply', '-f', file, '--endpoint-url', hostile.url, '--auto-approve', '--no-progress', '--lock=false'], { io });
    await em.close();
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('Apply interrupted: 0 added, 0 changed, 0 replaced, 0 deleted; 1 failed, 0 not started.');
    expect(run.stdout).toMatch(/failed {7}eu-west-1_Hostile1: create "admins": .*whether it took effect is unknown/);
    expect(hostile.seen.CreateGroup).toBe(1);
  });
});

describe('a server that answers nonsense', () => {
  const cases: Array<[string, Answer, RegExp]> = [
    ['an HTML page with status 200', { kind: 'body', body: '<html><body>Sign in</body></html>', contentType: 'text/html' }, /ListGroups on user pool eu-west-1_Hostile1 \(eu-west-1\): the answer is not Cognito's \(.*not valid JSON.*\); check --endpoint-url/],
    ['an empty 200', { kind: 'body', body: '' }, /ListGroups on user pool eu-west-1_Hostile1 \(eu-west-1\): the answer is not Cognito's \(no Groups list\)/],
    ['an empty object', { kind: 'body', body: '{}' }, /the answer is not Cognito's \(no Groups list\)/],
    ['Groups that is not a list', { kind: 'body', body: '{"Groups":"x"}' }, /the answer is not Cognito's \(no Groups list\)/],
    ['a group that is null', { kind: 'body', body: '{"Groups":[null]}' }, /the answer is not Cognito's \(Groups\[0\] is not a group\)/],
    ['a name that is not a string', { kind: 'body', body: '{"Groups":[{"GroupName":5}]}' }, /the answer is not Cognito's \(Groups\[0\]\.GroupName is not a group name: 5\)/],
    ['a precedence that is a string', { kind: 'body', body: '{"Groups":[{"GroupName":"admins","Precedence":"5"}]}' }, /the answer is not Cognito's \(Groups\[0\]\.Precedence of "admins" is not an integer from 0 to 2147483647: "5"\)/],
    ['a NextToken that is not a string', { kind: 'body', body: '{"Groups":[],"NextToken":5}' }, /the answer is not Cognito's \(NextToken is not a string\)/],
  ];
  it.each(cases)('refuses %s with one line', async (_what, answer, message) => {
    const hostile = await hostileServer(undefined, { ListGroups: answer });
    const { dir, file } = groupsFile([{ name: 'admins' }]);
    const run = await runInProcess(['plan', '-f', file, '--endpoint-url', hostile.url, '--no-progress'], { cwd: dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    const lines = errorLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
    expect(hostile.seen.ListGroups).toBe(1);
  });

  it('refuses a listing that holds a group twice, and never deletes it twice', async () => {
    const em = await emulatorWith([{ GroupName: 'legacy' }]);
    const hostile = await hostileServer(em.url, {
      ListGroups: { kind: 'rewrite', rewrite: (real) => ({ ...real, Groups: [...(real.Groups as unknown[]), ...(real.Groups as unknown[])] }) },
    });
    const dir = tempDir();
    const file = writeIn(dir, 'groups.yaml', groupsYaml([{ id: P, unmanagedGroups: 'delete', groups: [] }]));
    const run = await runInProcess(['apply', '-f', file, '--endpoint-url', hostile.url, '--auto-approve', '--allow-delete', '--no-progress'], { cwd: dir, env: isolatedEnv() });
    await em.close();
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/^error: ListGroups on user pool eu-west-1_Hostile1 \(eu-west-1\) listed "legacy" twice; the listing cannot be trusted/)]);
    // The one DeleteGroup is the lease's release (taken before the listing); "legacy" is never deleted.
    expect(hostile.seen.DeleteGroup).toBe(1);
  });

  it('refuses a listing with two names equal ignoring case', async () => {
    const hostile = await hostileServer(undefined, { ListGroups: { kind: 'body', body: '{"Groups":[{"GroupName":"Admins"},{"GroupName":"admins"}]}' } });
    const { dir, file } = groupsFile([{ name: 'admins' }]);
    const run = await runInProcess(['plan', '-f', file, '--endpoint-url', hostile.url, '--no-progress'], { cwd: dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/listed "Admins" and "admins", names Cognito keeps unique ignoring case; the listing cannot be trusted/)]);
  });
});

describe('a large apply', () => {
  it('runs without MaxListenersExceededWarning, however many calls wait on the stop signal', async () => {
    const em = await startEmulator({ port: 0, quotas: { enabled: false } });
    const pools = ['eu-west-1_Many1', 'eu-west-1_Many2'];
    const names = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    for (const id of pools) {
      em.ensureUserPool(id);
      em.seedGroups(id, [...names('old', 6), ...names('upd', 6)].map((GroupName) => ({ GroupName })));
    }
    const dir = tempDir();
    const file = writeIn(dir, 'groups.yaml', groupsYaml(pools.map((id) => ({ id, unmanagedGroups: 'delete' as const, groups: [...names('new', 6), ...names('upd', 6)].map((name) => ({ name, description: 'd' })) }))));
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const run = await runInProcess(['apply', '-f', file, '--endpoint-url', em.url, '--auto-approve', '--allow-delete', '--no-progress'], { cwd: dir, env: isolatedEnv() });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Apply complete: 12 added, 12 changed, 0 replaced, 12 deleted.');
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
      await em.close();
    }
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });
});
