// What the Action installs (issue 26, point 8): action.yml's install command run on a copy of the
// package manifest and lock file, as the Action runs it in its checkout. It must install the tool's
// run-time dependencies only: no development dependency (StrykerJS, vitest, cognito-local and its AWS
// SDK v2, TypeScript) reaches it. Dependencies come from the npm registry, or npm's cache.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../integration/servers.js';

const run = promisify(execFile);
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const LOCK = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };

/** action.yml's install command, as its install step runs it. */
function installCommand(): string[] {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Array<{ run?: string }> } };
  const line = action.runs.steps.flatMap((s) => (s.run ?? '').split('\n')).map((l) => l.trim()).find((l) => l.startsWith('npm '));
  if (line === undefined) throw new Error('action.yml installs nothing with npm');
  return line.split(/\s+/).slice(1);
}

/** Every package folder under node_modules, as lock-file keys (node_modules/a, node_modules/@s/b, nested too). */
function installed(dir: string, prefix = 'node_modules'): string[] {
  const root = join(dir, prefix);
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const names = e.name.startsWith('@') ? readdirSync(join(root, e.name)).map((n) => `${e.name}/${n}`) : [e.name];
    for (const n of names) {
      const key = `${prefix}/${n}`;
      out.push(key, ...installed(dir, `${key}/node_modules`));
    }
  }
  return out;
}

let work: string;
let packages: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cg-action-install-'));
  copyFileSync(join(ROOT, 'package.json'), join(work, 'package.json'));
  copyFileSync(join(ROOT, 'package-lock.json'), join(work, 'package-lock.json'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toLowerCase().startsWith('npm_')) env[k] = v;
  await run('npm', [...installCommand(), '--prefer-offline'], { cwd: work, env: { ...env, npm_config_update_notifier: 'false' }, timeout: 100_000 });
  packages = installed(work);
}, 120_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe("the Action's install", () => {
  it('installs the run-time dependencies and nothing the lock file marks as development-only', () => {
    for (const dep of Object.keys(PKG.dependencies)) expect(packages, dep).toContain(`node_modules/${dep}`);
    const dev = packages.filter((p) => LOCK.packages[p]?.dev === true || LOCK.packages[p]?.devOptional === true);
    expect(dev).toEqual([]);
    for (const dep of Object.keys(PKG.devDependencies)) expect(packages, dep).not.toContain(`node_modules/${dep}`);
    // Measured: the count is what the README's set-up time is for.
    const prod = Object.entries(LOCK.packages).filter(([k, v]) => k !== '' && v.dev !== true && v.devOptional !== true).length;
    expect(packages.length).toBe(prod);
  });

  it('runs no install script: the build it runs is committed', () => {
    expect(installCommand()).toContain('--ignore-scripts');
    expect(existsSync(join(work, 'dist'))).toBe(false);
  });
});
