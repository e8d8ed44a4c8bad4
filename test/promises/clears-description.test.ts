// "For each listed group the file is the whole truth ... a description in the pool but not in the
// file is cleared", and "UpdateGroup always sends every managed field, so the result is the same
// whether Cognito keeps or resets omitted fields". The emulator keeps an omitted Description, as
// Cognito does, so only an UpdateGroup that sends an empty Description clears it.
import { GetGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { groupsYaml, setup, writeIn } from '../pipeline/helpers.js';

const POOL = 'eu-west-1_Clear1';

describe('a description the file leaves out', () => {
  it('is cleared by apply, and the next plan has no changes', async () => {
    const env = await setup({ [POOL]: [{ GroupName: 'ops', Description: 'Operators', Precedence: 3 }] });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'ops', precedence: 3 }] }]));

    const planned = await env.cli(['plan', '-f', file]);
    expect(planned.stdout).toContain('~ update "ops"');
    expect(planned.stdout).toContain('description: "Operators" -> (none)');

    const applied = await env.cli(['apply', '-f', file, '--auto-approve']);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 0 added, 1 changed, 0 replaced, 0 deleted.');
    expect(env.calls('UpdateGroup')).toBe(1);

    const group = (await env.client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'ops' }))).Group;
    expect(group?.Description).toBeUndefined();
    expect(group?.Precedence).toBe(3);

    const again = await env.cli(['plan', '-f', file, '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n').at(-1)).toBe('No changes.');
  });
});
