import { checkAfterApply, memberTargets } from './apply/converged.js';
import { executeChanges } from './apply/execute.js';
import { CgError, messageOf } from '../core/errors.js';
import { readMembers } from '../edge/read/list-members.js';
import { listPools } from '../edge/read/list-pool.js';
/**
 * Applies a plan, then lists the changed pools again and checks every change holds. Never loses the
 * report: a listing that fails or is interrupted is recorded in the outcome, not thrown.
 */
export async function applyAndCheck(session, plan, options) {
    const report = await executeChanges(session.api, session.finishing, plan.pools, {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        ...(options.mayNotWrite === undefined ? {} : { mayNotWrite: options.mayNotWrite }),
    });
    if (report.interrupted || report.results.some((r) => r.status !== 'done'))
        return { report, check: { ran: false, why: 'not-all-applied' } };
    const touched = plan.pools.filter((p) => p.changes.length > 0);
    try {
        const after = await listPools(session.api, touched.map((p) => ({ id: p.userPoolId, region: p.region })), options.onReadProgress);
        const read = await Promise.all(touched.map((p) => readMembers(session.api, { id: p.userPoolId, region: p.region }, memberTargets(p).map((t) => t.group))));
        const now = new Map(touched.map((p, i) => [p.userPoolId, read[i] ?? new Map()]));
        const members = options.members === undefined ? undefined : { then: options.members, now, ...(options.caseSensitive === undefined ? {} : { caseSensitive: options.caseSensitive }) };
        return { report, check: { ran: true, ...checkAfterApply(plan, after, options.config, members) } };
    }
    catch (err) {
        const error = err instanceof CgError ? err : new CgError('INTERNAL', messageOf(err), { cause: err });
        return { report, check: { ran: false, why: 'listing-failed', error } };
    }
}
