// One group as the emulator keeps it: a type of its own, so the store, the memberships and the users
// can all name it without importing each other.
/** One group as the emulator keeps it. Times are epoch milliseconds. */
export interface GroupRecord {
  readonly name: string;
  /** The name folded for case-insensitive uniqueness. */
  readonly fold: string;
  readonly sortKey: string;
  description: string | undefined;
  roleArn: string | undefined;
  precedence: number | undefined;
  readonly creationDate: number;
  lastModifiedDate: number;
}
