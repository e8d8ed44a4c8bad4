// The users of one pool, in memory: found by username (compared as the pool compares usernames) or
// by sub, and listed in a stable hash order like groups (see store.ts), which is not name order.
import { foldName, hashOrderKey } from './order-key.js';
import type { GroupRecord } from './group-record.js';
import { SortedList } from './sorted-list.js';

/** The account states Cognito reports in UserStatus. */
export const USER_STATUSES = [
  'UNCONFIRMED',
  'CONFIRMED',
  'ARCHIVED',
  'COMPROMISED',
  'UNKNOWN',
  'RESET_REQUIRED',
  'FORCE_CHANGE_PASSWORD',
  'EXTERNAL_PROVIDER',
] as const;

/** One of USER_STATUSES. */
export type UserStatus = (typeof USER_STATUSES)[number];

/** A user attribute other than sub, which every user has and the record holds apart. */
export interface UserAttribute {
  readonly name: string;
  readonly value: string;
}

/** One user as the emulator keeps it. Times are epoch milliseconds. */
export interface UserRecord {
  /** As created, whatever the pool's case rule. */
  readonly username: string;
  /** The username as the pool compares it: lower-cased unless the pool is case-sensitive. */
  readonly key: string;
  readonly sortKey: string;
  readonly sub: string;
  attributes: UserAttribute[];
  enabled: boolean;
  status: UserStatus;
  readonly creationDate: number;
  lastModifiedDate: number;
  /** The groups the user is in, sorted by group sort key; changed only through Memberships. */
  readonly groups: GroupRecord[];
}

/** The fields of a new user. */
export interface NewUser {
  readonly username: string;
  readonly sub: string;
  readonly attributes?: readonly UserAttribute[];
  readonly enabled?: boolean;
  readonly status?: UserStatus;
  readonly creationDate: number;
  readonly lastModifiedDate?: number;
}

/** All users of one pool. */
export class UserDirectory {
  private readonly byKey = new Map<string, UserRecord>();
  private readonly bySub = new Map<string, UserRecord>();
  /** The ListUsers order. */
  readonly order = new SortedList<UserRecord>();

  constructor(readonly caseSensitive: boolean) {}

  get size(): number {
    return this.byKey.size;
  }

  /** A username as this pool compares it. */
  keyOf(username: string): string {
    return this.caseSensitive ? username : foldName(username);
  }

  /** The user with this username (compared as the pool compares). */
  byUsername(username: string): UserRecord | undefined {
    return this.byKey.get(this.keyOf(username));
  }

  bySubValue(sub: string): UserRecord | undefined {
    return this.bySub.get(sub);
  }

  /** The user a request names: by username first, then by sub, as Cognito accepts either. */
  find(name: string): UserRecord | undefined {
    return this.byUsername(name) ?? this.bySub.get(name);
  }

  record(u: NewUser): UserRecord {
    const key = this.keyOf(u.username);
    return {
      username: u.username,
      key,
      sortKey: hashOrderKey(key),
      sub: u.sub,
      attributes: [...(u.attributes ?? [])],
      enabled: u.enabled ?? true,
      status: u.status ?? 'FORCE_CHANGE_PASSWORD',
      creationDate: u.creationDate,
      lastModifiedDate: u.lastModifiedDate ?? u.creationDate,
      groups: [],
    };
  }

  /** Adds a user; undefined (and nothing changed) when the username or sub is taken. */
  add(u: NewUser): UserRecord | undefined {
    const user = this.record(u);
    if (this.byKey.has(user.key) || this.bySub.has(user.sub)) return undefined;
    this.byKey.set(user.key, user);
    this.bySub.set(user.sub, user);
    this.order.insert(user);
    return user;
  }

  /** Adds many users at once; callers have checked that usernames and subs are new. */
  addMany(users: readonly NewUser[]): UserRecord[] {
    const records = users.map((u) => this.record(u));
    for (const user of records) {
      this.byKey.set(user.key, user);
      this.bySub.set(user.sub, user);
    }
    this.order.insertMany(records);
    return records;
  }

  /** Removes the user from the directory; memberships are the caller's (see Memberships.dropUser). */
  delete(user: UserRecord): void {
    this.byKey.delete(user.key);
    this.bySub.delete(user.sub);
    this.order.delete(user.sortKey);
  }
}
