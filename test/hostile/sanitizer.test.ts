// Text from outside (names, descriptions, server messages, plan files) can never forge or hide lines,
// reorder what a reviewer reads, mention people or open links: one sanitizer, at every format's edge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../src/run/apply/report.js';
import { driftOf } from '../../src/core/drift/compute.js';
import type { GroupChange, Plan } from '../../src/core/plan/model.js';
import { applyResultLines, applySummaryLine } from '../../src/faces/render/apply-report.js';
import { driftDocument } from '../../src/faces/render/documents.js';
import { renderDriftMarkdown } from '../../src/faces/render/drift-markdown.js';
import { renderDriftText } from '../../src/faces/render/drift-text.js';
import { toJson } from '../../src/faces/render/json.js';
import { mdCode, mdText } from '../../src/faces/render/markdown-escape.js';
import { renderPlanMarkdown } from '../../src/faces/render/markdown.js';
import { UNSAFE } from '../../src/faces/render/outside-text.js';
import { plainStyle } from '../../src/faces/render/style.js';
import { renderPlanText } from '../../src/faces/render/text.js';
import { buildPlanDocument } from '../../src/core/saved-plan/build.js';
import { runInProcess } from '../cli-io.js';
import { isolatedEnv } from '../integration/cli.js';
import { groupsYaml, setup, writeIn } from '../pipeline/helpers.js';
import { hostileServer } from './server.js';
import { summaryLine } from '../../src/faces/render/summary.js';

const POOL = 'eu-west-1_Hostile9';

/** Pieces hostile text is made of: terminal escapes, C1 controls, bidi overrides, line separators, mentions, links, Markdown. */
const PIECES = ['\u001b[2K', '\u001b]8;;http://x\u0007', '\r', '\n', '\r\n', '\u0085', '\u009b31m', '\u202e', '\u2066', '\u2069', '\u2028', '\u2029', '\u007f', '\u0000', '@octocat', '@org/team', 'https://evil.example/x', 'www.evil.example', '`', '```', '|', '<b>', '&amp;', '*', '_', '[x](http://y)', '\\', '#1', 'plain words '];
const hostile = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

/** No unsafe character but the line breaks an output is made of. */
function expectSafe(output: string): void {
  const raw = [...output.matchAll(UNSAFE)].map((m) => m[0]).filter((c) => c !== '\n');
  expect(raw.map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)).toEqual([]);
}

function planOf(name: string, description: string): Plan {
  const changes: GroupChange[] = [
    { action: 'create', name, after: { description } },
    { action: 'update', name: `${name}u`, before: { description: `${description} and more words to make a long word diff happen` }, after: { description: `long ${description} words to make a long word diff happen` }, fields: [{ field: 'description', before: `${description} and more words to make a long word diff happen`, after: `long ${description} words to make a long word diff happen` }] },
    { action: 'replace', name: `${name}r`, previousName: `${name}R`, before: { roleArn: description }, after: {}, fields: [{ field: 'roleArn', before: description, after: null }], reasons: ['roleArn-removed', 'case-rename'] },
    { action: 'delete', name: `${name}d`, before: { description } },
  ];
  return {
    pools: [{
      userPoolId: POOL, region: 'eu-west-1', listed: 5, changes, unchanged: [],
      unmanaged: [{ name: `${POOL}_${name}`, roleArn: description, provider: true, alert: { carries: ['roleArn'] } }, { name: `${name}x`, description, provider: false }],
      lookalikes: [{ inFile: name, inPool: `${name}\u034f` }],
    }],
  };
}

describe('the one sanitizer', () => {
  it('leaves no unsafe character in any format of a plan, a drift report or an apply report, whatever the names and texts', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, description) => {
        const plan = planOf(name, description);
        const doc = buildPlanDocument({ plan, observed: new Map([[POOL, []]]) }, { toolVersion: 't', createdAt: new Date(0), desiredFile: { path: name, text: '' }, target: 'aws', summaryText: summaryLine(plan) });
        const report: ApplyReport = { interrupted: false, results: plan.pools[0]!.changes.map((change, i) => ({ poolId: POOL, change, status: i % 2 === 0 ? 'failed' : 'not-started', message: description })) };
        const drift = driftOf(plan);
        for (const output of [
          renderPlanText(plan, plainStyle),
          renderPlanMarkdown(plan, { fullText: renderPlanText(plan, plainStyle), seeAlso: name, target: description }),
          toJson(doc),
          renderDriftText(drift, plainStyle),
          renderDriftMarkdown(drift, { target: name }),
          toJson(driftDocument(drift, 't', new Date(0))),
          [...applyResultLines(report, plainStyle), applySummaryLine(report)].join('\n'),
        ]) expectSafe(output);
        // The JSON holds the very same values.
        expect(JSON.parse(toJson(doc))).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 300 },
    );
  });

  it('lets outside text in Markdown mention nobody, link nowhere, and never leave its code span or table cell', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const free = mdText(text);
        expect(free).not.toMatch(/@(?!&#8203;)/);
        expect(free).not.toContain('://');
        expect(free).not.toMatch(/www\./i);
        expect(free).not.toMatch(/(?<!\\)\|/);
        expect(free).not.toMatch(/[<>\n]/);
        for (const where of ['table', 'prose'] as const) {
          const code = mdCode(text, where);
          expect(code).not.toContain('\n');
          const fence = /^`+/.exec(code)?.[0] ?? '';
          expect(code.endsWith(fence)).toBe(true);
          const inner = code.slice(fence.length, code.length - fence.length);
          // No run of backticks inside as long as the fence, so the span cannot end early.
          expect([...inner.matchAll(/`+/g)].every((m) => m[0].length < fence.length)).toBe(true);
          if (where === 'table') expect(inner).not.toMatch(/(?<!\\)\|/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a server error message that carries terminal escapes and bidi controls on one safe line', async () => {
    const env = await setup({ [POOL]: [] });
    const message = 'bad\u001b[2K\r  + create "root"\u202egnirts\u0085next';
    const server = await hostileServer(undefined, { ListGroups: { kind: 'body', status: 400, body: JSON.stringify({ __type: 'InvalidParameterException', message }) } });
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'admins' }] }]));
    const run = await runInProcess(['plan', '-f', file, '--endpoint-url', server.url, '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expectSafe(run.stderr);
    expect(run.stderr).toContain('(InvalidParameterException: bad\\u001b[2K + create "root"\\u202egnirts\\u0085next)');
  });
});
