import type { DesiredGroup } from '../config/model.js';
import type { ObservedGroup } from '../plan/model.js';

/** Which pool a call is for; the region picks the endpoint. */
export interface PoolRef {
  id: string;
  region: string;
}

/** One page of ListGroups. */
export interface GroupPage {
  groups: ObservedGroup[];
  /** Absent on the last page. */
  nextToken?: string;
}

/** A Cognito operation this tool calls. */
export type Operation = 'ListGroups' | 'GetGroup' | 'CreateGroup' | 'UpdateGroup' | 'DeleteGroup';

/**
 * The narrow port to Cognito's group API, declared by the code that uses it. Every method throws
 * CgError; codes AWS_THROTTLED and AWS_UNAVAILABLE are the ones worth retrying.
 */
export interface GroupsApi {
  listGroupsPage(pool: PoolRef, nextToken?: string): Promise<GroupPage>;
  /** Undefined when the group does not exist. */
  getGroup(pool: PoolRef, name: string): Promise<ObservedGroup | undefined>;
  createGroup(pool: PoolRef, group: DesiredGroup): Promise<void>;
  /** Sends every managed field: the desired value, or "" to clear the description. */
  updateGroup(pool: PoolRef, group: DesiredGroup): Promise<void>;
  deleteGroup(pool: PoolRef, name: string): Promise<void>;
}

/** Read or write, the two quota categories of the group operations. */
export function categoryOf(op: Operation): 'read' | 'write' {
  return op === 'ListGroups' || op === 'GetGroup' ? 'read' : 'write';
}
