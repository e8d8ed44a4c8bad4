// "asks for `yes` on a terminal": only `yes` applies; anything else, Ctrl-C and Ctrl-D at the
// prompt cancel (exit 1, nothing changed), and so does a stop request while it waits. In this process
// with a terminal-like Io, and once on a real pseudo-terminal with the built bin.
import { ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { runInProcess, testIo, type TestIo } from '../cli-io.js';
import { groupsYaml, isolatedEnv, LEASE_WRITES, setup, writeIn, type Env } from '../pipeline/helpers.js';
import { runOnTerminal } from './pty.js';

const POOL = 'eu-west-1_Prompt1';
const PROMPT = 'Enter a value: ';

async function scenario(): Promise<{ env: Env; file: string }> {
  const env = await setup({ [POOL]: [] });
  const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'ops', description: 'Operators' }] }]));
  return { env, file };
}

async function groupNames(env: Env): Promise<string[]> {
  return ((await env.client.send(new ListGroupsCommand({ UserPoolId: POOL }))).Groups ?? []).map((g) => g.GroupName ?? '');
}

/** apply in this process on a terminal; `answer` is called once the prompt waits for its answer. */
async function applyAnswering(env: Env, file: string, answer: (io: TestIo) => void) {
  let asked = false;
  const io = testIo({
    cwd: env.dir,
    env: isolatedEnv(),
    stdinIsTTY: true,
    stderrIsTTY: true,
    onOutput: (stream, _text, io) => {
      if (asked || stream !== 'stderr' || !io.stderr.includes(PROMPT)) return;
      asked = true;
      // After the prompt's own write has returned, as a user answers.
      setImmediate(() => answer(io));
    },
  });
  const run = await runInProcess(['apply', '-f', file, '--endpoint-url', env.emulator.url, '--no-progress'], { io });
  expect(asked, 'the prompt was shown').toBe(true);
  return run;
}

describe('the approval prompt, in this process', () => {
  it('applies on "yes", after showing the plan on stdout and the question on stderr', async () => {
    const { env, file } = await scenario();

    const run = await applyAnswering(env, file, (io) => io.stdin.write('yes\n'));

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+ create "ops"');
    expect(run.stdout).toContain('Apply complete: 1 added, 0 changed, 0 replaced, 0 deleted.');
    expect(run.stderr).toContain(`Do you want to apply these changes to the endpoint ${env.emulator.url}/?`);
    expect(run.stderr).toContain("Only 'yes' will be accepted to approve.");
    expect(await groupNames(env)).toEqual(['ops']);
  });

  it.each([
    ['"no"', (io: TestIo) => io.stdin.write('no\n')],
    ['"y"', (io: TestIo) => io.stdin.write('y\n')],
    ['"Yes"', (io: TestIo) => io.stdin.write('Yes\n')],
    ['"yes please"', (io: TestIo) => io.stdin.write('yes please\n')],
    ['an empty answer', (io: TestIo) => io.stdin.write('\n')],
    ['Ctrl-C typed (the terminal in raw mode gives the byte 0x03)', (io: TestIo) => io.stdin.write('\u0003')],
    ['Ctrl-D (end of input)', (io: TestIo) => io.stdin.end()],
    ['a SIGINT while it waits', (io: TestIo) => io.stops.stop('SIGINT')],
  ])('cancels on %s with exit 1, changing nothing', async (_what, answer) => {
    const { env, file } = await scenario();

    const run = await applyAnswering(env, file, answer);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: apply cancelled; nothing was changed\.$/m);
    expect(run.stdout).not.toContain('Apply complete');
    // Nothing but the lease, taken before the listing and released on the way out.
    expect(env.writes()).toBe(LEASE_WRITES);
    expect(await groupNames(env)).toEqual([]);
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)('cancels on a %s while it waits, changing nothing', async (signal) => {
    const { env, file } = await scenario();

    const run = await applyAnswering(env, file, (io) => io.stops.stop(signal));

    expect(run.code).toBe(signal === 'SIGTERM' ? 143 : 129);
    expect(run.stderr).toContain(`${signal} received: starting no new calls`);
    expect(run.stderr).toContain('nothing was changed');
    expect(run.io.exited, 'one stop request never exits the process at once').toBeUndefined();
    // Nothing but the lease, taken before the listing and released on the way out.
    expect(env.writes()).toBe(LEASE_WRITES);
    expect(await groupNames(env)).toEqual([]);
  });
});

describe('the approval prompt on a real terminal', () => {
  const args = (env: Env, file: string): string[] => ['apply', '-f', file, '--endpoint-url', env.emulator.url, '--no-progress'];

  it('applies when "yes" is typed', async () => {
    const { env, file } = await scenario();
    const term = runOnTerminal(args(env, file), { cwd: env.dir, env: isolatedEnv() });

    await term.shows(PROMPT);
    term.type('yes\r');
    const end = await term.ended;

    expect(end).toMatchObject({ code: 0, signal: null });
    expect(end.screen).toContain('+ create "ops"');
    expect(end.screen).toContain('Apply complete: 1 added, 0 changed, 0 replaced, 0 deleted.');
    expect(await groupNames(env)).toEqual(['ops']);
  });

  it.each([
    ['"no"', 'no\r'],
    ['Ctrl-C', '\u0003'],
    ['Ctrl-D', '\u0004'],
  ])('cancels when %s is typed, with exit 1, changing nothing', async (_what, keys) => {
    const { env, file } = await scenario();
    const term = runOnTerminal(args(env, file), { cwd: env.dir, env: isolatedEnv() });

    await term.shows(PROMPT);
    term.type(keys);
    const end = await term.ended;

    expect(end).toMatchObject({ code: 1, signal: null });
    expect(end.screen).toContain('error: apply cancelled; nothing was changed.');
    expect(end.screen).not.toContain('Apply complete');
    // Nothing but the lease, taken before the listing and released on the way out.
    expect(env.writes()).toBe(LEASE_WRITES);
  });

  it('cancels on SIGTERM at the prompt, changing nothing, and exits by itself', async () => {
    const { env, file } = await scenario();
    const term = runOnTerminal(args(env, file), { cwd: env.dir, env: isolatedEnv() });

    await term.shows(PROMPT);
    await term.kill('SIGTERM');
    const end = await term.ended;

    // Handled, not killed by the signal; never a success.
    expect(end.signal).toBeNull();
    expect(end.code).toBe(143);
    expect(end.screen).toContain('SIGTERM received: starting no new calls');
    expect(end.screen).toContain('nothing was changed');
    // Nothing but the lease, taken before the listing and released on the way out.
    expect(env.writes()).toBe(LEASE_WRITES);
  });
});
