// "At most --max-delete (25) groups are deleted or replaced by one apply unless raised", counted over
// all pools of the run, and refused before any write.
import { DeleteGroupCommand, ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import type { SeedGroup } from '../../src/emulator/index.js';
import { groupsYaml, LEASE_WRITES, setup, writeIn } from '../pipeline/helpers.js';

// Five pools, so the deletes of the allowed run go at five per-pool rates at once.
const POOLS = ['eu-west-1_MaxDel1', 'eu-west-1_MaxDel2', 'eu-west-1_MaxDel3', 'eu-west-1_MaxDel4', 'eu-west-1_MaxDel5'];

function unmanaged(pool: number, count: number): SeedGroup[] {
  return Array.from({ length: count }, (_, i) => ({ GroupName: `old-${pool}-${i}` }));
}

describe('the default --max-delete', () => {
  it('refuses a plan deleting 26 groups, naming --max-delete 26 and writing nothing, and lets 25 through', async () => {
    // 6 + 5 + 5 + 5 + 5 = 26 groups the file does not list, in pools that delete unmanaged groups.
    const env = await setup(Object.fromEntries(POOLS.map((id, i) => [id, unmanaged(i, i === 0 ? 6 : 5)])));
    const file = writeIn(env.dir, 'groups.yaml', groupsYaml(POOLS.map((id) => ({ id, unmanagedGroups: 'delete', groups: [] }))));

    const refused = await env.cli(['apply', '-f', file, '--auto-approve', '--allow-delete']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'error: refusing to apply: the plan deletes or replaces 26 groups in all, more than --max-delete 25; re-run with --max-delete 26 if that is intended. Nothing was changed.\n',
    );
    // Nothing but the lease of each of the pools, taken before the listing and released.
    expect(env.writes()).toBe(POOLS.length * LEASE_WRITES);

    // One fewer: exactly the default is allowed.
    await env.client.send(new DeleteGroupCommand({ UserPoolId: POOLS[0], GroupName: 'old-0-5' }));
    env.emulator.resetStats();

    const applied = await env.cli(['apply', '-f', file, '--auto-approve', '--allow-delete']);

    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 0 added, 0 changed, 0 replaced, 25 deleted.');
    // And each pool's lease, released.
    expect(env.emulator.stats().operations.DeleteGroup?.ok).toBe(25 + POOLS.length);
    for (const id of POOLS) expect((await env.client.send(new ListGroupsCommand({ UserPoolId: id }))).Groups).toEqual([]);
  });
});
