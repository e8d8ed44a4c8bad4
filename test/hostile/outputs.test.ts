// `plan --out` never destroys anything: not the groups file, not a device, not what a link points to,
// not a read-only file; it never creates directories or writes through a predictable temporary name;
// and what it writes is read back as apply will read it.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli-io.js';
import { isolatedEnv } from '../integration/cli.js';
import { groupsYaml, setup, writeIn, type CliRun } from '../pipeline/helpers.js';
import { hostileServer } from './server.js';

const P = 'eu-west-1_Outputs1';

async function scenario() {
  const env = await setup({ [P]: [{ GroupName: 'editors', Description: 'old' }] });
  const yaml = groupsYaml([{ id: P, groups: [{ name: 'admins' }, { name: 'editors', description: 'new' }] }]);
  const file = writeIn(env.dir, 'groups.yaml', yaml);
  return { ...env, file, yaml };
}

function oneError(run: Pick<CliRun, 'code' | 'stderr'>): string {
  expect(run.code).toBe(1);
  expect(run.stderr).not.toContain('internal error');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe('plan --out', () => {
  it('refuses to overwrite the groups file it reads, under any name', async () => {
    const env = await scenario();
    expect(oneError(await env.cli(['plan', '-f', env.file, '--out', env.file]))).toBe(`error: --out ${env.file}: that is the groups file this plan is made from; choose another path for the plan, such as plan.json`);
    expect(oneError(await env.cli(['plan', '-f', env.file, '--out', join(env.dir, '.', 'groups.yaml')]))).toMatch(/that is the groups file this plan is made from/);
    const hardLinkDir = join(env.dir, 'sub');
    mkdirSync(hardLinkDir);
    expect(oneError(await env.cli(['plan', '-f', env.file, '--out', join(hardLinkDir, '..', 'groups.yaml')]))).toMatch(/that is the groups file/);
    expect(readFileSync(env.file, 'utf8')).toBe(env.yaml);
    expect(env.calls('ListGroups')).toBe(0);
  });

  it('refuses the job summary file as --out', async () => {
    const env = await scenario();
    const summary = writeIn(env.dir, 'summary.md', '# earlier\n');
    const run = await env.cli(['plan', '-f', env.file, '--out', summary, '--github-step-summary'], { GITHUB_STEP_SUMMARY: summary });
    expect(oneError(run)).toMatch(/--out .*summary\.md: that is the job summary file/);
    expect(readFileSync(summary, 'utf8')).toBe('# earlier\n');
  });

  it('refuses a device, a directory, a link and a read-only file, before listing anything', async () => {
    const env = await scenario();
    const victim = writeIn(env.dir, 'victim.txt', 'keep me\n');
    const link = join(env.dir, 'link.json');
    symlinkSync(victim, link);
    const readOnly = writeIn(env.dir, 'ro.json', 'old plan\n');
    chmodSync(readOnly, 0o444);
    const dir = join(env.dir, 'adir');
    mkdirSync(dir);
    const cases: Array<[string, RegExp]> = [
      ['/dev/null', /\/dev\/null: cannot write \(it exists and is not a regular file \(a device\)\)/],
      [dir, /adir: cannot write \(it exists and is not a regular file \(a directory\)\)/],
      [link, /link\.json: cannot write \(it is a symbolic link; name the file itself\)/],
      [readOnly, /ro\.json: cannot write \(it is read-only\)/],
      [join(env.dir, 'missing', 'plan.json'), /plan\.json: cannot write \(the directory .*missing does not exist\)/],
    ];
    for (const [out, message] of cases) expect(oneError(await env.cli(['plan', '-f', env.file, '--out', out]))).toMatch(message);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(readFileSync(readOnly, 'utf8')).toBe('old plan\n');
    expect(existsSync(join(env.dir, 'missing'))).toBe(false);
    expect(env.calls('ListGroups')).toBe(0);
  });

  it('never writes through a temporary name someone could have prepared, and leaves no temporary file', async () => {
    const env = await scenario();
    const victim = writeIn(env.dir, 'victim.txt', 'keep me\n');
    const out = join(env.dir, 'plan.json');
    // The names the old writer used: `${out}.${pid}.tmp`, for any pid.
    for (let pid = 1; pid < 50; pid++) symlinkSync(victim, `${out}.${pid}.tmp`);
    symlinkSync(victim, `${out}.${process.pid}.tmp`);
    const run = await env.cli(['plan', '-f', env.file, '--out', out]);
    expect(run.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(JSON.parse(readFileSync(out, 'utf8')).kind).toBe('cognito-groups-plan');
    expect(readdirSync(env.dir).filter((f) => f.startsWith('.plan.json'))).toEqual([]);
  });

  it('replaces an earlier plan it wrote, keeping its mode', async () => {
    const env = await scenario();
    const out = writeIn(env.dir, 'plan.json', '{}');
    chmodSync(out, 0o640);
    const run = await env.cli(['plan', '-f', env.file, '--out', out]);
    expect(run.code).toBe(0);
    expect(lstatSync(out).mode & 0o777).toBe(0o640);
    expect(JSON.parse(readFileSync(out, 'utf8')).kind).toBe('cognito-groups-plan');
  });

  it('reads the plan back as apply will, so a plan apply would refuse fails in the pull request', async () => {
    const env = await scenario();
    // The pool says a group it updates has a description longer than Cognito allows: the plan
    // records it as seen, and the plan schema (which apply checks) refuses it.
    const hostile = await hostileServer(env.emulator.url, {
      ListGroups: { kind: 'rewrite', rewrite: (real) => ({ ...real, Groups: [...(real.Groups as object[]), { GroupName: 'odd', Description: 'x'.repeat(3000) }] }) },
    });
    const file = writeIn(env.dir, 'odd.yaml', groupsYaml([{ id: P, groups: [{ name: 'odd', description: 'short' }] }]));
    const out = join(env.dir, 'plan.json');
    const run = await runInProcess(['plan', '-f', file, '--out', out, '--endpoint-url', hostile.url, '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(oneError(run)).toMatch(/^error: .*plan\.json: the plan just written cannot be read back as apply will read it: .*not a usable cognito-groups plan.*; it was removed$/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('apply PLANFILE', () => {
  it('tells a user who passed the groups file as the plan what they probably meant', async () => {
    const env = await scenario();
    const run = await env.cli(['apply', env.file]);
    expect(oneError(run)).toBe(`error: ${env.file}: this is a groups file, not a saved plan; did you mean \`cognito-groups apply -f ${env.file}\`?`);
    expect(readFileSync(env.file, 'utf8')).toBe(env.yaml);
  });
});
