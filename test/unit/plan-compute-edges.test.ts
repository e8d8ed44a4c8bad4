// The planner when the pool's listing holds several spellings of one name: the exact name is taken
// first, else the first spelling listed, and a group of the pool is taken by one wanted group only;
// and the member reads of a plan whose changes carry no holding group.
import { describe, expect, it } from 'vitest';
import type { DesiredGroup } from '../../src/core/config/model.js';
import { computePoolPlan, memberReadsOf } from '../../src/core/plan/compute.js';
import type { ObservedGroup, PoolPlan } from '../../src/core/plan/model.js';
import { desired } from './plan-fixtures.js';

const POOL = 'eu-west-1_AbC123';

function planFor(groups: DesiredGroup[], observed: ObservedGroup[]): PoolPlan {
  return computePoolPlan(desired(POOL, groups), observed);
}

describe('computePoolPlan: several spellings of one name in the pool', () => {
  it('takes the group of exactly the wanted name, and leaves the other spelling unmanaged', () => {
    const plan = planFor([{ name: 'admins' }], [{ name: 'Admins' }, { name: 'admins' }]);
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toEqual(['admins']);
    expect(plan.unmanaged).toEqual([{ name: 'Admins', provider: false }]);
  });

  it('takes the first spelling the pool lists when none is exact', () => {
    const plan = planFor([{ name: 'admins' }], [{ name: 'Admins' }, { name: 'ADMINS' }]);
    expect(plan.changes.map((c) => ('previousName' in c ? `${c.action} ${c.previousName} -> ${c.name}` : `${c.action} ${c.name}`))).toEqual(['replace Admins -> admins']);
    expect(plan.unmanaged.map((g) => g.name)).toEqual(['ADMINS']);
  });

  it('does not let two wanted spellings take the same group of the pool: the second is created', () => {
    const plan = planFor([{ name: 'Admins' }, { name: 'ADMINS' }], [{ name: 'admins' }]);
    expect(plan.changes.map((c) => ('previousName' in c ? `${c.action} ${c.previousName} -> ${c.name}` : `${c.action} ${c.name}`))).toEqual(['replace admins -> ADMINS', 'create Admins']);
  });
});

describe('memberReadsOf', () => {
  it('reads no holding group for a change whose hold is left unset', () => {
    const plan: PoolPlan = {
      userPoolId: POOL,
      region: 'eu-west-1',
      listed: 0,
      changes: [{ action: 'create', name: 'admins', after: {}, hold: undefined }],
      unchanged: [],
      unmanaged: [],
    };
    expect(memberReadsOf(plan)).toEqual([]);
  });
});
