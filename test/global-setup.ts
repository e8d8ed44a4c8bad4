import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI tests run the built bin, as a user would; build it first if it is missing or older than the sources. */
export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const bin = join(root, 'dist', 'src', 'faces', 'cli', 'main.js');
  if (existsSync(bin) && process.env.CI !== 'true' && statSync(bin).mtimeMs > newestSource(root)) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}

function newestSource(root: string): number {
  const out = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'src', 'schema'], { cwd: root, encoding: 'utf8' });
  let newest = 0;
  for (const f of out.split('\n')) {
    if (f === '' || !existsSync(join(root, f))) continue;
    newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  }
  return newest;
}
