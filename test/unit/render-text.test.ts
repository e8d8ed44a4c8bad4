import { describe, expect, it } from 'vitest';
import { countApply, type ApplyReport, type ChangeResult } from '../../src/run/apply/report.js';
import type { DesiredGroup, DesiredPool } from '../../src/core/config/model.js';
import { holdName } from '../../src/core/plan/holding.js';
import { computePoolPlan } from '../../src/core/plan/compute.js';
import type { GroupChange, ObservedGroup, Plan, PoolPlan } from '../../src/core/plan/model.js';
import { applyResultLines, applySummaryLine } from '../../src/faces/render/apply-report.js';
import { colourStyle, plainStyle } from '../../src/faces/render/style.js';
import { summaryLine } from '../../src/faces/render/summary.js';
import { changeLines, renderPlanText } from '../../src/faces/render/text.js';
import { wordDiff } from '../../src/faces/render/word-diff.js';

const ROLE_A = 'arn:aws:iam::123456789012:role/A';
const POOL_A = 'eu-west-1_PoolA';
const POOL_B = 'us-east-1_PoolB';
const POOL_C = 'eu-central-1_PoolC';
const ESC = '\u001b[';

function poolPlan(id: string, region: string, groups: DesiredGroup[], observed: ObservedGroup[], unmanagedGroups: DesiredPool['unmanagedGroups'] = 'keep'): PoolPlan {
  return computePoolPlan({ id, region, unmanagedGroups, groups }, observed);
}

/** A plan with every action, a long description, unmanaged and provider groups, and a pool without changes. */
function fullPlan(): Plan {
  return {
    pools: [
      poolPlan(
        POOL_A,
        'eu-west-1',
        [
          { name: 'admins', description: 'Admins', precedence: 0, roleArn: ROLE_A },
          { name: 'editors', description: 'Can edit content but not settings; reviewed every quarter by the platform team', precedence: 10 },
          { name: 'viewers', precedence: 100 },
          { name: 'Support' },
          { name: 'ops' },
          { name: 'same' },
        ],
        [
          { name: 'editors', description: 'Can edit content and settings; reviewed every year by the platform team', precedence: 10 },
          { name: 'viewers', precedence: 50, description: 'Read-only' },
          { name: 'SUPPORT', precedence: 3 },
          { name: 'ops', roleArn: ROLE_A },
          { name: 'same' },
          { name: 'legacy' },
          { name: `${POOL_A}_Google` },
        ],
      ),
      poolPlan(POOL_B, 'us-east-1', [], [{ name: 'old', description: 'Old group', precedence: 4 }, { name: `${POOL_B}_SAML` }], 'delete'),
      poolPlan(POOL_C, 'eu-central-1', [{ name: 'only' }], [{ name: 'only' }]),
    ],
  };
}

describe('renderPlanText', () => {
  it('renders every action, unmanaged and provider groups, and the summary (plain style)', () => {
    expect(renderPlanText(fullPlan(), plainStyle)).toBe(
      [
        'User pool eu-west-1_PoolA (eu-west-1): 7 groups listed, 6 managed by this file',
        '',
        `  -/+ replace "SUPPORT" -> "Support"  (a group name cannot change case in place; precedence cannot be removed in place: deleted and created again; its members are kept in "${holdName('Support')}" and put back)`,
        '      precedence:  3 -> (none)',
        '',
        '  + create "admins"',
        '      description: "Admins"',
        '      precedence:  0',
        '      roleArn:     "arn:aws:iam::123456789012:role/A"',
        '',
        '  ~ update "editors"',
        '      description: (word diff: [-removed-] {+added+})',
        '        Can edit content [-and-]{+but not+} settings; reviewed every [-year-]{+quarter+} by the platform team',
        '',
        `  -/+ replace "ops"  (roleArn cannot be removed in place: deleted and created again; its members are kept in "${holdName('ops')}" and put back)`,
        '      roleArn:     "arn:aws:iam::123456789012:role/A" -> (none)',
        '',
        '  ~ update "viewers"',
        '      description: "Read-only" -> (none)',
        '      precedence:  50 -> 100',
        '',
        '  Unmanaged groups, left alone (2):',
        '      eu-west-1_PoolA_Google  (provider group, created by Cognito)',
        '      legacy',
        '',
        'User pool us-east-1_PoolB (us-east-1): 2 groups listed, 0 managed by this file',
        '',
        '  - delete "old"  (not in the file; its members are dropped)',
        '      description: "Old group"',
        '      precedence:  4',
        '',
        '  Unmanaged groups, left alone (1):',
        '      us-east-1_PoolB_SAML  (provider group, created by Cognito)',
        '',
        'User pool eu-central-1_PoolC (eu-central-1): 1 group listed, 1 managed by this file',
        '',
        '  No changes: the managed groups match the file.',
        '',
        'Apply needs: --allow-replace (replaces 2 groups), --allow-delete (deletes 1 group).',
        '',
        'Plan: 1 to add, 2 to change, 2 to replace, 1 to delete. 1 unmanaged group and 2 provider groups left alone.',
        '',
      ].join('\n'),
    );
  });

  it('has no ANSI escapes in plain style', () => {
    expect(renderPlanText(fullPlan(), plainStyle)).not.toContain('\u001b');
  });

  it('colours each action, the word diff and the summary in colour style', () => {
    const text = renderPlanText(fullPlan(), colourStyle);
    expect(text).toContain(`${ESC}32m  + create "admins"${ESC}39m`);
    expect(text).toContain(`${ESC}33m  ~ update "viewers"${ESC}39m`);
    expect(text).toContain(`${ESC}31m  - delete "old"${ESC}39m`);
    expect(text).toContain(`${ESC}35m  -/+ replace "ops"${ESC}39m`);
    expect(text).toContain(`content ${ESC}31m[-and-]${ESC}39m${ESC}32m{+but not+}${ESC}39m settings`);
    expect(text).toContain(`precedence:  ${ESC}31m50${ESC}39m -> ${ESC}32m100${ESC}39m`);
    expect(text).toContain(`${ESC}1mPlan: 1 to add, 2 to change, 2 to replace, 1 to delete. 1 unmanaged group and 2 provider groups left alone.${ESC}22m\n`);
    // Stripping the escapes gives back the plain text exactly.
    expect(text.replace(/\u001b\[\d+m/g, '')).toBe(renderPlanText(fullPlan(), plainStyle));
  });

  it('shows a short description change as old -> new, and a long one as a word diff', () => {
    const short = changeLines({ action: 'update', name: 'g', before: {}, after: {}, fields: [{ field: 'description', before: 'a b', after: 'a c' }] }, plainStyle);
    expect(short).toEqual(['  ~ update "g"', '      description: "a b" -> "a c"']);
    const longBefore = 'x'.repeat(61);
    const long = changeLines({ action: 'update', name: 'g', before: {}, after: {}, fields: [{ field: 'description', before: longBefore, after: 'short' }] }, plainStyle);
    expect(long).toEqual(['  ~ update "g"', '      description: (word diff: [-removed-] {+added+})', `        [-${longBefore}-]{+short+}`]);
  });

  it('keeps a replace without rename to one quoted name (one planned with --drop-members says it drops the members)', () => {
    const change: GroupChange = { action: 'replace', name: 'g', previousName: 'g', before: { precedence: 1 }, after: {}, fields: [{ field: 'precedence', before: 1, after: null }], reasons: ['precedence-removed'] };
    expect(changeLines(change, plainStyle)[0]).toBe('  -/+ replace "g"  (precedence cannot be removed in place: deleted and created again; its members are dropped (--drop-members))');
  });
});

describe('wordDiff', () => {
  it('marks removed words [-...-] and added words {+...+}, keeping the common text', () => {
    expect(wordDiff('the quick brown fox', 'the slow brown fox jumps', plainStyle)).toBe('the [-quick-]{+slow+} brown fox {+jumps+}');
  });

  it('returns the text unchanged when nothing differs', () => {
    expect(wordDiff('same words here', 'same words here', plainStyle)).toBe('same words here');
  });
});

describe('summaryLine', () => {
  const empty = (id: string): PoolPlan => ({ userPoolId: id, region: 'eu-west-1', listed: 0, changes: [], unchanged: [], unmanaged: [] });

  it('counts adds, changes and replaces, and unmanaged groups', () => {
    const pool: PoolPlan = {
      ...empty(POOL_A),
      changes: [
        { action: 'create', name: 'a', after: {} },
        { action: 'create', name: 'b', after: {} },
        { action: 'update', name: 'c', before: {}, after: { precedence: 1 }, fields: [{ field: 'precedence', before: null, after: 1 }] },
      ],
      unmanaged: [
        { name: 'x', provider: false },
        { name: 'y', provider: false },
        { name: `${POOL_A}_Google`, provider: true },
      ],
    };
    expect(summaryLine({ pools: [pool] })).toBe('Plan: 2 to add, 1 to change, 0 to replace, 0 to delete. 2 unmanaged groups and 1 provider group left alone.');
  });

  it('adds deletes only when there are some, and sums over pools', () => {
    const a: PoolPlan = { ...empty(POOL_A), changes: [{ action: 'delete', name: 'x', before: {} }] };
    const b: PoolPlan = { ...empty(POOL_B), changes: [{ action: 'delete', name: 'y', before: {} }, { action: 'create', name: 'z', after: {} }] };
    expect(summaryLine({ pools: [a, b] })).toBe('Plan: 1 to add, 0 to change, 0 to replace, 2 to delete.');
  });

  it('says "No changes." when there are none', () => {
    expect(summaryLine({ pools: [empty(POOL_A)] })).toBe('No changes.');
    expect(summaryLine({ pools: [] })).toBe('No changes.');
  });

  it('uses the singular for one unmanaged group', () => {
    expect(summaryLine({ pools: [{ ...empty(POOL_A), unmanaged: [{ name: 'x', provider: false }] }] })).toBe('No changes. 1 unmanaged group left alone.');
  });
});

describe('apply report', () => {
  const create: GroupChange = { action: 'create', name: 'new', after: {} };
  const update: GroupChange = { action: 'update', name: 'upd', before: {}, after: { precedence: 1 }, fields: [{ field: 'precedence', before: null, after: 1 }] };
  const replace: GroupChange = { action: 'replace', name: 'rep', previousName: 'REP', before: {}, after: {}, fields: [], reasons: ['case-rename'] };
  const del: GroupChange = { action: 'delete', name: 'gone', before: {} };
  const result = (change: GroupChange, status: ChangeResult['status'], message?: string): ChangeResult => ({ poolId: POOL_A, change, status, ...(message === undefined ? {} : { message }) });

  it('says "Apply complete" with counts per action when everything was done', () => {
    const report: ApplyReport = { interrupted: false, results: [result(create, 'done'), result(update, 'done'), result(replace, 'done'), result(del, 'done')] };
    expect(applySummaryLine(report)).toBe('Apply complete: 1 added, 1 changed, 1 replaced, 1 deleted.');
    expect(applyResultLines(report, plainStyle)).toEqual([]);
  });

  it('says "Apply incomplete" with failed and not started counts, and one line each', () => {
    const report: ApplyReport = {
      interrupted: false,
      results: [
        result(create, 'done', 'already existed with these fields'),
        result(update, 'failed', 'access denied'),
        result(replace, 'not-started', 'not started: an earlier call to this pool failed (AWS_POOL_NOT_FOUND)'),
        result(del, 'not-started'),
      ],
    };
    expect(countApply(report)).toEqual({ added: 1, changed: 0, replaced: 0, deleted: 0, adopted: 0, renamed: 0, restored: 0, failed: 1, notStarted: 2, membersMoved: 0, membersAdded: 0, membersRemoved: 0 });
    expect(applySummaryLine(report)).toBe('Apply incomplete: 1 added, 0 changed, 0 replaced, 0 deleted; 1 failed, 2 not started. Run apply again to finish.');
    expect(applyResultLines(report, plainStyle)).toEqual([
      '  note         eu-west-1_PoolA: create "new": already existed with these fields',
      '  failed       eu-west-1_PoolA: update "upd": access denied',
      '  not started  eu-west-1_PoolA: replace "rep" (not started: an earlier call to this pool failed (AWS_POOL_NOT_FOUND))',
      '  not started  eu-west-1_PoolA: delete "gone"',
    ]);
  });

  it('says "Apply interrupted" when the run was stopped', () => {
    const report: ApplyReport = { interrupted: true, results: [result(create, 'done'), result(del, 'not-started', 'interrupted before it started')] };
    expect(applySummaryLine(report)).toBe('Apply interrupted: 1 added, 0 changed, 0 replaced, 0 deleted; 0 failed, 1 not started. Run apply again to finish.');
  });

  it('colours failed lines red and not-started lines as warnings', () => {
    const report: ApplyReport = { interrupted: false, results: [result(update, 'failed', 'boom'), result(del, 'not-started')] };
    expect(applyResultLines(report, colourStyle)).toEqual([
      `${ESC}31m  failed       eu-west-1_PoolA: update "upd": boom${ESC}39m`,
      `${ESC}35m  not started  eu-west-1_PoolA: delete "gone"${ESC}39m`,
    ]);
  });
});

describe('text from the pool', () => {
  it('shows control characters in a long description as visible escapes, so they cannot forge plan lines', async () => {
    const { wordDiff } = await import('../../src/faces/render/word-diff.js');
    const { plainStyle } = await import('../../src/faces/render/style.js');
    const out = wordDiff('a long description that was there before the change', 'a long description\n  + create "root"\u001b[2K that was there', plainStyle);
    expect(out).not.toMatch(/[\u0000-\u001f]/);
    expect(out).toContain('⏎');
    expect(out).toContain('\\u001b');
  });
});
