// "plan, apply, drift and show also take --no-color (colour is used only on a terminal; NO_COLOR is
// respected)": from the command line, with stdout a terminal or not.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli-io.js';
import { groupsYaml, isolatedEnv, setup, writeIn, type Env } from '../pipeline/helpers.js';

const POOL = 'eu-west-1_Colour1';
const ANSI = /\u001b\[[0-9;]*m/;

async function scenario(): Promise<{ env: Env; file: string }> {
  // One group to create, one to update, one drifted: every command has something to colour.
  const env = await setup({ [POOL]: [{ GroupName: 'ops', Description: 'old' }] });
  const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'ops', description: 'new' }, { name: 'admins' }] }]));
  return { env, file };
}

/** Runs a command in this process with stdout a terminal unless told otherwise; NO_COLOR unset unless given. */
async function run(env: Env, args: string[], options: { tty?: boolean; noColorEnv?: string } = {}) {
  const target = ['plan', 'apply', 'drift'].includes(args[0] ?? '') ? ['--endpoint-url', env.emulator.url, '--no-progress'] : [];
  const r = await runInProcess([...args, ...target], { cwd: env.dir, env: isolatedEnv({ NO_COLOR: options.noColorEnv }), stdoutIsTTY: options.tty ?? true });
  expect(r.stderr, r.stderr).not.toMatch(/^error/m);
  return r;
}

describe('colour in the output', () => {
  it('colours text on a terminal, and never with --no-color, NO_COLOR, a format other than text, or no terminal', async () => {
    const { env, file } = await scenario();
    const planFile = `${env.dir}/plan.json`;
    expect((await run(env, ['plan', '-f', file, '--out', planFile], { tty: false })).code).toBe(0);
    const commands = [
      ['plan', '-f', file],
      ['drift', '-f', file],
      ['show', planFile],
    ];

    for (const args of commands) {
      const name = args[0];
      const coloured = await run(env, args);
      expect(coloured.stdout, `${name} on a terminal`).toMatch(ANSI);
      expect(coloured.stdout, `${name} on a terminal`).toContain('"admins"');

      const variants = [
        ['--no-color', await run(env, [...args, '--no-color'])],
        ['NO_COLOR=1', await run(env, args, { noColorEnv: '1' })],
        ['NO_COLOR=any value', await run(env, args, { noColorEnv: 'false' })],
        ['--format json', await run(env, [...args, '--format', 'json'])],
        ['--format markdown', await run(env, [...args, '--format', 'markdown'])],
        ['no terminal', await run(env, args, { tty: false })],
      ] as const;
      for (const [what, r] of variants) {
        expect(r.stdout, `${name} with ${what}`).not.toMatch(ANSI);
        expect(r.stdout, `${name} with ${what}`).toContain('admins');
      }
      // The same words, without the colour.
      expect(variants[0][1].stdout).toBe(coloured.stdout.replace(new RegExp(ANSI.source, 'g'), ''));
    }
  });

  it.each([
    ['on a terminal', [] as string[], undefined, true],
    ['with --no-color', ['--no-color'], undefined, false],
    ['with NO_COLOR=1', [], '1', false],
  ])('apply %s', async (_what, flags, noColorEnv, colours) => {
    const { env, file } = await scenario();

    const r = await run(env, ['apply', '-f', file, '--auto-approve', ...flags], { noColorEnv });

    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete: 1 added, 1 changed');
    if (colours) expect(r.stdout).toMatch(ANSI);
    else expect(r.stdout).not.toMatch(ANSI);
  });
});
