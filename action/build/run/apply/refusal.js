// Why an apply changed nothing on purpose, as data: views word it (faces/render/refusal.ts) and record
// it in every format. The run layer names no flag and builds no sentence beyond the refusal's kind.
import { CgError } from '../../core/errors.js';
import { policyViolations } from './policy.js';
/** The error an apply throws when it refuses: a CgError that also carries the refusal as data. */
export class RefusedError extends CgError {
    refusal;
    constructor(refusal) {
        super(codeOf(refusal), `apply refused (${refusal.kind}); nothing was changed`);
        this.refusal = refusal;
    }
}
function codeOf(r) {
    return r.kind === 'stale' ? 'PLAN_STALE' : r.kind === 'not-following' ? 'PLAN_FILE_INVALID' : 'APPLY_REFUSED';
}
/** Refuses (RefusedError, before any call) a plan the policy does not allow; names every refusal at once. */
export function checkApplyPolicy(plan, policy) {
    const violations = policyViolations(plan, policy);
    if (violations !== undefined)
        throw new RefusedError({ kind: 'policy', violations });
}
