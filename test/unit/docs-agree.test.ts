// The docs state facts the code decides (issue 26, point 5): the flags each command takes, the exit
// codes, the IAM actions a command needs. This test holds the help texts, the README's tables and
// the example workflows' headers to the code, so a change to one without the other fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';
import { OPERATIONS } from '../../src/edge/cognito/port.js';
import { needsOf, POLICY_COMMANDS } from '../../src/edge/iam/needs.js';
import { Command } from '../../src/faces/cli/commander.js';
import { addTargetOptions } from '../../src/faces/cli/flags.js';
import { buildProgram } from '../../src/faces/cli/program.js';
import { STOP_EXIT_CODES } from '../../src/faces/cli/signals.js';
import { testIo } from '../cli-io.js';
import { ROOT } from '../integration/servers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = join(ROOT, 'examples', 'github-actions');
const EXAMPLES_README = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
const program = buildProgram(testIo(), { code: 0 });
const commands = new Map(program.commands.map((c) => [c.name(), c]));
const command = (name: string): InstanceType<typeof Command> => {
  const c = commands.get(name);
  if (c === undefined) throw new Error(`no command ${name}`);
  return c;
};
const longFlags = (c: InstanceType<typeof Command>): string[] => c.options.map((o) => o.long ?? '').filter((f) => f !== '' && f !== '--help');

/** A README section: from its heading to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  const rest = text.slice(start + heading.length + 1);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The rows of the first Markdown table in a text, as cells. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = first; i >= 0 && i < lines.length && (lines[i] ?? '').startsWith('|'); i++) {
    rows.push((lines[i] ?? '').slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}

/** The `--flags` a table's first column names. */
function flagsOfTable(text: string): string[] {
  return tableRows(text)
    .slice(2)
    .flatMap((r) => [...(r[0] ?? '').matchAll(/`(--[a-z-]+|-[a-z])\b/g)].map((m) => m[1] ?? ''));
}

describe('help texts', () => {
  it('lists every exit code the CLI uses in the top-level help', () => {
    const help = program.helpInformation() + '\n' + captureAfterHelp();
    const exitLine = /Exit codes: (.*)/.exec(help)?.[1] ?? '';
    for (const code of [0, 1, 2, ...Object.values(STOP_EXIT_CODES)]) expect(exitLine, `exit code ${code}`).toMatch(new RegExp(`\\b${code}\\b`));
  });

  it('says validate checks every environment without --env, and the others require it', () => {
    const env = (name: string) => command(name).options.find((o) => o.long === '--env')?.description ?? '';
    expect(env('validate')).toBe('check only this environment of the file (default: every environment)');
    expect(env('validate')).not.toMatch(/required/);
    for (const name of ['plan', 'apply', 'drift', 'iam-policy']) expect(env(name)).toMatch(/required when the file has `environments:`/);
  });
});

/** The help text commander adds after the options (the exit codes), as --help prints it. */
function captureAfterHelp(): string {
  const io = testIo();
  const p = buildProgram(io, { code: 0 });
  try {
    p.parse(['--help'], { from: 'user' });
  } catch {
    // --help exits through exitOverride.
  }
  return io.stdout;
}

describe('the README', () => {
  it.each([
    ['plan', '### `plan [-f FILE]`'],
    ['apply', '### `apply [-f FILE]` and `apply PLANFILE`'],
  ])('%s: every flag of its table is a flag of the command, and every flag of the command is in the README', (name, heading) => {
    const text = section(README, heading);
    const flags = longFlags(command(name));
    for (const f of flagsOfTable(text)) expect(flags.concat(['-f']), `${name} ${f}`).toContain(f);
    const commandsSection = section(README, '## Commands');
    for (const f of flags) expect(commandsSection, `${name} ${f}`).toContain(`\`${f}`);
  });

  it('names every flag of every command somewhere', () => {
    const missing = [...commands.values()].filter((c) => c.name() !== 'help').flatMap((c) => longFlags(c).filter((f) => !new RegExp(`${f}(?![a-z-])`).test(README)).map((f) => `${c.name()} ${f}`));
    expect(missing).toEqual([]);
  });

  it('shared options: the table lists exactly the target options plan, apply, import and drift share', () => {
    const shared = flagsOfTable(section(README, '### Options shared by plan, apply, import and drift'));
    const target = longFlags(addTargetOptions(new Command('x')));
    for (const n of ['plan', 'apply', 'import', 'drift']) expect(longFlags(command(n)), n).toEqual(expect.arrayContaining(target));
    expect(shared.sort()).toEqual(target.sort());
  });

  it('exit codes: the table has a row per command and a column per code the CLI uses', () => {
    const rows = tableRows(section(README, '## Exit codes'));
    const header = rows[0] ?? [];
    const codes = header.slice(1).join(' ').match(/\d+/g)?.map(Number) ?? [];
    expect(codes.sort((a, b) => a - b)).toEqual([0, 1, 2, ...Object.values(STOP_EXIT_CODES)].sort((a, b) => a - b));
    const named = rows.slice(2).map((r) => (r[0] ?? '').replace(/`/g, ''));
    expect(named.sort()).toEqual([...commands.keys()].filter((n) => n !== 'help').sort());
  });

  it('IAM permissions: each command of the table is one iam-policy makes, with exactly the actions it can grant', () => {
    const rows = tableRows(section(README, '## IAM permissions')).slice(2);
    const byCommand = new Map<string, Set<string>>();
    let current: string[] = [];
    for (const r of rows) {
      const names = [...(r[0] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1] ?? '');
      if (names.length > 0) current = names;
      const actions = [...(r[1] ?? '').matchAll(/`((?:cognito-idp|cognito-identity|iam|cloudtrail):\w+)`/g)].map((m) => m[1] ?? '');
      // "what plan needs on the pool, plus ..." inherits plan's Cognito actions (not its optional CloudTrail read).
      const inherited = /what `plan` needs/.test(r[1] ?? '') ? [...(byCommand.get('plan') ?? [])].filter((a) => a.startsWith('cognito-idp:')) : [];
      for (const c of current) byCommand.set(c, new Set([...(byCommand.get(c) ?? []), ...actions, ...inherited]));
    }
    const offline = ['validate', 'show', 'iam-policy'];
    for (const c of byCommand.keys()) expect([...POLICY_COMMANDS, ...offline], `the IAM table's row for ${c}`).toContain(c);
    for (const c of POLICY_COMMANDS) expect([...(byCommand.get(c) ?? [])].sort(), c).toEqual(everyActionOf(c));
    for (const c of offline) expect(byCommand.get(c)?.size, c).toBe(0);
  });
});

/** Every action `iam-policy --for command` can grant: its needs for a file that uses every feature. */
function everyActionOf(c: (typeof POLICY_COMMANDS)[number]): string[] {
  const text = [
    'version: 1',
    'userPools:',
    '  - id: eu-west-1_All1',
    '    unmanagedGroups: delete',
    '    groups:',
    '      - name: a',
    '        roleArn: arn:aws:iam::123456789012:role/A',
    '        previously: old',
    '        members: [alice]',
    '',
  ].join('\n');
  const parsed = parseConfig(text, 'all.yaml');
  if (!parsed.ok) throw new Error('the every-feature file is invalid');
  // Every switch on: plan reads CloudTrail too with --attribution.
  const needs = needsOf(parsed.config, c, { attribution: true });
  const ops = needs.pools.flatMap((p) => p.operations).map((op) => `cognito-idp:${op}`);
  expect(OPERATIONS.length).toBeGreaterThan(0);
  const credentials = [
    ...(needs.identityPoolRegions.length > 0 ? ['cognito-identity:ListIdentityPools', 'cognito-identity:DescribeIdentityPool', 'cognito-identity:GetIdentityPoolRoles'] : []),
    ...(needs.getRoles.length > 0 ? ['iam:GetRole'] : []),
  ];
  return [...new Set([...ops, ...(needs.passRoles.length > 0 ? ['iam:PassRole'] : []), ...(needs.lookupEvents === true ? ['cloudtrail:LookupEvents'] : []), ...credentials])].sort();
}

/** The actions a policy file of the examples grants. */
function policyActions(name: string): string[] {
  const doc = JSON.parse(readFileSync(join(EXAMPLES, `iam-${name}-policy.json`), 'utf8')) as { Statement: Array<{ Action: string[] }> };
  return [...new Set(doc.Statement.flatMap((s) => s.Action))].sort();
}

describe('the example workflows', () => {
  it.each(['plan', 'apply', 'drift'])('%s: the header names the policy file and exactly its actions', (name) => {
    const text = readFileSync(join(EXAMPLES, `cognito-groups-${name}.yml`), 'utf8');
    const header = text.slice(0, text.search(/^name:/m));
    const iam = header.slice(header.indexOf('# IAM'));
    expect(iam).toContain(`iam-${name}-policy.json`);
    const named = [...iam.matchAll(/\b((?:cognito-idp|cognito-identity|iam|cloudtrail):\w+)/g)].map((m) => m[1] ?? '');
    expect([...new Set(named)].sort()).toEqual(policyActions(name));
  });

  it.each(['plan', 'apply', 'drift'])("%s: the examples README's table names exactly the policy's actions", (name) => {
    const row = tableRows(EXAMPLES_README).find((r) => r[0] === `\`cognito-groups-${name}.yml\``);
    const cell = row?.[3] ?? '';
    const named = [...cell.matchAll(/`((?:iam:|cloudtrail:|cognito-identity:)?\w+)`/g)].map((m) => m[1] ?? '').filter((a) => !a.includes('.')).map((a) => (a.includes(':') ? a : `cognito-idp:${a}`));
    expect([...new Set(named)].sort()).toEqual(policyActions(name));
  });

  it('says replaces keep their members, nowhere that they drop them', () => {
    expect(EXAMPLES_README).not.toMatch(/replaces?[^.]*both drop/i);
    expect(EXAMPLES_README).toMatch(/A replace keeps the group's members/);
  });
});
