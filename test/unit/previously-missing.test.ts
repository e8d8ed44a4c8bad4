// `previously:` naming a group the pool does not have (issue 26, point 3): the create says so, in the
// plan (text and JSON) and in drift, instead of being silently a plain create.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import driftSchema from '../../schema/drift.schema.json' with { type: 'json' };
import { driftOf } from '../../src/core/drift/compute.js';
import { changeJson } from '../../src/core/plan/canonical.js';
import { computePoolPlan } from '../../src/core/plan/compute.js';
import { driftDocument } from '../../src/faces/render/documents.js';
import { renderDriftText } from '../../src/faces/render/drift-text.js';
import { renderDriftMarkdown } from '../../src/faces/render/drift-markdown.js';
import { plainStyle } from '../../src/faces/render/style.js';
import { renderPlanText } from '../../src/faces/render/text.js';
import { buildPlanDocument } from '../../src/core/saved-plan/build.js';
import { parsePlanDocument } from '../../src/edge/files/read-saved-plan.js';
import { desired } from './plan-fixtures.js';

const POOL = 'eu-west-1_A';

describe('previously: naming a group that does not exist', () => {
  const pool = computePoolPlan(desired(POOL, [{ name: 'editors', previously: ['writers', 'authors'] }, { name: 'ops', previously: ['operators'] }]), [{ name: 'authors' }, { name: 'ops' }]);

  it('is a create that names the previous names with no group, in the plan model and its JSON', () => {
    const editors = pool.changes.find((c) => c.name === 'editors');
    // authors exists: a rename, nothing to note.
    expect(editors).toMatchObject({ action: 'rename', previousName: 'authors' });
    expect(editors).not.toHaveProperty('previouslyMissing');
    const alone = computePoolPlan(desired(POOL, [{ name: 'editors', previously: ['writers'] }]), []);
    expect(alone.changes).toEqual([{ action: 'create', name: 'editors', after: {}, previouslyMissing: ['writers'] }]);
    expect(changeJson(alone.changes[0]!)).toEqual({ action: 'create', name: 'editors', after: {}, previouslyMissing: ['writers'] });
    // The group already has its new name: the rename happened, the old name is rightly gone; no note.
    expect(pool.changes.find((c) => c.name === 'ops')).toBeUndefined();
    expect(pool.unchanged).toContain('ops');
  });

  it('is a valid saved plan that reads back with the note', () => {
    const plan = { pools: [computePoolPlan(desired(POOL, [{ name: 'editors', previously: ['writers'] }]), [])] };
    const doc = buildPlanDocument({ plan, observed: new Map([[POOL, []]]) }, { toolVersion: '0.0.0', createdAt: new Date(0), desiredFile: { path: 'groups.yaml', text: '' }, target: 'aws', summaryText: 'Plan: (summary)' });
    const read = parsePlanDocument(JSON.stringify(doc), 'plan.json');
    expect(read.pools[0]?.changes[0]).toMatchObject({ action: 'create', previouslyMissing: ['writers'] });
  });

  it('says so in the text plan: previously: "writers": no such group, creating', () => {
    const plan = { pools: [computePoolPlan(desired(POOL, [{ name: 'editors', previously: ['writers'] }]), [])] };
    expect(renderPlanText(plan, plainStyle)).toContain('  + create "editors"\n      note: previously: "writers": no such group, creating\n');
  });

  it('says so in drift, in text and JSON', () => {
    const plan = { pools: [computePoolPlan(desired(POOL, [{ name: 'editors', previously: ['writers', 'scribes'] }, { name: 'plain' }]), [])] };
    const report = driftOf(plan);
    expect(report.pools[0]?.previouslyMissing).toEqual([{ name: 'editors', previously: ['writers', 'scribes'] }]);
    const text = renderDriftText(report, plainStyle);
    expect(text).toContain('  + missing   "editors"\n      previously: "writers", "scribes": no such groups; apply creates it new\n  + missing   "plain"\n');
    expect(renderDriftMarkdown(report)).toContain('| missing | `editors` | in the file, not in the pool; previously: `writers`, `scribes`: no such groups either, so apply creates it new |');
    const doc = driftDocument(report, '0.0.0', new Date(0));
    expect(doc.pools[0]?.previouslyMissing).toEqual([{ name: 'editors', previously: ['writers', 'scribes'] }]);
    const validDrift = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false }).compile(driftSchema);
    expect(validDrift(doc), JSON.stringify(validDrift.errors)).toBe(true);
  });
});
