// The emulator's in-process API: startEmulator opens the state (store and state file), starts the
// HTTP transport over it, and returns the control API that tests and benchmarks use to seed pools,
// groups, users and members and to set quotas, faults and access, bypassing them.
import { performance } from 'node:perf_hooks';
import { AccessPolicy, checkPolicyDocument } from './access.js';
import { controlApi } from './control.js';
import { identityControlApi } from './identity-control.js';
import { checkFaultOptions, FaultInjector } from './faults.js';
import { usage } from './misuse.js';
import { checkQuotaSettings, DEFAULT_QUOTAS, QuotaLimiter } from './quotas.js';
import { EmulatorState } from './state.js';
import { StatsRecorder } from './stats.js';
import { listen } from './transport.js';
import { DEFAULT_ACCOUNT_ID } from './wire.js';
function resolveQuotas(base, q) {
    return {
        enabled: q?.enabled ?? base.enabled,
        scale: q?.scale ?? base.scale,
        burstSeconds: q?.burstSeconds ?? base.burstSeconds,
    };
}
function checkOptions(o, quotas) {
    const out = [];
    if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535))
        out.push(`port must be an integer 0..65535, got ${o.port}`);
    if (o.maxGroupsPerPool !== undefined && !(Number.isInteger(o.maxGroupsPerPool) && o.maxGroupsPerPool >= 0)) {
        out.push(`maxGroupsPerPool must be a non-negative integer, got ${o.maxGroupsPerPool}`);
    }
    if (o.region !== undefined && !/^[a-z0-9-]+$/.test(o.region))
        out.push(`region must look like eu-west-1, got '${o.region}'`);
    if (o.account !== undefined && !/^[0-9]{12}$/.test(o.account))
        out.push(`account must be 12 digits, got '${o.account}'`);
    if (o.policy !== undefined)
        out.push(...checkPolicyDocument(o.policy).map((p) => `policy: ${p}`));
    return [...out, ...checkQuotaSettings(quotas), ...checkFaultOptions(o.faults ?? {})];
}
/** Starts an emulator of the Cognito user-pool group API on 127.0.0.1. */
export async function startEmulator(options = {}) {
    let quotaSettings = resolveQuotas(DEFAULT_QUOTAS, options.quotas);
    const problems = checkOptions(options, quotaSettings);
    if (problems.length > 0)
        throw usage('invalid emulator options', problems);
    const monotonic = () => performance.now();
    const stats = new StatsRecorder(monotonic);
    const state = await EmulatorState.open({
        statePath: options.statePath,
        account: options.account ?? DEFAULT_ACCOUNT_ID,
        defaultRegion: options.region ?? 'us-east-1',
        maxGroupsPerPool: options.maxGroupsPerPool ?? 10_000,
        clock: options.clock ?? Date.now,
        onWrite: () => stats.stateWrites++,
    });
    const quotas = new QuotaLimiter(quotaSettings, monotonic);
    const faults = new FaultInjector(options.faults ?? {});
    const access = new AccessPolicy(options, state.account);
    const transport = await listen(options.port ?? 0, { state, quotas, faults, access, stats }).catch(async (e) => {
        await state.abandon();
        throw e;
    });
    let closed;
    return {
        url: transport.url,
        port: transport.port,
        account: state.account,
        ...controlApi(state),
        ...identityControlApi(state),
        setFaults(f) {
            const bad = checkFaultOptions(f);
            if (bad.length > 0)
                throw usage('setFaults: invalid fault options', bad);
            faults.configure(f);
        },
        setQuotas(q) {
            const next = resolveQuotas(quotaSettings, q);
            const bad = checkQuotaSettings(next);
            if (bad.length > 0)
                throw usage('setQuotas: invalid quota options', bad);
            quotaSettings = next;
            quotas.configure(next);
        },
        setAccess(a) {
            access.configure(a);
        },
        setPolicy(policy) {
            access.setPolicy(policy);
        },
        stats() {
            return stats.snapshot(1000 / quotaSettings.scale);
        },
        resetStats() {
            stats.reset();
        },
        trail: {
            setDelay: (ms) => state.trail.setDelay(ms),
            age: (ms) => {
                state.trail.age(ms);
                state.persistInBackground();
            },
        },
        close() {
            closed ??= (async () => {
                await transport.close();
                await state.close();
            })();
            return closed;
        },
    };
}
