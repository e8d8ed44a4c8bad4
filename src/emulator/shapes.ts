// How pools, groups and users look on the wire: unset optional fields are absent, times are epoch
// seconds.
import type { GroupRecord, PoolRecord } from './store.js';
import type { UserRecord } from './users.js';
import { epochSeconds, poolArn } from './wire.js';

/** A group as the API returns it; unset optional fields are absent. */
export function groupToWire(poolId: string, g: GroupRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { GroupName: g.name, UserPoolId: poolId };
  if (g.description !== undefined) out['Description'] = g.description;
  if (g.roleArn !== undefined) out['RoleArn'] = g.roleArn;
  if (g.precedence !== undefined) out['Precedence'] = g.precedence;
  out['LastModifiedDate'] = epochSeconds(g.lastModifiedDate);
  out['CreationDate'] = epochSeconds(g.creationDate);
  return out;
}

/** A pool as DescribeUserPool and CreateUserPool return it (the fields the emulator models). */
export function poolToWire(p: PoolRecord, account: string): Record<string, unknown> {
  return {
    Id: p.id,
    Name: p.name,
    Arn: poolArn(p.id, account),
    LastModifiedDate: epochSeconds(p.lastModifiedDate),
    CreationDate: epochSeconds(p.creationDate),
    EstimatedNumberOfUsers: p.users.size,
    MfaConfiguration: 'OFF',
    DeletionProtection: 'INACTIVE',
    UsernameConfiguration: { CaseSensitive: p.caseSensitive },
    ...(p.preTokenGeneration === undefined
      ? {}
      : { LambdaConfig: { PreTokenGeneration: p.preTokenGeneration.lambdaArn, PreTokenGenerationConfig: { LambdaVersion: p.preTokenGeneration.version, LambdaArn: p.preTokenGeneration.lambdaArn } } }),
  };
}

/** A user's attributes as the API lists them: sub first, then the others as stored. */
export function attributesToWire(u: UserRecord): Array<{ Name: string; Value: string }> {
  return [{ Name: 'sub', Value: u.sub }, ...u.attributes.map((a) => ({ Name: a.name, Value: a.value }))];
}

/** UserType: what AdminCreateUser, ListUsers and ListUsersInGroup return for a user. */
export function userToWire(u: UserRecord): Record<string, unknown> {
  return {
    Username: u.username,
    Attributes: attributesToWire(u),
    UserCreateDate: epochSeconds(u.creationDate),
    UserLastModifiedDate: epochSeconds(u.lastModifiedDate),
    Enabled: u.enabled,
    UserStatus: u.status,
  };
}
