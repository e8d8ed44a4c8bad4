// The IAM identity policy of a command's needs: Allow statements scoped to the file's user pools,
// pools that need the same operations sharing one, iam:PassRole on exactly the roles the file names,
// and the credentials check's reads (identity pools of the file's regions, iam:GetRole on its roles). Pure.
import { CgError } from '../../core/errors.js';
import type { Needs, PolicyCommand } from './needs.js';
import { ACCOUNT_ID } from './commands.js';

export { ACCOUNT_ID };

/** An IAM identity policy document, as IAM reads it. */
export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: IamStatement[];
}

/** One Allow statement of a policy document. */
export interface IamStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}


/** What stands for the account in the ARNs when it is not known. */
export const ANY_ACCOUNT = '*';

/** The ARN IAM knows a user pool by. */
function userPoolArn(region: string, account: string, poolId: string): string {
  return `arn:aws:cognito-idp:${region}:${account}:userpool/${poolId}`;
}

/**
 * The least policy for `needs`: one statement per set of pools that need the same operations (actions
 * and pools sorted), then iam:PassRole on the roles, if any. `account` is 12 digits, or `*` for any.
 */
export function policyDocument(needs: Needs, account: string): IamPolicyDocument {
  if (account !== ANY_ACCOUNT && !ACCOUNT_ID.test(account)) {
    throw new CgError('USAGE', `account ${JSON.stringify(account)}: expected 12 digits, such as 123456789012`);
  }
  const byActions = new Map<string, { actions: string[]; resources: string[] }>();
  const pools = [...needs.pools].sort((a, b) => (a.poolId < b.poolId ? -1 : a.poolId > b.poolId ? 1 : 0));
  for (const pool of pools) {
    const actions = pool.operations.map((op) => `cognito-idp:${op}`).sort();
    const key = actions.join(' ');
    const entry = byActions.get(key) ?? { actions, resources: [] };
    entry.resources.push(userPoolArn(pool.region, account, pool.poolId));
    byActions.set(key, entry);
  }
  const name = sidOf(needs.command);
  const groups = [...byActions.values()];
  const statements: IamStatement[] = groups.map((g, i) => ({
    Sid: groups.length === 1 ? name : `${name}${i + 1}`,
    Effect: 'Allow',
    Action: g.actions,
    Resource: [...new Set(g.resources)].sort(),
  }));
  if (needs.lookupEvents === true) {
    // LookupEvents has no resource-level permissions: IAM only accepts "*" for it.
    statements.push({ Sid: 'CognitoGroupsDriftAttribution', Effect: 'Allow', Action: ['cloudtrail:LookupEvents'], Resource: ['*'] });
  }
  if (needs.passRoles.length > 0) {
    statements.push({ Sid: 'CognitoGroupsPassGroupRoles', Effect: 'Allow', Action: ['iam:PassRole'], Resource: [...needs.passRoles] });
  }
  // The credentials check: ListIdentityPools acts on no resource; the identity pools' ids are not known
  // in advance, so their reads are scoped to the regions of the file's pools.
  if (needs.identityPoolRegions.length > 0) {
    statements.push({ Sid: 'CognitoGroupsListIdentityPools', Effect: 'Allow', Action: ['cognito-identity:ListIdentityPools'], Resource: ['*'] });
    statements.push({
      Sid: 'CognitoGroupsReadIdentityPools',
      Effect: 'Allow',
      Action: ['cognito-identity:DescribeIdentityPool', 'cognito-identity:GetIdentityPoolRoles'],
      Resource: needs.identityPoolRegions.map((r) => `arn:aws:cognito-identity:${r}:${account}:identitypool/*`),
    });
  }
  if (needs.getRoles.length > 0) {
    statements.push({ Sid: 'CognitoGroupsGetGroupRoles', Effect: 'Allow', Action: ['iam:GetRole'], Resource: [...needs.getRoles] });
  }
  return { Version: '2012-10-17', Statement: statements };
}

function sidOf(command: PolicyCommand): string {
  return `CognitoGroups${command.charAt(0).toUpperCase()}${command.slice(1)}`;
}
