// The pure core (config model and validation, planner, drift) imports no SDK and no node:*; the SDK
// lives in one adapter; renderers only display. These rules are checked on the import lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

const all = files(SRC).map((f) => ({ file: relative(SRC, f), imports: imports(f) }));
const PURE = [/^plan\//, /^drift\//, /^config\/(model|parse|names|diagnostic)\.ts$/];

describe('architecture', () => {
  it('finds the source files it checks', () => {
    expect(all.filter((f) => PURE.some((p) => p.test(f.file))).length).toBeGreaterThanOrEqual(8);
  });

  it('keeps the pure core free of node:* and the AWS SDK', () => {
    const offending = all
      .filter((f) => PURE.some((p) => p.test(f.file)))
      .flatMap((f) => f.imports.filter((i) => i.startsWith('node:') || i.startsWith('@aws-sdk/')).map((i) => `${f.file} imports ${i}`));
    expect(offending).toEqual([]);
  });

  it('keeps the AWS SDK client behind the one adapter (the emulator and benchmark baselines aside)', () => {
    const users = all.filter((f) => f.imports.some((i) => i.startsWith('@aws-sdk/'))).map((f) => f.file);
    expect(users.filter((f) => !f.startsWith('emulator/') && !f.startsWith('bench/'))).toEqual(['cognito/sdk-api.ts']);
  });

  it('lets renderers display plans without reaching Cognito or the disk', () => {
    const offending = all
      .filter((f) => f.file.startsWith('render/'))
      .flatMap((f) => f.imports.filter((i) => i.startsWith('node:') || i.startsWith('@aws-sdk/') || i.includes('/cognito/') || i.includes('/run/')).map((i) => `${f.file} imports ${i}`));
    expect(offending).toEqual([]);
  });
});
