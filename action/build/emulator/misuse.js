import { CgError } from '../core/errors.js';
// Misuse of the emulator's in-process API (bad options, bad seeds): CgError('USAGE') naming every
// problem, so it reads well on its own.
/** The most problems spelled out in the message; details always hold them all. */
const LISTED = 20;
/** A usage error whose message names the problems (the first LISTED of them) and whose details hold all. */
export function usage(message, details = []) {
    if (details.length === 0)
        return new CgError('USAGE', message, { details });
    const listed = details.slice(0, LISTED).join('; ');
    const more = details.length > LISTED ? `; and ${details.length - LISTED} more` : '';
    return new CgError('USAGE', `${message}: ${listed}${more}`, { details });
}
