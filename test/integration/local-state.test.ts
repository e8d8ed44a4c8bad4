// What --local leaves in a project: the state folder ignores itself for git (a .gitignore of `*`,
// never replacing one that is there), and files written by import point editors at the schema where
// an installed package has it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { INSTALLED_SCHEMA } from '../../src/run/import.js';
import { isolatedEnv, runCliHere } from './cli.js';
import { ROOT } from './servers.js';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-local-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROOT, 'groups.example.yaml'), join(dir, 'groups.yaml'));
  return dir;
}

const env = isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });

describe('the --local state folder', () => {
  it('gets a .gitignore of * when a --local run makes it', async () => {
    const dir = project();
    const run = await runCliHere(['plan', '--local', '--no-progress'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, '.cognito-groups', '.gitignore'), 'utf8')).toBe('*\n');
    expect(existsSync(join(dir, '.cognito-groups', 'local.json'))).toBe(true);
  });

  it('gets one when the folder is there without one, and keeps a .gitignore the user wrote', async () => {
    const dir = project();
    mkdirSync(join(dir, '.cognito-groups'));
    expect((await runCliHere(['plan', '--local', '--no-progress'], { cwd: dir, env })).code).toBe(0);
    expect(readFileSync(join(dir, '.cognito-groups', '.gitignore'), 'utf8')).toBe('*\n');

    writeFileSync(join(dir, '.cognito-groups', '.gitignore'), '# keep the state in git\n!local.json\n');
    expect((await runCliHere(['apply', '--local', '--auto-approve', '--no-progress'], { cwd: dir, env })).code).toBe(0);
    expect(readFileSync(join(dir, '.cognito-groups', '.gitignore'), 'utf8')).toBe('# keep the state in git\n!local.json\n');
  });

  it('never follows a link at .gitignore, even a dangling one', async () => {
    const dir = project();
    mkdirSync(join(dir, '.cognito-groups'));
    const target = join(dir, 'elsewhere.txt');
    symlinkSync(target, join(dir, '.cognito-groups', '.gitignore'));
    expect((await runCliHere(['plan', '--local', '--no-progress'], { cwd: dir, env })).code).toBe(0);
    expect(existsSync(target)).toBe(false);
    expect(readlinkSync(join(dir, '.cognito-groups', '.gitignore'))).toBe(target);
  });

  it('is not made by import, which reads only', async () => {
    const dir = project();
    const run = await runCliHere(['import', '--local', '--user-pool-id', 'eu-west-1_AbCdEf123'], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(existsSync(join(dir, '.cognito-groups'))).toBe(false);
  });
});

describe('files written by import', () => {
  it('point the YAML language server at the schema an installed package has, and are valid groups files', async () => {
    const dir = project();
    expect((await runCliHere(['apply', '--local', '--auto-approve', '--no-progress'], { cwd: dir, env })).code).toBe(0);
    const run = await runCliHere(['import', '--local', '--user-pool-id', 'eu-west-1_AbCdEf123', '--no-progress'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/cognito-groups/schema/groups.schema.json');
    expect(INSTALLED_SCHEMA).toBe('node_modules/cognito-groups/schema/groups.schema.json');
    // The package ships that file under that name (the pack test installs it and resolves the path).
    expect(existsSync(join(ROOT, INSTALLED_SCHEMA.replace('node_modules/cognito-groups/', '')))).toBe(true);
    writeFileSync(join(dir, 'imported.yaml'), run.stdout);
    const planned = await runCliHere(['plan', '--local', '-f', 'imported.yaml', '--detailed-exitcode', '--no-progress'], { cwd: dir, env });
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
  });
});
