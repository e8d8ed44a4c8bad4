/** The one error type of the project: a stable code, an audience, and a message fit to print. */
export class CgError extends Error {
    code;
    audience;
    /** Extra lines printed after the message (for example one per validation problem). */
    details;
    /** The Cognito operation that failed, for errors from a call. */
    operation;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'CgError';
        this.code = code;
        this.audience = options.audience ?? (code === 'INTERNAL' ? 'internal' : 'user');
        this.details = options.details ?? [];
        this.operation = options.operation;
        // A user's mistake is said in one line, not with the frames of the code that found it: a library
        // caller whose process ends on one sees what to fix, as the command line shows it. A bug keeps them.
        if (this.audience === 'user')
            Object.defineProperty(this, 'stack', { value: [`${this.name} [${code}]: ${message}`, ...this.details].join('\n'), writable: true, configurable: true, enumerable: false });
    }
}
/** Exhaustiveness check for discriminated unions. */
export function assertNever(value) {
    throw new CgError('INTERNAL', `unexpected value: ${JSON.stringify(value)}`);
}
/** The message of anything thrown: an Error's message, else the value as text. */
export function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}
