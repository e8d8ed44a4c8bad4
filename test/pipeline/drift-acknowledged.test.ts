// Acknowledged drift end to end: the CLI reads `acknowledge:` from the groups file, drift lists the
// difference apart (exit 0) until its date and as drift again after it (exit 2), reports stale
// acknowledgements, plan marks the acknowledged changes it would revert, and the JSON report is valid.
import { UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Ajv } from 'ajv';
import { describe, it } from 'vitest';
import driftSchema from '../../schema/drift.schema.json' with { type: 'json' };
import { setup, writeIn, type Finish } from './helpers.js';

const P = 'eu-west-1_Ack2';
const validDrift = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false }).compile(driftSchema);

/** A date `days` from today (UTC), as YYYY-MM-DD. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function drifted(finish: Finish, acknowledge: string) {
  const env = await setup({ [P]: [{ GroupName: 'editors', Description: 'Editors', Precedence: 10 }] }, finish);
  await env.client.send(new UpdateGroupCommand({ UserPoolId: P, GroupName: 'editors', Description: 'Editors', Precedence: 11 }));
  const file = writeIn(env.dir, 'groups.yaml', `version: 1\nuserPools:\n  - id: ${P}\n    groups:\n      - name: editors\n        description: Editors\n        precedence: 10\n        acknowledge:\n${acknowledge}`);
  return { ...env, file, drift: (format = 'text') => env.cli(['drift', '-f', file, '--format', format]) };
}

describe.concurrent('acknowledged drift through the CLI', () => {
  it('before its date: listed with its reason and days left, exit 0; plan still shows the revert, marked as acknowledged', async ({ expect, onTestFinished }) => {
    const until = inDays(10);
    const env = await drifted(onTestFinished, `          - field: precedence\n            reason: "moving to the new roles (OPS-12)"\n            until: ${until}\n`);
    const [text, json, md, plan, planMd] = await Promise.all([env.drift(), env.drift('json'), env.drift('markdown'), env.cli(['plan', '-f', env.file]), env.cli(['plan', '-f', env.file, '--format', 'markdown'])]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain(`  = acknowledged "editors" precedence: expected 10, found 11 (until ${until}, 10 days left): "moving to the new roles (OPS-12)"\n`);
    expect(text.stdout).toContain('In sync: the pools match the file. 1 acknowledged difference, 0 unmanaged groups, 0 provider groups.');
    const doc = JSON.parse(json.stdout);
    expect(json.code).toBe(0);
    expect(validDrift(doc), JSON.stringify(validDrift.errors)).toBe(true);
    expect(doc).toMatchObject({ formatVersion: 5, inSync: true, summary: { drifted: 0, acknowledged: 1, expired: 0, stale: 0 } });
    expect(doc.pools[0].acknowledged).toEqual([{ name: 'editors', field: 'precedence', reason: 'moving to the new roles (OPS-12)', until, daysLeft: 10, expected: 10, actual: 11 }]);
    expect(md.stdout).toContain(`| acknowledged | \`editors\` | precedence: expected \`10\`, found \`11\`<br>until ${until}, 10 days left: moving to the new roles (OPS-12) |`);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to replace, 0 to delete.');
    expect(plan.stdout).toContain(`Acknowledged drift this plan reverts (the file acknowledges it; apply reverts it all the same):\n  ~ "editors" precedence (acknowledged until ${until}, 10 days left): "moving to the new roles (OPS-12)"\n`);
    expect(planMd.stdout).toContain(`> - \`editors\` precedence, acknowledged until ${until}, 10 days left: moving to the new roles (OPS-12)`);
  });

  it('apply shows the revert marked as acknowledged too, from the file and from a saved plan given the file', async ({ expect, onTestFinished }) => {
    const until = inDays(10);
    const marked = `Acknowledged drift this plan reverts (the file acknowledges it; apply reverts it all the same):\n  ~ "editors" precedence (acknowledged until ${until}, 10 days left): "migration"\n`;
    const ack = `          - field: precedence\n            reason: migration\n            until: ${until}\n`;
    const direct = await drifted(onTestFinished, ack);
    const applied = await direct.cli(['apply', '-f', direct.file, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Plan: 0 to add, 1 to change, 0 to replace, 0 to delete.\n\n${marked}`);
    expect(applied.stdout).toContain('Apply complete: 0 added, 1 changed');

    const saved = await drifted(onTestFinished, ack);
    const planFile = writeIn(saved.dir, 'plan.json', '');
    const made = await saved.cli(['plan', '-f', saved.file, '--out', planFile]);
    expect(made.code, made.stderr).toBe(0);
    const withFile = await saved.cli(['apply', planFile, '-f', saved.file]);
    expect(withFile.code, withFile.stderr).toBe(0);
    expect(withFile.stdout).toContain(marked);
  });

  it('on its date it is drift again and says the acknowledgement ended; validate warns with file, line and field', async ({ expect, onTestFinished }) => {
    const until = inDays(0);
    const env = await drifted(onTestFinished, `          - field: precedence\n            reason: migration\n            until: ${until}\n`);
    const [text, json, validate] = await Promise.all([env.drift(), env.drift('json'), env.cli(['validate', '-f', env.file])]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stderr).toContain(`warning: ${env.file}:11:20: userPools[0].groups[0].acknowledge[0].until: acknowledgement ended on ${until}: drift reports this difference again; remove the entry or give it a later date`);
    expect(text.stdout).toContain(`  ~ drifted   "editors"\n      precedence: expected 10, found 11\n      acknowledgement of precedence ended on ${until} ("migration"): drift again\n`);
    const doc = JSON.parse(json.stdout);
    expect(validDrift(doc), JSON.stringify(validDrift.errors)).toBe(true);
    expect(doc.pools[0].drifted[0].expired).toEqual([{ field: 'precedence', reason: 'migration', until }]);
    expect(doc.summary).toMatchObject({ drifted: 1, acknowledged: 0, expired: 1 });
    expect(validate.code).toBe(0);
    expect(validate.stderr).toContain('acknowledgement ended on');
  });

  it('reports an acknowledgement that matches no difference as stale, and refuses a date more than a year ahead', async ({ expect, onTestFinished }) => {
    const env = await drifted(onTestFinished, `          - field: precedence\n            reason: r\n            until: ${inDays(5)}\n          - field: description\n            reason: left over\n            until: ${inDays(5)}\n`);
    const [text, json] = await Promise.all([env.drift(), env.drift('json')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`  ! stale     acknowledgement of description for "editors" (until ${inDays(5)}) matches no difference: remove it from the file\n`);
    expect(text.stdout).toContain('1 acknowledged difference, 1 stale acknowledgement, 0 unmanaged groups');
    expect(JSON.parse(json.stdout).pools[0].staleAcknowledgements).toEqual([{ name: 'editors', field: 'description', reason: 'left over', until: inDays(5), ended: false }]);
    const far = writeIn(env.dir, 'far.yaml', `version: 1\nuserPools:\n  - id: ${P}\n    groups:\n      - name: editors\n        acknowledge:\n          - { field: precedence, reason: r, until: ${inDays(400)} }\n`);
    const refused = await env.cli(['drift', '-f', far]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`userPools[0].groups[0].acknowledge[0].until: ${inDays(400)} is more than a year ahead (400 days)`);
  });
});
