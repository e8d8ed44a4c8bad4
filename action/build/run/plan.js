import { readConfigFile } from '../edge/files/read-config.js';
import { computePoolPlan, memberReadsOf } from '../core/plan/compute.js';
import { usernameKey } from '../core/plan/member-changes.js';
import { checkUsers, usernameCaseByPool } from '../edge/read/check-users.js';
import { CgError } from '../core/errors.js';
import { readMembers } from '../edge/read/list-members.js';
import { listPools } from '../edge/read/list-pool.js';
import { checkAccount, openSession } from './session.js';
import { checkCredentials } from './credentials.js';
import { checkOptions, SESSION, SOURCE } from './option-check.js';
import { checkAccess } from './access.js';
import { memberChangesOnly } from '../core/access/drift.js';
/** The options `plan()` takes, and what each value must be (checked before any call). */
export const PLAN_OPTIONS = { ...SOURCE, ...SESSION, dropMembers: 'boolean', onReadProgress: 'function', onMembersProgress: 'function', accessCheck: 'boolean', onAccessProgress: 'function', accessScope: 'string', rates: 'object', credentialsCheck: 'boolean', checkAllRoles: 'boolean' };
/** The config of a source, reading the file if that is what it names. */
async function desiredOf(source) {
    if ('config' in source)
        return { config: source.config, ...(source.desiredFile === undefined ? {} : { file: source.desiredFile }) };
    const loaded = await readConfigFile(source.file, source.cwd, source.env === undefined ? {} : { env: source.env });
    return { config: loaded.config, file: { path: source.file, text: loaded.text } };
}
/**
 * Lists every pool of the file and plans each against it; then reads the members of the groups whose
 * members a change drops, moves or gives new tokens, and of the groups with `members:` (only those),
 * counts them and plans the member changes. For a pool with `members:` it first asks how the pool
 * compares usernames, and it looks up every user to add: users the pool does not have (or names the
 * file gives that are not usernames) are an error before anything is applied.
 */
export async function planWith(api, config, planning = {}) {
    const observed = await listPools(api, config.userPools.map((p) => ({ id: p.id, region: p.region })), planning.onReadProgress);
    const dropMembers = planning.dropMembers === true;
    const managing = config.userPools.filter((p) => p.groups.some((g) => g.members !== undefined));
    const caseSensitive = await usernameCaseByPool(api, managing.map((p) => ({ id: p.id, region: p.region })));
    const first = config.userPools.map((p) => computePoolPlan(p, observed.get(p.id) ?? [], { dropMembers }));
    const read = await Promise.all(config.userPools.map((p, i) => readMembers(api, { id: p.id, region: p.region }, memberReadsOf(first[i], p), planning.onMembersProgress)));
    const members = new Map(config.userPools.map((p, i) => [p.id, read[i] ?? new Map()]));
    const plan = {
        pools: config.userPools.map((p) => computePoolPlan(p, observed.get(p.id) ?? [], { dropMembers, members: members.get(p.id) ?? new Map(), ...(caseSensitive.has(p.id) ? { caseSensitive: caseSensitive.get(p.id) } : {}) })),
        ...(dropMembers ? { dropMembers: true } : {}),
    };
    await checkUsersToAdd(api, plan, caseSensitive);
    const scoped = planning.accessScope === 'member-drift' ? { ...plan, pools: plan.pools.map(memberChangesOnly) } : plan;
    const access = await checkAccess(api, scoped, observed, members, caseSensitive, {
        check: planning.accessCheck !== false,
        sensitiveRoles: config.settings.sensitiveRoles ?? [],
        ...(planning.rates === undefined ? {} : { rates: planning.rates }),
        ...(planning.onAccessProgress === undefined ? {} : { onProgress: planning.onAccessProgress }),
    });
    const pools = plan.pools.map((p, i) => {
        const predicted = access.plan.pools[i]?.access;
        return predicted === undefined ? p : { ...p, access: predicted };
    });
    return { plan: { ...plan, pools }, observed, members, caseSensitive, accessReads: access.reads, accessClaims: access.claims };
}
/** Users shown by name in the error before the rest are only counted. */
const USERS_NAMED = 20;
/** Refuses (MEMBERS_INVALID) a plan that would add users the pool does not have, or names that are not usernames. */
async function checkUsersToAdd(api, plan, caseSensitive) {
    const problems = (await Promise.all(plan.pools.map((pool) => {
        const sensitive = caseSensitive.get(pool.userPoolId) ?? true;
        const users = new Map();
        for (const c of pool.changes)
            for (const u of ('members' in c ? c.members?.add : undefined) ?? [])
                users.set(usernameKey(u, sensitive), u);
        return checkUsers(api, { id: pool.userPoolId, region: pool.region }, [...users.values()], sensitive);
    }))).flat();
    if (problems.length === 0)
        return;
    const lines = problems.map((p) => (p.actually === undefined ? `${p.poolId}: no user ${JSON.stringify(p.username)}` : `${p.poolId}: ${JSON.stringify(p.username)} is not a username; the user's username is ${JSON.stringify(p.actually)}: write that`));
    const shown = lines.slice(0, USERS_NAMED);
    if (lines.length > USERS_NAMED)
        shown.push(`and ${lines.length - USERS_NAMED} more`);
    throw new CgError('MEMBERS_INVALID', `the groups file lists ${problems.length} member(s) the pools do not know by that username; nothing was planned (to try a file's members without AWS, --local creates the users the file names in its local emulator)`, { details: shown.map((l) => `  ${l}`) });
}
/** Lists the pools of the file and computes the plan. Read-only. */
export async function plan(options) {
    checkOptions('plan', PLAN_OPTIONS, options);
    return await withPlanned(options, async (config, session, outcome) => ({
        ...outcome,
        config,
        counts: session.api.counts,
        ...(session.credentials === undefined ? {} : { credentialCounts: session.credentials.counts }),
    }));
}
/**
 * The setup every run shares: the desired config, a session, the account check, and the plan; `use`
 * gets them while the session is open.
 */
export async function withPlanned(options, use, held) {
    const desired = await desiredOf(options);
    const config = desired.config;
    const session = openSession(options, config.settings.maxRps);
    try {
        await checkAccount(session, config.environment, firstRegion(config));
        await held?.take(config, session);
        const planned = await planWith(session.api, config, { ...options, rates: session.rates });
        const credentials = session.credentials === undefined ? planned : await withCredentials(planned, session.credentials, config, options, desired.file);
        return await use(config, session, credentials);
    }
    finally {
        try {
            await held?.release();
        }
        finally {
            session.close();
        }
    }
}
/** The region the account check asks STS in: the first pool's. */
function firstRegion(config) {
    return config.userPools[0]?.region ?? 'us-east-1';
}
/**
 * The plan with its credentials check: which identity pools hand out roles from the tokens whose
 * claims it changes, and whose credentials change; whether the roles the file names can work.
 */
async function withCredentials(planned, api, config, planning, file) {
    const checked = await checkCredentials(api, config, planned.plan.pools, planned.accessClaims ?? new Map(), {
        check: planning.credentialsCheck !== false,
        ...(planning.checkAllRoles === true ? { allRoles: true } : {}),
        ...(file === undefined ? {} : { file: file.path, text: file.text }),
        ...(config.environment?.account === undefined ? {} : { account: config.environment.account }),
    });
    if (!checked.plan.checked)
        return planned;
    const pools = planned.plan.pools.map((p) => {
        const c = checked.pools.get(p.userPoolId);
        return c === undefined ? p : { ...p, credentials: c };
    });
    return { ...planned, plan: { ...planned.plan, pools, credentials: checked.plan }, ...(checked.read.regions.length === 0 ? {} : { credentialsRead: checked.read }) };
}
