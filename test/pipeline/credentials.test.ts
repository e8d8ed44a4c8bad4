// The credentials check through the command line against the emulator: a plan warns of a roleArn that
// names no role or whose role trusts another identity pool (file and line, JSON field), says what it
// could not check when denied and goes on, makes none of the identity pool reads for a plan that
// changes no claim, and skips all of it with --no-credentials-check; drift reports a role deleted since.
import { describe, expect, it } from 'vitest';
import { groupsYaml, setup, writeIn } from './helpers.js';

const POOL = 'eu-west-1_Creds1';
const ARN = (n: string): string => `arn:aws:iam::000000000000:role/${n}`;
const FILE = groupsYaml([
  {
    id: POOL,
    groups: [
      { name: 'admins', precedence: 0, roleArn: ARN('AppAdmin') },
      { name: 'editors', precedence: 5, roleArn: ARN('AppEditor') },
      { name: 'ghosts', precedence: 9, roleArn: ARN('Gone') },
    ],
  },
]);
const trust = (aud: string): object => ({ Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': aud } } }] });

describe('the credentials check from the command line', () => {
  it('plan warns of a missing role and a role that trusts another identity pool, in text, JSON and Markdown; reads no identity pool when no claim changes', async () => {
    const env = await setup({ [POOL]: [] });
    env.emulator.createRole('AppAdmin', trust('eu-west-1:11111111-0000-0000-0000-000000000000'));
    env.emulator.createRole('AppEditor', { Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] });
    writeIn(env.dir, 'groups.yaml', FILE);
    env.emulator.resetStats();
    const text = await env.cli(['plan', '-f', 'groups.yaml']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Warning: groups.yaml:13:18: group "ghosts" in eu-west-1_Creds1: role arn:aws:iam::000000000000:role/Gone: no such role in IAM');
    // No identity pool was found (none was read: nothing's claims change), so only Cognito's trust is judged.
    expect(text.stdout).not.toContain('"admins" in eu-west-1_Creds1: role');
    expect(env.calls('GetRole')).toBe(3);
    expect(env.calls('ListIdentityPools')).toBe(0);
    const json = JSON.parse((await env.cli(['plan', '-f', 'groups.yaml', '--format', 'json'])).stdout) as { credentials: { roleWarnings: Array<{ group: string; problem: string; line: number }> } };
    expect(json.credentials.roleWarnings.map((w) => [w.group, w.problem, w.line])).toEqual([['ghosts', 'missing', 13]]);
    const md = await env.cli(['plan', '-f', 'groups.yaml', '--format', 'markdown']);
    expect(md.stdout).toContain('group `ghosts` in `eu-west-1_Creds1`: role `arn:aws:iam::000000000000:role/Gone`: no such role in IAM');
  });

  it('says what it could not check when IAM denies GetRole, and goes on; --no-credentials-check reads nothing', async () => {
    const env = await setup({ [POOL]: [] });
    writeIn(env.dir, 'groups.yaml', FILE);
    env.emulator.setAccess({ deny: [{ operation: 'GetRole' }] });
    const denied = await env.cli(['plan', '-f', 'groups.yaml']);
    expect(denied.code, denied.stderr).toBe(0);
    expect(denied.stdout).toMatch(/^Not checked \(the plan goes on\): role arn:aws:iam::000000000000:role\/AppAdmin \(GetRole AppAdmin \(IAM\): access denied \(AccessDenied: .*iam:GetRole/m);
    expect(denied.stdout).toContain('Plan: 3 to add');
    env.emulator.resetStats();
    const skipped = await env.cli(['plan', '-f', 'groups.yaml', '--no-credentials-check', '--format', 'json']);
    expect(skipped.code).toBe(0);
    expect(env.calls('GetRole')).toBe(0);
    expect((JSON.parse(skipped.stdout) as { credentials?: unknown }).credentials).toBeUndefined();
  });

  it('drift reports a role the file names that was deleted since, and leaves the exit code to the groups', async () => {
    const env = await setup({ [POOL]: [{ GroupName: 'admins', Precedence: 0, RoleArn: ARN('AppAdmin') }, { GroupName: 'editors', Precedence: 5, RoleArn: ARN('AppEditor') }, { GroupName: 'ghosts', Precedence: 9, RoleArn: ARN('Gone') }] });
    env.emulator.createRole('AppAdmin', trust('eu-west-1:x'));
    env.emulator.createRole('AppEditor', trust('eu-west-1:x'));
    writeIn(env.dir, 'groups.yaml', FILE);
    const drift = await env.cli(['drift', '-f', 'groups.yaml', '--no-attribution']);
    expect(drift.code, drift.stderr).toBe(0);
    expect(drift.stdout).toContain('Warning: groups.yaml:13:18: group "ghosts" in eu-west-1_Creds1: role arn:aws:iam::000000000000:role/Gone: no such role in IAM');
    const json = JSON.parse((await env.cli(['drift', '-f', 'groups.yaml', '--no-attribution', '--format', 'json'])).stdout) as { formatVersion: number; roleWarnings: Array<{ group: string; problem: string }> };
    expect(json.formatVersion).toBe(5);
    expect(json.roleWarnings.map((w) => [w.group, w.problem])).toEqual([['ghosts', 'missing']]);
    const md = await env.cli(['drift', '-f', 'groups.yaml', '--no-attribution', '--format', 'markdown']);
    expect(md.stdout).toContain('**Roles the file names that cannot work**');
  });
});
