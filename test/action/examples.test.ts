// The example workflows use the action as action.yml declares it: known inputs only, third-party
// actions pinned by commit, least permissions, a concurrency group per environment, the plan handed
// from the plan job to the apply job, and nothing installed from the npm registry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../../src/faces/github/inputs.js';
import { ROOT } from '../integration/servers.js';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { strategy: { matrix: { environment: string[] } }; concurrency: { group: string; 'cancel-in-progress'?: boolean }; steps: Step[] }>;
}

const DIR = join(ROOT, 'examples', 'github-actions');
const ACTION = 'OWNER/cognito-groups@<sha>';
const NAMES = ['plan', 'apply', 'drift'] as const;
const texts = Object.fromEntries(NAMES.map((n) => [n, readFileSync(join(DIR, `cognito-groups-${n}.yml`), 'utf8')])) as Record<(typeof NAMES)[number], string>;
const workflows = Object.fromEntries(NAMES.map((n) => [n, parse(texts[n], { uniqueKeys: true }) as Workflow])) as Record<(typeof NAMES)[number], Workflow>;
const job = (n: (typeof NAMES)[number]) => Object.values(workflows[n].jobs)[0]!;
const ours = (n: (typeof NAMES)[number]): Step => job(n).steps.find((s) => s.uses === ACTION)!;

describe('example workflows', () => {
  it.each(NAMES)('%s: runs the action with declared inputs, the command and the matrix environment', (name) => {
    const step = ours(name);
    expect(step.with?.command).toBe(name);
    expect(step.with?.environment).toBe('${{ matrix.environment }}');
    for (const key of Object.keys(step.with ?? {})) expect(INPUT_NAMES).toContain(key);
    expect(job(name).strategy.matrix.environment).toEqual(['dev', 'prod']);
    expect(texts[name]).toContain('# Pin a full commit SHA of the cognito-groups repository');
  });

  it.each(NAMES)('%s: pins every third-party action by commit, and installs nothing from npm', (name) => {
    for (const [, ref, rest] of texts[name].matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)) {
      if (ref === ACTION) continue;
      expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(rest).toMatch(/^\s+# v\d+\.\d+\.\d+$/);
    }
    expect(texts[name]).not.toMatch(/npm (install|i)\b|npx |setup-node/);
  });

  it('asks for the least permissions each job needs', () => {
    expect(workflows.plan.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
    expect(workflows.apply.permissions).toEqual({ contents: 'read', 'id-token': 'write', actions: 'read' });
    expect(workflows.drift.permissions).toEqual({ contents: 'read', 'id-token': 'write', issues: 'write' });
  });

  it('never overlaps two applies to one environment, and cancels superseded plans of a pull request', () => {
    expect(job('apply').concurrency).toEqual({ group: 'cognito-groups-apply-${{ matrix.environment }}', 'cancel-in-progress': false });
    expect(job('plan').concurrency).toEqual({ group: 'cognito-groups-plan-${{ github.event.pull_request.number }}-${{ matrix.environment }}', 'cancel-in-progress': true });
  });

  it('hands the saved plan from the plan job to the apply job by artifact, downloaded by the head commit', () => {
    const upload = job('plan').steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: 'cognito-groups-plan-${{ matrix.environment }}', path: '${{ steps.plan.outputs.plan-file }}' });
    const download = job('apply').steps.find((s) => s.run?.includes('gh run download'));
    expect(download?.run).toContain('--commit "$HEAD_SHA"');
    expect(texts.apply).toContain('ARTIFACT: cognito-groups-plan-${{ matrix.environment }}');
    expect(texts.apply).toContain('HEAD_SHA: ${{ github.event.pull_request.head.sha }}');
    expect(ours('apply').with?.['plan-file']).toBe('reviewed-plan/cognito-groups-plan.json');
    expect(ours('apply').with?.file).toBe('groups.yaml');
  });

  it('keeps the three IAM policies', () => {
    for (const name of NAMES) {
      const policy = JSON.parse(readFileSync(join(DIR, `iam-${name}-policy.json`), 'utf8')) as { Statement: Array<{ Action: string | string[] }> };
      expect(policy.Statement.flatMap((s) => s.Action)).toContain('cognito-idp:ListGroups');
    }
  });
});
