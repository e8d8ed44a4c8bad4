// What every operation gets (the store and the request's circumstances) and gives (a reply, and
// whether the state changed), with the replies several operations share.
import type { GroupRecord, GroupStore, PoolRecord } from './store.js';
import type { UserRecord } from './users.js';
import { validationMessage } from './validation.js';
import { errorReply, type Reply } from './wire.js';

/** What an operation needs besides its input. */
export interface OperationContext {
  readonly store: GroupStore;
  /** Wall-clock time of the request, epoch milliseconds. */
  readonly now: number;
  /** Region the request was signed for. */
  readonly region: string;
  /** The account in every ARN. */
  readonly account: string;
  /** Binds ListUserPools tokens to this emulator. */
  readonly accountSalt: string;
  newPoolId(region: string): string;
  newSalt(): string;
  /** A new user's sub (a UUID). */
  newSub(): string;
}

/** An operation's reply and whether it changed the state (which must then be persisted). */
export interface Handled {
  readonly reply: Reply;
  readonly mutated: boolean;
}

export function unchanged(reply: Reply): Handled {
  return { reply, mutated: false };
}

export function changed(reply: Reply): Handled {
  return { reply, mutated: true };
}

/** InvalidParameterException listing every problem, or undefined when there are none. */
export function invalid(problems: readonly string[]): Handled | undefined {
  const message = validationMessage(problems);
  return message === undefined ? undefined : unchanged(errorReply('InvalidParameterException', message));
}

function poolNotFound(id: string): Handled {
  return unchanged(errorReply('ResourceNotFoundException', `User pool ${id} does not exist.`));
}

const GROUP_NOT_FOUND: Handled = unchanged(errorReply('ResourceNotFoundException', 'Group not found.'));

const USER_NOT_FOUND: Handled = unchanged(errorReply('UserNotFoundException', 'User does not exist.'));

export const INVALID_TOKEN: Handled = unchanged(errorReply('InvalidParameterException', 'Invalid pagination token.'));

// Required members have been validated by the time this is used; it only narrows types for the compiler.
export const MISSING_REQUIRED: Handled = unchanged(errorReply('InvalidParameterException', 'A required member is missing.'));

export function isHandled(x: object): x is Handled {
  return 'reply' in x && 'mutated' in x;
}

/** The pool, or the reply saying it does not exist. */
export function findPool(ctx: OperationContext, id: string): PoolRecord | Handled {
  return ctx.store.pool(id) ?? poolNotFound(id);
}

/** The group with exactly this name, or the reply saying it does not exist. */
export function findGroupIn(ctx: OperationContext, pool: PoolRecord, name: string): GroupRecord | Handled {
  return ctx.store.group(pool, name) ?? GROUP_NOT_FOUND;
}

/** The user a request names (username or sub), or UserNotFoundException. */
export function findUserIn(pool: PoolRecord, name: string): UserRecord | Handled {
  return pool.users.find(name) ?? USER_NOT_FOUND;
}
