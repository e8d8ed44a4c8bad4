// One mistake, one line (issue 26, point 7): a value that breaks two rules is said once, an unknown
// placeholder is not also a pattern error, a syntax error points at a line the file has, a message
// is never cut inside its own aside, one --max-rps range for the command line and the file, import
// refuses a pool id that names no region, and counts take their plural.
import { describe, expect, it } from 'vitest';
import schema from '../../schema/groups.schema.json' with { type: 'json' };
import { formatDiagnostic } from '../../src/core/config/diagnostic.js';
import { MAX_RPS_RANGE, POOL_ID_PATTERN, REGION_PATTERN } from '../../src/core/config/model.js';
import { parseConfig } from '../../src/core/config/parse.js';
import { ProgressReporter } from '../../src/faces/cli/progress.js';
import { runInProcess, testIo } from '../cli-io.js';

function problems(text: string, env?: string): string[] {
  const r = parseConfig(text, 'groups.yaml', env === undefined ? {} : { env });
  if (r.ok) throw new Error('expected problems');
  return r.errors.map(formatDiagnostic);
}

const ONE_GROUP = (field: string) => `version: 1\nuserPools:\n  - id: eu-west-1_AbC123\n    groups:\n      - name: admins\n        ${field}\n`;

describe('one mistake, one line', () => {
  it('says roleArn: notanarn once (it is both too short and not an ARN)', () => {
    expect(problems(ONE_GROUP('roleArn: notanarn'))).toEqual([
      'groups.yaml:6:18: userPools[0].groups[0].roleArn: "notanarn" is not allowed; expected an IAM role ARN of 20..2048 characters such as arn:aws:iam::123456789012:role/Admins',
    ]);
  });

  it('says an unknown placeholder once, not also as a pattern error', () => {
    const text = [
      'version: 1',
      'environments:',
      '  dev:',
      '    account: "111111111111"',
      '    userPools: { main: eu-west-1_Dev123 }',
      'userPools:',
      '  - key: main',
      '    groups:',
      '      - name: admins',
      '        roleArn: arn:aws:iam::${account}:role/${stage}',
      '',
    ].join('\n');
    expect(problems(text)).toEqual(['groups.yaml:10:18: userPools[0].groups[0].roleArn: unknown placeholder "${stage}"; allowed: ${account}, ${env}, ${region}']);
  });

  it('points a malformed flow map at a line the file has', () => {
    const text = 'version: 1\nuserPools:\n  - id: eu-west-1_AbC123\n    groups:\n      - { name: admins, description: x\n';
    const found = problems(text);
    expect(found).toHaveLength(1);
    const line = Number(/^groups\.yaml:(\d+):/.exec(found[0] ?? '')?.[1]);
    expect(line).toBeLessThanOrEqual(text.trimEnd().split('\n').length);
    expect(found[0]).toMatch(/^groups\.yaml:5:\d+: \(file\): YAML syntax: Flow map/);
  });

  it('never cuts a message inside its parenthesised aside (members: alice)', () => {
    const [only] = problems(ONE_GROUP('members: alice'));
    expect(only).toBe(
      'groups.yaml:6:18: userPools[0].groups[0].members: "alice" is not allowed; expected the group\'s members, managed by this file: a list of usernames (exactly these users; others are removed) or {include: [...]} (these users are added; nobody is removed)',
    );
  });

  it('keeps the patterns and the maxRps range the code uses equal to the schema', () => {
    expect(schema.definitions.settings.properties.maxRps.minimum).toBe(MAX_RPS_RANGE.min);
    expect(schema.definitions.settings.properties.maxRps.maximum).toBe(MAX_RPS_RANGE.max);
    expect(schema.definitions.region.pattern).toBe(REGION_PATTERN.source);
    expect(schema.definitions.userPoolId.pattern).toBe(POOL_ID_PATTERN.source);
  });
});

describe('--max-rps takes the range settings.maxRps takes', () => {
  it.each(['0.01', '5000', '0', '-1', 'fast'])('refuses --max-rps %s before any call', async (value) => {
    const run = await runInProcess(['plan', '--local', '-f', 'missing.yaml', '--max-rps', value]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`option '--max-rps <n>' argument '${value}' is invalid. expected a number from 0.1 to 1000 (the same range as settings.maxRps)`);
  });
});

describe('import refuses a pool id that names no region', () => {
  // A groups file may name a pool of an emulator such as cognito-local (`local_AbC`), and so may import
  // with --endpoint-url; a pool id import sends to AWS must name a region.
  it('refuses foo_AbC123 for AWS without --region, and a --region that is not one', async () => {
    const run = await runInProcess(['import', '--user-pool-id', 'foo_AbC123'], { env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: --user-pool-id "foo_AbC123": the part before "_" ("foo") is not an AWS region such as eu-west-1; a user pool id is <region>_<letters and digits>; or give --region\n');
    const bad = await runInProcess(['import', '--user-pool-id', 'eu-west-1_AbC123', '--region', 'europe'], { env: {} });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: --region "europe": not an AWS region; expected one such as eu-west-1\n');
  });
});

describe('progress counts take their plural', () => {
  it('says 1 page and 1 pool, 2 pages and 2 pools', () => {
    let t = 0;
    const io = testIo({ stderrIsTTY: false });
    const p = new ProgressReporter(io, true, () => t);
    t = 6_000;
    p.read({ poolId: 'a', groups: 60, pages: 1, done: false });
    expect(io.stderr).toBe('reading: 60 groups in 1 page (10 groups/s), 1 pool still listing\n');
    t = 12_000;
    p.read({ poolId: 'b', groups: 1, pages: 1, done: false });
    expect(io.stderr.split('\n')[1]).toBe('reading: 61 groups in 2 pages (5 groups/s), 2 pools still listing');
  });
});
