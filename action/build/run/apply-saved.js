import { credentialsChanged, readIdentityPoolsAgain } from './credentials.js';
import { checkApplyPolicy, RefusedError } from './apply/refusal.js';
import { CgError } from '../core/errors.js';
import { usernameCaseByPool } from '../edge/read/check-users.js';
import { readMembers } from '../edge/read/list-members.js';
import { listPools } from '../edge/read/list-pool.js';
import { membersOfDocument, planOfDocument } from '../core/saved-plan/build.js';
import { checkStaleness } from '../core/saved-plan/stale.js';
import { planEnvironment, targetMismatch } from '../core/saved-plan/target.js';
import { endpointFromEnvironment, normalEndpoint } from '../edge/cognito/endpoint.js';
import { planFollowsFrom } from '../core/saved-plan/verify.js';
import { applyAndCheck } from './converge.js';
import { readAccessAgain } from './access.js';
import { checkAccount, openSession } from './session.js';
import { takeLeases } from './lease/take.js';
import { checkOptions, LOCK, POLICY, SESSION } from './option-check.js';
/** The options `applySaved()` takes, and what each value must be (checked before any call). */
export const APPLY_SAVED_OPTIONS = {
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
/**
 * Everything about a saved plan that can be checked without a call, each a RefusedError: made against
 * another target, not following from the groups file, or destroying what the policy does not allow.
 * Returns the plan the document holds.
 */
export function checkSavedPlan(document, target, policy, desired, planFile = 'the saved plan') {
    const mismatch = targetMismatch(document, target);
    if (mismatch !== undefined)
        throw new RefusedError({ kind: 'target', ...mismatch });
    if (desired !== undefined) {
        const problems = planFollowsFrom(document, desired.text, desired.config);
        if (problems.length > 0)
            throw new RefusedError({ kind: 'not-following', planFile, groupsFile: desired.file, problems });
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
export async function applySaved(options) {
    checkOptions('applySaved', APPLY_SAVED_OPTIONS, options);
    checkSessionTarget(options);
    const plan = checkSavedPlan(options.document, options.target, options, options.desired, options.planFile);
    options.onPlan?.(plan);
    const session = openSession(options, options.document.settings.maxRps);
    let leases;
    try {
        const doc = options.document;
        const environment = planEnvironment(doc);
        if (environment !== undefined)
            await checkAccount(session, environment, doc.pools[0]?.region ?? 'us-east-1');
        // The lease comes before the staleness check's listing, so the plan is checked and applied under it.
        leases = await takeLeases(session, plan.pools.map((p) => ({ id: p.userPoolId, region: p.region })), { ...options, holder: { plan: doc.checksum, ...options.holder } }, options.desired?.config.settings.lockSeconds);
        const held = leases;
        const current = await listPools(session.api, plan.pools.map((p) => ({ id: p.userPoolId, region: p.region })), options.onReadProgress);
        leases.confirm(current);
        // The members the plan counted are read again: a count that no longer holds makes the plan stale.
        const members = await Promise.all(options.document.pools.map((p) => readMembers(session.api, { id: p.userPoolId, region: p.region }, (p.members ?? []).map((m) => m.group), options.onMembersProgress)));
        const membersNow = new Map(options.document.pools.map((p, i) => [p.userPoolId, members[i] ?? new Map()]));
        // How the pool compares usernames is asked again, never taken from the document: member changes depend on it.
        const comparing = options.document.pools.filter((p) => p.usernamesCaseSensitive !== undefined);
        const caseSensitive = await usernameCaseByPool(session.api, comparing.map((p) => ({ id: p.userPoolId, region: p.region })));
        // What the access check read is read again, exactly: the prediction must still hold.
        const accessNow = await readAccessAgain(session.api, options.document);
        const { stale, elsewhere } = checkStaleness(options.document, current, options.desired?.config, membersNow, caseSensitive, accessNow);
        // The identity pools the plan predicted credentials from are read again: a changed mapping makes it stale.
        if (doc.credentialsRead !== undefined && session.credentials !== undefined) {
            const again = await readIdentityPoolsAgain(session.credentials, doc.credentialsRead);
            for (const why of credentialsChanged(doc.credentialsRead, again))
                stale.push({ kind: 'identity-pools', region: /of (\S+)/.exec(why)?.[1] ?? '', why });
        }
        if (stale.length > 0)
            throw new RefusedError({ kind: 'stale', createdAt: options.document.createdAt, groups: stale });
        const outcome = await applyAndCheck(session, plan, {
            ...(options.desired === undefined ? {} : { config: options.desired.config }),
            members: new Map(options.document.pools.map((p) => [p.userPoolId, membersOfDocument(p)])),
            caseSensitive: new Map(options.document.pools.flatMap((p) => (p.usernamesCaseSensitive === undefined ? [] : [[p.userPoolId, p.usernamesCaseSensitive]]))),
            ...(options.signal === undefined ? {} : { signal: options.signal }),
            ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
            ...(options.onApplyProgress === undefined ? {} : { onProgress: options.onApplyProgress }),
            ...(options.onReadProgress === undefined ? {} : { onReadProgress: options.onReadProgress }),
            mayNotWrite: () => held.lost(),
        });
        return { plan, outcome, elsewhere, counts: session.api.counts };
    }
    finally {
        await leases?.release();
        session.close();
    }
}
/** The stated target must be where the session's requests really go (a caller's own `api` says that itself). */
function checkSessionTarget(options) {
    if (options.api !== undefined)
        return;
    const { target } = options;
    const endpoint = options.endpoint === undefined ? endpointFromEnvironment(options.processEnv) : normalEndpoint('endpoint', options.endpoint);
    const agrees = target.kind === 'aws' ? endpoint === undefined : target.kind === 'endpoint' ? endpoint === target.endpoint : options.endpoint !== undefined;
    if (!agrees) {
        throw new CgError('USAGE', `applySaved: target ${target.kind}${target.endpoint === undefined ? '' : ` ${target.endpoint}`} does not agree with the endpoint the requests would go to (${endpoint ?? 'AWS'})`);
    }
}
