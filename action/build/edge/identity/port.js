/** The calls the credentials check makes. */
export const CREDENTIAL_OPERATIONS = ['ListIdentityPools', 'DescribeIdentityPool', 'GetIdentityPoolRoles', 'GetRole'];
