// Why an apply changed nothing on purpose, as data: views word it (faces/render/refusal.ts) and record
// it in every format. The run layer names no flag and builds no sentence beyond the refusal's kind.
import { CgError, type ErrorCode } from '../../core/errors.js';
import type { Plan } from '../../core/plan/model.js';
import type { StaleGroup } from '../../core/saved-plan/stale.js';
import type { TargetMismatch } from '../../core/saved-plan/target.js';
import type { FollowProblem } from '../../core/saved-plan/verify.js';
import { policyViolations, type ApplyPolicy, type PolicyViolations } from './policy.js';

/** Why an apply refused to change anything. */
export type Refusal =
  | { kind: 'policy'; violations: PolicyViolations }
  | { kind: 'stale'; createdAt: string; groups: StaleGroup[] }
  | ({ kind: 'target' } & TargetMismatch)
  | { kind: 'not-following'; planFile: string; groupsFile: string; problems: FollowProblem[] }
  | { kind: 'cancelled' }
  | { kind: 'no-terminal' };

/** The error an apply throws when it refuses: a CgError that also carries the refusal as data. */
export class RefusedError extends CgError {
  readonly refusal: Refusal;

  constructor(refusal: Refusal) {
    super(codeOf(refusal), `apply refused (${refusal.kind}); nothing was changed`);
    this.refusal = refusal;
  }
}

function codeOf(r: Refusal): ErrorCode {
  return r.kind === 'stale' ? 'PLAN_STALE' : r.kind === 'not-following' ? 'PLAN_FILE_INVALID' : 'APPLY_REFUSED';
}

/** Refuses (RefusedError, before any call) a plan the policy does not allow; names every refusal at once. */
export function checkApplyPolicy(plan: Plan, policy: ApplyPolicy): void {
  const violations = policyViolations(plan, policy);
  if (violations !== undefined) throw new RefusedError({ kind: 'policy', violations });
}
