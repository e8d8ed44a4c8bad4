// Step outputs, exit codes and the job summary for plan, apply and drift: plan changes are a success
// the outputs report; errors, failed applies and (unless told otherwise) drift fail the step.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PR_NUMBER, scenario } from './fixture.js';

describe.concurrent('outputs and exit codes', () => {
  it('plan error: exit-code 1, no plan file, the step fails, the error in the summary', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    const run = await s.run({ file: 'missing.yaml' }, { event: 'push' });
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ 'exit-code': '1', 'has-changes': 'false', 'plan-file': '' });
    expect(run.log).toContain('error: missing.yaml: no such file');
    expect(run.log).toContain('::error::cognito-groups plan failed (exit 1)\n');
    expect(run.summary).toContain('### ❌ cognito-groups plan failed\n');
    expect(run.summary).toContain('```text\nerror: missing.yaml: no such file');
    expect(run.summary.match(/### /g)).toHaveLength(1);
  });

  it('apply: applies the saved plan once; the same plan again is stale and fails the step; never comments', async ({ onTestFinished }) => {
    const s = await scenario([{ GroupName: 'editors', Description: 'old' }], [{ name: 'admins' }, { name: 'editors', description: 'new' }], onTestFinished);
    mkdirSync(join(s.dir, 'out'));
    const planned = await s.run({ 'plan-file': 'out/reviewed.json' }, { event: 'push' });
    expect(planned.outputs['plan-file']).toBe(join(s.dir, 'out', 'reviewed.json'));
    // Apply on a pull request event (as on merge): the comment input is for plans only.
    const applied = await s.run({ command: 'apply', 'plan-file': 'out/reviewed.json', comment: 'always' });
    expect(applied.log).not.toContain('::error::');
    expect(applied.code).toBe(0);
    expect(applied.outputs).toEqual({ 'exit-code': '0', 'has-changes': 'false', 'plan-file': '' });
    expect(applied.summary).toContain('**Apply complete: 1 added, 1 changed, 0 replaced, 0 deleted.**');
    // One create, and the apply's lease (the Action runs the CLI, which takes one).
    expect(s.emulator.calls('CreateGroup')).toBe(1 + 1);

    const stale = await s.run({ command: 'apply', 'plan-file': 'out/reviewed.json' }, { event: 'push' });
    expect(stale.code).toBe(1);
    expect(stale.outputs['exit-code']).toBe('1');
    expect(stale.log).toContain('error: stale plan');
    expect(stale.log).toContain('::error::cognito-groups apply failed (exit 1)\n');
    // The CLI's own report of the refusal: why, and which groups.
    expect(stale.summary).toContain('### Apply refused\n\n> [!CAUTION]\n> stale plan: 2 group(s) the plan touches changed since it was made');
    expect(stale.summary).toContain('"editors" changed since the plan: description "old" -> "new"');
    // Nothing more but the stale run's lease, taken before its staleness check and released.
    expect(s.emulator.calls('CreateGroup')).toBe(1 + 2);
    expect(s.emulator.calls('DeleteGroup')).toBe(2);
    expect(s.github.requests).toEqual([]);
  });

  it('drift: 0 in sync; 2 fails the step, unless fail-on-drift is false', async ({ onTestFinished }) => {
    const s = await scenario([{ GroupName: 'admins' }], [{ name: 'admins' }], onTestFinished);
    const inSync = await s.run({ command: 'drift' }, { event: 'schedule' });
    expect(inSync.code).toBe(0);
    expect(inSync.outputs).toEqual({ 'exit-code': '0', 'has-changes': 'false', 'plan-file': '' });
    expect(inSync.summary).toContain('### cognito-groups drift for');

    s.writeGroups([{ name: 'admins', description: 'changed in the file' }]);
    const [drifted, reported] = await Promise.all([s.run({ command: 'drift' }, { event: 'schedule' }), s.run({ command: 'drift', 'fail-on-drift': 'false' }, { event: 'schedule' })]);
    expect(drifted.code).toBe(1);
    expect(drifted.outputs).toEqual({ 'exit-code': '2', 'has-changes': 'true', 'plan-file': '' });
    expect(drifted.log).toContain('::error::cognito-groups drift: the pools differ from the file (exit 2)\n');
    expect(drifted.summary).toContain('| drifted | `admins` |');
    expect(reported.code).toBe(0);
    expect(reported.outputs['has-changes']).toBe('true');
    expect(reported.log).not.toContain('::error::');
  });

  it('runs in working-directory, and names the file from the workspace in the comment marker', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    mkdirSync(join(s.dir, 'infra'));
    renameSync(join(s.dir, 'groups.yaml'), join(s.dir, 'infra', 'groups.yaml'));
    const run = await s.run({ 'working-directory': 'infra' });
    expect(run.code).toBe(0);
    expect(run.outputs['plan-file']).toBe(join(s.dir, 'infra', 'cognito-groups-plan.json'));
    expect(existsSync(run.outputs['plan-file'] ?? '')).toBe(true);
    expect(s.github.comments(PR_NUMBER)[0]?.body.split('\n')[0]).toBe('<!-- cognito-groups:plan file=infra/groups.yaml -->');

    const missing = await s.run({ 'working-directory': 'nowhere' });
    expect(missing.code).toBe(1);
    expect(missing.log).toContain('::error::working-directory "nowhere": no such directory');
    expect(missing.outputs).toEqual({});
  });

  it('refuses bad inputs before running anything, naming every problem', async ({ onTestFinished }) => {
    const s = await scenario([], [{ name: 'admins' }], onTestFinished);
    const run = await s.run({ command: 'destroy', comment: 'sometimes', args: `${s.target} --format json -f other.yaml` });
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({});
    expect(run.log).toContain('::error::invalid action inputs: 4 problems');
    for (const problem of ['command: "destroy" is not allowed; expected one of plan, apply, drift', 'comment: "sometimes" is not allowed', 'args: "--format" is set by the action', 'args: "-f" is set by the action; use the `file` input']) {
      expect(run.log).toContain(problem);
    }
    expect(s.emulator.calls('ListGroups')).toBe(0);
    expect(s.github.requests).toEqual([]);
  });
});
