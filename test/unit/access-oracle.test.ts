// The prediction against the thing itself: random pools (groups with and without roles and
// precedence, users in several), random files (fields, members:, previously, unmanaged deletes,
// --drop-members), planned and applied on the in-memory fake; every user's claims computed from the
// fake before and after must differ exactly as the plan's transitions say.
import { describe, expect, it } from 'vitest';
import { claimsOf, type Claims } from '../../src/core/claims/rule.js';
import type { DesiredConfig, DesiredGroup } from '../../src/core/config/model.js';
import { CgError } from '../../src/core/errors.js';
import { apply } from '../../src/run/apply.js';
import { FakeGroupsApi } from './fake-groups-api.js';
import { FakeClock } from './fake-clock.js';
import { pick, seededRandom } from './seeded-random.js';

const POOL = 'eu-west-1_Oracle1';
const NAMES = ['a', 'b', 'c', 'd', 'e'];
const ROLES = [undefined, 'arn:aws:iam::1:role/x', 'arn:aws:iam::1:role/y', 'arn:aws:iam::1:role/z'];
const PRECEDENCES = [undefined, 0, 1, 1, 5];
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];

function fields(random: () => number): { precedence?: number; roleArn?: string } {
  const role = pick(random, ROLES);
  const precedence = pick(random, PRECEDENCES);
  return { ...(role === undefined ? {} : { roleArn: role }), ...(precedence === undefined ? {} : { precedence }) };
}

function claimsIn(fake: FakeGroupsApi): Map<string, Claims> {
  const groups = fake.groupsOf(POOL);
  return new Map(
    USERS.map((u) => [u, claimsOf(groups.filter((g) => fake.members(POOL, g.name).includes(u)).map((g) => ({ name: g.name, ...(g.precedence === undefined ? {} : { precedence: g.precedence }), ...(g.roleArn === undefined ? {} : { roleArn: g.roleArn }) })))]),
  );
}

function differences(before: Map<string, Claims>, after: Map<string, Claims>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [u, b] of before) {
    const a = after.get(u) as Claims;
    const list: string[] = [];
    if ((b.preferredRole ?? null) !== (a.preferredRole ?? null)) list.push(`preferred ${b.preferredRole ?? 'none'} -> ${a.preferredRole ?? 'none'}`);
    for (const r of a.roles) if (!b.roles.includes(r)) list.push(`gain role ${r}`);
    for (const r of b.roles) if (!a.roles.includes(r)) list.push(`lose role ${r}`);
    for (const g of a.groups) if (!b.groups.includes(g)) list.push(`gain group ${g}`);
    for (const g of b.groups) if (!a.groups.includes(g)) list.push(`lose group ${g}`);
    if (list.length > 0) out.set(u, list.sort());
  }
  return out;
}

describe('access predictions against the pool after apply', () => {
  it('hold for 300 random pools and files, through every kind of change', async () => {
    const random = seededRandom(22);
    const seen = new Set<string>();
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const fake = new FakeGroupsApi({ pageSize: 2 });
      const observed = NAMES.filter(() => random() < 0.6).map((name) => ({ name, ...fields(random) }));
      fake.addPool(POOL, observed);
      fake.addUsers(POOL, USERS);
      for (const g of observed) fake.addMembers(POOL, g.name, USERS.filter(() => random() < 0.4));
      const wanted = NAMES.filter(() => random() < 0.6);
      const groups: DesiredGroup[] = wanted.map((name) => {
        const g: DesiredGroup = { name, ...fields(random) };
        const others = NAMES.filter((n) => !wanted.includes(n));
        if (random() < 0.2 && others.length > 0) g.previously = [pick(random, others)];
        if (random() < 0.3) g.members = { mode: random() < 0.5 ? 'exact' : 'include', users: USERS.filter(() => random() < 0.5) };
        return g;
      });
      const config: DesiredConfig = { version: 1, settings: {}, userPools: [{ id: POOL, region: 'eu-west-1', unmanagedGroups: random() < 0.4 ? 'delete' : 'keep', groups }] };
      const before = claimsIn(fake);
      let result;
      try {
        result = await apply({ config, api: fake, clock: new FakeClock(), dropMembers: random() < 0.3, allowReplace: true, allowDelete: true, allowMemberRemovals: true, maxDelete: Infinity, maxMemberRemovals: Infinity, allowRoleChanges: true, rates: { perPoolOperation: 1e6, accountRead: 1e6, accountWrite: 1e6, userList: 1e6, userRead: 1e6, userUpdate: 1e6, poolRead: 1e6, perUser: 1e6 } });
      } catch (err) {
        // The planner refuses a group and its previous name both present; apply refuses to empty a group.
        if (err instanceof CgError && (err.code === 'PLAN_CONFLICT' || err.code === 'APPLY_REFUSED')) continue;
        throw err;
      }
      if (result.outcome !== undefined) expect(result.outcome.report.results.every((r) => r.status === 'done')).toBe(true);
      const access = result.plan.pools[0]?.access;
      const predicted = new Map<string, string[]>();
      if (access !== undefined) {
        expect(access.checked).toBe(true);
        if (access.checked) {
          seen.add(access.via);
          for (const t of access.transitions) {
            seen.add(t.claim);
            const words = t.claim === 'preferred_role' ? `preferred ${t.before ?? 'none'} -> ${t.after ?? 'none'}` : `${t.change} ${t.claim === 'roles' ? 'role' : 'group'} ${t.claim === 'roles' ? t.role : t.group}`;
            for (const u of t.usernames) predicted.set(u, [...(predicted.get(u) ?? []), words].sort());
          }
        }
      }
      for (const c of result.plan.pools[0]?.changes ?? []) seen.add(c.action);
      expect(predicted, `case ${i}: ${JSON.stringify({ observed, groups })}`).toEqual(differences(before, claimsIn(fake)));
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
    expect([...seen].sort()).toEqual(expect.arrayContaining(['create', 'delete', 'groups', 'preferred_role', 'rename', 'replace', 'roles', 'update']));
  }, 120_000);
});
