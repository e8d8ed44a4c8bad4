// Plan files that are not usable are refused with one clear line and exit 1, by apply and by show.
import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlanDocument, checksumOf } from '../../src/core/saved-plan/build.js';
import { parsePlanDocument } from '../../src/edge/files/read-saved-plan.js';
import type { PlanDocument } from '../../src/core/saved-plan/model.js';
import type { Plan } from '../../src/core/plan/model.js';
import { CgError } from '../../src/core/errors.js';
import { groupsYaml, setup, writeIn, type CliRun, type Env } from './helpers.js';

const POOL = 'eu-west-1_Corrupt1';

/** A valid saved plan (one create, one update) made by the CLI. */
async function validPlan(): Promise<Env & { planText: string }> {
  const env = await setup({ [POOL]: [{ GroupName: 'editors', Description: 'old' }] });
  const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'admins', precedence: 1 }, { name: 'editors', description: 'new' }] }]));
  const run = await env.cli(['plan', '-f', file, '--out', `${env.dir}/good.json`]);
  expect(run.code).toBe(0);
  return { ...env, planText: readFileSync(`${env.dir}/good.json`, 'utf8') };
}

/** Expects exactly one `error: ...` line on stderr, nothing on stdout, exit 1; returns the line. */
function refused(run: CliRun): string {
  expect(run.stderr).not.toContain('\n    at ');
  expect(run.stderr).not.toContain('internal error');
  expect(run.stdout).toBe('');
  expect(run.code).toBe(1);
  expect(run.stderr.endsWith('\n')).toBe(true);
  const lines = run.stderr.slice(0, -1).split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  return lines[0] ?? '';
}

const edit = (text: string, f: (doc: Record<string, any>) => void): string => {
  const doc = JSON.parse(text) as Record<string, any>;
  f(doc);
  return `${JSON.stringify(doc, null, 2)}\n`;
};

/** Each corruption and the reason the error must give. */
function corruptions(good: string): Array<{ name: string; text: string; reason: RegExp }> {
  return [
    { name: 'truncated', text: good.slice(0, Math.floor(good.length / 2)), reason: /not valid JSON \(.+\), perhaps truncated/ },
    { name: 'hand-edited', text: good.replace('"description": "new"', '"description": "newer"'), reason: /its checksum does not match its content, so it was edited after it was written/ },
    { name: 'version-6', text: edit(good, (d) => (d.formatVersion = 6)), reason: /format version 6, this tool reads version 5 \(written by cognito-groups \d+\.\d+\.\d+[^)]*\)/ },
    { name: 'wrong-kind', text: edit(good, (d) => (d.kind = 'cognito-groups-drift')), reason: /"kind" is "cognito-groups-drift", expected "cognito-groups-plan"/ },
    { name: 'no-kind', text: '{"formatVersion": 1}', reason: /"kind" is undefined, expected "cognito-groups-plan"/ },
    { name: 'schema', text: edit(good, (d) => (d.pools[0].changes[0].action = 'move')), reason: /\/pools\/0\/changes\/0\/action must be equal to one of the allowed values/ },
    { name: 'array', text: '[1, 2]\n', reason: /not a JSON object/ },
    { name: 'not-json', text: 'this is not a plan', reason: /not valid JSON \(.+\)/ },
  ];
}

describe('corrupt plan files', () => {
  it('apply and show refuse each kind of unusable file with one line naming the file and why, and call nothing', async () => {
    const env = await validPlan();
    const cases = corruptions(env.planText);
    // The edits really change the files (so each case can fail).
    for (const c of cases) expect(c.text).not.toBe(env.planText);
    env.emulator.resetStats();
    const runs = await Promise.all(
      cases.map(async (c) => {
        const path = writeIn(env.dir, `${c.name}.json`, c.text);
        // show reads plans the same way; check it on a few to keep the run short.
        const withShow = ['truncated', 'hand-edited', 'version-4', 'not-json'].includes(c.name);
        const [apply, show] = await Promise.all([env.cli(['apply', path]), withShow ? env.cli(['show', path, '--format', 'markdown']) : undefined]);
        return { c, path, apply, show };
      }),
    );
    for (const { c, path, apply, show } of runs) {
      for (const run of show === undefined ? [apply] : [apply, show]) {
        const line = refused(run);
        expect(line.startsWith(`error: ${path}: not a usable cognito-groups plan: `), `${c.name}: ${line}`).toBe(true);
        expect(line, c.name).toMatch(c.reason);
        expect(line, c.name).toContain(`; make a new one with \`cognito-groups plan --out ${path}\``);
      }
    }
    expect(env.emulator.stats().totals.calls).toBe(0);
  });

  it('refuses a missing file and a directory with one line', async () => {
    const env = await validPlan();
    mkdirSync(`${env.dir}/adir`);
    const [missingApply, missingShow, dirApply] = await Promise.all([
      env.cli(['apply', `${env.dir}/nope.json`]),
      env.cli(['show', `${env.dir}/nope.json`]),
      env.cli(['apply', `${env.dir}/adir`]),
    ]);
    expect(refused(missingApply)).toBe(`error: ${env.dir}/nope.json: cannot read the plan file (no such file)`);
    expect(refused(missingShow)).toBe(`error: ${env.dir}/nope.json: cannot read the plan file (no such file)`);
    expect(refused(dirApply)).toBe(`error: ${env.dir}/adir: cannot read the plan file (EISDIR)`);
  });

  // Regression: the error stays one line whatever JSON.parse says. On Node 20 its message quotes the
  // text around the fault, newlines included, and was once put in the error as is, so a plan broken in
  // its middle (or a short non-JSON file ending in a newline) got an error of several lines.
  it('keeps the error on one line when the JSON is broken in the middle of a line-broken file', async () => {
    const env = await validPlan();
    const broken = writeIn(env.dir, 'broken.json', env.planText.replace('"add": 1', '"add": one'));
    const notJson = writeIn(env.dir, 'notjson.txt', 'not a plan\n');
    const [a, b] = await Promise.all([env.cli(['apply', broken]), env.cli(['show', notJson])]);
    expect(refused(a)).toMatch(/not a usable cognito-groups plan: not valid JSON/);
    expect(refused(b)).toMatch(/not a usable cognito-groups plan: not valid JSON/);
  });
});

describe('parsePlanDocument', () => {
  const plan: Plan = {
    pools: [
      {
        userPoolId: POOL,
        region: 'eu-west-1',
        listed: 1,
        changes: [
          { action: 'create', name: 'admins', after: { precedence: 1 } },
          { action: 'update', name: 'editors', before: { description: 'old' }, after: { description: 'new' }, fields: [{ field: 'description', before: 'old', after: 'new' }] },
        ],
        unchanged: [],
        unmanaged: [],
      },
    ],
  };
  const doc = buildPlanDocument({ plan, observed: new Map([[POOL, [{ name: 'editors', description: 'old' }]]]) }, {
    toolVersion: '9.9.9',
    createdAt: new Date('2030-01-02T03:04:05.678Z'),
    desiredFile: { path: 'groups.yaml', text: 'version: 1\n' },
    target: 'local-emulator',
    summaryText: 'Plan: 0 to add, 1 to change, 0 to replace, 0 to delete.',
  });
  const good = `${JSON.stringify(doc, null, 2)}\n`;

  const reason = (text: string): string => {
    try {
      parsePlanDocument(text, 'p.json');
    } catch (err) {
      expect(err).toBeInstanceOf(CgError);
      expect((err as CgError).code).toBe('PLAN_FILE_INVALID');
      return (err as CgError).message;
    }
    throw new Error('expected the plan to be refused');
  };

  it('accepts what buildPlanDocument writes, unchanged', () => {
    expect(parsePlanDocument(good, 'p.json')).toEqual(doc);
    expect(doc.checksum).toBe(checksumOf(doc));
  });

  it('refuses every corruption with PLAN_FILE_INVALID', () => {
    for (const c of corruptions(good)) {
      if (c.name === 'version-4') continue; // the tool version differs here
      expect(reason(c.text), c.name).toMatch(new RegExp(`^p\\.json: not a usable cognito-groups plan: ${c.reason.source}`));
    }
    expect(reason(edit(good, (d) => (d.formatVersion = 2)))).toContain('format version 2, this tool reads version 5 (written by cognito-groups 9.9.9)');
  });

  it('refuses a document with a valid checksum that breaks the schema', () => {
    const withChecksum = (f: (d: Record<string, any>) => void): string => {
      const d = JSON.parse(good) as Record<string, any>;
      f(d);
      d.checksum = checksumOf(d);
      return JSON.stringify(d);
    };
    expect(reason(withChecksum((d) => (d.extra = true)))).toContain('(document) must NOT have additional properties');
    expect(reason(withChecksum((d) => (d.pools[0].userPoolId = 'no pool id')))).toContain('/pools/0/userPoolId must match pattern');
    expect(reason(withChecksum((d) => (d.pools[0].changes[1].fields = [])))).toContain('/pools/0/changes/1/fields must NOT have fewer than 1 items');
    expect(reason(withChecksum((d) => (d.desiredFile.sha256 = 'abc')))).toContain('/desiredFile/sha256 must match pattern');
    expect(reason(withChecksum((d) => delete d.createdAt))).toContain("(document) must have required property 'createdAt'");
    // And a legitimate re-checksummed edit passes: the checksum guards against edits, the schema against nonsense.
    const edited = parsePlanDocument(withChecksum((d) => (d.pools[0].changes[0].after.precedence = 2)), 'p.json') as PlanDocument;
    expect(edited.pools[0]?.changes[0]).toEqual({ action: 'create', name: 'admins', after: { precedence: 2 } });
  });

  it('refuses any single changed value through the checksum', () => {
    const paths: Array<(d: Record<string, any>) => void> = [
      (d) => (d.createdAt = '2030-01-02T03:04:05.679Z'),
      (d) => (d.toolVersion = '9.9.8'),
      (d) => (d.target = 'aws'),
      (d) => (d.desiredFile.path = 'other.yaml'),
      (d) => (d.summary.add = 2),
      (d) => (d.pools[0].listed = 2),
      (d) => (d.pools[0].listingDigest = `sha256:${'0'.repeat(64)}`),
      (d) => (d.pools[0].observed[0].description = 'older'),
      (d) => d.pools[0].changes.pop(),
    ];
    for (const p of paths) expect(reason(edit(good, p))).toContain('its checksum does not match its content');
  });
});
