// Identity pools as the credentials analysis sees them: which user pools and app clients they federate,
// and how they turn a user's ID token into an IAM role. Data only; read by the edge, judged by the core.

/** A user pool an identity pool accepts tokens from (`CognitoIdentityProviders[]`). */
export interface FederatedProvider {
  /** `cognito-idp.<region>.amazonaws.com/<userPoolId>` for a user pool. */
  providerName: string;
  /** The app client whose tokens are accepted. */
  clientId: string;
}

/** One rule of a Rules mapping: the first whose claim matches gives its role. */
export interface MappingRule {
  claim: string;
  matchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
  value: string;
  roleArn: string;
}

/** What an identity pool does when no role follows from the token (or no rule matches). */
export type AmbiguousRoleResolution = 'AuthenticatedRole' | 'Deny';

/** How an identity pool picks the role for the tokens of one provider and app client. */
export type RoleMapping =
  /** The token's `cognito:preferred_role`, else the ambiguous resolution. */
  | { type: 'Token'; ambiguous: AmbiguousRoleResolution }
  /** The first matching rule, else the ambiguous resolution. */
  | { type: 'Rules'; ambiguous: AmbiguousRoleResolution; rules: MappingRule[] };

/** An identity pool of the account, with what GetIdentityPoolRoles says of it. */
export interface IdentityPoolInfo {
  id: string;
  name: string;
  providers: FederatedProvider[];
  /** `Roles.authenticated`; absent when the pool has none. */
  authenticatedRole?: string;
  /** `RoleMappings`, keyed `<providerName>:<clientId>`. */
  mappings: Record<string, RoleMapping>;
}

/** The group claims of one ID token (the shape the claim rule predicts). */
export interface TokenClaims {
  /** `cognito:groups`. */
  groups: readonly string[];
  /** `cognito:roles`. */
  roles: readonly string[];
  /** `cognito:preferred_role`; absent when the token has none. */
  preferredRole?: string;
}

/** The credentials one user gets from one identity pool through one app client. */
export type Credential =
  /** An IAM role; `via` says how it was chosen. */
  | { kind: 'role'; roleArn: string; via: CredentialSource }
  /** No credentials: the mapping's ambiguous resolution is Deny, or the pool has no authenticated role. */
  | { kind: 'denied'; why: 'deny' | 'no-authenticated-role' }
  /** Decided by a rule on a claim the tool does not predict (`claim`), before any rule it can decide matched. */
  | { kind: 'unpredicted'; claim: string };

/** How a role was chosen. */
export type CredentialSource =
  /** `cognito:preferred_role` under a Token mapping. */
  | { from: 'preferred-role' }
  /** Rule number `rule` (from 1) of a Rules mapping. */
  | { from: 'rule'; rule: number }
  /** The pool's authenticated role: no mapping for the client, or the ambiguous resolution. */
  | { from: 'authenticated-role'; reason: 'no-mapping' | 'ambiguous' };
