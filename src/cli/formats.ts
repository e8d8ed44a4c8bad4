import { appendFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { CgError } from '../errors.js';
import type { Io } from './io.js';

/** Output formats of plan, show, apply and drift. */
export type Format = 'text' | 'json' | 'markdown';

/** --format and --github-step-summary. */
export function addFormatOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--github-step-summary', 'also append the Markdown report to $GITHUB_STEP_SUMMARY (GitHub Actions)');
}

/** The job summary file for --github-step-summary; checked before any work so a run never fails after changing things. */
export function stepSummaryFile(io: Io, wanted: boolean | undefined): string | undefined {
  if (wanted !== true) return undefined;
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') {
    throw new CgError('USAGE', '--github-step-summary: GITHUB_STEP_SUMMARY is not set; this option is for GitHub Actions jobs');
  }
  try {
    appendFileSync(file, '');
  } catch (err) {
    throw new CgError('USAGE', `--github-step-summary: cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return file;
}

/** Appends Markdown to the GitHub Actions job summary, when there is one. */
export async function appendStepSummary(file: string | undefined, markdown: string): Promise<void> {
  if (file === undefined) return;
  try {
    await appendFile(file, `${markdown}\n`);
  } catch (err) {
    throw new CgError('USAGE', `--github-step-summary: cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** JSON as every machine format of the tool prints it. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
