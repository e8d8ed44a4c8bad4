// The credentials check of a plan on a large pool: 10,000 groups, 50 with roles (each a distinct IAM
// role whose trust lets the identity pools hand it out), 1,000 users each in two role groups; three
// identity pools federate the pool through its app client (Token with AuthenticatedRole, Token with
// Deny, Rules on cognito:groups) among 120 others of the region, so ListIdentityPools pages.
// Claim-changing plans (one role group's roleArn moved to another role; its precedence raised): the
// check is timed alone (the plan and its access check come first, untimed), paced at the chosen 5/s
// per operation scaled like the emulator's quotas, against the floor of its calls at those rates.
// Plans that change no claim, end to end through plan(): no identity pool read; a new role group reads
// its one role. With `real`: the whole plan with the check and without it, the check paced as a run
// paces it (5/s, not scaled), and the check alone at 5/s. Run in its own process so its peak RSS is
// this path's (with the emulator in it); prints one JSON line.
import type { DesiredConfig, DesiredGroup } from '../core/config/model.js';
import { startEmulator } from '../emulator/index.js';
import { SdkCredentialsApi } from '../edge/identity/sdk-api.js';
import { systemClock } from '../edge/pacing/clock.js';
import { PacedCredentialsApi } from '../edge/pacing/paced-credentials.js';
import { COGNITO_RATES, CREDENTIAL_RATE, scaleRates } from '../edge/pacing/rates.js';
import { DEFAULT_RETRY } from '../edge/pacing/retry.js';
import { checkCredentials } from '../run/credentials.js';
import { plan, planWith } from '../run/plan.js';
import { openSession } from '../run/session.js';

const SCALE = Number(process.argv[2] ?? 20);
const REAL = process.argv[3] === 'real';
const GROUPS = 10_000;
const ROLE_GROUPS = 50;
const USERS = 1_000;
const FEDERATING = 3;
const OTHER_IDENTITY_POOLS = 120;
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const POOL = 'eu-west-1_BenchCreds1';
const CLIENT = 'web';
const PROVIDER = `cognito-idp.${REGION}.amazonaws.com/${POOL}`;
/** The operations the credentials check makes, as the emulator counts them. */
const CREDENTIAL_OPS = ['ListIdentityPools', 'DescribeIdentityPool', 'GetIdentityPoolRoles', 'GetRole'];

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const roleName = (i: number): string => `bench-${i}`;
const arn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const groups: DesiredGroup[] = Array.from({ length: GROUPS }, (_, i) =>
  i < ROLE_GROUPS ? { name: `role-${String(i).padStart(2, '0')}`, precedence: i + 1, roleArn: arn(roleName(i)) } : { name: `plain-${String(i).padStart(5, '0')}`, description: `plain ${i}` },
);

const em = await startEmulator({ port: 0, account: ACCOUNT, region: REGION, quotas: { enabled: true, scale: SCALE } });
em.ensureUserPool(POOL);
em.seedGroups(POOL, groups.map((g) => ({ GroupName: g.name, ...(g.description === undefined ? {} : { Description: g.description }), ...(g.precedence === undefined ? {} : { Precedence: g.precedence }), ...(g.roleArn === undefined ? {} : { RoleArn: g.roleArn }) })));
const users = Array.from({ length: USERS }, (_, i) => `user-${String(i).padStart(5, '0')}`);
em.seedUsers(POOL, users.map((Username) => ({ Username })));
// User i is in role groups i mod 50 and (i + 1) mod 50: 40 members per role group, 2,000 in all.
for (let g = 0; g < ROLE_GROUPS; g++) em.seedMembers(POOL, groups[g]?.name as string, users.filter((_, i) => i % ROLE_GROUPS === g || (i + 1) % ROLE_GROUPS === g));

// The region's identity pools, in listing order (creation order): the federating ones at these places among the others.
const FEDERATING_AT = new Set([20, 61, 102]);
const federating: string[] = [];
for (let i = 0; i < OTHER_IDENTITY_POOLS + FEDERATING; i++) {
  if (FEDERATING_AT.has(i)) federating.push(em.createIdentityPool(`bench-app-${federating.length}`, { userPools: [{ userPoolId: POOL, clientId: CLIENT }] }));
  // Half of the others federate other user pools of the region, half none.
  else em.createIdentityPool(`other-${String(i).padStart(3, '0')}`, i % 2 === 0 ? { userPools: [{ userPoolId: `${REGION}_Other${i}`, clientId: CLIENT }] } : {});
}
if (federating.length !== FEDERATING) throw new Error('credentials bench: the federating identity pools were not all made');
// A trust that lets exactly these identity pools hand the role to signed-in users.
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': federating }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }],
};
for (let i = 0; i < ROLE_GROUPS; i++) em.createRole(roleName(i), trust);
const ALT = em.createRole('bench-alt', trust);
const READER = em.createRole('bench-reader', trust);
const mapping = `${PROVIDER}:${CLIENT}`;
const [web, partner, ops] = federating as [string, string, string];
em.setIdentityPoolRoles(web, { Roles: { authenticated: READER }, RoleMappings: { [mapping]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } } });
em.setIdentityPoolRoles(partner, { Roles: { authenticated: READER }, RoleMappings: { [mapping]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } });
em.setIdentityPoolRoles(ops, {
  Roles: { authenticated: READER },
  RoleMappings: { [mapping]: { Type: 'Rules', AmbiguousRoleResolution: 'AuthenticatedRole', RulesConfiguration: { Rules: [0, 1, 2, 3, 4].map((i) => ({ Claim: 'cognito:groups', MatchType: 'Equals' as const, Value: groups[i]?.name as string, RoleARN: arn(roleName(i)) })) } } },
});

const configOf = (desired: DesiredGroup[]): DesiredConfig => ({ version: 1, settings: {}, userPools: [{ id: POOL, region: REGION, unmanagedGroups: 'keep', groups: desired }] });
const rates = scaleRates(COGNITO_RATES, SCALE);
const credentialRate = CREDENTIAL_RATE * SCALE;
const options = { endpoint: em.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, rates };

/** The credential calls since the last reset, as the emulator counted them (only those made). */
function credentialCalls(): Record<string, number> {
  const ops = em.stats().operations;
  return Object.fromEntries(CREDENTIAL_OPS.map((op) => [op, ops[op]?.calls ?? 0]));
}

/** Every call since the last reset, by operation (only those made). */
function allCalls(): Record<string, number> {
  return Object.fromEntries(Object.entries(em.stats().operations).filter(([, s]) => s.calls > 0).map(([op, s]) => [op, s.calls]));
}

/**
 * The floor of the check at `rate` per operation. The lanes are read side by side: the listing and then
 * the descriptions of one region one after the other (each description needs the listing), the
 * GetIdentityPoolRoles and GetRole lanes beside them; so the longest of those paths.
 */
function floorOf(calls: Record<string, number>, rate: number): number {
  const n = (op: string): number => calls[op] ?? 0;
  return Math.max(n('ListIdentityPools') + n('DescribeIdentityPool'), n('GetIdentityPoolRoles'), n('GetRole')) / rate;
}

const changes: Array<{ change: string; desired: DesiredGroup[] }> = [
  { change: 'roleArn of role-00 to another role', desired: groups.map((g, i) => (i === 0 ? { ...g, roleArn: ALT } : g)) },
  { change: 'precedence of role-00 from 1 to 1000', desired: groups.map((g, i) => (i === 0 ? { ...g, precedence: 1000 } : g)) },
];

/** Plans `desired` (untimed), then times its credentials check alone, paced at `rate` per operation. */
async function timedCheck(change: string, desired: DesiredGroup[], rate: number): Promise<Record<string, unknown>> {
  const config = configOf(desired);
  const session = openSession(options);
  const sdk = new SdkCredentialsApi({ endpoint: em.url, credentials: options.credentials });
  try {
    const planned = await planWith(session.api, config, { rates });
    const claims = planned.accessClaims ?? new Map();
    const claimUsers = claims.get(POOL)?.length ?? 0;
    if (claimUsers === 0) throw new Error(`credentials bench: ${change} changes no claim`);
    const api = new PacedCredentialsApi(sdk, systemClock, DEFAULT_RETRY, rate);
    em.resetStats();
    const start = performance.now();
    const checked = await checkCredentials(api, config, planned.plan.pools, claims, { check: true });
    const seconds = (performance.now() - start) / 1000;
    const pool = checked.pools.get(POOL);
    if (pool === undefined || !pool.checked || !checked.plan.checked) throw new Error(`credentials bench: ${change}: no prediction`);
    if (checked.plan.roleWarnings.length > 0 || checked.plan.unchecked.length > 0) throw new Error(`credentials bench: ${change}: ${JSON.stringify({ warnings: checked.plan.roleWarnings, unchecked: checked.plan.unchecked })}`);
    const calls = credentialCalls();
    return {
      change,
      rate,
      seconds,
      calls,
      portCalls: api.counts.calls,
      floor: floorOf(calls, rate),
      serial: Object.values(calls).reduce((a, b) => a + b, 0) / rate,
      claimUsers,
      credentialUsers: pool.users,
      identityPools: pool.identityPools.length,
      transitions: pool.transitions.length,
      rolesChecked: checked.plan.rolesChecked.length,
      throttled: em.stats().totals.throttled,
    };
  } finally {
    session.close();
    sdk.destroy();
  }
}

// Claim-changing plans: the check alone, paced at the chosen rate scaled like the quotas.
const runs: Array<Record<string, unknown>> = [];
for (const { change, desired } of changes) runs.push(await timedCheck(change, desired, credentialRate));

// Plans that change no claim, end to end: the calls the whole plan makes, as a run makes them.
const quiet: Array<Record<string, unknown>> = [];
const noClaim: Array<{ change: string; desired: DesiredGroup[] }> = [
  { change: 'description of one plain group', desired: groups.map((g, i) => (i === ROLE_GROUPS ? { ...g, description: 'changed' } : g)) },
  { change: 'a new group with a role, no members', desired: [...groups, { name: 'role-new', precedence: 500, roleArn: ALT }] },
];
for (const { change, desired } of noClaim) {
  em.resetStats();
  const start = performance.now();
  const result = await plan({ config: configOf(desired), ...options });
  const seconds = (performance.now() - start) / 1000;
  const pool = result.plan.pools[0];
  if (pool?.changes.length !== 1) throw new Error(`credentials bench: ${change}: expected one change, got ${pool?.changes.length}`);
  if (pool.access !== undefined && pool.access.checked && pool.access.users > 0) throw new Error(`credentials bench: ${change} changes claims`);
  quiet.push({ change, seconds, calls: allCalls(), credentialCalls: credentialCalls(), rolesChecked: result.plan.credentials?.checked === true ? result.plan.credentials.rolesChecked.length : 0, throttled: em.stats().totals.throttled });
}

// With `real`: the whole claim-changing plan without the check and with it, the check paced at the
// run's CREDENTIAL_RATE (not scaled), the Cognito calls at the scaled rates.
const whole: Array<Record<string, unknown>> = [];
if (REAL) {
  const config = configOf(changes[0]?.desired as DesiredGroup[]);
  for (const credentialsCheck of [false, true]) {
    em.resetStats();
    const start = performance.now();
    const result = await plan({ config, ...options, rates: { ...rates, credentialRead: CREDENTIAL_RATE }, credentialsCheck });
    const seconds = (performance.now() - start) / 1000;
    if (credentialsCheck && result.plan.credentials?.checked !== true) throw new Error('credentials bench: the whole plan did not check credentials');
    const calls = credentialCalls();
    whole.push({ credentialsCheck, seconds, calls: allCalls(), floor: floorOf(calls, CREDENTIAL_RATE), throttled: em.stats().totals.throttled });
  }
  // And the check alone at that rate.
  runs.push(await timedCheck(changes[0]?.change as string, changes[0]?.desired as DesiredGroup[], CREDENTIAL_RATE));
}

await em.close();
process.stdout.write(
  `${JSON.stringify({ groups: GROUPS, roleGroups: ROLE_GROUPS, users: USERS, memberships: 2 * USERS, identityPools: OTHER_IDENTITY_POOLS + FEDERATING, federating: FEDERATING, scale: SCALE, rate: CREDENTIAL_RATE, maxRssMb: process.resourceUsage().maxRSS / 1024, runs, quiet, whole })}\n`,
);
