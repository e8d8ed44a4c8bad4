/** The managed fields of a group; an absent field means the group must not have it. */
export interface GroupFields {
  description?: string;
  precedence?: number;
  roleArn?: string;
}

/** A group the file asks for. */
export interface DesiredGroup extends GroupFields {
  name: string;
}

/** What to do with groups in a pool that the file does not list. */
export type UnmanagedPolicy = 'keep' | 'delete';

/** One user pool of the file and the groups it must have. */
export interface DesiredPool {
  id: string;
  region: string;
  unmanagedGroups: UnmanagedPolicy;
  groups: DesiredGroup[];
}

/** Run settings the file may carry. */
export interface FileSettings {
  maxRps?: number;
}

/** A validated groups file. */
export interface DesiredConfig {
  version: 1;
  settings: FileSettings;
  userPools: DesiredPool[];
}

/** The region a pool id names: the part before the first underscore. */
export function regionOfPoolId(poolId: string): string {
  const i = poolId.indexOf('_');
  return i < 0 ? poolId : poolId.slice(0, i);
}

/** Whether a group is one Cognito creates for a federated identity provider: `<poolId>_<Provider>`. */
export function isProviderGroup(poolId: string, groupName: string): boolean {
  return groupName.length > poolId.length + 1 && groupName.startsWith(`${poolId}_`);
}
