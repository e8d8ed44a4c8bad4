import { describe, expect, it } from 'vitest';
import { ProgressReporter } from '../../src/faces/cli/progress.js';
import { testIo, type TestIo } from '../cli-io.js';

function fakeIo(stderrIsTTY: boolean): TestIo {
  return testIo({ stderrIsTTY });
}

describe('progress', () => {
  it('says nothing for work that ends within a second', () => {
    let t = 0;
    const io = fakeIo(true);
    const p = new ProgressReporter(io, true, () => t);
    t = 900;
    p.read({ poolId: 'p', groups: 60, pages: 1, done: false });
    expect(io.stderr).toBe('');
  });

  it('keeps a live line on a terminal, with counts and the time left, and clears it', () => {
    let t = 0;
    const io = fakeIo(true);
    const p = new ProgressReporter(io, true, () => t);
    t = 1_500;
    p.read({ poolId: 'p', groups: 600, pages: 10, done: false });
    expect(io.stderr).toBe('\r\u001b[2Kreading: 600 groups in 10 pages (400 groups/s), 1 pool still listing');
    p.apply({ total: 100, done: 0, failed: 0 });
    t = 11_500;
    p.apply({ total: 100, done: 48, failed: 2 });
    expect(io.stderr.endsWith('\r\u001b[2Kapplying: 50/100 (2 failed), about 10s left')).toBe(true);
    p.stop();
    expect(io.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(io.stdout).toBe('');
  });

  it("counts the access check's reads, users and role groups apart", () => {
    let t = 0;
    const io = fakeIo(true);
    const p = new ProgressReporter(io, true, () => t);
    t = 2_000;
    p.access({ poolId: 'p1', via: 'user-groups', done: 120, total: 400 });
    expect(io.stderr.endsWith("\r\u001b[2Kchecking token claims: 120/400 users' groups read")).toBe(true);
    p.access({ poolId: 'p2', via: 'group-members', done: 3, total: 49 });
    expect(io.stderr.endsWith("\r\u001b[2Kchecking token claims: 120/400 users' groups, 3/49 role groups read")).toBe(true);
  });

  it('writes a line every five seconds when stderr is not a terminal', () => {
    let t = 0;
    const io = fakeIo(false);
    const p = new ProgressReporter(io, true, () => t);
    for (t = 1_000; t <= 16_000; t += 1_000) p.apply({ total: 1000, done: t / 100, failed: 0 });
    expect(io.stderr.split('\n').filter((l) => l !== '')).toHaveLength(3);
    expect(io.stderr).not.toContain('\r');
    expect(io.stdout).toBe('');
  });

  it('shows nothing when disabled', () => {
    let t = 0;
    const io = fakeIo(true);
    const p = new ProgressReporter(io, false, () => t);
    t = 10_000;
    p.apply({ total: 10, done: 5, failed: 0 });
    expect(io.stderr).toBe('');
  });
});
