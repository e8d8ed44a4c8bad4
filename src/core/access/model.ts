// What a plan does to the group claims of users' ID tokens, as data on the plan (the renderers word it).

/** One change to one claim of a user's ID token. */
export type ClaimChange =
  /** `cognito:preferred_role` moves from one value to another (null: no preferred role). */
  | {
      claim: 'preferred_role';
      before: string | null;
      after: string | null;
      /** Set when `after` is null because groups of equal lowest precedence carry different roles: those roles. */
      tie?: string[];
    }
  /** A role enters or leaves `cognito:roles`. */
  | { claim: 'roles'; change: 'gain' | 'lose'; role: string }
  /** A group name enters or leaves `cognito:groups` (apps that check the name gain or lose it). */
  | { claim: 'groups'; change: 'gain' | 'lose'; group: string };

/** One transition: a claim change and every user it happens to. */
export type AccessTransition = ClaimChange & {
  count: number;
  /** The users, sorted (as the pool names them, or as the file writes a user it adds). */
  usernames: string[];
  /** Set when the transition gives users a role `settings.sensitiveRoles` names. */
  sensitive?: true;
};

/** How the groups of the users whose role claims may change were read for the prediction. */
export type AccessVia =
  /** No read beyond the plan's own member reads was needed. */
  | 'plan-reads'
  /** ListUsersInGroup of every role-bearing group of the pool. */
  | 'group-members'
  /** AdminListGroupsForUser of each such user. */
  | 'user-groups';

/** The predicted access changes of one pool: present on a pool with a change that can alter a claim. */
export type PoolAccess =
  | {
      checked: true;
      via: AccessVia;
      /** Calls the prediction made beyond the plan's own reads (pages or users). */
      reads: number;
      /** Users with at least one changed claim. */
      users: number;
      /** Largest first. */
      transitions: AccessTransition[];
      /** The pool's pre token generation Lambda, which may override every claim predicted here. */
      trigger?: string;
    }
  /** Not checked (`--no-access-check`): the plan has changes that can alter claims, nobody knows whose. */
  | { checked: false; trigger?: string };

/** What one pool's prediction read, so a saved plan can read exactly that again. */
export type AccessRead =
  | { via: 'plan-reads' }
  /** The members of each role-bearing group the plan did not read itself, by group, usernames sorted. */
  | { via: 'group-members'; members: Array<{ group: string; usernames: string[] }> }
  /** The groups of each user, by username as asked, group names sorted. */
  | { via: 'user-groups'; users: Array<{ username: string; groups: string[] }> };
