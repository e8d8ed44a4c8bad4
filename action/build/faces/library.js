// The library as callers meet it: the run layer's apply and applySaved, with a refusal worded as the
// command line words it (the run layer throws the refusal as data; faces word it).
import { apply as applyRun } from '../run/apply.js';
import { applySaved as applySavedRun } from '../run/apply-saved.js';
import { RefusedError } from '../run/apply/refusal.js';
import { refusalMessage } from './render/refusal.js';
/** Plans, checks the policy, asks `approve`, and applies; a refusal is a RefusedError whose message says what to change. */
export async function apply(options) {
    return await worded(applyRun(options));
}
/** Applies exactly a saved plan, or refuses (RefusedError, worded) without a write. */
export async function applySaved(options) {
    return await worded(applySavedRun({ ...options, processEnv: options.processEnv ?? process.env }));
}
async function worded(run) {
    try {
        return await run;
    }
    catch (err) {
        if (err instanceof RefusedError)
            err.message = refusalMessage(err.refusal);
        throw err;
    }
}
