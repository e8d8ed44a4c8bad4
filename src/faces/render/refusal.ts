// The detail lines of a refusal: which groups, which fields, which checks. The one-line message is
// the error's own (apply/refusal.ts); these say what it is about.
import type { Refusal } from '../../run/apply/refusal.js';
import { assertNever } from '../../core/errors.js';
import type { FollowProblem } from '../../core/saved-plan/verify.js';
import { staleLines } from './stale.js';
import { accessRefusalLines } from './access-text.js';

/** Lines that explain a refusal, indented for printing under its message; empty when the message says it all. */
export function refusalDetails(refusal: Refusal): string[] {
  switch (refusal.kind) {
    case 'stale':
      return staleLines({ stale: refusal.groups }).map((l) => `  ${l}`);
    case 'not-following':
      return refusal.problems.map((p) => `  ${followLine(p)}`);
    case 'policy':
      return refusal.violations.access === undefined ? [] : accessRefusalLines(refusal.violations.access).map((l) => `  ${l}`);
    case 'target':
    case 'cancelled':
    case 'no-terminal':
      return [];
    default:
      return assertNever(refusal);
  }
}

function followLine(p: FollowProblem): string {
  const shown = (v: number | null): string => (v === null ? '(none)' : String(v));
  switch (p.kind) {
    case 'file':
      return `the groups file is not the one the plan was made from (sha256 differs from the plan's desiredFile ${p.planFile})`;
    case 'setting':
      return `settings.${p.setting} is ${shown(p.inPlan)} in the plan, ${shown(p.inFile)} in the file`;
    case 'pools':
      return `the plan covers pools ${p.inPlan.join(',')}, the file ${p.inFile.join(',')}`;
    case 'region':
      return `${p.poolId}: region ${p.inPlan} in the plan, ${p.inFile} in the file`;
    case 'changes':
      return `${p.poolId}: the plan's changes are not what the file asks for against what the plan saw`;
    case 'unchanged-or-unmanaged':
      return `${p.poolId}: the plan's unchanged or unmanaged groups do not match the file`;
    case 'listing':
      return `${p.poolId}: what the plan says it saw does not match the digest of the listing it was made from`;
    case 'listed':
      return `${p.poolId}: the plan says ${p.inPlan} groups were listed, its content shows ${p.shown}`;
    case 'members':
      return `${p.poolId}: the plan records the members of other groups than those its changes count`;
    case 'sensitive-roles':
      return `settings.sensitiveRoles is ${p.inPlan.length === 0 ? '(none)' : p.inPlan.join(', ')} in the plan, ${p.inFile.length === 0 ? '(none)' : p.inFile.join(', ')} in the file`;
    case 'access':
      return `${p.poolId}: the plan's access prediction is not what the reads it records give`;
    case 'environment':
      return p.inPlan !== p.inFile
        ? `the plan was made for ${p.inPlan === null ? 'no environment' : `environment ${p.inPlan}`}, the file is read ${p.inFile === null ? 'without --env' : `as environment ${p.inFile}`}`
        : `environment ${p.inPlan ?? ''}: account ${p.accountInPlan ?? '(none)'} in the plan, ${p.accountInFile ?? '(none)'} in the file`;
    default:
      return assertNever(p);
  }
}
