// What a user can get wrong gives one clear line and exit 1: never an "internal error", never a
// process that hangs, never a change made before the refusal.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { isolatedEnv, runCliHere as runCli } from './cli.js';

function dirWith(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bad-'));
  const file = join(dir, 'groups.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

const VALID = 'version: 1\nuserPools:\n  - id: eu-west-1_Bad1\n    groups:\n      - name: a\n';

describe('bad input', () => {
  it('points at an unresolved YAML alias', async () => {
    const { file } = dirWith('version: 1\nuserPools:\n  - id: *nope\n    groups: []\n');
    const run = await runCli(['validate', '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: ${file}: 1 problem found\\n${file}:3:9: \\(file\\): YAML: .*nope`));
    expect(run.stderr).not.toContain('internal error');
  });

  it('describes and points at a bad value reached through an alias', async () => {
    const { file } = dirWith('version: 1\nx-neg: &neg -2\nuserPools:\n  - id: eu-west-1_Bad1\n    groups:\n      - name: a\n        precedence: *neg\n');
    const run = await runCli(['validate', '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:2:1: x-neg: unknown field "x-neg"`);
    expect(run.stderr).toContain(`${file}:7:21: userPools[0].groups[0].precedence: -2 is not allowed; expected an integer from 0 to 2147483647`);
  });

  it('points at the unresolved alias, not another one', async () => {
    const { file } = dirWith('version: 1\nuserPools:\n  - id: eu-west-1_Bad1\n    groups:\n      - name: a\n        description: "text with *y inside"\n      - name: *nope\n');
    const run = await runCli(['validate', '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${file}:7:15: \\(file\\): YAML: .*nope`));
  });

  it('says what to do with several YAML documents in one file', async () => {
    const { file } = dirWith(`${VALID}---\nversion: 1\n`);
    const run = await runCli(['validate', '-f', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the file holds several YAML documents (separated by ---); put everything in one');
  });

  it('refuses a --request-timeout a timer cannot hold, or one that rounds to no timeout', async () => {
    const { file } = dirWith(VALID);
    for (const bad of ['2147484', '1e9', '0.0001', '0']) {
      const run = await runCli(['plan', '-f', file, '--request-timeout', bad]);
      expect(run.code, bad).toBe(1);
      expect(run.stderr.trim()).toBe(`error: option '--request-timeout <seconds>' argument '${bad}' is invalid. expected seconds from 0.001 to 2147483, such as 10 or 2.5\n(run with --help for usage)`);
      expect(run.stdout).toBe('');
    }
  });

  it('needs --user-pool-id for import', async () => {
    const run = await runCli(['import']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: name the pools to import: --user-pool-id ID (repeat for several; ENV=ID for environments), or -f FILE for the pools of its environments\n');
    expect(run.stdout).toBe('');
  });

  it('stops the emulator command with one error for a bad --pool id', async () => {
    const run = await runCli(['emulator', '--port', '0', '--pool', 'bad id']);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^error: .*bad id/);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('turns an unwritable --out into a user error', async () => {
    const em = await startEmulator({ port: 0, quotas: { enabled: false } });
    onTestFinished(() => em.close());
    em.ensureUserPool('eu-west-1_Bad1');
    const { dir, file } = dirWith(VALID);
    const run = await runCli(['plan', '-f', file, '--endpoint-url', em.url, '--out', join(file, 'plan.json')], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*plan\.json: cannot write \(E[A-Z]+\); choose another path\n$/);
  });

  it('checks --github-step-summary can be written before applying anything', async () => {
    const em = await startEmulator({ port: 0, quotas: { enabled: false } });
    onTestFinished(() => em.close());
    em.ensureUserPool('eu-west-1_Bad1');
    const { dir, file } = dirWith(VALID);
    const run = await runCli(['apply', '-f', file, '--endpoint-url', em.url, '--auto-approve', '--github-step-summary'], {
      cwd: dir,
      env: isolatedEnv({ GITHUB_STEP_SUMMARY: join(file, 'summary.md') }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: --github-step-summary: cannot write .*summary\.md \(E[A-Z]+\)\n$/);
    expect(em.stats().totals.calls).toBe(0);
  });
});
