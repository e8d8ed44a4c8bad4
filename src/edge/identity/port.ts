// The narrow port to what hands out AWS credentials: Cognito Identity's identity pools and IAM's
// roles. Read-only; every call is optional to the run (denied: the plan says what it could not check).
import type { FederatedProvider, RoleMapping } from '../../core/credentials/model.js';

/** The calls the credentials check makes. */
export const CREDENTIAL_OPERATIONS = ['ListIdentityPools', 'DescribeIdentityPool', 'GetIdentityPoolRoles', 'GetRole'] as const;
/** One of CREDENTIAL_OPERATIONS. */
export type CredentialOperation = (typeof CREDENTIAL_OPERATIONS)[number];

/** One page of ListIdentityPools. */
export interface IdentityPoolPage {
  pools: Array<{ id: string; name: string }>;
  nextToken?: string;
}

/** What DescribeIdentityPool says of an identity pool that the check needs. */
export interface IdentityPoolDescription {
  id: string;
  name: string;
  providers: FederatedProvider[];
}

/** What GetIdentityPoolRoles says of an identity pool. */
export interface IdentityPoolRoleSettings {
  /** `Roles.authenticated`. */
  authenticatedRole?: string;
  /** `RoleMappings`, keyed `<providerName>:<clientId>`. */
  mappings: Record<string, RoleMapping>;
}

/** A role as GetRole answers it. */
export interface RoleDescription {
  arn: string;
  /** The trust policy, URL-decoded. */
  trustPolicy: string;
}

/** The reads, region by region; a missing identity pool or role is undefined, every other failure a CgError. */
export interface CredentialsApi {
  listIdentityPoolsPage(region: string, nextToken?: string): Promise<IdentityPoolPage>;
  describeIdentityPool(region: string, id: string): Promise<IdentityPoolDescription | undefined>;
  getIdentityPoolRoles(region: string, id: string): Promise<IdentityPoolRoleSettings | undefined>;
  /** IAM is global: `region` only picks the partition's endpoint. */
  getRole(region: string, roleName: string): Promise<RoleDescription | undefined>;
}
