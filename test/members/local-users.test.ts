// Members on --local (issue 26, point 4): the local emulator starts with no users, so --local creates
// the users a file's `members:` name (said in the target line, local only), and the error a file with
// unknown members meets elsewhere says how to try it locally.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { isolatedEnv, runCliHere } from '../integration/cli.js';

const FILE = [
  'version: 1',
  'userPools:',
  '  - id: eu-west-1_Loc1',
  '    groups:',
  '      - name: admins',
  '        members: [alice, bob]',
  '      - name: beta',
  '        members:',
  '          include: [carol, alice]',
  '',
].join('\n');

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-local-users-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'groups.yaml'), FILE);
  return dir;
}

const env = isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });

describe('members on --local', () => {
  it('creates the users the file names in the local emulator, says so, and applies and plans no changes after', async () => {
    const dir = project();
    const plan = await runCliHere(['plan', '--local', '--no-progress'], { cwd: dir, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      "; created user(s) alice, bob, carol in eu-west-1_Loc1, named by the file's members: (in the local emulator only; on AWS they must exist already).",
    );
    expect(plan.stdout).toContain('Members: 4 to add, 0 to remove.');
    const applied = await runCliHere(['apply', '--local', '--auto-approve', '--no-progress'], { cwd: dir, env });
    expect(applied.code, applied.stderr).toBe(0);
    // The users exist now: nothing is created again, and the pool matches the file.
    const again = await runCliHere(['plan', '--local', '--detailed-exitcode', '--no-progress'], { cwd: dir, env });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).not.toContain('created user(s)');
    expect(again.stdout.trim().split('\n').at(-1)).toBe('No changes.');
  });

  it('names --local in the error for users a pool does not have elsewhere', async () => {
    const em = await startEmulator({ port: 0, quotas: { enabled: false } });
    onTestFinished(() => em.close());
    em.ensureUserPool('eu-west-1_Loc1');
    const dir = project();
    const run = await runCliHere(['plan', '--endpoint-url', em.url, '--no-progress'], { cwd: dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      "error: the groups file lists 3 member(s) the pools do not know by that username; nothing was planned (to try a file's members without AWS, --local creates the users the file names in its local emulator)",
    );
  });
});
