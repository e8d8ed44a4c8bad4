// The saved-plan tests' shared world: two pools, A where group ops moves from role Ops to Ops2 while
// admins (a role group the plan does not read itself) holds u1 too, so the access prediction needs the
// access check's read of admins' members; and B, which does not change. Plans are made with the
// in-memory fake, as `plan --out` makes them.
import type { DesiredConfig } from '../../src/core/config/model.js';
import { parseConfig } from '../../src/core/config/parse.js';
import type { GroupsApi } from '../../src/edge/cognito/port.js';
import { buildPlanDocument, type PlanMeta } from '../../src/core/saved-plan/build.js';
import type { PlanDocument } from '../../src/core/saved-plan/model.js';
import { planWith, type Planning } from '../../src/run/plan.js';
import { FakeGroupsApi } from './fake-groups-api.js';

export const ADMIN = 'arn:aws:iam::123456789012:role/Admin';
export const OPS = 'arn:aws:iam::123456789012:role/Ops';
export const OPS2 = 'arn:aws:iam::123456789012:role/Ops2';

/** The pools, the groups file, the seeded fake and how to make a saved plan of a file. */
export interface RoleMovePlan {
  A: string;
  B: string;
  FILE: string;
  META: PlanMeta;
  seeded(): FakeGroupsApi;
  config(text: string): DesiredConfig;
  document(api: GroupsApi, text?: string, planning?: Planning): Promise<PlanDocument>;
}

/** The world with pools `eu-west-1_<name>1` (A) and `eu-west-1_<name>2` (B). */
export function roleMovePlan(name: string): RoleMovePlan {
  const A = `eu-west-1_${name}1`;
  const B = `eu-west-1_${name}2`;
  const FILE = [
    'version: 1',
    'userPools:',
    `  - id: ${A}`,
    '    groups:',
    '      - name: admins',
    '        precedence: 1',
    `        roleArn: ${ADMIN}`,
    '      - name: ops',
    '        precedence: 5',
    `        roleArn: ${OPS2}`,
    `  - id: ${B}`,
    '    groups:',
    '      - name: b1',
    '',
  ].join('\n');
  const META: PlanMeta = { toolVersion: '9.9.9', createdAt: new Date('2026-01-02T03:04:05.000Z'), desiredFile: { path: 'groups.yaml', text: FILE }, target: 'aws', summaryText: 'Plan: (summary)' };
  const config = (text: string): DesiredConfig => {
    const r = parseConfig(text, 'groups.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.config;
  };
  return {
    A,
    B,
    FILE,
    META,
    seeded: () =>
      new FakeGroupsApi()
        .addPool(A, [{ name: 'admins', precedence: 1, roleArn: ADMIN }, { name: 'ops', precedence: 5, roleArn: OPS }])
        .addMembers(A, 'ops', ['u1', 'u2'])
        .addMembers(A, 'admins', ['u1', 'a9'])
        .addPool(B, [{ name: 'b1' }]),
    config,
    document: async (api, text = FILE, planning = {}) => {
      const desired = config(text);
      const planned = await planWith(api, desired, planning);
      return buildPlanDocument(planned, { ...META, desiredFile: { path: 'groups.yaml', text }, settings: desired.settings });
    },
  };
}
