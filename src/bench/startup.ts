// The tool's own time, as whole processes: bare `node -e 0`, --version and --help, each command's
// start-up on a minimal input, validate of a 10,000-group file (wall and peak memory), and, at
// Cognito's real rates, when a 10,000-group plan sends its first request and how close an apply of
// 200 creates, 200 updates and 100 deletes comes to its floor. Each process reports its own peak
// memory through a preloaded hook; times are medians of several runs, paired with bare Node.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { RunningEmulator } from '../emulator/index.js';
import { benchGroups } from './data.js';

const CLI = fileURLToPath(new URL('../faces/cli/main.js', import.meta.url));
const RSS_HOOK = fileURLToPath(new URL('./rss-hook.js', import.meta.url));

/** One whole process: its wall time and peak RSS. */
export interface ProcessRun {
  seconds: number;
  maxRssMb: number;
  code: number | null;
}

/**
 * Runs a command as a process (stdout and stderr read and dropped). With `rss`, the peak-memory hook
 * is preloaded (`--import`), which costs start-up time: timed start-up runs go without it, and their
 * memory is measured in a run of its own.
 */
async function runProcess(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; onSpawn?: () => void; rss?: boolean } = {}): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-'));
  const rssFile = join(dir, 'rss');
  try {
    const start = performance.now();
    const child = spawn(process.execPath, options.rss === true ? ['--import', RSS_HOOK, ...args] : [...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env, COGNITO_GROUPS_BENCH_RSS: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    options.onSpawn?.();
    child.stdout.resume();
    child.stderr.resume();
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    const seconds = (performance.now() - start) / 1000;
    let maxRssMb = 0;
    try {
      maxRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    } catch {
      // A process killed before its exit hook ran reports no memory.
    }
    return { seconds, maxRssMb, code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of numbers. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A command against bare `node -e 0`, in turn, `runs` times: medians and the median of the paired ratios; peak memory from one more run with the hook. */
export async function paired(args: readonly string[], runs: number, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ seconds: number; bare: number; ratio: number; maxRssMb: number; code: number | null }> {
  const measured = await runProcess(args, { ...options, rss: true });
  const a: ProcessRun[] = [];
  const b: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await runProcess(args, options));
    b.push(await runProcess(['-e', '0']));
  }
  return {
    seconds: median(a.map((r) => r.seconds)),
    bare: median(b.map((r) => r.seconds)),
    ratio: median(a.map((r, i) => r.seconds / (b[i] as ProcessRun).seconds)),
    maxRssMb: measured.maxRssMb,
    code: a[0]?.code ?? null,
  };
}

/** The start-up rows: bare Node, --version, --help, each command on a minimal input, validate of `groups` groups. */
export async function startupRows(runs: number, groups: number, em: RunningEmulator): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-start-'));
  try {
    const pool = 'eu-west-1_BenchStart1';
    em.ensureUserPool(pool);
    writeFileSync(join(dir, 'small.yaml'), stringify({ version: 1, userPools: [{ id: pool, groups: benchGroups(3, 's', 'small') }] }));
    writeFileSync(join(dir, 'big.yaml'), stringify({ version: 1, userPools: [{ id: pool, groups: benchGroups(groups, 'g', 'validate') }] }));
    const env = { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'eu-west-1' };
    const target = ['--endpoint-url', em.url, '--no-progress'];
    // A saved plan for `show`.
    await runProcess([CLI, 'plan', '-f', 'small.yaml', ...target, '--out', 'plan.json'], { cwd: dir, env });
    const cases: Array<[string, string[], string]> = [
      ['--version', ['--version'], 'at most 2x bare Node'],
      ['--help', ['--help'], 'at most 2x bare Node'],
      ['validate (3 groups)', ['validate', '-f', 'small.yaml'], ''],
      ['show (a saved plan)', ['show', 'plan.json'], ''],
      ['plan (3 groups, emulator)', ['plan', '-f', 'small.yaml', ...target], ''],
      ['drift (3 groups, emulator)', ['drift', '-f', 'small.yaml', ...target], ''],
      [`validate (${groups} groups)`, ['validate', '-f', 'big.yaml'], 'at most 0.35 s and 100 MB'],
    ];
    const rows: string[][] = [];
    const bare = await paired(['-e', '0'], runs);
    rows.push(['start: node -e 0 (bare Node)', secs(bare.seconds), '', '1.00x', '', `${bare.maxRssMb.toFixed(0)} MB`]);
    for (const [label, args, target] of cases) {
      const r = await paired([CLI, ...args], runs, { cwd: dir, env });
      rows.push([`start: ${label}`, secs(r.seconds), target, `${r.ratio.toFixed(2)}x bare`, `exit ${r.code ?? 'signal'}`, `${r.maxRssMb.toFixed(0)} MB`]);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A plan of `groups` groups at Cognito's real rates (the emulator's quotas unscaled): when the first
 * ListGroups arrives after the process starts, and the whole run against its floor (every page at
 * ListGroups' 5 requests per second per pool: 0.2 s a page).
 */
export async function firstRequestRow(em: RunningEmulator, groups: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-first-'));
  try {
    const pool = 'eu-west-1_BenchFirst1';
    em.ensureUserPool(pool);
    const wanted = benchGroups(groups, 'f', 'first');
    em.seedGroups(pool, wanted.map((g) => ({ GroupName: g.name, Description: g.description ?? '', Precedence: g.precedence ?? 0, ...(g.roleArn === undefined ? {} : { RoleArn: g.roleArn }) })));
    writeFileSync(join(dir, 'groups.yaml'), stringify({ version: 1, userPools: [{ id: pool, groups: wanted }] }));
    em.resetStats();
    let started = 0;
    let first = 0;
    const watch = setInterval(() => {
      if (first === 0 && started > 0 && (em.stats().operations.ListGroups?.calls ?? 0) > 0) first = performance.now();
    }, 1);
    const run = await runProcess([CLI, 'plan', '-f', 'groups.yaml', '--endpoint-url', em.url, '--no-progress'], {
      cwd: dir,
      env: { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' },
      rss: true,
      onSpawn: () => (started = performance.now()),
    });
    clearInterval(watch);
    const pages = Math.ceil(groups / 60);
    const floor = pages / 5;
    const firstAt = (first - started) / 1000;
    return [
      `real rates: plan of ${groups} groups`,
      secs(run.seconds),
      `${secs(floor)} (${pages} pages at 5/s); first request within 0.5 s`,
      `${(run.seconds / floor).toFixed(3)}x; first request at ${secs(firstAt)}`,
      `exit ${run.code ?? 'signal'}`,
      `${run.maxRssMb.toFixed(0)} MB`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An apply of 200 creates, 200 updates and 100 deletes at Cognito's real rates, as a whole process.
 * Floor: the listing before (pages at 5/s), counting the members of the 100 groups to delete (one
 * ListUsersInGroup each at 30/s), the writes (creates, updates and deletes each at 5/s, side by side:
 * the slowest lane), and the listing after.
 */
export async function realApplyRow(em: RunningEmulator): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-apply-'));
  try {
    const pool = 'eu-west-1_BenchReal1';
    em.ensureUserPool(pool);
    const updates = benchGroups(200, 'u', 'old');
    const doomed = benchGroups(100, 'd', 'gone');
    em.seedGroups(pool, [...updates, ...doomed].map((g) => ({ GroupName: g.name, Description: g.description ?? '', Precedence: g.precedence ?? 0, ...(g.roleArn === undefined ? {} : { RoleArn: g.roleArn }) })));
    const wanted = [...benchGroups(200, 'c', 'new'), ...benchGroups(200, 'u', 'new')];
    writeFileSync(join(dir, 'groups.yaml'), stringify({ version: 1, userPools: [{ id: pool, unmanagedGroups: 'delete', groups: wanted }] }));
    em.resetStats();
    const run = await runProcess([CLI, 'apply', '-f', 'groups.yaml', '--endpoint-url', em.url, '--no-progress', '--auto-approve', '--allow-delete', '--max-delete', '100'], {
      cwd: dir,
      env: { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' },
      rss: true,
    });
    const before = Math.ceil(300 / 60);
    const after = Math.ceil(400 / 60);
    // The lease (CreateGroup before the listing, DeleteGroup after the check) runs in idle lanes: no wait of its own.
    const floor = before / 5 + 100 / 30 + Math.max(200, 200, 100) / 5 + after / 5;
    const ops = em.stats().operations;
    const calls = `${['ListGroups', 'ListUsersInGroup', 'CreateGroup', 'UpdateGroup', 'DeleteGroup'].map((op) => `${op} ${ops[op]?.calls ?? 0}`).join(', ')} (the lease: 1 CreateGroup, 1 DeleteGroup)`;
    return [
      'real rates: apply 200 creates + 200 updates + 100 deletes',
      secs(run.seconds),
      `${secs(floor)} (listing, member counts, writes, check); within 1.05x`,
      `${(run.seconds / floor).toFixed(3)}x`,
      `exit ${run.code ?? 'signal'}; ${calls}; throttled ${em.stats().totals.throttled}`,
      `${run.maxRssMb.toFixed(0)} MB`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function secs(s: number): string {
  return `${s.toFixed(3)} s`;
}
