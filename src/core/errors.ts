/** Who is at fault: the user (bad input, missing access) or the tool itself (a bug). */
export type Audience = 'user' | 'internal';

/** Stable error codes; scripts and tests may match on them. */
export type ErrorCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'AWS_CREDENTIALS'
  | 'AWS_ACCESS_DENIED'
  | 'AWS_POOL_NOT_FOUND'
  | 'AWS_INVALID_PARAMETER'
  | 'AWS_GROUP_NOT_FOUND'
  | 'AWS_GROUP_EXISTS'
  | 'AWS_LIMIT_EXCEEDED'
  | 'AWS_USER_GROUP_LIMIT'
  | 'AWS_USER_NOT_FOUND'
  | 'AWS_THROTTLED'
  | 'AWS_UNAVAILABLE'
  | 'AWS_BAD_RESPONSE'
  | 'AWS_ERROR'
  | 'APPLY_REFUSED'
  | 'PLAN_CONFLICT'
  | 'MEMBERS_INVALID'
  | 'WRONG_ACCOUNT'
  | 'APPLY_FAILED'
  | 'NOT_CONVERGED'
  | 'APPLY_UNCHECKED'
  | 'INTERRUPTED'
  | 'PLAN_FILE_INVALID'
  | 'PLAN_STALE'
  | 'EMULATOR_STATE'
  | 'LOCKED'
  | 'LEASE_LOST'
  | 'GITHUB_API'
  | 'INTERNAL';

/** The one error type of the project: a stable code, an audience, and a message fit to print. */
export class CgError extends Error {
  readonly code: ErrorCode;
  readonly audience: Audience;
  /** Extra lines printed after the message (for example one per validation problem). */
  readonly details: readonly string[];
  /** The Cognito operation that failed, for errors from a call. */
  readonly operation: string | undefined;

  constructor(code: ErrorCode, message: string, options: { audience?: Audience; details?: readonly string[]; cause?: unknown; operation?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CgError';
    this.code = code;
    this.audience = options.audience ?? (code === 'INTERNAL' ? 'internal' : 'user');
    this.details = options.details ?? [];
    this.operation = options.operation;
    // A user's mistake is said in one line, not with the frames of the code that found it: a library
    // caller whose process ends on one sees what to fix, as the command line shows it. A bug keeps them.
    if (this.audience === 'user') Object.defineProperty(this, 'stack', { value: [`${this.name} [${code}]: ${message}`, ...this.details].join('\n'), writable: true, configurable: true, enumerable: false });
  }
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never): never {
  throw new CgError('INTERNAL', `unexpected value: ${JSON.stringify(value)}`);
}

/** The message of anything thrown: an Error's message, else the value as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
