// import --with-members and empty groups (issue 26, point 2): an empty group gets no `members:` (said
// in the header), so the first member someone adds by hand is not a removal apply always refuses.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';
import { hasChanges } from '../../src/core/plan/summary.js';
import { importWith } from '../../src/run/import.js';
import { planWith } from '../../src/run/plan.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const P = 'eu-west-1_Imp1';

describe('import --with-members', () => {
  it('writes no members: for an empty group, says why, and plans no changes', async () => {
    const api = new FakeGroupsApi().addPool(P, [{ name: 'admins' }, { name: 'newcomers' }]).addMembers(P, 'admins', ['bob', 'alice']);
    const text = await importWith(api, [{ id: P, region: 'eu-west-1' }], { withMembers: true });
    expect(text).toContain('# Imported from user pool eu-west-1_Imp1 (eu-west-1): 2 groups, with their members.\n');
    expect(text).toContain('#   No members yet, so membership left unmanaged (add `members:` once they have some): newcomers\n');
    expect(text).toContain('  - name: admins\n        members:\n          - alice\n          - bob\n');
    expect(text).toContain('      - name: newcomers\n');
    expect(text).not.toContain('members: []');
    const parsed = parseConfig(text, 'groups.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.config.userPools[0]?.groups.find((g) => g.name === 'newcomers')?.members).toBeUndefined();
    expect(hasChanges((await planWith(api, parsed.config)).plan)).toBe(false);

    // Someone adds a member by hand: the imported file still plans no changes (nothing to remove).
    api.addMembers(P, 'newcomers', ['carol']);
    expect(hasChanges((await planWith(api, parsed.config)).plan)).toBe(false);
  });

  it('says 1 group, not 1 groups', async () => {
    const api = new FakeGroupsApi().addPool(P, [{ name: 'only' }]);
    expect(await importWith(api, [{ id: P, region: 'eu-west-1' }])).toContain('(eu-west-1): 1 group.\n');
  });
});
