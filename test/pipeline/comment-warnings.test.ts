// What validation warns about on stderr reaches the pull-request comment too: a reviewer reads the
// comment, not the job log.
import { describe, expect, it } from 'vitest';
import { groupsYaml, setup, writeIn } from './helpers.js';

const POOL = 'eu-west-1_Warn1';

describe('plan --format markdown with a warning in the groups file', () => {
  it('shows the precedence tie in the comment, as on stderr, before the changes', async () => {
    const env = await setup({ [POOL]: [] });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [
      { name: 'admins', precedence: 1, roleArn: 'arn:aws:iam::123456789012:role/Admin' },
      { name: 'auditors', precedence: 1, roleArn: 'arn:aws:iam::123456789012:role/Audit' },
    ] }]));
    const run = await env.cli(['plan', '-f', file, '--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('precedence 1 is also used by "admins" with a different roleArn; users in both get no cognito:preferred_role');
    const md = run.stdout;
    expect(md).toMatch(/> \[!WARNING\]\n> The groups file has 1 warning:\n> - .*groups\.yaml:\d+:\d+: userPools\\\[0\\\]\.groups\\\[1\\\]\.precedence: precedence 1 is also used by "admins" with a different roleArn; users in both get no cognito:preferred\\_role\n/);
    expect(md.indexOf('The groups file has 1 warning')).toBeLessThan(md.indexOf('| Group |'));
  });
});
