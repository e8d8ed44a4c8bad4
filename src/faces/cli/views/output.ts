// The boundary every command's output passes: stdout in the chosen format, lines beside it on stderr,
// and the GitHub Actions job summary, appended once per run.
import { appendFileSync, statSync, type Stats } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { CgError } from '../../../core/errors.js';
import { pathIn, styleFor, type Io } from '../io.js';
import { safeOutput } from '../../render/outside-text.js';
import { plainStyle, type Style } from '../../render/style.js';

/** Output formats of plan, show, apply and drift. */
export type Format = 'text' | 'json' | 'markdown';

/** The flags that shape a command's output. */
export interface OutputFlags {
  format: Format;
  color: boolean;
  githubStepSummary?: boolean;
}

/** A line about the run: shown before text output, and (when set) on stderr beside the machine formats. */
export interface Banner {
  text: string;
  machine?: string;
}

/** Where one command run writes. */
export interface Output {
  readonly format: Format;
  /** Colours for text on a terminal; plain everywhere else. */
  readonly style: Style;
  /** The command's main output, on stdout. */
  print(text: string): void;
  /** A line about the run (its target): before text output on stdout; for the machine formats its `machine` form, if any, on stderr. */
  banner(banner: Banner | undefined): void;
  /** A line on stderr. */
  note(line: string): void;
  /** Appends the Markdown to the job summary when --github-step-summary asked for it; once per run. */
  summary(markdown: () => string): Promise<void>;
}

/** Opens a command's output; checks --github-step-summary before any work, so a run never fails after changing things. */
export function openOutput(io: Io, flags: OutputFlags): Output {
  const summaryFile = stepSummaryFile(io, flags.githubStepSummary);
  let summarised = false;
  const style = flags.format === 'text' ? styleFor(io.stdoutIsTTY, io.env, flags.color) : plainStyle;
  // The boundary: whatever a renderer built, no unsafe character reaches the reader as it is.
  const safe = (text: string): string => safeOutput(text, style !== plainStyle);
  return {
    format: flags.format,
    style,
    print: (text) => io.out(safe(text)),
    banner(banner) {
      if (banner === undefined) return;
      if (flags.format === 'text') io.out(`${safe(banner.text)}\n\n`);
      else if (banner.machine !== undefined) io.err(`${safeOutput(banner.machine)}\n`);
    },
    note: (line) => io.err(`${safeOutput(line)}\n`),
    async summary(markdown) {
      if (summaryFile === undefined || summarised) return;
      summarised = true;
      await appendStepSummary(pathIn(io, summaryFile), safeOutput(markdown()));
    },
  };
}

/** The job summary file for --github-step-summary; checked before any work so a run never fails after changing things. */
function stepSummaryFile(io: Io, wanted: boolean | undefined): string | undefined {
  if (wanted !== true) return undefined;
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') {
    throw new CgError('USAGE', '--github-step-summary: GITHUB_STEP_SUMMARY is not set; this option is for GitHub Actions jobs');
  }
  // A FIFO would block the run (opening it waits for a reader); a device or directory is no summary.
  const info = statOrUndefined(pathIn(io, file));
  if (info !== undefined && !info.isFile()) throw new CgError('USAGE', `--github-step-summary: ${file} is not a regular file; GITHUB_STEP_SUMMARY must name the job summary file`);
  try {
    appendFileSync(pathIn(io, file), '');
  } catch (err) {
    throw new CgError('USAGE', `--github-step-summary: cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return file;
}

/** Appends Markdown to the GitHub Actions job summary, when there is one. */
async function appendStepSummary(file: string, markdown: string): Promise<void> {
  try {
    await appendFile(file, `${markdown}\n`);
  } catch (err) {
    throw new CgError('USAGE', `--github-step-summary: cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
