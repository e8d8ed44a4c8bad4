// The text and Markdown of a fixed plan and drift report, Markdown escaping, the warning banner, and
// the JSON documents of plan, apply and drift as the CLI prints them.
import { ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computePoolPlan } from '../../src/core/plan/compute.js';
import type { GroupChange, Plan } from '../../src/core/plan/model.js';
import { driftOf } from '../../src/core/drift/compute.js';
import { renderDriftMarkdown } from '../../src/faces/render/drift-markdown.js';
import { renderDriftText } from '../../src/faces/render/drift-text.js';
import { diffLines, renderPlanMarkdown } from '../../src/faces/render/markdown.js';
import { plainStyle } from '../../src/faces/render/style.js';
import { renderPlanText } from '../../src/faces/render/text.js';
import { groupsYaml, ROLE, setup, writeIn } from './helpers.js';

const F1 = 'eu-west-1_Fmt1';
const F2 = 'us-east-1_Fmt2';

/** A plan with every action, a case rename, member counts, a holding group left behind, unmanaged and provider groups, and a pool without changes. */
function fixedPlan(): Plan {
  return {
    pools: [
      {
        userPoolId: F1,
        region: 'eu-west-1',
        listed: 6,
        changes: [
          { action: 'create', name: 'admins', after: { description: 'Full access', precedence: 0, roleArn: ROLE } },
          { action: 'rename', name: 'authors', previousName: 'writers', before: {}, after: {}, fields: [], hold: { group: 'cognito-groups.hold.aaaa', resuming: false }, memberCount: 5 },
          { action: 'update', name: 'editors', before: { description: 'old', precedence: 3 }, after: { description: 'new', precedence: 5 }, fields: [{ field: 'description', before: 'old', after: 'new' }, { field: 'precedence', before: 3, after: 5 }], memberCount: 4 },
          { action: 'delete', name: 'legacy', before: { precedence: 4 }, memberCount: 2 },
          { action: 'restore', name: 'ops', hold: { group: 'cognito-groups.hold.bbbb', resuming: true, memberCount: 1, usernames: ['@here'] } },
          {
            action: 'replace',
            name: 'Support',
            previousName: 'SUPPORT',
            before: { precedence: 2 },
            after: {},
            fields: [{ field: 'precedence', before: 2, after: null }],
            reasons: ['case-rename', 'precedence-removed'],
            hold: { group: 'cognito-groups.hold.cccc', resuming: false },
            memberCount: 3,
          },
        ],
        unchanged: ['viewers'],
        unmanaged: [{ name: `${F1}_Google`, provider: true }, { name: 'old-team', provider: false }],
        orphanHolds: [{ group: 'cognito-groups.hold.dddd', for: 'gone', memberCount: 7 }],
      },
      { userPoolId: F2, region: 'us-east-1', listed: 1, changes: [], unchanged: ['only'], unmanaged: [] },
    ],
  };
}

const FIXED_TEXT = [
  'User pool eu-west-1_Fmt1 (eu-west-1): 6 groups listed, 6 managed by this file',
  '',
  '  + create "admins"',
  '      description: "Full access"',
  '      precedence:  0',
  '      roleArn:     "arn:aws:iam::000000000000:role/Pipeline"',
  '',
  '  ~> rename "writers" -> "authors"  (created under the new name, its 5 members are moved, then the old group deleted)',
  '',
  '  ~ update "editors"  (changes the tokens of its 4 members at their next refresh)',
  '      description: "old" -> "new"',
  '      precedence:  3 -> 5',
  '',
  '  - delete "legacy"  (not in the file; its 2 members are dropped)',
  '      precedence:  4',
  '',
  '  <- restore "ops"  (puts back 1 member a run that stopped left in "cognito-groups.hold.bbbb", then deletes the holding group)',
  '      <- member "@here" (from "cognito-groups.hold.bbbb")',
  '',
  '  -/+ replace "SUPPORT" -> "Support"  (a group name cannot change case in place; precedence cannot be removed in place: deleted and created again; its 3 members are kept in "cognito-groups.hold.cccc" and put back)',
  '      precedence:  2 -> (none)',
  '',
  '  ! "cognito-groups.hold.dddd" holds 7 members of "gone", which the file no longer lists: kept. Put "gone" back in the file to restore them, or delete the holding group yourself',
  '',
  '  Unmanaged groups, left alone (2):',
  '      eu-west-1_Fmt1_Google  (provider group, created by Cognito)',
  '      old-team',
  '',
  'User pool us-east-1_Fmt2 (us-east-1): 1 group listed, 1 managed by this file',
  '',
  '  No changes: the managed groups match the file.',
  '',
  'Apply needs: --allow-replace (replaces 1 group), --allow-delete (deletes 1 group).',
  '',
  'Plan: 1 to add, 1 to change, 1 to replace, 1 to delete, 1 to rename, 1 to finish (members held by a run that stopped). Members: 9 kept, 2 dropped. 1 unmanaged group and 1 provider group left alone. 1 holding group of groups the file no longer lists kept.',
  '',
].join('\n');

const FIXED_MARKDOWN_HEAD = [
  '### cognito-groups plan for `eu-west-1_Fmt1`, `us-east-1_Fmt2`',
  '',
  '**Plan: 1 to add, 1 to change, 1 to replace, 1 to delete, 1 to rename, 1 to finish (members held by a run that stopped). Members: 9 kept, 2 dropped. 1 unmanaged group and 1 provider group left alone. 1 holding group of groups the file no longer lists kept.**',
  '',
  '> [!WARNING]',
  '> Applying this plan needs `--allow-replace` `--allow-delete`:',
  '> - `--allow-replace`: it replaces 1 group',
  '> - `--allow-delete`: it deletes 1 group',
  '',
  '> [!CAUTION]',
  '> 1 group loses members (2 members in all); their next tokens lack the group: `legacy` (2 members, deleted).',
  '',
  '> [!NOTE]',
  '> This group is deleted and created again with its members kept (held in a holding group meanwhile; until a member\'s token is refreshed after the group is back, it lacks the group): `SUPPORT` (3 members).',
  '',
  '> [!WARNING]',
  '> A run that stopped left members held for groups this file no longer lists; they are kept until someone decides: `cognito-groups.hold.dddd` (7 members of `gone`). Put the group back in the file to restore them, or delete the holding group yourself.',
  '',
  '#### `eu-west-1_Fmt1` (eu-west-1): 6 groups listed',
  '',
  '| | Group | Change |',
  '| --- | --- | --- |',
  '| ⛔&nbsp;delete | `legacy` | *not in the file, and the pool has `unmanagedGroups: delete`*<br>precedence: `4`<br>*2 members dropped* |',
  '| 🔁&nbsp;replace | `Support` | name: `SUPPORT` → `Support`<br>precedence: `2` → *(none)*<br>*a group name cannot change case in place; precedence cannot be removed in place: deleted and created again*<br>*3 members kept and put back* |',
  '| 🔀&nbsp;rename | `authors` | name: `writers` → `authors`<br>*5 members moved* |',
  '| 📝&nbsp;update | `editors` | description: `old` → `new`<br>precedence: `3` → `5`<br>*4 members get new tokens at their next refresh* |',
  '| 🔙&nbsp;restore | `ops` | *puts back 1 member a run that stopped left in `cognito-groups.hold.bbbb`, then deletes the holding group*: +`@here` |',
  '| ➕&nbsp;create | `admins` | description: `Full access`<br>precedence: `0`<br>roleArn: `arn:aws:iam::000000000000:role/Pipeline` |',
  '',
  'Unmanaged groups, left alone (2): `eu-west-1_Fmt1_Google` (provider group), `old-team`',
  '',
  '#### `us-east-1_Fmt2` (us-east-1): 1 group listed',
  '',
  'No changes.',
  '',
].join('\n');

describe('plan text and Markdown of a fixed plan', () => {
  it('renders the text plan', () => {
    expect(renderPlanText(fixedPlan(), plainStyle)).toBe(FIXED_TEXT);
  });

  it('renders the Markdown plan with the full text in <details>', () => {
    const md = renderPlanMarkdown(fixedPlan(), { fullText: FIXED_TEXT, seeAlso: '`cognito-groups show plan.json`' });
    expect(md).toBe(`${FIXED_MARKDOWN_HEAD}\n<details><summary>Full text plan</summary>\n\n\`\`\`diff\n${diffLines(FIXED_TEXT)}\`\`\`\n\n</details>\n`);
    // Without the text there is no <details>, and an appendix comes after the changes.
    expect(renderPlanMarkdown(fixedPlan(), { appendix: '### Apply result\n\n**done**\n' })).toBe(`${FIXED_MARKDOWN_HEAD}\n### Apply result\n\n**done**\n`);
  });

  it('puts the flags warning only on plans that replace or delete, naming each flag, and the member-loss caution only on groups that lose members', () => {
    const only = (changes: GroupChange[]): string => renderPlanMarkdown({ pools: [{ ...fixedPlan().pools[0]!, changes, orphanHolds: [] }] });
    const [create, rename, update, del, restore, replace] = fixedPlan().pools[0]!.changes as [GroupChange, GroupChange, GroupChange, GroupChange, GroupChange, GroupChange];
    // A rename and a restore lose nobody anything: no warning.
    expect(only([create, rename, update, restore])).not.toContain('[!WARNING]');
    expect(only([create, rename, update, restore])).not.toContain('[!CAUTION]');
    expect(only([])).not.toContain('[!WARNING]');
    const replacing = only([create, replace]);
    expect(replacing).toContain('> [!WARNING]\n> Applying this plan needs `--allow-replace`:\n> - `--allow-replace`: it replaces 1 group\n');
    expect(replacing).toContain("> [!NOTE]\n> This group is deleted and created again with its members kept (held in a holding group meanwhile; until a member's token is refreshed after the group is back, it lacks the group): `SUPPORT` (3 members).\n");
    // A replace that keeps its members loses none.
    expect(replacing).not.toContain('[!CAUTION]');
    expect(only([del, del])).toContain('> [!WARNING]\n> Applying this plan needs `--allow-delete`:\n> - `--allow-delete`: it deletes 2 groups\n\n> [!CAUTION]\n> 2 groups lose members (4 members in all); their next tokens lack the group: `legacy` (2 members, deleted), `legacy` (2 members, deleted).\n');
    // A replace planned with --drop-members loses its members, and says so.
    const dropping = { ...replace, hold: undefined } as GroupChange;
    expect(only([dropping])).toContain('> 1 group loses members (3 members in all); their next tokens lack the group: `SUPPORT` (3 members, replaced, members dropped).\n');
    // The warning is in the head, before the first change row.
    const md = only([create, del]);
    expect(md.indexOf('[!WARNING]')).toBeLessThan(md.indexOf('| ⛔&nbsp;delete'));
  });

  it('says in the text and the Markdown when apply will refuse a plan whatever its flags, and only then', () => {
    const provider = `${F1}_Google`;
    const renaming: GroupChange = { action: 'rename', name: 'google-users', previousName: provider, before: {}, after: {}, fields: [], hold: { group: 'cognito-groups.hold.eeee', resuming: false }, memberCount: 2 };
    const emptying: GroupChange = { action: 'update', name: 'admins', before: {}, after: {}, fields: [], members: { add: [], remove: ['alice', 'bob'], had: 2 } };
    const plan: Plan = { pools: [{ userPoolId: F1, region: 'eu-west-1', listed: 2, changes: [renaming, emptying], unchanged: [], unmanaged: [] }] };
    const warning = `Warning: apply will refuse this plan whatever its flags: it would delete the provider group "${provider}", which Cognito manages (a replace or a rename deletes the group it starts from); and it would remove every member of "admins" (2 members), which is never done: a list that leaves out all of a group's members is taken for a mistake in the file. Change the file and plan again.`;
    expect(renderPlanText(plan, plainStyle).split('\n')).toContain(warning);
    const md = renderPlanMarkdown(plan);
    expect(md).toContain(`> [!CAUTION]\n> apply will refuse this plan whatever its flags: it would delete the provider group \`${provider}\`, which Cognito manages (a replace or a rename deletes the group it starts from); and it would remove every member of \`admins\` (2 members), which is never done: a list that leaves out all of a group's members is taken for a mistake in the file. Change the file and plan again.\n`);
    expect(md.indexOf('[!CAUTION]')).toBeLessThan(md.indexOf('| 🔀&nbsp;rename'));
    // Flags alone decide the fixed plan (a replace, a delete): no such warning.
    expect(renderPlanText(fixedPlan(), plainStyle)).not.toContain('whatever its flags');
    expect(renderPlanMarkdown(fixedPlan())).not.toContain('whatever its flags');
  });
});

/** Splits a GFM table row into its cells: `\|` is a literal pipe everywhere in a table, code spans included. */
function cells(row: string): string[] {
  const parts = row.split(/(?<!\\)\|/);
  expect(parts[0], row).toBe('');
  expect(parts.at(-1), row).toBe('');
  return parts.slice(1, -1).map((c) => c.trim());
}

/** The contents of the code spans of a Markdown cell, as a reader sees them; fails on an unclosed span. */
function codeSpans(cell: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < cell.length) {
    if (cell[i] === '\\') {
      i += 2;
      continue;
    }
    if (cell[i] !== '`') {
      i++;
      continue;
    }
    let n = 0;
    while (cell[i + n] === '`') n++;
    let j = i + n;
    let close = -1;
    while (j < cell.length) {
      if (cell[j] !== '`') {
        j++;
        continue;
      }
      let m = 0;
      while (cell[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close < 0) throw new Error(`unclosed code span in ${JSON.stringify(cell)}`);
    let content = cell.slice(i + n, close).replace(/\\\|/g, '|');
    if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ')) content = content.slice(1, -1);
    out.push(content);
    i = close + n;
  }
  return out;
}

/** The rows of the first table in some Markdown. */
function tableRows(md: string): string[] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l === '| --- | --- | --- |');
  expect(start).toBeGreaterThan(0);
  const rows: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l === '') break;
    rows.push(l);
  }
  return rows;
}

describe('Markdown escaping', () => {
  const nasty: Plan = {
    pools: [
      {
        userPoolId: F1,
        region: 'eu-west-1',
        listed: 2,
        changes: [
          { action: 'create', name: 'pipe|name', after: { description: 'line one\nline two | `code` here' } },
          { action: 'delete', name: '``double``', before: {} },
          { action: 'update', name: 'tick`name', before: { description: 'a|b' }, after: { description: 'c\r\nd' }, fields: [{ field: 'description', before: 'a|b', after: 'c\r\nd' }] },
          { action: 'update', name: 'lead `x', before: { description: '`' }, after: { description: '*not* <b>bold</b> & #1' }, fields: [{ field: 'description', before: '`', after: '*not* <b>bold</b> & #1' }] },
        ],
        unchanged: [],
        unmanaged: [{ name: 'un|managed`', provider: false }],
      },
    ],
  };

  it('keeps every row of the table to three cells and shows names and descriptions as written', () => {
    const md = renderPlanMarkdown(nasty, { fullText: renderPlanText(nasty, plainStyle) });
    const rows = tableRows(md);
    expect(rows).toHaveLength(4);
    const table = rows.map((r) => {
      const c = cells(r);
      expect(c, r).toHaveLength(3);
      return [c[0], codeSpans(c[1] ?? ''), codeSpans(c[2] ?? '')];
    });
    // By risk: the delete first, then the updates, then the create.
    expect(table).toEqual([
      ['⛔&nbsp;delete', ['``double``'], ['unmanagedGroups: delete']],
      ['📝&nbsp;update', ['tick`name'], ['a|b', 'c⏎d']],
      ['📝&nbsp;update', ['lead `x'], ['`', '*not* <b>bold</b> & #1']],
      ['➕&nbsp;create', ['pipe|name'], ['line one⏎line two | `code` here']],
    ]);
    // The unmanaged line is prose, not a table: the pipe is shown as written.
    expect(md).toContain('Unmanaged groups, left alone (1): `` un|managed` ``');
    // The <details> block holds the text as is, in a fence no line of it can close.
    expect(md).toContain('```diff\nUser pool eu-west-1_Fmt1');
  });

  it('escapes long descriptions shown as a word diff, and reasons, as plain Markdown text', () => {
    const before = 'A long description with a | pipe and *stars* that goes on for quite a while, past sixty characters';
    const after = 'A long description with a | pipe and _underscores_ that goes on for quite a while, past sixty characters\nand a newline';
    const md = renderPlanMarkdown({ pools: [{ ...nasty.pools[0]!, unmanaged: [], changes: [{ action: 'update', name: 'g', before: { description: before }, after: { description: after }, fields: [{ field: 'description', before, after }] }] }] });
    const [row] = tableRows(md);
    const c = cells(row ?? '');
    expect(c).toHaveLength(3);
    // Folded under the row: the summary says what changed, the word diff opens below it.
    expect(c[2]).toMatch(/^<details><summary>description: changed \(98 characters → 118\); the word diff<\/summary>.*<\/details>$/);
    // Removed and added words are highlighted as GitHub shows them (it would show {+ +} as written).
    expect(c[2]).toContain('<del>\\*stars\\*</del><ins>\\_underscores\\_</ins>');
    expect(c[2]).toContain('a \\| pipe');
    expect(c[2]).not.toContain('\n');
  });

  // Guards the unmanaged-groups line (prose, not a table cell): a pipe must not be escaped there, since
  // outside a table a backslash inside a code span is shown as is and `a|b` would read as `a\|b`.
  it('shows a name with a pipe as written in the unmanaged line, which is not a table', () => {
    const md = renderPlanMarkdown(nasty);
    const line = md.split('\n').find((l) => l.startsWith('Unmanaged groups')) ?? '';
    // Outside a table CommonMark does not unescape inside code spans: take the span's text as is.
    const span = /(`+) (.*) \1/.exec(line);
    expect(span?.[2]).toBe('un|managed`');
  });

  // Guards a lone carriage return, which CommonMark counts as a line ending: it must become ⏎ like \n
  // and \r\n, or it splits the table row. Cognito descriptions may hold any whitespace.
  it('keeps a description with a lone carriage return on its row', () => {
    const md = renderPlanMarkdown({ pools: [{ ...nasty.pools[0]!, unmanaged: [], changes: [{ action: 'create', name: 'cr', after: { description: 'one\rtwo' } }] }] });
    const [row] = tableRows(md);
    expect(row).not.toMatch(/\r/);
  });
});

describe('drift text and Markdown', () => {
  const A = 'eu-west-1_DriftA';
  const B = 'us-east-1_DriftB';
  const report = () =>
    driftOf({
      pools: [
        computePoolPlan(
          { id: A, region: 'eu-west-1', unmanagedGroups: 'keep', groups: [{ name: 'admins', precedence: 0 }, { name: 'editors', description: 'new', precedence: 5 }, { name: 'same' }] },
          [
            { name: 'editors', description: 'old', precedence: 5 },
            { name: 'same' },
            { name: 'old-team' },
            { name: `${A}_Google`, description: 'Autogenerated group for users who sign in using Google', precedence: 3 },
            { name: `${A}_Okta` },
            { name: `${A}_SAML`, roleArn: ROLE },
          ],
        ),
        computePoolPlan({ id: B, region: 'us-east-1', unmanagedGroups: 'delete', groups: [{ name: 'only' }] }, [{ name: 'only' }, { name: 'legacy' }]),
      ],
    });
  const ALERT = 'Cognito creates provider groups without them, so someone may have pre-created or edited it to hand out a role to federated users; add it to the file if this is intended';

  it('renders drift as text', () => {
    expect(renderDriftText(report(), plainStyle)).toBe(
      [
        'User pool eu-west-1_DriftA (eu-west-1): 6 groups listed',
        '  ~ drifted   "editors"',
        '      description: expected "new", found "old"',
        '  + missing   "admins"',
        '  ? unmanaged "old-team"',
        '    provider  "eu-west-1_DriftA_Google"',
        `      ALERT: provider group carries precedence 3: ${ALERT}`,
        '    provider  "eu-west-1_DriftA_Okta"',
        '    provider  "eu-west-1_DriftA_SAML"',
        `      ALERT: provider group carries roleArn ${ROLE}: ${ALERT}`,
        '',
        'User pool us-east-1_DriftB (us-east-1): 2 groups listed',
        '  - to delete "legacy" (unmanagedGroups: delete)',
        '',
        'Drift: 1 drifted, 1 missing, 1 to delete, 2 provider-group alerts. 1 unmanaged group, 3 provider groups.',
        '',
      ].join('\n'),
    );
  });

  it('renders drift as Markdown', () => {
    expect(renderDriftMarkdown(report())).toBe(
      [
        '### cognito-groups drift for `eu-west-1_DriftA`, `us-east-1_DriftB`',
        '',
        '**Drift: 1 drifted, 1 missing, 1 to delete, 2 provider-group alerts. 1 unmanaged group, 3 provider groups.**',
        '',
        '> [!CAUTION]',
        '> 2 provider groups carry a role or precedence. Cognito creates provider groups without them: someone may have pre-created one to hand out a role to federated users.',
        '',
        '#### `eu-west-1_DriftA` (eu-west-1): 6 groups listed',
        '',
        '| | Group | Detail |',
        '| --- | --- | --- |',
        '| drifted | `editors` | description: expected `new`, found `old` |',
        '| missing | `admins` | in the file, not in the pool |',
        `| provider | \`eu-west-1_DriftA_Google\` | **alert:** provider group carries precedence 3: ${ALERT} |`,
        '| provider | `eu-west-1_DriftA_Okta` | created by Cognito |',
        `| provider | \`eu-west-1_DriftA_SAML\` | **alert:** provider group carries roleArn ${ROLE}: ${ALERT} |`,
        '',
        'Unmanaged groups (1): `old-team`',
        '',
        '#### `us-east-1_DriftB` (us-east-1): 2 groups listed',
        '',
        '| | Group | Detail |',
        '| --- | --- | --- |',
        '| to delete | `legacy` | not in the file (unmanagedGroups: delete) |',
        '',
      ].join('\n'),
    );
  });

  it('says "In sync." for a pool with nothing to report', () => {
    const md = renderDriftMarkdown(driftOf({ pools: [computePoolPlan({ id: B, region: 'us-east-1', unmanagedGroups: 'keep', groups: [{ name: 'only' }] }, [{ name: 'only' }])] }));
    expect(md).toBe('### cognito-groups drift for `us-east-1_DriftB`\n\n**In sync: the pools match the file. 0 unmanaged groups, 0 provider groups.**\n\n#### `us-east-1_DriftB` (us-east-1): 1 group listed\n\nIn sync.\n');
  });

  // Guards the Markdown of a case-only difference: like the text and the JSON (actualName), it must
  // name what the pool has, not show an empty Detail cell.
  it('says what the pool has for a group that differs only in case', () => {
    const md = renderDriftMarkdown(driftOf({ pools: [computePoolPlan({ id: B, region: 'us-east-1', unmanagedGroups: 'keep', groups: [{ name: 'Support' }] }, [{ name: 'SUPPORT' }])] }));
    const [row] = tableRows(md);
    expect(cells(row ?? '')[2]).toContain('SUPPORT');
  });

  // Guards the agreement of the caution with a single provider group ("carries", not "carry").
  it('agrees the caution with a single provider group', () => {
    const one = driftOf({ pools: [computePoolPlan({ id: A, region: 'eu-west-1', unmanagedGroups: 'keep', groups: [] }, [{ name: `${A}_SAML`, roleArn: ROLE }])] });
    expect(renderDriftMarkdown(one)).toContain('> 1 provider group carries a role or precedence.');
  });
});

describe('JSON documents printed by the CLI', () => {
  const P = 'eu-west-1_Json1';

  it('apply PLANFILE --format json and drift --format json print parseable reports', async () => {
    const env = await setup({ [P]: [{ GroupName: 'editors', Description: 'old' }, { GroupName: 'old-team' }] });
    env.emulator.seedProviderGroup(P, 'Google');
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: P, groups: [{ name: 'admins', precedence: 0, roleArn: ROLE }, { name: 'editors', description: 'new' }] }]));
    const planFile = `${env.dir}/plan.json`;

    const drift1 = await env.cli(['drift', '-f', file, '--format', 'json']);
    expect(drift1.code).toBe(2);
    expect(drift1.stderr).toBe('');
    const d1 = JSON.parse(drift1.stdout);
    expect(Object.keys(d1)).toEqual(['formatVersion', 'kind', 'toolVersion', 'checkedAt', 'inSync', 'summary', 'pools']);
    expect(d1).toMatchObject({
      formatVersion: 5,
      kind: 'cognito-groups-drift',
      inSync: false,
      summary: { drifted: 1, missing: 1, toDelete: 0, alerts: 0, unmanaged: 1, providerGroups: 1, text: 'Drift: 1 drifted, 1 missing. 1 unmanaged group, 1 provider group.' },
    });
    expect(Date.parse(d1.checkedAt)).not.toBeNaN();
    expect(d1.pools).toEqual([
      {
        userPoolId: P,
        region: 'eu-west-1',
        listed: 3,
        drifted: [{ name: 'editors', fix: 'update', fields: [{ field: 'description', expected: 'new', actual: 'old' }] }],
        missing: ['admins'],
        toDelete: [],
        unmanaged: [{ name: 'old-team' }],
        providerGroups: [{ name: `${P}_Google`, description: 'Autogenerated group for users who sign in using Google' }],
        orphanHolds: [],
        acknowledged: [],
        staleAcknowledgements: [],
        attributions: [
          { group: 'editors', subject: 'fields', attribution: { status: 'none' } },
          { group: 'admins', subject: 'deleted', attribution: { status: 'none' } },
        ],
      },
    ]);

    const planned = await env.cli(['plan', '-f', file, '--out', planFile, '--format', 'json', '--detailed-exitcode']);
    expect(planned.code).toBe(2);
    const saved = JSON.parse(readFileSync(planFile, 'utf8'));
    expect(JSON.parse(planned.stdout)).toEqual(saved);
    expect(saved.summary).toEqual({ add: 1, change: 1, replace: 0, delete: 0, rename: 0, restore: 0, unmanaged: 1, providerGroups: 1, alerts: 0, membersKept: 0, membersDropped: 0, orphanHolds: 0, memberAdds: 0, memberRemovals: 0, text: 'Plan: 1 to add, 1 to change, 0 to replace, 0 to delete. 1 unmanaged group and 1 provider group left alone.' });

    const applied = await env.cli(['apply', planFile, '--format', 'json']);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const a = JSON.parse(applied.stdout);
    expect(Object.keys(a)).toEqual(['formatVersion', 'kind', 'toolVersion', 'appliedAt', 'interrupted', 'summary', 'results', 'check', 'plan']);
    expect(a).toMatchObject({
      formatVersion: 5,
      kind: 'cognito-groups-apply',
      toolVersion: saved.toolVersion,
      interrupted: false,
      summary: { added: 1, changed: 1, replaced: 0, deleted: 0, adopted: 0, renamed: 0, restored: 0, failed: 0, notStarted: 0, membersMoved: 0, membersAdded: 0, membersRemoved: 0, text: 'Apply complete: 1 added, 1 changed, 0 replaced, 0 deleted.' },
      check: { status: 'done', remaining: [], elsewhere: [], membersMissing: [] },
    });
    expect(Date.parse(a.appliedAt)).toBeGreaterThanOrEqual(Date.parse(saved.createdAt));
    expect([...a.results].sort((x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name))).toEqual([
      { userPoolId: P, action: 'create', name: 'admins', status: 'done' },
      { userPoolId: P, action: 'update', name: 'editors', status: 'done' },
    ]);
    // The apply document embeds the saved plan it applied, unchanged.
    expect(a.plan).toEqual(saved);

    const drift2 = await env.cli(['drift', '-f', file, '--format', 'json']);
    expect(drift2.code).toBe(0);
    const d2 = JSON.parse(drift2.stdout);
    expect(d2.inSync).toBe(true);
    expect(d2.summary.text).toBe('In sync: the pools match the file. 1 unmanaged group, 1 provider group.');
    expect(d2.pools[0]).toMatchObject({ listed: 4, drifted: [], missing: [], toDelete: [] });
    const groups = (await env.client.send(new ListGroupsCommand({ UserPoolId: P }))).Groups ?? [];
    expect(groups.find((g) => g.GroupName === 'admins')).toMatchObject({ Precedence: 0, RoleArn: ROLE });
  });
});
