// The layers of the code, checked on the import lines. Each layer may import only from layers below
// it (or its own): errors and files at the ground, then config -> plan/drift -> saved-plan -> cognito
// port -> pacing and iam (the policies a command needs) -> read/apply -> run -> render -> cli, with
// bench, the GitHub Action and the package entry on top. The emulator stands apart: it imports only
// the ground, and only the top imports it. The pure core imports no SDK and no node:*; the SDK lives
// in one adapter; renderers only display.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function imports(file: string): string[] {
  // Static imports and dynamic ones (`await import('...')`): a lazy import is still an import.
  return [...readFileSync(file, 'utf8').matchAll(/(?:^\s*(?:import|export)[^'"]*from\s+|\bimport\(\s*)['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

const all = files(SRC).map((f) => ({ file: relative(SRC, f).split(sep).join('/'), path: f, imports: imports(f) }));
const PURE = [/^plan\//, /^drift\//, /^iam\//, /^config\/(?!read\.ts$)/];

/** Each top-level folder (or file) of src/ and its layer; a file may import only from its own layer or lower. */
const LAYERS: Record<string, number> = {
  'errors.ts': 0,
  files: 0,
  generated: 0,
  emulator: 0,
  config: 1,
  plan: 2,
  drift: 2,
  'saved-plan': 3,
  cognito: 4,
  iam: 5,
  pacing: 5,
  read: 6,
  apply: 6,
  run: 7,
  render: 8,
  cli: 9,
  bench: 10,
  github: 10,
  'index.ts': 10,
};

/** Who may import the emulator: the command line, the benchmark, the Action and the package entry. */
const EMULATOR_USERS = new Set(['cli', 'bench', 'github', 'index.ts']);

function areaOf(file: string): string {
  return file.split('/')[0] ?? file;
}

/** The src/-relative file a relative import names, or undefined for a package. */
function target(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return relative(SRC, join(SRC, from, '..', spec)).split(sep).join('/').replace(/\.js$/, '.ts');
}

describe('architecture', () => {
  it('finds the source files it checks, and knows the layer of every one', () => {
    expect(all.filter((f) => PURE.some((p) => p.test(f.file))).length).toBeGreaterThanOrEqual(8);
    expect(all.map((f) => areaOf(f.file)).filter((a) => LAYERS[a] === undefined)).toEqual([]);
  });

  it('never imports upward: every import goes to the same layer or a lower one', () => {
    const upward: string[] = [];
    for (const f of all) {
      const from = areaOf(f.file);
      for (const spec of f.imports) {
        const to = target(f.file, spec);
        if (to === undefined || to.startsWith('..')) continue;
        const area = areaOf(to);
        if ((LAYERS[area] ?? Infinity) > (LAYERS[from] ?? -1)) upward.push(`${f.file} imports ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps the emulator apart: it imports only the ground, and only the top imports it', () => {
    const wrong: string[] = [];
    for (const f of all) {
      const from = areaOf(f.file);
      for (const spec of f.imports) {
        const to = target(f.file, spec);
        if (to === undefined || to.startsWith('..')) continue;
        const area = areaOf(to);
        if (area === 'emulator' && from !== 'emulator' && !EMULATOR_USERS.has(from)) wrong.push(`${f.file} imports ${to}`);
        if (from === 'emulator' && area !== 'emulator' && area !== 'errors.ts' && area !== 'files') wrong.push(`${f.file} imports ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the pure core free of node:* and the AWS SDK', () => {
    const offending = all
      .filter((f) => PURE.some((p) => p.test(f.file)))
      .flatMap((f) => f.imports.filter((i) => i.startsWith('node:') || i.startsWith('@aws-sdk/')).map((i) => `${f.file} imports ${i}`));
    expect(offending).toEqual([]);
  });

  it('keeps the AWS SDK clients behind the two adapters, Cognito and STS (the emulator and benchmark baselines aside)', () => {
    const users = all.filter((f) => f.imports.some((i) => i.startsWith('@aws-sdk/'))).map((f) => f.file);
    expect(users.filter((f) => !f.startsWith('emulator/') && !f.startsWith('bench/')).sort()).toEqual(['cognito/account.ts', 'cognito/sdk-api.ts']);
  });

  it('lets renderers display plans without reaching Cognito or the disk', () => {
    const offending = all
      .filter((f) => f.file.startsWith('render/'))
      .flatMap((f) => f.imports.filter((i) => i.startsWith('node:') || i.startsWith('@aws-sdk/') || i.includes('/cognito/') || i.includes('/run/')).map((i) => `${f.file} imports ${i}`));
    expect(offending).toEqual([]);
  });
});
