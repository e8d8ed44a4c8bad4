// Acknowledged drift: the file's `acknowledge:` entries checked against a date passed in, and drift
// that lists a difference apart while its acknowledgement lasts, as drift again after, and stale
// acknowledgements that match nothing.
import { describe, expect, it } from 'vitest';
import { daysBetween, isCalendarDate } from '../../src/core/config/acknowledgements.js';
import { formatDiagnostic } from '../../src/core/config/diagnostic.js';
import type { DesiredConfig, DesiredGroup } from '../../src/core/config/model.js';
import { parseConfig } from '../../src/core/config/parse.js';
import { driftOf } from '../../src/core/drift/compute.js';
import { countDrift, inSync } from '../../src/core/drift/model.js';
import { computePoolPlan } from '../../src/core/plan/compute.js';
import type { ObservedGroup } from '../../src/core/plan/model.js';
import { renderDriftMarkdown } from '../../src/faces/render/drift-markdown.js';
import { renderDriftText } from '../../src/faces/render/drift-text.js';
import { plainStyle } from '../../src/faces/render/style.js';
import { desired, members } from './plan-fixtures.js';

const P = 'eu-west-1_Ack1';
const TODAY = '2026-12-06';

function fileWith(group: string, settings = ''): string {
  return `version: 1\n${settings}userPools:\n  - id: ${P}\n    groups:\n${group}`;
}

function check(text: string, today: string | null = TODAY) {
  return parseConfig(text, 'groups.yaml', today === null ? {} : { today });
}

const ack = (field: string, until: string, reason = 'migration') => `      - name: editors\n        precedence: 10\n        acknowledge:\n          - field: ${field}\n            reason: ${reason}\n            until: ${until}\n`;

describe('acknowledge: in the groups file', () => {
  it('reads field, reason and until into the config', () => {
    const r = check(fileWith(ack('precedence', '2026-12-20')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.userPools[0]?.groups[0]).toEqual({ name: 'editors', precedence: 10, acknowledge: [{ field: 'precedence', reason: 'migration', until: '2026-12-20' }] });
    expect(r.warnings).toEqual([]);
  });

  it('warns, naming line and field, when the date has come or passed; without a date passed in it does not check', () => {
    for (const until of ['2026-12-06', '2026-01-01']) {
      const r = check(fileWith(ack('precedence', until)));
      expect(r.ok).toBe(true);
      expect(r.warnings.map(formatDiagnostic)).toEqual([`groups.yaml:10:20: userPools[0].groups[0].acknowledge[0].until: acknowledgement ended on ${until}: drift reports this difference again; remove the entry or give it a later date`]);
    }
    expect(check(fileWith(ack('precedence', '2026-01-01')), null).warnings).toEqual([]);
  });

  it('refuses a date more than a year ahead unless settings allow it', () => {
    const r = check(fileWith(ack('precedence', '2028-01-01')));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatDiagnostic)).toEqual(['groups.yaml:10:20: userPools[0].groups[0].acknowledge[0].until: 2028-01-01 is more than a year ahead (391 days); acknowledge for at most a year, or set settings.allowLongAcknowledgements: true']);
    expect(check(fileWith(ack('precedence', '2027-12-01'))).ok).toBe(true);
    expect(check(fileWith(ack('precedence', '2028-01-01'), 'settings:\n  allowLongAcknowledgements: true\n')).ok).toBe(true);
  });

  it('refuses a date that is not a calendar date, an unknown field, a field twice and members on a group without members', () => {
    const bad = (group: string): string[] => {
      const r = check(fileWith(group));
      return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(bad(ack('precedence', '2026-02-30'))[0]).toMatch(/^userPools\[0\]\.groups\[0\]\.acknowledge\[0\]\.until: "2026-02-30" is not a calendar date/);
    expect(bad(ack('precedence', '"31/12/2026"'))[0]).toMatch(/^userPools\[0\]\.groups\[0\]\.acknowledge\[0\]\.until: .*YYYY-MM-DD/);
    expect(bad(ack('name', '2026-12-20'))[0]).toMatch(/^userPools\[0\]\.groups\[0\]\.acknowledge\[0\]\.field: /);
    expect(bad(ack('members', '2026-12-20'))).toEqual(['userPools[0].groups[0].acknowledge[0].field: acknowledges members, but the group has no `members:`, so its members are never compared; remove this entry']);
    const twice = `      - name: editors\n        acknowledge:\n          - { field: description, reason: a, until: 2026-12-20 }\n          - { field: description, reason: b, until: 2026-12-21 }\n`;
    expect(bad(twice)).toEqual(['userPools[0].groups[0].acknowledge[1].field: "description" is acknowledged twice (first at acknowledge[0]); one entry per field']);
    expect(bad(`      - name: editors\n        acknowledge:\n          - { field: description, until: 2026-12-20 }\n`)[0]).toMatch(/reason/);
  });

  it('with environments: checked in each environment that has the group, with that environment\'s settings', () => {
    const text = `version: 1
environments:
  dev: { userPools: { main: eu-west-1_Dev1 }, settings: { allowLongAcknowledgements: true } }
  prod: { userPools: { main: eu-west-1_Prod1 } }
userPools:
  - key: main
    groups:
      - name: editors
        acknowledge:
          - { field: description, reason: long migration, until: 2028-06-01 }
`;
    const all = parseConfig(text, 'groups.yaml', { today: TODAY });
    expect(all.ok).toBe(false);
    if (all.ok) return;
    expect(all.errors.map((e) => e.message)).toEqual(['2028-06-01 is more than a year ahead (543 days); acknowledge for at most a year, or set settings.allowLongAcknowledgements: true (in environment prod)']);
    const dev = parseConfig(text, 'groups.yaml', { today: TODAY, env: 'dev' });
    expect(dev.ok && dev.config.userPools[0]?.groups[0]?.acknowledge).toEqual([{ field: 'description', reason: 'long migration', until: '2028-06-01' }]);
  });

  it('counts days between dates and knows calendar dates', () => {
    expect(daysBetween('2026-12-06', '2026-12-07')).toBe(1);
    expect(daysBetween('2026-12-06', '2027-12-06')).toBe(365);
    expect(daysBetween('2026-12-06', '2026-12-01')).toBe(-5);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
  });
});

describe('drift with acknowledgements', () => {
  function driftFor(groups: DesiredGroup[], observed: ObservedGroup[], today = TODAY, read?: Map<string, string[]>) {
    const pool = desired(P, groups);
    const config: DesiredConfig = { version: 1, settings: {}, userPools: [pool] };
    const plan = { pools: [computePoolPlan(pool, observed, read === undefined ? {} : { members: read })] };
    return driftOf(plan, { config, today });
  }
  const editors = (acknowledge: DesiredGroup['acknowledge']): DesiredGroup => ({ name: 'editors', description: 'Editors', precedence: 10, ...(acknowledge === undefined ? {} : { acknowledge }) });

  it('lists a difference acknowledged until a later date apart, with days left, and is in sync', () => {
    const report = driftFor([editors([{ field: 'precedence', reason: 'moving roles', until: '2026-12-16' }])], [{ name: 'editors', description: 'Editors', precedence: 11 }]);
    expect(inSync(report)).toBe(true);
    expect(report.pools[0]?.drifted).toEqual([]);
    expect(report.pools[0]?.acknowledged).toEqual([{ name: 'editors', field: 'precedence', reason: 'moving roles', until: '2026-12-16', daysLeft: 10, expected: 10, actual: 11 }]);
    expect(countDrift(report)).toMatchObject({ drifted: 0, acknowledged: 1, expired: 0, stale: 0 });
    const text = renderDriftText(report, plainStyle);
    expect(text).toContain('  = acknowledged "editors" precedence: expected 10, found 11 (until 2026-12-16, 10 days left): "moving roles"\n');
    expect(text).toContain('In sync: the pools match the file. 1 acknowledged difference, 0 unmanaged groups, 0 provider groups.');
    expect(renderDriftMarkdown(report)).toContain('| acknowledged | `editors` | precedence: expected `10`, found `11`<br>until 2026-12-16, 10 days left: moving roles |');
  });

  it('is drift again on and after the date, saying the acknowledgement ended', () => {
    for (const today of ['2026-12-16', '2027-01-02']) {
      const report = driftFor([editors([{ field: 'precedence', reason: 'moving roles', until: '2026-12-16' }])], [{ name: 'editors', description: 'Editors', precedence: 11 }], today);
      expect(inSync(report)).toBe(false);
      expect(report.pools[0]?.acknowledged).toEqual([]);
      expect(report.pools[0]?.staleAcknowledgements).toEqual([]);
      expect(report.pools[0]?.drifted).toEqual([{ name: 'editors', fix: 'update', fields: [{ field: 'precedence', expected: 10, actual: 11 }], expired: [{ field: 'precedence', reason: 'moving roles', until: '2026-12-16' }] }]);
      const text = renderDriftText(report, plainStyle);
      expect(text).toContain('      acknowledgement of precedence ended on 2026-12-16 ("moving roles"): drift again\n');
      expect(text).toContain('Drift: 1 drifted. 1 acknowledgement ended, 0 unmanaged groups, 0 provider groups.');
    }
  });

  it('keeps a group drifted for a difference its acknowledgements do not cover', () => {
    const report = driftFor([editors([{ field: 'precedence', reason: 'r', until: '2026-12-16' }])], [{ name: 'editors', description: 'by hand', precedence: 11 }]);
    expect(inSync(report)).toBe(false);
    expect(report.pools[0]?.drifted).toEqual([{ name: 'editors', fix: 'update', fields: [{ field: 'description', expected: 'Editors', actual: 'by hand' }] }]);
    expect(report.pools[0]?.acknowledged.map((a) => a.field)).toEqual(['precedence']);
  });

  it('reports an acknowledgement that matches no difference as stale (ended or not), and a missing group stays drift', () => {
    const report = driftFor(
      [editors([{ field: 'description', reason: 'old', until: '2026-12-01' }, { field: 'roleArn', reason: 'soon', until: '2026-12-30' }]), { name: 'viewers', acknowledge: [{ field: 'description', reason: 'x', until: '2026-12-30' }] }],
      [{ name: 'editors', description: 'Editors', precedence: 10 }],
    );
    expect(report.pools[0]?.staleAcknowledgements).toEqual([
      { name: 'editors', field: 'description', reason: 'old', until: '2026-12-01', ended: true },
      { name: 'editors', field: 'roleArn', reason: 'soon', until: '2026-12-30', ended: false },
      { name: 'viewers', field: 'description', reason: 'x', until: '2026-12-30', ended: false },
    ]);
    expect(report.pools[0]?.missing).toEqual(['viewers']);
    expect(inSync(report)).toBe(false);
    expect(renderDriftText(report, plainStyle)).toContain('  ! stale     acknowledgement of description for "editors" (until 2026-12-01, ended) matches no difference: remove it from the file\n');
  });

  it('acknowledges a group\'s members: users missing and unexpected', () => {
    const group: DesiredGroup = { name: 'editors', members: { mode: 'exact', users: ['ann', 'bob'] }, acknowledge: [{ field: 'members', reason: 'onboarding', until: '2026-12-10' }] };
    const report = driftFor([group], [{ name: 'editors' }], TODAY, members({ editors: ['ann', 'eve'] }));
    expect(inSync(report)).toBe(true);
    expect(report.pools[0]?.acknowledged).toEqual([{ name: 'editors', field: 'members', reason: 'onboarding', until: '2026-12-10', daysLeft: 4, members: { missing: ['bob'], unexpected: ['eve'] } }]);
    expect(renderDriftText(report, plainStyle)).toContain('  = acknowledged "editors" members: 1 member not in the group ("bob"), 1 member not in the file ("eve") (until 2026-12-10, 4 days left): "onboarding"\n');
  });

  it('escapes a hostile reason in text and Markdown', () => {
    const report = driftFor([editors([{ field: 'precedence', reason: 'ok\u001b[2J\n| x | @team <b>', until: '2026-12-16' }])], [{ name: 'editors', description: 'Editors', precedence: 11 }]);
    const text = renderDriftText(report, plainStyle);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('"ok\\u001b[2J\\n| x | @team <b>"');
    const md = renderDriftMarkdown(report);
    expect(md).not.toContain('@team');
    expect(md).not.toContain('<b>');
    expect(md).toContain('\\| x \\|');
  });
});
