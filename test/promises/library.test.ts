// "As a library": imported by the package's own name, as a user's code imports it, which resolves
// through package.json "exports" to the built dist/ (the suite's global setup builds it). plan() and
// apply() against the emulator; applySaved() applies a saved document exactly, and refuses one made
// for another target, a stale one, and one that does not follow from the groups file, each before
// any write.
import { UpdateGroupCommand, ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as lib from 'cognito-groups';
import {
  apply,
  applySaved,
  buildPlanDocument,
  CgError,
  plainStyle,
  plan,
  readConfigFile,
  readPlanFile,
  RefusedError,
  renderPlanText,
  SdkGroupsApi,
  startEmulator,
  summaryLine,
  type ApplySavedOptions,
  type PlanDocument,
} from 'cognito-groups';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { groupsYaml, LEASE_WRITES, sdkClient, tempDir, writeIn } from '../pipeline/helpers.js';

const POOL = 'eu-west-1_Lib1';
const credentials = { accessKeyId: 'library', secretAccessKey: 'library' };

async function scenario() {
  const em = await startEmulator({ port: 0, quotas: { enabled: false } });
  onTestFinished(() => em.close());
  em.ensureUserPool(POOL);
  em.seedGroups(POOL, [{ GroupName: 'ops', Description: 'old' }]);
  const client = sdkClient(em.url);
  onTestFinished(() => client.destroy());
  const dir = tempDir();
  const file = writeIn(dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'ops', description: 'new' }, { name: 'admins', precedence: 0 }] }]));
  const writes = (): number => ['CreateGroup', 'UpdateGroup', 'DeleteGroup'].reduce((n, op) => n + (em.stats().operations[op]?.calls ?? 0), 0);
  const pool = async (): Promise<Array<[string, string | undefined]>> =>
    ((await client.send(new ListGroupsCommand({ UserPoolId: POOL }))).Groups ?? []).map((g) => [g.GroupName ?? '', g.Description]).sort() as Array<[string, string | undefined]>;
  return { em, client, dir, file, writes, pool, endpoint: new URL(em.url).href };
}

/** A saved plan as `plan --out` would write it, made with the library and read back with readPlanFile. */
async function savedPlan(s: Awaited<ReturnType<typeof scenario>>): Promise<PlanDocument> {
  const planned = await plan({ file: s.file, endpoint: s.em.url, credentials });
  const doc = buildPlanDocument(planned, {
    toolVersion: 'library-test',
    createdAt: new Date(),
    desiredFile: { path: s.file, text: readFileSync(s.file, 'utf8') },
    target: 'endpoint',
    endpoint: s.endpoint,
    settings: planned.config.settings,
    summaryText: summaryLine(planned.plan),
  });
  const path = join(s.dir, 'plan.json');
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  return readPlanFile(path);
}

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a refusal, but it resolved');
    },
    (e: unknown) => e,
  );
}

describe('the package entry', () => {
  it('resolves to the built package, as it does for a user', () => {
    expect(import.meta.resolve('cognito-groups')).toMatch(/\/dist\/src\/index\.js$/);
  });

  it('exports exactly these values (src/index.ts and the built package alike)', async () => {
    const expected = [
      'COGNITO_RATES', 'CgError', 'DEFAULT_LOCK_SECONDS', 'DEFAULT_MAX_DELETE', 'DEFAULT_MAX_ROLE_CHANGES', 'GITHUB_COMMENT_LIMIT', 'LOCK_GROUP', 'POLICY_COMMANDS', 'RefusedError', 'SdkCredentialsApi', 'SdkGroupsApi', 'apply', 'applyDocument', 'applySaved', 'attributeDrift', 'attributeWithSession',
      'buildPlanDocument', 'checkApplyPolicy', 'checkSavedPlan', 'checkStaleness', 'claimsOf', 'colourStyle', 'computePoolPlan', 'countApply', 'countDrift', 'countPlan',
      'driftDocument', 'driftOf', 'formatDiagnostic', 'hasChanges', 'iamNeedsOf', 'iamPolicyDocument', 'importGroupsFile', 'inSync', 'lockStateOf', 'memberReadsOf', 'openSession',
      'parseConfig', 'parsePlanDocument',
      'plainStyle', 'plan', 'planEnvironment', 'planFollowsFrom', 'planOfDocument', 'policyViolations', 'readConfigFile', 'readPlanFile', 'refusalMessage',
      'renderDriftMarkdown', 'renderDriftText', 'renderPlanMarkdown', 'renderPlanText', 'scaleRates', 'startEmulator', 'summaryLine', 'targetMismatch', 'unlock',
    ];
    expect(Object.keys(lib).sort()).toEqual(expected);
    expect(Object.keys(await import('../../src/index.js')).sort()).toEqual(expected);
    expect(lib.DEFAULT_MAX_DELETE).toBe(25);
    expect(lib.LOCK_GROUP).toBe('cognito-groups.lock');
    expect(lib.DEFAULT_LOCK_SECONDS).toBe(300);
    expect(lib.DEFAULT_MAX_ROLE_CHANGES).toBe(25);
    expect(lib.COGNITO_RATES).toEqual({ perPoolOperation: 5, accountRead: 20, accountWrite: 15, poolRead: 5, userList: 30, userRead: 50, userUpdate: 25, perUser: 10, credentialRead: 5 });
  });

  it('exports these types (checked by the type-checker: a removed one fails `tsc --noEmit`)', () => {
    type Exported = [
      lib.PlanOptions, lib.PlanResult, lib.DesiredSource, lib.ApplyOptions, lib.ApplyResult, lib.ApplySavedOptions, lib.ApplySavedResult,
      lib.DesiredFile, lib.ApplyOutcome, lib.PlanMeta, lib.Staleness, lib.StaleGroup, lib.TargetRef, lib.TargetMismatch, lib.FollowProblem,
      lib.PlanDocument, lib.PlanDocumentPool, lib.DriftReport, lib.PoolDrift, lib.DriftedGroup, lib.ProviderGroupReport, lib.DriftCounts,
      lib.MarkdownOptions, lib.ApplyPolicy, lib.PolicyViolations, lib.PoolGroupRef, lib.Refusal, lib.Remaining, lib.Session, lib.SessionOptions,
      lib.ParseResult, lib.LoadedConfig, lib.Diagnostic, lib.DesiredConfig, lib.DesiredPool, lib.DesiredGroup, lib.GroupFields, lib.UnmanagedPolicy,
      lib.Plan, lib.PoolPlan, lib.GroupChange, lib.FieldChange, lib.ObservedGroup, lib.UnmanagedGroup, lib.Action, lib.PlanCounts, lib.Style,
      lib.GroupsApi, lib.PoolRef, lib.CredentialsApi, lib.PlanCredentials, lib.PoolCredentials, lib.CredentialTransition, lib.Credential, lib.RoleWarning, lib.IdentityPoolRoles, lib.GroupPage, lib.Operation, lib.SdkOptions, lib.Rates, lib.RetryPolicy, lib.ApplyReport, lib.ChangeResult,
      lib.ChangeStatus, lib.ApplyCounts, lib.ErrorCode, lib.Audience, lib.Hold, lib.OrphanHold, lib.PlanningOptions, lib.ObservedMembers,
      lib.MembersByPool, lib.Planned, lib.Planning, lib.MembersRead, lib.EmulatorOptions, lib.RunningEmulator,
      lib.IamNeeds, lib.PoolNeeds, lib.PolicyCommand, lib.IamPolicyDocument, lib.IamStatement,
      lib.Claims, lib.ClaimGroup, lib.PoolAccess, lib.AccessTransition, lib.ClaimChange, lib.AccessRead, lib.AccessVia, lib.AccessViolations,
      lib.TransitionRef, lib.MemberPage, lib.UserGroupsPage, lib.PoolSettings,
    ];
    const count: Exported['length'] = 94;
    expect(count).toBe(94);
  });
});

describe('plan() and apply()', () => {
  it('plans without writing, then applies what approve() saw, and the pool matches the file', async () => {
    const s = await scenario();

    const planned = await plan({ file: s.file, endpoint: s.em.url, credentials });
    expect(planned.plan.pools[0]?.changes.map((c) => `${c.action} ${c.name}`)).toEqual(['create admins', 'update ops']);
    expect(renderPlanText(planned.plan, plainStyle)).toContain('Plan: 1 to add, 1 to change, 0 to replace, 0 to delete.');
    expect(s.writes()).toBe(0);

    let approved: lib.Plan | undefined;
    const applied = await apply({
      file: s.file,
      endpoint: s.em.url,
      credentials,
      allowReplace: false,
      approve: async (p) => {
        approved = p;
        return true;
      },
    });

    expect(approved).toEqual(planned.plan);
    expect(applied.outcome?.report.results.map((r) => `${r.change.action} ${r.change.name} ${r.status}`)).toEqual(['create admins done', 'update ops done']);
    expect(applied.outcome?.check).toEqual({ ran: true, remaining: [], elsewhere: [], membersMissing: [] });
    expect(await s.pool()).toEqual([['admins', undefined], ['ops', 'new']]);
    expect((await plan({ file: s.file, endpoint: s.em.url, credentials })).plan.pools[0]?.changes).toEqual([]);
  });

  it('changes nothing when approve() says no', async () => {
    const s = await scenario();

    const err = await rejection(apply({ file: s.file, endpoint: s.em.url, credentials, approve: async () => false }));

    expect(err).toBeInstanceOf(RefusedError);
    expect(err).toMatchObject({ code: 'APPLY_REFUSED', audience: 'user', refusal: { kind: 'cancelled' } });
    // Nothing but the lease, taken before the listing and released.
    expect(s.writes()).toBe(LEASE_WRITES);
    expect(await s.pool()).toEqual([['ops', 'old']]);
  });
});

describe('applySaved()', () => {
  it('applies exactly the saved changes, checked against the groups file, and refuses the same plan a second time', async () => {
    const s = await scenario();
    const document = await savedPlan(s);
    const desired = await readConfigFile(s.file);
    const options: ApplySavedOptions = { document, target: { kind: 'endpoint', endpoint: s.endpoint }, endpoint: s.em.url, credentials, desired };

    const result = await applySaved(options);

    expect(result.outcome.report.results.map((r) => `${r.change.action} ${r.change.name} ${r.status}`)).toEqual(['create admins done', 'update ops done']);
    expect(result.outcome.check).toEqual({ ran: true, remaining: [], elsewhere: [], membersMissing: [] });
    expect(await s.pool()).toEqual([['admins', undefined], ['ops', 'new']]);

    const writes = s.writes();
    const again = await rejection(applySaved(options));
    expect(again).toMatchObject({ code: 'PLAN_STALE' });
    expect(s.writes()).toBe(writes + LEASE_WRITES);
  });

  it('refuses a document made against an endpoint when told the target is AWS, calling nothing', async () => {
    const s = await scenario();
    const document = await savedPlan(s);
    // The caller's own port, so that even if the refusal failed, no request could leave 127.0.0.1.
    const api = new SdkGroupsApi({ endpoint: s.em.url, credentials });
    onTestFinished(() => api.destroy());
    s.em.resetStats();

    const err = await rejection(applySaved({ document, target: { kind: 'aws' }, api }));

    expect(err).toBeInstanceOf(RefusedError);
    expect(err).toBeInstanceOf(CgError);
    expect(err).toMatchObject({ code: 'APPLY_REFUSED', refusal: { kind: 'target', planned: { kind: 'endpoint', endpoint: s.endpoint }, actual: { kind: 'aws' } } });
    expect((err as Error).message).toContain('but this apply would go to AWS');
    expect(s.em.stats().totals.calls).toBe(0);
  });

  it('refuses a stale document: a group the plan touches changed since', async () => {
    const s = await scenario();
    const document = await savedPlan(s);
    await s.client.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: 'ops', Description: 'changed meanwhile' }));
    s.em.resetStats();

    const err = await rejection(applySaved({ document, target: { kind: 'endpoint', endpoint: s.endpoint }, endpoint: s.em.url, credentials }));

    expect(err).toBeInstanceOf(RefusedError);
    expect(err).toMatchObject({ code: 'PLAN_STALE', refusal: { kind: 'stale', groups: [expect.objectContaining({ name: 'ops' })] } });
    expect(s.writes()).toBe(LEASE_WRITES);
    expect(await s.pool()).toEqual([['ops', 'changed meanwhile']]);
  });

  it('refuses a document that does not follow from the groups file given as desired, calling nothing', async () => {
    const s = await scenario();
    const document = await savedPlan(s);
    const edited = writeIn(s.dir, 'edited.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'ops', description: 'new' }, { name: 'admins', precedence: 1 }] }]));
    const desired = await readConfigFile(edited);
    s.em.resetStats();

    const err = await rejection(applySaved({ document, target: { kind: 'endpoint', endpoint: s.endpoint }, endpoint: s.em.url, credentials, desired }));

    expect(err).toBeInstanceOf(RefusedError);
    expect(err).toMatchObject({ code: 'PLAN_FILE_INVALID', refusal: { kind: 'not-following', groupsFile: edited } });
    expect(s.em.stats().totals.calls).toBe(0);
    expect(await s.pool()).toEqual([['ops', 'old']]);
  });
});
