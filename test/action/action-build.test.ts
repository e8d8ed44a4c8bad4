// The Action runs a committed build (action/build/, `npm run build:action`), so it installs nothing but
// the tool's run-time dependencies (issue 26, point 8). The committed build must be what the sources
// compile to today.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../integration/servers.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('the committed Action build', () => {
  it('is what the sources compile to (run `npm run build:action` after changing src/)', () => {
    const out = mkdtempSync(join(tmpdir(), 'cg-action-build-'));
    try {
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.action.json'), '--outDir', out], { cwd: ROOT, stdio: 'pipe' });
      const committed = join(ROOT, 'action', 'build');
      const fresh = filesUnder(out);
      expect(filesUnder(committed), 'the files of action/build').toEqual(fresh);
      const stale = fresh.filter((f) => readFileSync(join(committed, f), 'utf8') !== readFileSync(join(out, f), 'utf8'));
      expect(stale, 'files of action/build that differ from a fresh build: run `npm run build:action`').toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
