// The access check of a plan on a large pool: 10,000 groups, 50 with roles holding 20,000
// memberships (10,000 users, each in two role groups), and a precedence change on one role group.
// Times the check alone (the plan's own listing and member reads are made first, untimed) both ways
// it can read, against the floor of each at the emulator's scaled quotas, and counts the calls. Run
// in its own process so its peak RSS is this path's (with the emulator in it); prints one JSON line.
import type { DesiredGroup } from '../core/config/model.js';
import { startEmulator } from '../emulator/index.js';
import { COGNITO_RATES, scaleRates } from '../edge/pacing/rates.js';
import { checkAccess } from './../run/access.js';
import { planWith } from '../run/plan.js';
import { openSession } from '../run/session.js';

const SCALE = Number(process.argv[2] ?? 20);
const GROUPS = 10_000;
const ROLE_GROUPS = 50;
const USERS = 10_000;
const POOL = 'eu-west-1_BenchAccess1';

const roleOf = (i: number): string => `arn:aws:iam::123456789012:role/bench-${i}`;
const groups: DesiredGroup[] = Array.from({ length: GROUPS }, (_, i) =>
  i < ROLE_GROUPS ? { name: `role-${String(i).padStart(2, '0')}`, precedence: i + 1, roleArn: roleOf(i) } : { name: `plain-${String(i).padStart(5, '0')}`, description: `plain ${i}` },
);

const em = await startEmulator({ port: 0, quotas: { enabled: true, scale: SCALE } });
em.ensureUserPool(POOL);
em.seedGroups(POOL, groups.map((g) => ({ GroupName: g.name, ...(g.description === undefined ? {} : { Description: g.description }), ...(g.precedence === undefined ? {} : { Precedence: g.precedence }), ...(g.roleArn === undefined ? {} : { RoleArn: g.roleArn }) })));
const users = Array.from({ length: USERS }, (_, i) => `user-${String(i).padStart(5, '0')}`);
em.seedUsers(POOL, users.map((Username) => ({ Username })));
// User i is in role groups i mod 50 and (i + 1) mod 50: 400 members per role group, 20,000 in all.
for (let g = 0; g < ROLE_GROUPS; g++) em.seedMembers(POOL, groups[g]?.name as string, users.filter((_, i) => i % ROLE_GROUPS === g || (i + 1) % ROLE_GROUPS === g));
// The change: role-00 (precedence 1, the lowest) goes to 1000, so its members' preferred role moves.
const desired = groups.map((g, i) => (i === 0 ? { ...g, precedence: 1000 } : g));
const config = { version: 1 as const, settings: {}, userPools: [{ id: POOL, region: 'eu-west-1', unmanagedGroups: 'keep' as const, groups: desired }] };
const rates = scaleRates(COGNITO_RATES, SCALE);
const options = { endpoint: em.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, rates };

const runs: Array<Record<string, unknown>> = [];
for (const via of [undefined, 'user-groups', 'group-members'] as const) {
  const session = openSession(options);
  try {
    const planned = await planWith(session.api, config, { accessCheck: false, rates });
    em.resetStats();
    const start = performance.now();
    const checked = await checkAccess(session.api, planned.plan, planned.observed, planned.members, planned.caseSensitive, { check: true, sensitiveRoles: [], rates, ...(via === undefined ? {} : { via }) });
    const seconds = (performance.now() - start) / 1000;
    const access = checked.plan.pools[0]?.access;
    if (access === undefined || !access.checked) throw new Error('access bench: no prediction');
    const calls = Object.fromEntries(Object.entries(em.stats().operations).filter(([, s]) => s.calls > 0).map(([op, s]) => [op, s.calls]));
    const pagesPerGroup = Math.ceil((2 * USERS) / ROLE_GROUPS / 60);
    // The floors of both ways at the scaled quotas: one DescribeUserPool, then the reads.
    const floorUsers = access.users / (COGNITO_RATES.userRead * SCALE);
    const floorGroups = ((ROLE_GROUPS - 1) * pagesPerGroup) / (COGNITO_RATES.userList * SCALE);
    runs.push({ forced: via ?? 'chosen', via: access.via, seconds, reads: access.reads, users: access.users, transitions: access.transitions.length, calls, floorUsers, floorGroups, throttled: em.stats().totals.throttled });
  } finally {
    session.close();
  }
}
await em.close();
process.stdout.write(`${JSON.stringify({ groups: GROUPS, roleGroups: ROLE_GROUPS, memberships: 2 * USERS, scale: SCALE, maxRssMb: process.resourceUsage().maxRSS / 1024, runs })}\n`);
