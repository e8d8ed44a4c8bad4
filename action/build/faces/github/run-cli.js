import { spawn } from 'node:child_process';
import { CgError } from '../../core/errors.js';
/**
 * Runs the CLI with this Node, its arguments as an array (no shell, so an input cannot inject a
 * command), echoing its output live to the log and keeping a copy.
 */
export function runCli(cliPath, args, options) {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (text) => {
            stdout += text;
            options.echo.out(text);
        });
        child.stderr.setEncoding('utf8').on('data', (text) => {
            stderr += text;
            options.echo.err(text);
        });
        child.once('error', (err) => reject(new CgError('INTERNAL', `could not run ${cliPath}: ${err.message}`, { cause: err })));
        child.once('close', (code, signal) => resolve({ code: code ?? 1, signal: signal ?? undefined, stdout, stderr }));
    });
}
