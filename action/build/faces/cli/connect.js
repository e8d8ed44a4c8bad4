import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { profileNames, sharedFiles } from '../../edge/cognito/profiles.js';
import { CgError } from '../../core/errors.js';
import { writeFileIfAbsent } from '../../edge/files/write-if-absent.js';
import { endpointFromEnvironment, normalEndpoint, rawEndpointFromEnvironment } from '../../edge/cognito/endpoint.js';
import { targetText } from '../render/target.js';
import { pathIn } from './io.js';
import { toolUserAgent } from './user-agent.js';
import { createNamedUsers, createdUsersText } from './local-users.js';
/** The folder of the embedded emulator's state, under the current directory. */
const LOCAL_STATE_DIR = '.cognito-groups';
/** Where the embedded emulator keeps its state, under the current directory. */
export const LOCAL_STATE = join(LOCAL_STATE_DIR, 'local.json');
/** The account the embedded emulator stands for, unless the environment names one. */
const LOCAL_ACCOUNT = '000000000000';
/** The local state of an environment: each has its own emulator state (and account), as each has its own AWS account. */
function localStateOf(environment) {
    return environment === undefined ? LOCAL_STATE : join(LOCAL_STATE_DIR, `local-${environment}.json`);
}
/** Where requests of these flags go, without opening anything (a saved plan's target is checked first). */
export function targetOf(flags, env, environment) {
    const place = placeOf(flags, env);
    return environment === undefined ? place : { ...place, environment: environment.name };
}
function placeOf(flags, env) {
    if (flags.local === true) {
        if (flags.endpointUrl !== undefined || flags.profile !== undefined) {
            throw new CgError('USAGE', '--local runs against the embedded emulator: it cannot be combined with --endpoint-url or --profile');
        }
        return { kind: 'local-emulator' };
    }
    if (flags.endpointUrl !== undefined)
        return { kind: 'endpoint', endpoint: normalEndpoint('--endpoint-url', flags.endpointUrl) };
    // The SDK reads these itself; they are named here so a saved plan knows where it was made.
    const fromEnv = endpointFromEnvironment(env);
    return fromEnv === undefined ? { kind: 'aws' } : { kind: 'endpoint', endpoint: fromEnv };
}
/**
 * AWS through the SDK's default credential chain, or with --local the emulator started in this
 * process on a free loopback port, with its state in .cognito-groups/local.json and the file's pools
 * created if missing.
 */
export async function openTarget(flags, pools, io, options = { createPools: true }) {
    const { env } = io;
    const base = { userAgent: toolUserAgent(env) };
    if (flags.maxRps !== undefined)
        base.maxRps = flags.maxRps;
    if (flags.requestTimeout !== undefined)
        base.requestTimeoutMs = Math.round(flags.requestTimeout * 1000);
    const ref = targetOf(flags, env, options.environment);
    const profile = flags.profile ?? nonEmpty(env.AWS_PROFILE);
    const environment = options.environment;
    const shown = {
        ...ref,
        regions: pools.map((p) => p.region),
        ...(ref.kind === 'aws' && profile !== undefined ? { profile } : {}),
        ...(environment === undefined ? {} : { environment: environment.name, ...(environment.account === undefined ? {} : { account: environment.account }) }),
    };
    if (ref.kind !== 'local-emulator') {
        if (flags.profile !== undefined)
            base.profile = flags.profile;
        // AWS_PROFILE is checked only when no keys in the environment come first in the SDK's chain.
        if (flags.profile !== undefined)
            await checkProfile(flags.profile, '--profile', env);
        else if (profile !== undefined && nonEmpty(env.AWS_ACCESS_KEY_ID) === undefined)
            await checkProfile(profile, 'AWS_PROFILE', env);
        // The endpoint is handed to the SDK as given (it may carry what the normalised form leaves out).
        const endpoint = flags.endpointUrl ?? rawEndpointFromEnvironment(env);
        if (ref.kind === 'endpoint' && endpoint !== undefined)
            base.endpoint = endpoint.trim();
        return { session: base, ref, shown, close: async () => { } };
    }
    const statePath = localStateOf(environment?.name);
    if (options.createPools)
        await makeLocalStateDir(pathIn(io, dirname(statePath)));
    else if (!(await exists(pathIn(io, statePath))))
        throw noSuchLocalPools(pools.map((p) => p.id), [], statePath);
    // Loaded only for --local.
    const { startEmulator } = await import('../../emulator/index.js');
    const emulator = await startEmulator({ port: 0, statePath: pathIn(io, statePath), account: environment?.account ?? LOCAL_ACCOUNT }).catch((err) => {
        const holder = err instanceof CgError && err.code === 'EMULATOR_STATE' ? /in use by process (\d+)/.exec(err.message)?.[1] : undefined;
        if (holder === undefined)
            throw err;
        throw new CgError('EMULATOR_STATE', `${statePath} is in use by another --local run (process ${holder}); wait for it to finish, then run this again`, { cause: err });
    });
    let createdPools;
    let createdUsers = [];
    try {
        if (!options.createPools) {
            const have = emulator.listUserPools().map((p) => p.id);
            const missing = pools.map((p) => p.id).filter((id) => !have.includes(id));
            if (missing.length > 0)
                throw noSuchLocalPools(missing, have, statePath);
        }
        createdPools = options.createPools ? pools.filter((p) => emulator.ensureUserPool(p.id)).map((p) => p.id) : [];
        if (options.createPools)
            createdUsers = createNamedUsers(emulator, pools);
    }
    catch (err) {
        // The emulator must not outlive a failed start: its server would keep the process running.
        await emulator.close();
        throw err;
    }
    return {
        session: { ...base, endpoint: emulator.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
        ref,
        shown,
        local: { url: emulator.url, statePath, createdPools, ...(createdUsers.length === 0 ? {} : { createdUsers }) },
        close: () => emulator.close(),
    };
}
/**
 * The line every command that talks to Cognito starts its text output with: where its requests go. For
 * the local emulator (where it keeps its state, which pools it created) it is said beside the machine
 * formats too, on stderr.
 */
export function targetBanner(target) {
    if (target.local === undefined)
        return { text: `Target: ${targetText(target.shown)}.` };
    const created = target.local.createdPools.length === 0 ? '' : `; created empty pool(s) ${target.local.createdPools.join(', ')}`;
    const line = `Target: ${targetText(target.shown)}: ${target.local.url}, state in ${target.local.statePath}${created}${createdUsersText(target.local.createdUsers ?? [])}.`;
    return { text: line, machine: line };
}
/**
 * The folder of the local state, with a `.gitignore` of `*` so the emulator's state is never committed
 * by accident; a `.gitignore` already there (the user's own) is left as it is.
 */
async function makeLocalStateDir(dir) {
    await mkdir(dir, { recursive: true });
    try {
        await writeFileIfAbsent(join(dir, '.gitignore'), '*\n');
    }
    catch (err) {
        throw new CgError('EMULATOR_STATE', `${join(LOCAL_STATE_DIR, '.gitignore')}: cannot be written (${err.code ?? String(err)})`, { cause: err });
    }
}
/** The error for pools the local emulator does not have (it creates pools only for a groups file's commands). */
function noSuchLocalPools(missing, have, statePath) {
    const there = have.length === 0 ? 'it has no pools yet' : `its pools: ${have.join(', ')}`;
    return new CgError('AWS_POOL_NOT_FOUND', `user pool ${missing.join(', ')} does not exist in the local emulator (${statePath}; ${there}); apply a groups file with --local to create it`);
}
async function exists(path) {
    return stat(path).then(() => true, () => false);
}
/** A profile that exists in neither shared file is named as such, before any call. */
async function checkProfile(profile, from, env) {
    const names = await profileNames(env);
    if (names.has(profile))
        return;
    const files = sharedFiles(env);
    const known = names.size === 0 ? 'there are none' : `there are: ${[...names].sort().join(', ')}`;
    throw new CgError('AWS_CREDENTIALS', `${from} ${profile}: no such profile in ${files.config} or ${files.credentials} (${known}); check the name, or run \`aws configure --profile ${profile}\``);
}
function nonEmpty(s) {
    return s === undefined || s.trim() === '' ? undefined : s.trim();
}
