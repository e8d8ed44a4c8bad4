// The boundary every command's output passes: stdout in the chosen format, lines beside it on stderr,
// and the GitHub Actions job summary, appended once per run.
import { appendFileSync, statSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { CgError } from '../../../core/errors.js';
import { pathIn, styleFor } from '../io.js';
import { safeOutput } from '../../render/outside-text.js';
import { plainStyle } from '../../render/style.js';
/** Opens a command's output; checks --github-step-summary before any work, so a run never fails after changing things. */
export function openOutput(io, flags) {
    const summaryFile = stepSummaryFile(io, flags.githubStepSummary);
    let summarised = false;
    const style = flags.format === 'text' ? styleFor(io.stdoutIsTTY, io.env, flags.color) : plainStyle;
    // The boundary: whatever a renderer built, no unsafe character reaches the reader as it is.
    const safe = (text) => safeOutput(text, style !== plainStyle);
    return {
        format: flags.format,
        style,
        print: (text) => io.out(safe(text)),
        banner(banner) {
            if (banner === undefined)
                return;
            if (flags.format === 'text')
                io.out(`${safe(banner.text)}\n\n`);
            else if (banner.machine !== undefined)
                io.err(`${safeOutput(banner.machine)}\n`);
        },
        note: (line) => io.err(`${safeOutput(line)}\n`),
        async summary(markdown) {
            if (summaryFile === undefined || summarised)
                return;
            summarised = true;
            await appendStepSummary(pathIn(io, summaryFile), safeOutput(markdown()));
        },
    };
}
/** The job summary file for --github-step-summary; checked before any work so a run never fails after changing things. */
function stepSummaryFile(io, wanted) {
    if (wanted !== true)
        return undefined;
    const file = io.env.GITHUB_STEP_SUMMARY;
    if (file === undefined || file === '') {
        throw new CgError('USAGE', '--github-step-summary: GITHUB_STEP_SUMMARY is not set; this option is for GitHub Actions jobs');
    }
    // A FIFO would block the run (opening it waits for a reader); a device or directory is no summary.
    const info = statOrUndefined(pathIn(io, file));
    if (info !== undefined && !info.isFile())
        throw new CgError('USAGE', `--github-step-summary: ${file} is not a regular file; GITHUB_STEP_SUMMARY must name the job summary file`);
    try {
        appendFileSync(pathIn(io, file), '');
    }
    catch (err) {
        throw new CgError('USAGE', `--github-step-summary: cannot write ${file} (${err.code ?? String(err)})`);
    }
    return file;
}
/** Appends Markdown to the GitHub Actions job summary, when there is one. */
async function appendStepSummary(file, markdown) {
    try {
        await appendFile(file, `${markdown}\n`);
    }
    catch (err) {
        throw new CgError('USAGE', `--github-step-summary: cannot write ${file} (${err.code ?? String(err)})`);
    }
}
function statOrUndefined(path) {
    try {
        return statSync(path);
    }
    catch {
        return undefined;
    }
}
