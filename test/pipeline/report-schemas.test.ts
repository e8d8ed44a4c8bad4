// The JSON reports match their schemas (schema/apply.schema.json, schema/drift.schema.json), which
// sit beside the plan's: what a job reads is defined, and a change to it is seen.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import applySchema from '../../schema/apply.schema.json' with { type: 'json' };
import driftSchema from '../../schema/drift.schema.json' with { type: 'json' };
import planSchema from '../../schema/plan.schema.json' with { type: 'json' };
import { groupsYaml, ROLE, setup, writeIn } from './helpers.js';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false });
ajv.addSchema(planSchema);
const validApply = ajv.compile(applySchema);
const validDrift = ajv.compile(driftSchema);

function expectValid(validate: ReturnType<typeof ajv.compile>, doc: unknown): void {
  const ok = validate(doc);
  expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

describe('report schemas', () => {
  it('describe the apply report of an apply, a refusal and nothing to do, and the drift report with every kind of finding', async () => {
    const P = 'eu-west-1_Schema1';
    const env = await setup({ [P]: [{ GroupName: 'editors', Description: 'old' }, { GroupName: 'ops', RoleArn: ROLE }, { GroupName: 'legacy' }] });
    env.emulator.seedProviderGroup(P, 'Google', { RoleArn: ROLE });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins' }, { name: 'editors', description: 'new' }, { name: 'ops' }] }]));

    const drift = await env.cli(['drift', '-f', file, '--format', 'json']);
    expect(drift.code).toBe(2);
    const d = JSON.parse(drift.stdout);
    expect(d.summary).toMatchObject({ drifted: 2, missing: 1, alerts: 1, unmanaged: 1, providerGroups: 1 });
    expectValid(validDrift, d);

    const refused = await env.cli(['apply', '-f', file, '--auto-approve', '--format', 'json']);
    expect(refused.code).toBe(1);
    expectValid(validApply, JSON.parse(refused.stdout));

    const applied = await env.cli(['apply', '-f', file, '--auto-approve', '--allow-replace', '--format', 'json']);
    expect(applied.code).toBe(0);
    const a = JSON.parse(applied.stdout);
    expect(a.summary).toMatchObject({ added: 1, changed: 1, replaced: 1 });
    expectValid(validApply, a);

    const nothing = await env.cli(['apply', '-f', file, '--auto-approve', '--format', 'json']);
    expect(nothing.code).toBe(0);
    expectValid(validApply, JSON.parse(nothing.stdout));
    // A schema that accepted anything would pass all of the above: it does not.
    expect(validApply({ ...a, summary: { ...a.summary, added: -1 } })).toBe(false);
    expect(validDrift({ ...d, extra: true })).toBe(false);
  });
});
