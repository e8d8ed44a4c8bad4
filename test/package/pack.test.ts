// The package as a user gets it: `npm pack` of the built package, its file list, publint and
// arethetypeswrong on the tarball, then the tarball installed in an empty project (dependencies from
// the npm registry, or npm's cache) where the bin, the embedded emulator, the library and its types
// are used the way the README says. The suite's global setup has built dist/ already, so the pack
// runs no scripts.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../integration/servers.js';

const run = promisify(execFile);
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; engines: Record<string, string> };

/** The environment of every npm call: none of the npm_* settings of the `npm test` that may be running this file. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toLowerCase().startsWith('npm_')) env[k] = v;
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };
}

async function sh(cmd: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(cmd, args, { cwd, env: { ...npmEnv(), ...extraEnv }, maxBuffer: 64 << 20, timeout: 50_000 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string; code?: unknown };
    throw new Error(`${cmd} ${args.join(' ')} failed (${String(e.code)}):\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

interface Packed {
  tarball: string;
  files: string[];
}

let work: string;
let packed: Packed;
let consumer: string;
let installOutput: { stdout: string; stderr: string };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cg-pack-'));
  const { stdout } = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (info === undefined) throw new Error(`npm pack printed no package:\n${stdout}`);
  packed = { tarball: join(work, info.filename), files: info.files.map((f) => f.path).sort() };

  consumer = join(work, 'consumer');
  await sh('mkdir', ['-p', consumer], work);
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  installOutput = await sh('npm', ['install', '--prefer-offline', '--no-package-lock', packed.tarball], consumer);
}, 60_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the published file list', () => {
  it('holds the build, the schemas, the README and package.json, and nothing else', () => {
    const allowed = [
      /^package\.json$/,
      /^README\.md$/,
      /^LICENSE$/,
      /^schema\/[a-z]+\.schema\.json$/,
      /^dist\/src\/(?!bench\/|github\/)[\w/.-]+\.(js|d\.ts)$/,
    ];
    expect(packed.files.filter((f) => !allowed.some((re) => re.test(f)))).toEqual([]);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/src/index.js', 'dist/src/index.d.ts', PKG.bin['cognito-groups'] ?? 'missing bin', 'dist/src/emulator/index.js']) {
      expect(packed.files).toContain(f);
    }
    expect(packed.files.filter((f) => f.startsWith('schema/'))).toEqual(['schema/apply.schema.json', 'schema/drift.schema.json', 'schema/groups.schema.json', 'schema/plan.schema.json']);
    expect(packed.files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toBe(false);
    expect(packed.files.some((f) => /(^|\/)test\/|\.test\.|\.map$/.test(f))).toBe(false);
  });

  it('holds one copy of each schema and the MIT license', () => {
    expect(packed.files.filter((f) => f.endsWith('.schema.json'))).toEqual(['schema/apply.schema.json', 'schema/drift.schema.json', 'schema/groups.schema.json', 'schema/plan.schema.json']);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it("installs without npm's install-scripts warning: it builds in prepack, not in an install script", () => {
    expect(`${installOutput.stdout}\n${installOutput.stderr}`).not.toMatch(/install-scripts|install scripts/i);
  });

  it('declares the Node.js lines CI runs the suite under: engines names the lowest', () => {
    const lines = /^NODE_LINES=\(([\d ]+)\)$/m.exec(readFileSync(join(ROOT, '.ci', 'run'), 'utf8'))?.[1]?.split(' ').map(Number) ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(PKG.engines).toEqual({ node: `>=${Math.min(...lines)}` });
  });

  it('passes publint with no message at all', async () => {
    const data = readFileSync(packed.tarball);
    const { messages } = await publint({ pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }, level: 'suggestion' });
    expect(messages).toEqual([]);
  });

  it('resolves its types for ESM consumers (arethetypeswrong, esm-only profile)', async () => {
    const attw = join(ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
    const { stdout } = await sh(process.execPath, [attw, packed.tarball, '--profile', 'esm-only', '--format', 'json'], work);
    const report = JSON.parse(stdout) as { problems?: Record<string, Array<{ resolutionKind?: string }>> };
    // A CommonJS require() of an ESM-only package is what esm-only ignores; anything else is a problem.
    const problems = Object.values(report.problems ?? {}).flat().filter((p) => p.resolutionKind !== 'node16-cjs' && p.resolutionKind !== 'node10');
    expect(problems).toEqual([]);
  });
});

describe('installed in an empty project', () => {
  // As `npx cognito-groups ...`, but never fetching a package of that name if the local bin were missing.
  const bin = (args: string[]) => sh('npx', ['--no', '--', 'cognito-groups', ...args], consumer, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });

  it('runs the bin: --version', async () => {
    expect((await bin(['--version'])).stdout.trim()).toBe(PKG.version);
  });

  it('applies a groups file to the embedded emulator, plans no changes after, and imports a file that points at the installed schema', async () => {
    writeFileSync(join(consumer, 'groups.yaml'), readFileSync(join(ROOT, 'groups.example.yaml')));
    const applied = await bin(['apply', '--local', '-f', 'groups.yaml', '--auto-approve', '--no-progress']);
    expect(applied.stdout).toContain('Apply complete: 4 added, 0 changed, 0 replaced, 0 deleted.');
    expect(readFileSync(join(consumer, '.cognito-groups', '.gitignore'), 'utf8')).toBe('*\n');
    const planned = await bin(['plan', '--local', '-f', 'groups.yaml', '--detailed-exitcode', '--no-progress']);
    expect(planned.stdout.trim().split('\n').at(-1)).toBe('No changes.');

    const imported = await bin(['import', '--local', '--user-pool-id', 'eu-west-1_AbCdEf123', '--no-progress']);
    const schemaPath = /^# yaml-language-server: \$schema=(\S+)$/m.exec(imported.stdout)?.[1];
    expect(schemaPath).toBe('node_modules/cognito-groups/schema/groups.schema.json');
    // The language server takes the path from the file's folder: the project root here.
    const schema = resolve(consumer, schemaPath ?? '');
    expect(readFileSync(schema, 'utf8')).toBe(readFileSync(join(ROOT, 'schema', 'groups.schema.json'), 'utf8'));
  });

  it('prints an IAM policy with iam-policy', async () => {
    const { stdout } = await bin(['iam-policy', '--for', 'plan', '-f', 'groups.yaml', '--account', '123456789012']);
    const doc = JSON.parse(stdout) as { Version: string; Statement: Array<{ Sid: string; Action: string[] }> };
    expect(doc.Version).toBe('2012-10-17');
    expect(doc.Statement[0]?.Action).toEqual(['cognito-idp:AdminListGroupsForUser', 'cognito-idp:DescribeUserPool', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup']);
    // The credentials check's reads follow (identity pools; roles when the file names any).
    expect(doc.Statement.map((st) => st.Sid)).toEqual(expect.arrayContaining(['CognitoGroupsListIdentityPools', 'CognitoGroupsReadIdentityPools']));
  });

  it('serves the library by its name: plan() against the emulator it exports, and the schemas by subpath', async () => {
    writeFileSync(
      join(consumer, 'use.mjs'),
      [
        "import { plan, startEmulator, renderPlanText, plainStyle } from 'cognito-groups';",
        "import { createRequire } from 'node:module';",
        'const em = await startEmulator({ port: 0, quotas: { enabled: false } });',
        "em.ensureUserPool('eu-west-1_AbCdEf123');",
        "const result = await plan({ file: 'groups.yaml', endpoint: em.url, credentials: { accessKeyId: 'k', secretAccessKey: 's' } });",
        'await em.close();',
        "const schema = createRequire(import.meta.url).resolve('cognito-groups/schema/plan.schema.json');",
        "process.stdout.write(renderPlanText(result.plan, plainStyle).trim().split('\\n').at(-1) + '\\n' + schema + '\\n');",
      ].join('\n'),
    );
    const { stdout } = await sh(process.execPath, ['use.mjs'], consumer);
    const [summary, schema] = stdout.trim().split('\n');
    expect(summary).toBe('Plan: 4 to add, 0 to change, 0 to replace, 0 to delete.');
    expect(schema).toBe(join(consumer, 'node_modules', 'cognito-groups', 'schema', 'plan.schema.json'));
  });

  it('type-checks a TypeScript consumer with the project\'s tsc: the types are real, not any', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['check.ts'] }),
    );
    writeFileSync(
      join(consumer, 'check.ts'),
      [
        "import { plan, iamNeedsOf, iamPolicyDocument, parseConfig, CgError, type PlanResult, type IamPolicyDocument } from 'cognito-groups';",
        "export const planned: Promise<PlanResult> = plan({ file: 'groups.yaml' });",
        "const parsed = parseConfig('version: 1\\nuserPools: []\\n', 'x.yaml');",
        "export const policy: IamPolicyDocument | undefined = parsed.ok ? iamPolicyDocument(iamNeedsOf(parsed.config, 'apply'), '*') : undefined;",
        "export const code: string = new CgError('USAGE', 'x').code;",
        '// @ts-expect-error plan() needs a file or a config',
        'void plan({});',
        "// @ts-expect-error only plan, apply and drift have policies",
        "if (parsed.ok) iamNeedsOf(parsed.config, 'import');",
      ].join('\n'),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const { stdout } = await sh(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
    expect(stdout).toBe('');
    expect(existsSync(join(consumer, 'node_modules', 'cognito-groups', dirname(PKG.bin['cognito-groups'] ?? ''), 'main.js'))).toBe(true);
  });
});
