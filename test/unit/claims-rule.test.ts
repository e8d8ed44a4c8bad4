// The claim rule: lowest precedence wins, unranked loses, ties of different roles give no preferred
// role, groups without a role take no part.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsOf, type ClaimGroup } from '../../src/core/claims/rule.js';

const A = 'arn:aws:iam::123456789012:role/reader';
const B = 'arn:aws:iam::123456789012:role/admin';
const C = 'arn:aws:iam::123456789012:role/ops';

const group = fc.record(
  { name: fc.string({ minLength: 1, maxLength: 6 }), precedence: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), roleArn: fc.option(fc.constantFrom(A, B, C), { nil: undefined }) },
  { requiredKeys: ['name'] },
).map((g) => Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as unknown as ClaimGroup);
const groups = fc.array(group, { maxLength: 8 });

describe('the claim rule', () => {
  it('gives the role of the group with the lowest precedence', () => {
    expect(claimsOf([{ name: 'r', precedence: 5, roleArn: A }, { name: 'a', precedence: 1, roleArn: B }])).toEqual({ groups: ['a', 'r'], roles: [B, A].sort(), preferredRole: B });
  });

  it('ranks a group without precedence after any group with one', () => {
    expect(claimsOf([{ name: 'a', roleArn: B }, { name: 'r', precedence: 2_000_000_000, roleArn: A }]).preferredRole).toBe(A);
  });

  it('gives no preferred role to equal lowest precedence with different roles, and names the tie', () => {
    const c = claimsOf([{ name: 'a', precedence: 1, roleArn: B }, { name: 'r', precedence: 1, roleArn: A }, { name: 'o', precedence: 9, roleArn: C }]);
    expect(c.preferredRole).toBeUndefined();
    expect(c.tie).toEqual([A, B].sort());
    expect(c.roles).toEqual([A, B, C].sort());
  });

  it('gives the role to equal lowest precedence with the same role', () => {
    expect(claimsOf([{ name: 'a', precedence: 1, roleArn: A }, { name: 'b', precedence: 1, roleArn: A }])).toMatchObject({ preferredRole: A });
  });

  it('skips a group without a role even when its precedence is the lowest (the tool\'s reading)', () => {
    expect(claimsOf([{ name: 'x', precedence: 0 }, { name: 'r', precedence: 3, roleArn: A }]).preferredRole).toBe(A);
  });

  it('takes two groups without precedence and with different roles for a tie (the tool\'s reading)', () => {
    expect(claimsOf([{ name: 'a', roleArn: A }, { name: 'b', roleArn: B }])).toMatchObject({ tie: [A, B].sort() });
    expect(claimsOf([{ name: 'a', roleArn: A }, { name: 'b', roleArn: B }]).preferredRole).toBeUndefined();
  });

  it('gives no role claims to a user whose groups have no role', () => {
    expect(claimsOf([{ name: 'x', precedence: 1 }])).toEqual({ groups: ['x'], roles: [] });
    expect(claimsOf([])).toEqual({ groups: [], roles: [] });
  });

  it('never depends on the order of the groups', () => {
    fc.assert(fc.property(groups, fc.infiniteStream(fc.nat()), (gs, seeds) => {
      const shuffled = [...gs].map((g) => ({ g, k: seeds.next().value as number })).sort((x, y) => x.k - y.k).map((x) => x.g);
      expect(claimsOf(shuffled)).toEqual(claimsOf(gs));
    }));
  });

  it('never changes the role claims when a group without a role is added', () => {
    fc.assert(fc.property(groups, fc.string({ minLength: 1, maxLength: 6 }), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), (gs, name, precedence) => {
      const before = claimsOf(gs);
      const after = claimsOf([...gs, { name, ...(precedence === undefined ? {} : { precedence }) }]);
      expect({ roles: after.roles, preferredRole: after.preferredRole, tie: after.tie }).toEqual({ roles: before.roles, preferredRole: before.preferredRole, tie: before.tie });
    }));
  });

  it('gives a preferred role or a tie exactly when some group has a role, and the preferred role is one of the roles', () => {
    fc.assert(fc.property(groups, (gs) => {
      const c = claimsOf(gs);
      const hasRole = gs.some((g) => g.roleArn !== undefined);
      expect((c.preferredRole !== undefined) !== (c.tie !== undefined)).toBe(hasRole);
      if (c.preferredRole !== undefined) expect(c.roles).toContain(c.preferredRole);
      if (c.tie !== undefined) expect(c.tie.length).toBeGreaterThan(1);
    }));
  });

  it('is a tie exactly when two role groups of the lowest rank carry different roles', () => {
    fc.assert(fc.property(groups, (gs) => {
      const ranked = gs.filter((g) => g.roleArn !== undefined).map((g) => ({ r: g.precedence ?? Infinity, role: g.roleArn }));
      const low = Math.min(...ranked.map((x) => x.r));
      const roles = new Set(ranked.filter((x) => x.r === low).map((x) => x.role));
      expect(claimsOf(gs).tie !== undefined).toBe(roles.size > 1);
    }));
  });
});
