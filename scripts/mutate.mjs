#!/usr/bin/env node
// npm run mutate: StrykerJS over the pure core and the safety rules (stryker.config.json), against the
// unit tests only; then the mutation score, overall and per file, and every mutant that survived
// (file:line, mutator, replacement). Not part of npm test.
//
// StrykerJS needs Node.js 22 or later. This script uses, in order: the Node running it if it is 22+,
// $MUTATE_NODE, or a Node 22 installed from the npm registry's node-<platform>-<arch> package under
// $MUTATE_NODE_PREFIX (default node_modules/.cache/mutate-node), installing it there the first time.
// Arguments after `--` go to `stryker run` (for example `npm run mutate -- --mutate src/run/apply/policy.ts`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MIN_MAJOR = 22;
const REPORT = join(ROOT, 'reports', 'mutation', 'mutation.json');

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

function majorOf(node) {
  const r = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return Number(r.stdout.trim().split('.')[0]);
}

/** A Node.js binary of version 22 or later: found, or installed from the npm registry. */
function findNode() {
  if (Number(process.versions.node.split('.')[0]) >= MIN_MAJOR) return process.execPath;
  const given = process.env.MUTATE_NODE;
  if (given !== undefined && given !== '') {
    const major = majorOf(given);
    if (major === undefined || major < MIN_MAJOR) fail(`MUTATE_NODE=${given} is not a Node.js ${MIN_MAJOR}+ binary; StrykerJS needs Node.js ${MIN_MAJOR} or later`);
    return given;
  }
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const prefix = resolve(ROOT, process.env.MUTATE_NODE_PREFIX || join('node_modules', '.cache', 'mutate-node'));
  const bin = join(prefix, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  const how = `run it with Node.js ${MIN_MAJOR}+, or set MUTATE_NODE to a Node.js ${MIN_MAJOR}+ binary, or install one with \`npm install --prefix ${relative(ROOT, prefix) || '.'} ${pkg}@${MIN_MAJOR}\``;
  if (!existsSync(bin)) {
    process.stderr.write(`mutate: StrykerJS needs Node.js ${MIN_MAJOR}+ (this is ${process.versions.node}); installing ${pkg}@${MIN_MAJOR} into ${relative(ROOT, prefix)}\n`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `${pkg}@${MIN_MAJOR}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0 || !existsSync(bin)) fail(`npm run mutate needs Node.js ${MIN_MAJOR}+ and could not install ${pkg}@${MIN_MAJOR}: ${how}`);
  }
  const major = majorOf(bin);
  if (major === undefined || major < MIN_MAJOR) fail(`${bin} is not a working Node.js ${MIN_MAJOR}+: ${how}`);
  return bin;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function score(mutants) {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  const valid = detected + undetected;
  return { detected, undetected, valid, score: valid === 0 ? 100 : (100 * detected) / valid };
}

function oneLine(text, max = 100) {
  const s = String(text).replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** The score per file and overall, and every mutant left alive, from Stryker's JSON report. */
function summarize(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const files = Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = files.map(([name, f]) => {
    const count = (status) => f.mutants.filter((m) => m.status === status).length;
    return { name, ...score(f.mutants), killed: count('Killed'), timeout: count('Timeout'), survived: count('Survived'), noCoverage: count('NoCoverage') };
  });
  const all = score(files.flatMap(([, f]) => f.mutants));
  const width = Math.max(...rows.map((r) => r.name.length), 4);
  const out = [];
  out.push('', `${'file'.padEnd(width)}  score   killed timeout survived no-cov`);
  for (const r of rows) {
    out.push(`${r.name.padEnd(width)}  ${r.score.toFixed(2).padStart(6)}  ${String(r.killed).padStart(6)} ${String(r.timeout).padStart(7)} ${String(r.survived).padStart(8)} ${String(r.noCoverage).padStart(6)}`);
  }
  const alive = files.flatMap(([name, f]) =>
    f.mutants
      .filter((m) => UNDETECTED.has(m.status))
      .map((m) => ({ name, line: m.location.start.line, column: m.location.start.column, m }))
      .sort((a, b) => a.line - b.line || a.column - b.column),
  );
  out.push('', `Surviving mutants (${alive.length}):`);
  for (const { name, line, column, m } of alive) {
    out.push(`${name}:${line}:${column}  ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no coverage)' : ''}  -> ${oneLine(m.replacement ?? '')}`);
  }
  out.push('', `Mutation score: ${all.score.toFixed(2)}% (${all.detected} of ${all.valid} mutants killed, ${alive.length} survived)`, '');
  process.stdout.write(out.join('\n'));
}

const args = process.argv.slice(2);
if (args[0] === '--summary') {
  if (!existsSync(REPORT)) fail(`no mutation report at ${relative(ROOT, REPORT)}; run npm run mutate first`);
  summarize(REPORT);
  process.exit(0);
}

const node = findNode();
const stryker = join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
if (!existsSync(stryker)) fail('StrykerJS is not installed; run npm ci first');
const started = Date.now();
const env = { ...process.env, PATH: `${dirname(node)}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH ?? ''}` };
const run = spawnSync(node, [stryker, 'run', 'stryker.config.json', ...args], { cwd: ROOT, env, stdio: 'inherit' });
const seconds = Math.round((Date.now() - started) / 1000);
// A run that ends below thresholds.break still writes its report: show it, then fail.
const reported = existsSync(REPORT) && statSync(REPORT).mtimeMs >= started;
if (reported) {
  summarize(REPORT);
  process.stdout.write(`Took ${Math.floor(seconds / 60)} min ${seconds % 60} s with Node.js ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}.\n`);
}
if (run.status !== 0) {
  fail(reported ? `the mutation score is below thresholds.break in stryker.config.json (StrykerJS exit ${run.status}); kill the surviving mutants listed above with tests` : `StrykerJS failed (exit ${run.status ?? run.signal}) after ${seconds} s; see its output above`);
}
