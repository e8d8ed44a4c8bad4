// The layers of the code are the folders of src/, checked on the import lines. Each layer may import
// only from its own layer or a lower one: core (pure: the file format, the planner, drift, saved plans)
// -> edge (the outside world: Cognito through one port and one SDK adapter, CloudTrail likewise, pacing, reads, IAM needs,
// files on disk) -> run (what a plan, an apply, an import does) -> faces (render, cli, github) -> the
// benchmark and the package entry on top. Inside core, config is the base. The emulator stands apart:
// it imports only core/errors.ts and edge/files, and only the top imports it.
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
/** The pure core: no node:*, no SDK. The IAM needs of the edge are pure too. */
const PURE = [/^core\//, /^edge\/iam\//];
/** The one node:* module the core may use, and where: a hash is a computation, not I/O. */
const CORE_HASH = { file: 'core/saved-plan/digest.ts', module: 'node:crypto' };

/** Each top-level folder (or file) of src/ and its layer; a file may import only from its own layer or lower. */
const LAYERS: Record<string, number> = {
  core: 0,
  edge: 1,
  emulator: 1,
  run: 2,
  faces: 3,
  bench: 4,
  'index.ts': 4,
};

/** Inside the core, config is the base and saved plans the top; errors and generated code sit under all. */
const CORE: Record<string, number> = { 'errors.ts': 0, 'plural.ts': 0, generated: 0, config: 1, claims: 1, plan: 2, access: 2, credentials: 2, drift: 2, 'saved-plan': 3 };

/** Who may import the emulator: the command line and the Action (faces), the benchmark and the package entry. */
const EMULATOR_USERS = new Set(['faces', 'bench', 'index.ts']);
/** What the emulator may import: the one error type and the atomic file writes. */
const EMULATOR_GROUND = [/^core\/errors\.ts$/, /^edge\/files\//];

function areaOf(file: string): string {
  return file.split('/')[0] ?? file;
}

function coreAreaOf(file: string): string {
  return file.split('/')[1] ?? file;
}

/** The src/-relative file a relative import names, or undefined for a package. */
function target(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return relative(SRC, join(SRC, from, '..', spec)).split(sep).join('/').replace(/\.js$/, '.ts');
}

/** Every import between two files of src/, as from -> to. */
const edges = all.flatMap((f) =>
  f.imports.flatMap((spec) => {
    const to = target(f.file, spec);
    return to === undefined || to.startsWith('..') ? [] : [{ from: f.file, to }];
  }),
);

describe('architecture', () => {
  it('finds the source files it checks, and knows the layer of every one', () => {
    expect(all.filter((f) => PURE.some((p) => p.test(f.file))).length).toBeGreaterThanOrEqual(30);
    expect(all.map((f) => areaOf(f.file)).filter((a) => LAYERS[a] === undefined)).toEqual([]);
    expect(all.filter((f) => areaOf(f.file) === 'core').map((f) => coreAreaOf(f.file)).filter((a) => CORE[a] === undefined)).toEqual([]);
    expect(edges.length).toBeGreaterThan(200);
  });

  it('never imports upward: every import goes to the same layer or a lower one', () => {
    const upward = edges.filter((e) => (LAYERS[areaOf(e.to)] ?? Infinity) > (LAYERS[areaOf(e.from)] ?? -1)).map((e) => `${e.from} imports ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('keeps the order inside the core: config is the base, saved plans the top', () => {
    const upward = edges
      .filter((e) => areaOf(e.from) === 'core' && areaOf(e.to) === 'core')
      .filter((e) => (CORE[coreAreaOf(e.to)] ?? Infinity) > (CORE[coreAreaOf(e.from)] ?? -1))
      .map((e) => `${e.from} imports ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('keeps the emulator apart: it imports only the ground, and only the top imports it', () => {
    const wrong = edges
      .filter((e) =>
        areaOf(e.to) === 'emulator' ? areaOf(e.from) !== 'emulator' && !EMULATOR_USERS.has(areaOf(e.from)) : areaOf(e.from) === 'emulator' && !EMULATOR_GROUND.some((g) => g.test(e.to)),
      )
      .map((e) => `${e.from} imports ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('keeps the faces apart from each other: renderers import no command line and no Action', () => {
    const wrong = edges
      .filter((e) => e.from.startsWith('faces/render/') && (e.to.startsWith('faces/cli/') || e.to.startsWith('faces/github/')))
      .map((e) => `${e.from} imports ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('keeps the pure core free of node:* and the AWS SDK', () => {
    const offending = all
      .filter((f) => PURE.some((p) => p.test(f.file)))
      .flatMap((f) => f.imports.filter((i) => i.startsWith('node:') || i.startsWith('@aws-sdk/')).map((i) => `${f.file} imports ${i}`))
      .filter((line) => line !== `${CORE_HASH.file} imports ${CORE_HASH.module}`);
    expect(offending).toEqual([]);
  });

  it('keeps the AWS SDK clients behind the four adapters, Cognito, STS, CloudTrail and the credentials check (Cognito Identity and IAM) (the emulator and benchmark baselines aside)', () => {
    const users = all.filter((f) => f.imports.some((i) => i.startsWith('@aws-sdk/'))).map((f) => f.file);
    expect(users.filter((f) => !f.startsWith('emulator/') && !f.startsWith('bench/')).sort()).toEqual(['edge/cloudtrail/sdk-trail.ts', 'edge/cognito/account.ts', 'edge/cognito/sdk-api.ts', 'edge/identity/sdk-api.ts']);
  });

  it('lets renderers display plans without reaching Cognito or the disk', () => {
    const offending = all
      .filter((f) => f.file.startsWith('faces/render/'))
      .flatMap((f) => f.imports.filter((i) => i.startsWith('node:') || i.startsWith('@aws-sdk/') || i.includes('/edge/') || /\/run\/[^/]+\.js$/.test(i)).map((i) => `${f.file} imports ${i}`));
    expect(offending).toEqual([]);
  });
});
