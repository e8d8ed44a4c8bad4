// Inputs as GitHub passes them (INPUT_NAME, dashes kept), checked all at once; the CLI's arguments
// built as an array, the user's `args` split on whitespace and never evaluated.
import { describe, expect, it } from 'vitest';
import { cliArguments } from '../../src/faces/github/command-line.js';
import { inputVariable, readInputs } from '../../src/faces/github/inputs.js';

const env = (inputs: Record<string, string>): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));

describe('inputs', () => {
  it('uses GitHub\'s variable names, dashes kept', () => {
    expect(inputVariable('plan-file')).toBe('INPUT_PLAN-FILE');
    expect(inputVariable('github-token')).toBe('INPUT_GITHUB-TOKEN');
  });

  it('fills in the defaults of empty inputs', () => {
    expect(readInputs(env({ command: 'plan', file: ' ', comment: '' }))).toEqual({
      command: 'plan',
      file: 'groups.yaml',
      environment: undefined,
      planFile: 'cognito-groups-plan.json',
      args: [],
      githubToken: '',
      comment: 'on-changes',
      failOnDrift: true,
      driftIssue: true,
      driftIssueLabels: ['cognito-groups-drift'],
      workingDirectory: '.',
    });
  });

  it('reads the drift issue inputs: off, and labels split on commas', () => {
    const inputs = readInputs(env({ command: 'drift', 'drift-issue': 'false', 'drift-issue-labels': ' drift , ops,, ' }));
    expect(inputs).toMatchObject({ driftIssue: false, driftIssueLabels: ['drift', 'ops'] });
    expect(() => readInputs(env({ command: 'drift', 'drift-issue': 'maybe' }))).toThrow(expect.objectContaining({ details: ['drift-issue: "maybe" is not allowed; expected one of true, false'] }));
  });

  it('splits args on any whitespace and keeps shell syntax as literal text', () => {
    const inputs = readInputs(env({ command: 'drift', args: ' --max-rps 2\n\t--profile $(touch /tmp/pwned);`id` ' }));
    expect(inputs.args).toEqual(['--max-rps', '2', '--profile', '$(touch', '/tmp/pwned);`id`']);
  });

  it('refuses flags the action sets itself, and reports every problem at once', () => {
    const run = (): unknown => readInputs(env({ command: 'apply', args: '--format=json --out x -fother.yaml --file=y --env prod --detailed-exitcode --github-step-summary', 'fail-on-drift': 'yes', environment: '--local' }));
    expect(run).toThrow(expect.objectContaining({ code: 'USAGE', message: 'invalid action inputs: 9 problems' }));
    try {
      run();
    } catch (err) {
      expect((err as { details: string[] }).details).toEqual([
        'fail-on-drift: "yes" is not allowed; expected one of true, false',
        'args: "--format=json" is set by the action; use nothing: the action reads the Markdown format',
        'args: "--out" is set by the action; use the `plan-file` input',
        'args: "-fother.yaml" is set by the action; use the `file` input',
        'args: "--file=y" is set by the action; use the `file` input',
        'args: "--env" is set by the action; use the `environment` input',
        'args: "--detailed-exitcode" is set by the action; use nothing: the action always passes it to plan',
        'args: "--github-step-summary" is set by the action; use nothing: the action writes the job summary itself',
        'environment: "--local" must not start with "-"',
      ]);
    }
  });

  it('requires a command', () => {
    expect(() => readInputs({})).toThrow(expect.objectContaining({ details: ['command: required; expected one of plan, apply, drift'] }));
  });
});

describe('CLI arguments', () => {
  const base = readInputs(env({ command: 'plan', file: 'g.yaml', 'plan-file': 'p.json', environment: 'prod', args: '--max-rps 3' }));

  it('passes the environment as --env and the user args last, for each command', () => {
    expect(cliArguments(base)).toEqual(['plan', '-f', 'g.yaml', '--out', 'p.json', '--format', 'markdown', '--detailed-exitcode', '--env', 'prod', '--max-rps', '3']);
    // With a job summary, plan writes it itself (the full plan); apply and drift print theirs for the action to write.
    expect(cliArguments(base, { stepSummary: true })).toEqual(['plan', '-f', 'g.yaml', '--out', 'p.json', '--format', 'markdown', '--detailed-exitcode', '--github-step-summary', '--env', 'prod', '--max-rps', '3']);
    expect(cliArguments({ ...base, command: 'apply' }, { stepSummary: true })).not.toContain('--github-step-summary');
    expect(cliArguments({ ...base, command: 'apply' })).toEqual(['apply', 'p.json', '-f', 'g.yaml', '--format', 'markdown', '--env', 'prod', '--max-rps', '3']);
    expect(cliArguments({ ...base, command: 'drift', environment: undefined, args: [] })).toEqual(['drift', '-f', 'g.yaml', '--format', 'markdown']);
  });
});
