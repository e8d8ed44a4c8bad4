import { credentialsChanged, readIdentityPoolsAgain } from './credentials.js';
import type { ApplyPolicy } from './apply/policy.js';
import { checkApplyPolicy, RefusedError } from './apply/refusal.js';
import type { ApplyProgress } from './apply/report.js';
import type { DesiredConfig } from '../core/config/model.js';
import { CgError } from '../core/errors.js';
import type { CallCounts } from '../edge/pacing/paced-api.js';
import type { Plan } from '../core/plan/model.js';
import { usernameCaseByPool } from '../edge/read/check-users.js';
import { readMembers, type MembersProgress } from '../edge/read/list-members.js';
import { listPools, type ReadProgress } from '../edge/read/list-pool.js';
import { membersOfDocument, planOfDocument } from '../core/saved-plan/build.js';
import type { PlanDocument } from '../core/saved-plan/model.js';
import { checkStaleness, type GroupDifference } from '../core/saved-plan/stale.js';
import { planEnvironment, targetMismatch, type TargetRef } from '../core/saved-plan/target.js';
import { endpointFromEnvironment, normalEndpoint } from '../edge/cognito/endpoint.js';
import { planFollowsFrom } from '../core/saved-plan/verify.js';
import { applyAndCheck, type ApplyOutcome } from './converge.js';
import { readAccessAgain } from './access.js';
import { checkAccount, openSession, type SessionOptions } from './session.js';
import type { Leases, LockOptions } from './lease/leases.js';
import { takeLeases } from './lease/take.js';
import { checkOptions, LOCK, POLICY, SESSION, type Spec } from './option-check.js';

/** The groups file a saved plan must follow from: its path, its exact text and its parsed config. */
export interface DesiredFile {
  file: string;
  text: string;
  config: DesiredConfig;
}

/** Options of `applySaved()`. */
export type ApplySavedOptions = SessionOptions &
  ApplyPolicy &
  LockOptions & {
    /** A plan document read with readPlanFile (checked for format and checksum). */
    document: PlanDocument;
    /** Where the document was read from, for messages. */
    planFile?: string;
    /**
     * Where this apply's requests go; required, because a plan is applied only where it was made (one
     * made against the local emulator must never reach AWS). It must agree with `endpoint`.
     */
    target: TargetRef;
    /** The environment variables the AWS SDK reads (process.env), to check that `target` is where its requests go. */
    processEnv: Readonly<Record<string, string | undefined>>;
    /** The groups file the plan must follow from (recommended); after applying, the pools are compared with it. */
    desired?: DesiredFile;
    /** Called with the plan once every check that needs no call has passed, before anything is listed. */
    onPlan?: (plan: Plan) => void;
    onReadProgress?: (p: ReadProgress) => void;
    onMembersProgress?: (p: MembersProgress) => void;
    onApplyProgress?: (p: ApplyProgress) => void;
    concurrency?: number;
  };

/** The options `applySaved()` takes, and what each value must be (checked before any call). */
export const APPLY_SAVED_OPTIONS: Spec<ApplySavedOptions> = {
  ...SESSION,
  ...POLICY,
  ...LOCK,
  processEnv: 'object',
  document: 'object',
  planFile: 'string',
  target: 'object',
  desired: 'object',
  onPlan: 'function',
  onReadProgress: 'function',
  onMembersProgress: 'function',
  onApplyProgress: 'function',
  concurrency: 'positiveInteger',
};

/** The outcome of applying a saved plan; `elsewhere` names the groups the plan does not touch that changed since it was made (which did not matter). */
export interface ApplySavedResult {
  plan: Plan;
  outcome: ApplyOutcome;
  elsewhere: GroupDifference[];
  counts: CallCounts;
}

/**
 * Everything about a saved plan that can be checked without a call, each a RefusedError: made against
 * another target, not following from the groups file, or destroying what the policy does not allow.
 * Returns the plan the document holds.
 */
export function checkSavedPlan(document: PlanDocument, target: TargetRef, policy: ApplyPolicy, desired?: DesiredFile, planFile = 'the saved plan'): Plan {
  const mismatch = targetMismatch(document, target);
  if (mismatch !== undefined) throw new RefusedError({ kind: 'target', ...mismatch });
  if (desired !== undefined) {
    const problems = planFollowsFrom(document, desired.text, desired.config);
    if (problems.length > 0) throw new RefusedError({ kind: 'not-following', planFile, groupsFile: desired.file, problems });
  }
  const plan = planOfDocument(document);
  checkApplyPolicy(plan, policy);
  return plan;
}

/**
 * Applies exactly the changes of a saved plan, without planning again. Refuses (RefusedError, nothing
 * applied) a plan made against another target, one that does not follow from `desired`, one the
 * policy does not allow, and, after listing the pools, a stale one: any group the plan touches that
 * changed, appeared or disappeared since the plan was made.
 */
export async function applySaved(options: ApplySavedOptions): Promise<ApplySavedResult> {
  checkOptions('applySaved', APPLY_SAVED_OPTIONS, options);
  checkSessionTarget(options);
  const plan = checkSavedPlan(options.document, options.target, options, options.desired, options.planFile);
  options.onPlan?.(plan);
  const session = openSession(options, options.document.settings.maxRps);
  let leases: Leases | undefined;
  try {
    const doc = options.document;
    const environment = planEnvironment(doc);
    if (environment !== undefined) await checkAccount(session, environment, doc.pools[0]?.region ?? 'us-east-1');
    // The lease comes before the staleness check's listing, so the plan is checked and applied under it.
    leases = await takeLeases(session, plan.pools.map((p) => ({ id: p.userPoolId, region: p.region })), { ...options, holder: { plan: doc.checksum, ...options.holder } }, options.desired?.config.settings.lockSeconds);
    const held = leases;
    const current = await listPools(session.api, plan.pools.map((p) => ({ id: p.userPoolId, region: p.region })), options.onReadProgress);
    leases.confirm(current);
    // The members the plan counted are read again: a count that no longer holds makes the plan stale.
    const members = await Promise.all(
      options.document.pools.map((p) => readMembers(session.api, { id: p.userPoolId, region: p.region }, (p.members ?? []).map((m) => m.group), options.onMembersProgress)),
    );
    const membersNow = new Map(options.document.pools.map((p, i) => [p.userPoolId, members[i] ?? new Map<string, string[]>()]));
    // How the pool compares usernames is asked again, never taken from the document: member changes depend on it.
    const comparing = options.document.pools.filter((p) => p.usernamesCaseSensitive !== undefined);
    const caseSensitive = await usernameCaseByPool(session.api, comparing.map((p) => ({ id: p.userPoolId, region: p.region })));
    // What the access check read is read again, exactly: the prediction must still hold.
    const accessNow = await readAccessAgain(session.api, options.document);
    const { stale, elsewhere } = checkStaleness(options.document, current, options.desired?.config, membersNow, caseSensitive, accessNow);
    // The identity pools the plan predicted credentials from are read again: a changed mapping makes it stale.
    if (doc.credentialsRead !== undefined && session.credentials !== undefined) {
      const again = await readIdentityPoolsAgain(session.credentials, doc.credentialsRead);
      for (const why of credentialsChanged(doc.credentialsRead, again)) stale.push({ kind: 'identity-pools', region: /of (\S+)/.exec(why)?.[1] ?? '', why });
    }
    if (stale.length > 0) throw new RefusedError({ kind: 'stale', createdAt: options.document.createdAt, groups: stale });
    const outcome = await applyAndCheck(session, plan, {
      ...(options.desired === undefined ? {} : { config: options.desired.config }),
      members: new Map(options.document.pools.map((p) => [p.userPoolId, membersOfDocument(p)])),
      caseSensitive: new Map(options.document.pools.flatMap((p) => (p.usernamesCaseSensitive === undefined ? [] : [[p.userPoolId, p.usernamesCaseSensitive] as const]))),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.onApplyProgress === undefined ? {} : { onProgress: options.onApplyProgress }),
      ...(options.onReadProgress === undefined ? {} : { onReadProgress: options.onReadProgress }),
      mayNotWrite: () => held.lost(),
    });
    return { plan, outcome, elsewhere, counts: session.api.counts };
  } finally {
    await leases?.release();
    session.close();
  }
}

/** The stated target must be where the session's requests really go (a caller's own `api` says that itself). */
function checkSessionTarget(options: ApplySavedOptions): void {
  if (options.api !== undefined) return;
  const { target } = options;
  const endpoint = options.endpoint === undefined ? endpointFromEnvironment(options.processEnv) : normalEndpoint('endpoint', options.endpoint);
  const agrees =
    target.kind === 'aws' ? endpoint === undefined : target.kind === 'endpoint' ? endpoint === target.endpoint : options.endpoint !== undefined;
  if (!agrees) {
    throw new CgError('USAGE', `applySaved: target ${target.kind}${target.endpoint === undefined ? '' : ` ${target.endpoint}`} does not agree with the endpoint the requests would go to (${endpoint ?? 'AWS'})`);
  }
}
