import { randomUUID } from 'node:crypto';
/**
 * An `::error::` workflow command: GitHub shows it as an annotation on the run. The message is escaped
 * as the runner expects, so it stays one command whatever it holds.
 */
export function errorCommand(message) {
    return `::error::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`;
}
/**
 * Runs `fn` with workflow commands stopped (`::stop-commands::TOKEN` ... `::TOKEN::`), so output that
 * holds text from elsewhere cannot pass for a `::` command to the runner. The token is random, so that
 * text cannot turn them back on either.
 */
export async function withCommandsStopped(print, fn) {
    const token = `cognito-groups-${randomUUID()}`;
    print(`::stop-commands::${token}\n`);
    try {
        return await fn();
    }
    finally {
        print(`::${token}::\n`);
    }
}
