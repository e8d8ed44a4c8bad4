import { CgError, messageOf } from '../../core/errors.js';
import { visible } from '../render/outside-text.js';
import { processIo } from './io.js';
import { buildProgram } from './program.js';
import { STOP_EXIT_CODES } from './signals.js';
/** Runs the CLI and returns the exit code; the one place errors become text and exit codes. */
export async function main(argv, io = processIo()) {
    const result = { code: 0 };
    const program = buildProgram(io, result);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return result.code;
    }
    catch (err) {
        return await report(err, io);
    }
}
async function report(err, io) {
    if (isCommanderExit(err))
        return err.exitCode;
    if (err instanceof CgError && err.audience === 'user') {
        // Messages quote outside text (names, server messages, YAML keys): each line passes the sanitizer.
        // The refusal's words are loaded only for a refusal: a start that needs none stays small.
        const words = isRefused(err) ? await import('../render/refusal.js') : undefined;
        const message = words !== undefined && isRefused(err) ? words.refusalMessage(err.refusal) : err.message;
        io.err(`error: ${visible(message)}\n`);
        // Details the message already names are not printed twice.
        const details = words !== undefined && isRefused(err) ? words.refusalDetails(err.refusal) : err.details;
        for (const line of details)
            if (!message.includes(line.trim()))
                io.err(`${visible(line)}\n`);
        if (err.code === 'INTERRUPTED')
            return STOP_EXIT_CODES[io.stops.received() ?? 'SIGINT'];
        return 1;
    }
    const message = messageOf(err);
    io.err(`internal error: ${visible(message)}\nThis is a bug in cognito-groups; please report it with the command you ran.\n`);
    if (io.env.COGNITO_GROUPS_DEBUG !== undefined && err instanceof Error && err.stack !== undefined)
        io.err(`${err.stack}\n`);
    return 1;
}
function isRefused(err) {
    return 'refusal' in err;
}
function isCommanderExit(err) {
    return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' &&
        err.code.startsWith('commander.') && typeof err.exitCode === 'number';
}
