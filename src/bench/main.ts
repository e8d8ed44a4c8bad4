// `npm run bench`: the tool against the emulator with Cognito's quotas enforced and scaled, the two
// baseline strategies on the same emulator, and the CPU-only path. Prints a table.
import { ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DesiredConfig, DesiredGroup } from '../core/config/model.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { COGNITO_RATES, CREDENTIAL_RATE, scaleRates } from '../edge/pacing/rates.js';
import { apply } from '../run/apply.js';
import { plan } from '../run/plan.js';
import type { SessionOptions } from '../run/session.js';
import { defaultClient, getGroupRefresh, sequentialApply, type BaselineResult } from './baselines.js';
import { benchGroups } from './data.js';
import { firstRequestRow, realApplyRow, startupRows } from './startup.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 20);
const READ_GROUPS = Number(process.env.BENCH_READ_GROUPS ?? 10_000);
const WRITES_EACH = Number(process.env.BENCH_WRITES ?? 2_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5_000);
const BIG_GROUP = Number(process.env.BENCH_BIG_GROUP ?? 100_000);
const MEMBER_ADDS = Number(process.env.BENCH_MEMBER_ADDS ?? 1_000);
const PER_POOL_RATE = COGNITO_RATES.perPoolOperation * SCALE;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function configOf(id: string, groups: DesiredGroup[]): DesiredConfig {
  return { version: 1, settings: {}, userPools: [{ id, region: 'eu-west-1', unmanagedGroups: 'keep', groups }] };
}

function seed(em: RunningEmulator, id: string, groups: DesiredGroup[]): void {
  em.ensureUserPool(id);
  em.seedGroups(id, groups.map((g) => ({ GroupName: g.name, ...(g.description === undefined ? {} : { Description: g.description }), ...(g.precedence === undefined ? {} : { Precedence: g.precedence }), ...(g.roleArn === undefined ? {} : { RoleArn: g.roleArn }) })));
}

function opCalls(em: RunningEmulator): string {
  return Object.entries(em.stats().operations)
    .filter(([, s]) => s.calls > 0)
    .map(([op, s]) => `${op} ${s.calls}`)
    .join(', ');
}

const rows: string[][] = [];
const log = (s: string): void => void process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  // Start-up first, on a quiet machine: whole processes against bare Node.
  const starting = await startEmulator({ port: 0, quotas: { enabled: false } });
  log('start-up: whole processes, medians of paired runs against node -e 0...');
  const startRows = await startupRows(Number(process.env.BENCH_START_RUNS ?? 7), READ_GROUPS, starting);
  await starting.close();
  // At Cognito's real rates (unscaled quotas): the first request of a large plan, and an apply.
  const realRows: string[][] = [];
  if (process.env.BENCH_REAL !== '0') {
    const real = await startEmulator({ port: 0, quotas: { enabled: true, scale: 1 } });
    log(`real rates: plan of ${READ_GROUPS} groups (about ${Math.round(READ_GROUPS / 300)} s)...`);
    realRows.push(await firstRequestRow(real, READ_GROUPS));
    log('real rates: apply 200 creates + 200 updates + 100 deletes (about 50 s)...');
    realRows.push(await realApplyRow(real));
    await real.close();
  }

  const em = await startEmulator({ port: 0, quotas: { enabled: true, scale: SCALE } });
  const session: SessionOptions = { endpoint: em.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, rates: scaleRates(COGNITO_RATES, SCALE) };
  log(`quotas scaled x${SCALE}: ${PER_POOL_RATE} req/s per pool and operation`);

  // Read: plan of a pool of READ_GROUPS groups that already matches.
  const readGroups = benchGroups(READ_GROUPS, 'r', 'read');
  seed(em, 'eu-west-1_BenchRead1', readGroups);
  em.resetStats();
  log('read: plan...');
  let t = performance.now();
  const read = await plan({ config: configOf('eu-west-1_BenchRead1', readGroups), ...session });
  const readSeconds = (performance.now() - t) / 1000;
  const pages = Math.ceil(READ_GROUPS / 60);
  const readFloor = pages / PER_POOL_RATE;
  if (read.plan.pools[0]?.changes.length !== 0) throw new Error('read bench: expected no changes');
  rows.push([`read: plan of ${READ_GROUPS} groups`, secs(readSeconds), `${secs(readFloor)} (${pages} pages)`, ratio(readSeconds / readFloor), opCalls(em), `${em.stats().totals.throttled}`, '0']);

  // Baseline read: GetGroup per group, 10 at a time, SDK default retries.
  em.resetStats();
  log('baseline read: GetGroup per group...');
  const client = defaultClient(em.url);
  const perGroup = await getGroupRefresh(client, 'eu-west-1_BenchRead1', readGroups.map((g) => g.name));
  rows.push([`baseline: GetGroup per group (x10)`, secs(perGroup.seconds), secs(READ_GROUPS / PER_POOL_RATE), `ours is ${ratio(readSeconds / perGroup.seconds)} of it`, opCalls(em), `${em.stats().totals.throttled}`, `${perGroup.failed}`]);

  // Write: WRITES_EACH creates and WRITES_EACH updates in one pool; before and after the lease
  // (--lock=false takes none), which adds its CreateGroup and DeleteGroup.
  const unlocked = await writeRun(em, session, 'eu-west-1_BenchWrite0', 0, false);
  rows.push(unlocked.row);
  const write = await writeRun(em, session, 'eu-west-1_BenchWrite1', 0);
  rows.push(write.row);

  // Faults: the same with 5% injected 500s; converges, or a re-run finishes it.
  const faults = await writeRun(em, session, 'eu-west-1_BenchFault1', 0.05);
  rows.push(faults.row);

  // Baseline write: unpaced sequential calls, SDK default retries.
  const base = 'eu-west-1_BenchBase1';
  seed(em, base, benchGroups(WRITES_EACH, 'u', 'old'));
  em.resetStats();
  log('baseline write: sequential unpaced calls...');
  const seq: BaselineResult = await sequentialApply(client, base, benchGroups(WRITES_EACH, 'c', 'new'), benchGroups(WRITES_EACH, 'u', 'new'));
  rows.push([`baseline: sequential unpaced script`, secs(seq.seconds), secs(write.floor), `ours is ${ratio(write.seconds / seq.seconds)} of it`, opCalls(em), `${em.stats().totals.throttled}`, `${seq.failed}`]);
  client.destroy();

  // Members: a replace that keeps a large group's members, then the same with 5% injected 500s.
  rows.push(await membersRun(em, session, 'eu-west-1_BenchMembers1', 0));
  rows.push(await membersRun(em, session, 'eu-west-1_BenchMembers2', 0.05));
  // Membership as code: reading a very large group, and adding members from the file.
  rows.push(await bigGroupRead(em, session, 'eu-west-1_BenchBigGroup1'));
  rows.push(await memberAdds(em, session, 'eu-west-1_BenchAdds1'));
  await em.close();

  // CPU only, in its own process for a clean peak RSS.
  log('cpu: load + validate + plan...');
  const cpu = JSON.parse(execFileSync(process.execPath, [fileURLToPath(new URL('./cpu.js', import.meta.url)), String(READ_GROUPS)], { encoding: 'utf8' })) as { ms: number; maxRssMb: number; bytes: number };
  rows.push([`cpu: load+validate+plan ${READ_GROUPS} groups (${(cpu.bytes / 1024).toFixed(0)} KiB)`, `${cpu.ms.toFixed(0)} ms`, '< 1000 ms', '', `peak RSS ${cpu.maxRssMb.toFixed(0)} MB (< 200)`, '', '']);

  // The access check on a large pool, both ways, in its own process (its peak RSS includes the emulator).
  log('access: the access check of a precedence change in a pool of 10,000 groups, 50 with roles...');
  for (const row of accessRows(execFileSync(process.execPath, [fileURLToPath(new URL('./access.js', import.meta.url)), String(Number(process.env.BENCH_ACCESS_SCALE ?? SCALE))], { encoding: 'utf8' }))) rows.push(row);

  // The credentials check (identity pools and roles) of claim-changing plans, and plans that change no
  // claim, in its own process; with the real-rates runs, also the whole plan with and without it at 5/s.
  log(`credentials: the credentials check in a pool of 10,000 groups, 50 with roles, 3 of 123 identity pools federating it${process.env.BENCH_REAL === '0' ? '' : ' (and the whole plan with it at 5/s, about 45 s)'}...`);
  const credentialsArgs = [fileURLToPath(new URL('./credentials.js', import.meta.url)), String(Number(process.env.BENCH_CREDENTIALS_SCALE ?? SCALE)), ...(process.env.BENCH_REAL === '0' ? [] : ['real'])];
  for (const row of credentialsRows(execFileSync(process.execPath, credentialsArgs, { encoding: 'utf8' }))) rows.push(row);

  process.stdout.write(`\nnode ${process.version} on ${process.platform}-${process.arch}\n\nStart-up and real rates (whole processes; medians; peak RSS of the process):\n\n`);
  const startHeader = ['run', 'time', 'target / floor', 'ratio', 'outcome', 'peak RSS'];
  process.stdout.write(`| ${startHeader.join(' | ')} |\n| ${startHeader.map(() => '---').join(' | ')} |\n`);
  for (const r of [...startRows, ...realRows]) process.stdout.write(`| ${r.join(' | ')} |\n`);
  const header = ['run', 'time', 'floor / target', 'time / floor', 'calls', 'throttled', 'failed'];
  process.stdout.write(`\nQuotas scaled x${SCALE} (per pool and operation ${PER_POOL_RATE}/s):\n\n`);
  process.stdout.write(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |\n`);
  for (const r of rows) process.stdout.write(`| ${r.join(' | ')} |\n`);
}

async function writeRun(em: RunningEmulator, session: SessionOptions, pool: string, errorRate: number, lock = true): Promise<{ row: string[]; seconds: number; floor: number }> {
  seed(em, pool, benchGroups(WRITES_EACH, 'u', 'old'));
  const config = configOf(pool, [...benchGroups(WRITES_EACH, 'c', 'new'), ...benchGroups(WRITES_EACH, 'u', 'new')]);
  em.resetStats();
  em.setFaults(errorRate > 0 ? { errorRate, seed: 11 } : {});
  log(`write: apply ${WRITES_EACH} creates + ${WRITES_EACH} updates${errorRate > 0 ? ` with ${errorRate * 100}% injected 500s` : ''}...`);
  const start = performance.now();
  const result = await apply({ config, ...session, lock });
  let failed = result.outcome?.report.results.filter((r) => r.status !== 'done').length ?? 0;
  let note = '';
  if (failed > 0) {
    const rerun = await apply({ config, ...session, lock });
    const left = rerun.outcome?.report.results.filter((r) => r.status !== 'done').length ?? 0;
    note = ` (${failed} failed, re-run: ${left})`;
    failed = left;
  }
  const seconds = (performance.now() - start) / 1000;
  em.setFaults({});
  const writes = 2 * WRITES_EACH;
  const stats = em.stats();
  // Creates and updates each have their own per-pool quota and run side by side; before them, the plan
  // checks the roles the creates name (one GetRole per distinct role, at the scaled credentials rate).
  const roleChecks = stats.operations.GetRole?.calls ?? 0;
  const floor = writes / (2 * PER_POOL_RATE) + roleChecks / (CREDENTIAL_RATE * SCALE);
  // The lease's create is not one of the writes the floor counts (nor its delete, not counted here).
  const writeCalls = (stats.operations.CreateGroup?.calls ?? 0) + (stats.operations.UpdateGroup?.calls ?? 0) - (lock ? 1 : 0);
  const extra = errorRate > 0 ? `; ${writeCalls - writes} extra calls` : '';
  const base = errorRate > 0 ? `faults: same apply, ${errorRate * 100}% 500s` : `write: apply ${WRITES_EACH} creates + ${WRITES_EACH} updates`;
  const label = errorRate > 0 ? base : `${base}${lock ? ', with its lease' : ', no lease (--lock=false)'}`;
  return { row: [label, secs(seconds), secs(floor), ratio(seconds / floor), `${opCalls(em)}${extra}`, `${stats.totals.throttled}`, `${failed}${note}`], seconds, floor };
}

/**
 * A replace (the file drops the group's role) of a group with MEMBERS members, keeping them. Floor:
 * reading them once (ceil(M/60) pages at ListUsersInGroup's 30/s) plus two copies (into the holding
 * group and back) at AdminAddUserToGroup's 25/s. Members lost = seeded members not in the group after.
 */
async function membersRun(em: RunningEmulator, session: SessionOptions, pool: string, errorRate: number): Promise<string[]> {
  const users = Array.from({ length: MEMBERS }, (_, i) => `member-${String(i).padStart(6, '0')}`);
  em.ensureUserPool(pool);
  em.seedGroups(pool, [{ GroupName: 'big', RoleArn: 'arn:aws:iam::123456789012:role/Big', Precedence: 1 }]);
  em.seedUsers(pool, users.map((Username) => ({ Username })));
  em.seedMembers(pool, 'big', users);
  const config = configOf(pool, [{ name: 'big', precedence: 1 }]);
  em.resetStats();
  em.setFaults(errorRate > 0 ? { errorRate, seed: 7 } : {});
  log(`members: replace of a group with ${MEMBERS} members, keeping them${errorRate > 0 ? `, ${errorRate * 100}% injected 500s` : ''}...`);
  const start = performance.now();
  // The replace takes the group's role away from its members: a role change, allowed here.
  let result = await apply({ config, ...session, allowReplace: true, allowRoleChanges: true });
  let reruns = 0;
  while (result.outcome !== undefined && result.outcome.report.results.some((r) => r.status !== 'done') && reruns < 3) {
    reruns++;
    result = await apply({ config, ...session, allowReplace: true, allowRoleChanges: true });
  }
  const seconds = (performance.now() - start) / 1000;
  em.setFaults({});
  const floor = Math.ceil(MEMBERS / 60) / (30 * SCALE) + (2 * MEMBERS) / (25 * SCALE);
  const after = await plan({ config, ...session });
  const lost = MEMBERS - (await membersIn(em.url, pool, 'big', users));
  const label = `members: replace keeping ${MEMBERS} members${errorRate > 0 ? `, ${errorRate * 100}% 500s` : ''}`;
  const changes = after.plan.pools[0]?.changes.length ?? -1;
  const failed = `${lost} members lost${reruns > 0 ? `; ${reruns} re-run(s)` : ''}${changes === 0 ? '' : `; ${changes} change(s) left`}`;
  return [label, secs(seconds), `${secs(floor)} (${Math.ceil(MEMBERS / 60)} pages + 2 x ${MEMBERS} adds)`, ratio(seconds / floor), opCalls(em), `${em.stats().totals.throttled}`, failed];
}

/** A plan that must count a group of BIG_GROUP members (the file drops its role). Floor: ceil(M/60) pages at ListUsersInGroup's 30/s. */
async function bigGroupRead(em: RunningEmulator, session: SessionOptions, pool: string): Promise<string[]> {
  const users = Array.from({ length: BIG_GROUP }, (_, i) => `big-${String(i).padStart(7, '0')}`);
  em.ensureUserPool(pool);
  em.seedGroups(pool, [{ GroupName: 'everyone', Precedence: 9 }]);
  em.seedUsers(pool, users.map((Username) => ({ Username })));
  em.seedMembers(pool, 'everyone', users);
  em.resetStats();
  log(`members: plan counting a group of ${BIG_GROUP} members...`);
  const start = performance.now();
  const result = await plan({ config: configOf(pool, [{ name: 'everyone' }]), ...session });
  const seconds = (performance.now() - start) / 1000;
  const counted = result.plan.pools[0]?.changes[0];
  if (counted === undefined || !('memberCount' in counted) || counted.memberCount !== BIG_GROUP) throw new Error('big group bench: the plan did not count every member');
  const pages = Math.ceil(BIG_GROUP / 60);
  const floor = pages / (30 * SCALE);
  return [`members: plan counting a group of ${BIG_GROUP} members`, secs(seconds), `${secs(floor)} (${pages} pages)`, ratio(seconds / floor), opCalls(em), `${em.stats().totals.throttled}`, '0'];
}

/**
 * An apply adding MEMBER_ADDS members from the file's `members:`. Floor: the adds at AdminAddUserToGroup's
 * 25/s; the plan first looks up every user to add (AdminGetUser, 50/s), shown apart.
 */
async function memberAdds(em: RunningEmulator, session: SessionOptions, pool: string): Promise<string[]> {
  const users = Array.from({ length: MEMBER_ADDS }, (_, i) => `new-${String(i).padStart(6, '0')}`);
  em.ensureUserPool(pool);
  em.seedGroups(pool, [{ GroupName: 'team' }]);
  em.seedUsers(pool, users.map((Username) => ({ Username })));
  em.resetStats();
  log(`members: apply adding ${MEMBER_ADDS} members...`);
  const start = performance.now();
  const result = await apply({ config: configOf(pool, [{ name: 'team', members: { mode: 'include', users } }]), ...session });
  const seconds = (performance.now() - start) / 1000;
  const added = result.outcome?.report.results.reduce((n, r) => n + (r.membersAdded ?? 0), 0) ?? 0;
  const floor = MEMBER_ADDS / (25 * SCALE);
  const lookups = MEMBER_ADDS / (50 * SCALE);
  const missing = MEMBER_ADDS - (await membersIn(em.url, pool, 'team', users));
  return [
    `members: apply adding ${MEMBER_ADDS} members (with the plan's user look-ups)`,
    secs(seconds),
    `${secs(floor)} adds (+ ${secs(lookups)} look-ups)`,
    `${ratio(seconds / floor)} (${ratio(seconds / (floor + lookups))} with look-ups)`,
    opCalls(em),
    `${em.stats().totals.throttled}`,
    `${added} added, ${missing} missing`,
  ];
}

/** How many of `users` the group has, listed with a plain SDK client. */
async function membersIn(url: string, pool: string, group: string, users: readonly string[]): Promise<number> {
  const client = defaultClient(url);
  const inGroup = new Set<string>();
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: group, Limit: 60, ...(token === undefined ? {} : { NextToken: token }) }));
      for (const u of page.Users ?? []) inGroup.add(u.Username ?? '');
      token = page.NextToken;
    } while (token !== undefined);
  } finally {
    client.destroy();
  }
  return users.filter((u) => inGroup.has(u)).length;
}

/** The access bench's runs as table rows: each way's time against the floor of the cheaper way. */
function accessRows(json: string): string[][] {
  const out = JSON.parse(json) as { scale: number; maxRssMb: number; runs: Array<{ forced: string; via: string; seconds: number; reads: number; users: number; calls: Record<string, number>; floorUsers: number; floorGroups: number; throttled: number }> };
  return out.runs.map((r) => {
    const floor = Math.min(r.floorUsers, r.floorGroups);
    const label = `access: check of 1 precedence change, 10,000 groups (50 with roles, 20,000 members), ${r.forced === 'chosen' ? `chosen way (${r.via})` : `forced ${r.via}`}, quotas x${out.scale}`;
    const calls = Object.entries(r.calls).map(([op, n]) => `${op} ${n}`).join(', ');
    return [label, secs(r.seconds), `${secs(floor)} cheaper (users ${secs(r.floorUsers)}, groups ${secs(r.floorGroups)})`, ratio(r.seconds / floor), `${calls}; ${r.users} users; peak RSS ${out.maxRssMb.toFixed(0)} MB`, `${r.throttled}`, '0'];
  });
}

/** The credentials bench's runs as table rows: the check alone against its floor, plans that change no claim, and (real) the whole plan with and without the check. */
function credentialsRows(json: string): string[][] {
  type Calls = Record<string, number>;
  const out = JSON.parse(json) as {
    scale: number;
    rate: number;
    identityPools: number;
    federating: number;
    maxRssMb: number;
    runs: Array<{ change: string; rate: number; seconds: number; calls: Calls; floor: number; serial: number; claimUsers: number; credentialUsers: number; identityPools: number; rolesChecked: number; throttled: number }>;
    quiet: Array<{ change: string; seconds: number; calls: Calls; credentialCalls: Calls; throttled: number }>;
    whole: Array<{ credentialsCheck: boolean; seconds: number; calls: Calls; floor: number; throttled: number }>;
  };
  const list = (calls: Calls): string => Object.entries(calls).map(([op, n]) => `${op} ${n}`).join(', ');
  const pool = `10,000 groups (50 with roles), ${out.federating} of ${out.identityPools} identity pools federating it`;
  const rows = out.runs.map((r) => [
    `credentials: check of 1 change (${r.change}), ${pool}, ${r.rate === out.rate ? `at the run's ${out.rate}/s per operation (not scaled)` : `${out.rate}/s per operation x${r.rate / out.rate}`}`,
    secs(r.seconds),
    `${secs(r.floor)} (lanes side by side; ${secs(r.serial)} one after another)`,
    ratio(r.seconds / r.floor),
    `${list(r.calls)}; ${r.claimUsers} users' claims, ${r.credentialUsers} users' credentials change in ${r.identityPools} identity pools; peak RSS ${out.maxRssMb.toFixed(0)} MB`,
    `${r.throttled}`,
    '0',
  ]);
  for (const q of out.quiet) {
    const made = Object.fromEntries(Object.entries(q.credentialCalls).filter(([, n]) => n > 0));
    rows.push([`credentials: whole plan changing no claim (${q.change})`, secs(q.seconds), '', '', `${list(q.calls)}; identity pool and IAM calls: ${Object.keys(made).length === 0 ? 'none' : list(made)}`, `${q.throttled}`, '0']);
  }
  const without = out.whole.find((w) => !w.credentialsCheck);
  const withCheck = out.whole.find((w) => w.credentialsCheck);
  if (without !== undefined && withCheck !== undefined) {
    const added = withCheck.seconds - without.seconds;
    rows.push([
      `credentials: whole plan of the roleArn change, check at the run's ${out.rate}/s (not scaled), with / without it`,
      `${secs(withCheck.seconds)} / ${secs(without.seconds)}: +${secs(added)}`,
      `${secs(withCheck.floor)} for the check`,
      ratio(added / withCheck.floor),
      list(withCheck.calls),
      `${withCheck.throttled}`,
      '0',
    ]);
  }
  return rows;
}

function secs(s: number): string {
  return `${s.toFixed(2)} s`;
}

function ratio(r: number): string {
  return `${r.toFixed(2)}x`;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
