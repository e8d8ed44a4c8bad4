// --github-step-summary appends the Markdown report to $GITHUB_STEP_SUMMARY, and refuses when it is unset.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupsYaml, setup, writeIn } from './helpers.js';

const P = 'eu-west-1_Summary1';

async function scenario() {
  const env = await setup({ [P]: [{ GroupName: 'editors', Description: 'old' }] });
  const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins' }, { name: 'editors', description: 'new' }] }]));
  const summary = `${env.dir}/step-summary.md`;
  writeFileSync(summary, '# Earlier step\n');
  return { ...env, file, summary };
}

describe('--github-step-summary', () => {
  it('appends the plan Markdown to the job summary on each run, keeping what was there', async () => {
    const env = await scenario();
    const withSummary = { GITHUB_STEP_SUMMARY: env.summary };
    const [first, markdown] = await Promise.all([
      env.cli(['plan', '-f', env.file, '--github-step-summary'], withSummary),
      env.cli(['plan', '-f', env.file, '--format', 'markdown']),
    ]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // stdout keeps its own format; the summary gets the Markdown.
    expect(first.stdout).toContain('  ~ update "editors"');
    expect(markdown.code).toBe(0);
    expect(readFileSync(env.summary, 'utf8')).toBe(`# Earlier step\n${markdown.stdout}\n`);

    const second = await env.cli(['plan', '-f', env.file, '--github-step-summary', '--format', 'json'], withSummary);
    expect(second.code).toBe(0);
    JSON.parse(second.stdout);
    const text = readFileSync(env.summary, 'utf8');
    expect(text).toBe(`# Earlier step\n${markdown.stdout}\n${markdown.stdout}\n`);
    expect(text.match(/^### cognito-groups plan for /gm)).toHaveLength(2);
  });

  it('appends drift, show and apply reports', async () => {
    const env = await scenario();
    const withSummary = { GITHUB_STEP_SUMMARY: env.summary };
    const planFile = `${env.dir}/plan.json`;
    expect((await env.cli(['plan', '-f', env.file, '--out', planFile])).code).toBe(0);

    const [drift, driftMd, show] = await Promise.all([
      env.cli(['drift', '-f', env.file, '--github-step-summary'], withSummary),
      env.cli(['drift', '-f', env.file, '--format', 'markdown']),
      env.cli(['show', planFile, '--github-step-summary', '--format', 'json'], { GITHUB_STEP_SUMMARY: `${env.dir}/show-summary.md` }),
    ]);
    expect(drift.code).toBe(2);
    expect(driftMd.code).toBe(2);
    expect(readFileSync(env.summary, 'utf8')).toBe(`# Earlier step\n${driftMd.stdout}\n`);
    expect(show.code).toBe(0);
    const shown = readFileSync(`${env.dir}/show-summary.md`, 'utf8');
    expect(shown).toContain('### cognito-groups plan for `eu-west-1_Summary1`');
    expect(shown).toContain('| 📝&nbsp;update | `editors` | description: `old` → `new` |');

    const applied = await env.cli(['apply', planFile, '--github-step-summary'], withSummary);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const after = readFileSync(env.summary, 'utf8');
    expect(after.startsWith(`# Earlier step\n${driftMd.stdout}\n### cognito-groups plan for \`${P}\``)).toBe(true);
    expect(after).toContain('\n### Apply result\n\n**Apply complete: 1 added, 1 changed, 0 replaced, 0 deleted.**\n');
    expect(after.match(/^### /gm)).toHaveLength(3);
  });

  it('refuses clearly when GITHUB_STEP_SUMMARY is not set or empty, and writes no file', async () => {
    const env = await scenario();
    const planFile = `${env.dir}/plan.json`;
    expect((await env.cli(['plan', '-f', env.file, '--out', planFile])).code).toBe(0);
    const runs = await Promise.all([
      env.cli(['plan', '-f', env.file, '--github-step-summary'], { GITHUB_STEP_SUMMARY: undefined }),
      env.cli(['drift', '-f', env.file, '--github-step-summary'], { GITHUB_STEP_SUMMARY: '' }),
      env.cli(['show', planFile, '--github-step-summary']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('error: --github-step-summary: GITHUB_STEP_SUMMARY is not set; this option is for GitHub Actions jobs\n');
    }
    expect(readFileSync(env.summary, 'utf8')).toBe('# Earlier step\n');
    expect(existsSync(`${env.dir}/undefined`)).toBe(false);
  });

  // Regression: the missing variable is noticed before any change. It was once noticed only after
  // applying, so `apply PLANFILE --github-step-summary` outside Actions applied the plan, then exited 1
  // with a usage error: a failed apply that had happened, and a stale plan for the re-run.
  it('refuses apply --github-step-summary without GITHUB_STEP_SUMMARY before changing anything', async () => {
    const env = await scenario();
    const planFile = `${env.dir}/plan.json`;
    expect((await env.cli(['plan', '-f', env.file, '--out', planFile])).code).toBe(0);
    env.emulator.resetStats();
    const run = await env.cli(['apply', planFile, '--github-step-summary']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('GITHUB_STEP_SUMMARY is not set');
    expect(env.writes()).toBe(0);
  });
});
