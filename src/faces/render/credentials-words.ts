// The words of the credentials check, shared by the text and Markdown plans.
import type { RoleWarning } from '../../core/credentials/role-checks.js';
import { credentialLabel } from '../../core/credentials/resolve.js';
import type { CredentialTransition } from '../../core/credentials/transitions.js';

/** Said once when the user pools of a plan have no identity pool handing out roles from their tokens. */
export const NO_IDENTITY_POOL = 'no identity pool of this account hands out roles from these tokens';

/** `n user(s)`. */
export function usersText(n: number): string {
  return `${n} user${n === 1 ? '' : 's'}`;
}

/**
 * One transition: `identity pool prod-app (eu-west-1:…): 312 users: AppReader -> AppAdmin`, with the app
 * client named when the identity pool accepts several clients of the user pool. `show` escapes outside text.
 */
export function credentialTransitionText(t: CredentialTransition, severalClients: boolean, show: (s: string) => string): string {
  const client = severalClients ? `, app client ${show(t.clientId)}` : '';
  return `identity pool ${show(t.identityPoolName)} (${show(t.identityPoolId)}${client}): ${usersText(t.count)}: ${show(credentialLabel(t.before))} -> ${show(credentialLabel(t.after))}`;
}

/** What is wrong with a role, in words. */
export function roleProblemText(w: RoleWarning, show: (s: string) => string): string {
  switch (w.problem) {
    case 'missing':
      return 'no such role in IAM (its users get no credentials from it; fine if the same deploy creates it)';
    case 'no-cognito-trust':
      return 'its trust policy does not let cognito-identity.amazonaws.com call sts:AssumeRoleWithWebIdentity';
    case 'other-identity-pools':
      return `its trust policy names only other identity pools (${(w.audiences ?? []).map(show).join(', ')}) in cognito-identity.amazonaws.com:aud`;
    case 'no-aud-condition':
      return 'its trust policy has no cognito-identity.amazonaws.com:aud condition naming an identity pool';
    case 'unreadable':
      return 'its trust policy is not a JSON policy document';
  }
}

/** Where a warning is: `file:line:column: ` when known, else ''. */
export function siteText(w: RoleWarning, show: (s: string) => string): string {
  if (w.line === undefined) return '';
  return `${w.file === undefined ? '' : `${show(w.file)}:`}${w.line}:${w.column ?? 1}: `;
}
