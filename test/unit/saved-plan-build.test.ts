// The saved plan document records what the access and credentials checks found and read
// (src/core/saved-plan/build.ts): each pool's access read in canonical form, the credentials of each
// pool and of the plan, the identity pools read, settings.sensitiveRoles as a copy; each only when
// there is one (no key written as undefined), and planOfDocument gives them back the same way. What a
// change touches includes its holding group only when it has one.
import { describe, expect, it } from 'vitest';
import type { AccessRead } from '../../src/core/access/model.js';
import type { PlanCredentials, PoolCredentials } from '../../src/core/credentials/plan-model.js';
import type { GroupChange } from '../../src/core/plan/model.js';
import { buildPlanDocument, checksumOf, planOfDocument, touchedKeys, type Planned } from '../../src/core/saved-plan/build.js';
import type { PlanDocument } from '../../src/core/saved-plan/model.js';
import { parsePlanDocument } from '../../src/edge/files/read-saved-plan.js';
import { planWith } from '../../src/run/plan.js';
import { ADMIN, OPS2, roleMovePlan } from './role-move-plan.js';

const { A, FILE, seeded, config, META } = roleMovePlan('Build');

const POOL_CREDENTIALS: PoolCredentials = {
  checked: true,
  identityPools: [{ id: 'eu-west-1:11111111-2222-3333-4444-555555555555', name: 'app', clientIds: ['client1'] }],
  transitions: [],
  users: 0,
};
const PLAN_CREDENTIALS: PlanCredentials = { checked: true, roleWarnings: [], unchecked: ['the roles of pool x could not be read'], rolesChecked: [ADMIN, OPS2] };
const CREDENTIALS_READ: NonNullable<PlanDocument['credentialsRead']> = {
  regions: [{ region: 'eu-west-1', userPools: [A], identityPools: [{ id: 'eu-west-1:11111111-2222-3333-4444-555555555555', name: 'app', providers: [], mappings: {} }] }],
};

/** What planWith gives, with the credentials check's findings put on it as the run puts them. */
async function withCredentials(): Promise<Planned> {
  const planned = await planWith(seeded(), config(FILE));
  const pools = planned.plan.pools.map((p) => (p.userPoolId === A ? { ...p, credentials: POOL_CREDENTIALS } : p));
  return { ...planned, plan: { ...planned.plan, pools, credentials: PLAN_CREDENTIALS }, credentialsRead: CREDENTIALS_READ };
}

const keysOf = (o: object): string[] => Object.keys(o);

describe('the plan document: access reads', () => {
  it('records what each checked pool\'s access check read, and nothing for a pool it did not check', async () => {
    const doc = buildPlanDocument(await planWith(seeded(), config(FILE)), META);
    expect(doc.pools[0]?.accessRead).toStrictEqual({ via: 'group-members', members: [{ group: 'admins', usernames: ['a9', 'u1'] }] });
    expect(keysOf(doc.pools[1] as object)).not.toContain('accessRead');
  });

  it('records the reads in one key order, whatever built them', async () => {
    const planned = await planWith(seeded(), config(FILE));
    const scrambled = { members: [{ usernames: ['a9', 'u1'], group: 'admins' }], via: 'group-members' } as AccessRead;
    const doc = buildPlanDocument({ ...planned, accessReads: new Map([[A, scrambled]]) }, META);
    expect(JSON.stringify(doc.pools[0]?.accessRead)).toBe('{"via":"group-members","members":[{"group":"admins","usernames":["a9","u1"]}]}');
  });
});

describe('the plan document: credentials', () => {
  it('records the credentials of a pool, of the plan, and the identity pools read, and reads them back', async () => {
    const doc = buildPlanDocument(await withCredentials(), META);
    expect(doc.pools[0]?.credentials).toStrictEqual(POOL_CREDENTIALS);
    expect(keysOf(doc.pools[1] as object)).not.toContain('credentials');
    expect(doc.credentials).toStrictEqual(PLAN_CREDENTIALS);
    expect(doc.credentialsRead).toStrictEqual(CREDENTIALS_READ);
    expect(doc.checksum).toBe(checksumOf(doc));
    expect(parsePlanDocument(JSON.stringify(doc), 'plan.json')).toStrictEqual(doc);
  });

  it('leaves them out when the plan has none, rather than writing them as undefined', async () => {
    const doc = buildPlanDocument(await planWith(seeded(), config(FILE)), META);
    expect(keysOf(doc)).not.toContain('credentials');
    expect(keysOf(doc)).not.toContain('credentialsRead');
    expect(doc.pools.map((p) => keysOf(p).includes('credentials'))).toEqual([false, false]);
  });

  it('gives back the credentials and access of the pools that have them, and no key for those that do not', async () => {
    const plan = planOfDocument(buildPlanDocument(await withCredentials(), META));
    expect(plan.credentials).toStrictEqual(PLAN_CREDENTIALS);
    expect(plan.pools[0]?.credentials).toStrictEqual(POOL_CREDENTIALS);
    expect(plan.pools[0]?.access).toMatchObject({ checked: true, via: 'group-members', users: 2 });
    expect(keysOf(plan.pools[1] as object)).not.toContain('credentials');
    expect(keysOf(plan.pools[1] as object)).not.toContain('access');
    const without = planOfDocument(buildPlanDocument(await planWith(seeded(), config(FILE)), META));
    expect(keysOf(without)).not.toContain('credentials');
    expect(keysOf(without.pools[0] as object)).not.toContain('credentials');
  });
});

describe('the plan document: settings.sensitiveRoles', () => {
  it('records the roles the settings name, as a copy', async () => {
    const roles = [OPS2, 'arn:aws:iam::*:role/Root'];
    const doc = buildPlanDocument(await planWith(seeded(), config(FILE)), { ...META, settings: { sensitiveRoles: roles } });
    roles.push(ADMIN);
    expect(doc.settings).toStrictEqual({ sensitiveRoles: [OPS2, 'arn:aws:iam::*:role/Root'] });
    expect(doc.checksum).toBe(checksumOf(doc));
  });
});

describe('what a change touches', () => {
  it('leaves out a holding group a change does not have, even when the key is there', () => {
    const changes = [
      { action: 'create', name: 'New', after: {}, hold: undefined },
      { action: 'delete', name: 'Old', before: {} },
    ] as unknown as GroupChange[];
    expect([...touchedKeys({ changes })].sort()).toEqual(['new', 'old']);
  });
});
