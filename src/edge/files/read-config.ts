import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CgError } from '../../core/errors.js';
import { formatDiagnostic, type Diagnostic } from '../../core/config/diagnostic.js';
import type { DesiredConfig } from '../../core/config/model.js';
import { parseConfig } from '../../core/config/parse.js';
import { dateOf } from '../../core/config/acknowledgements.js';

/** A config read from disk, with its text (saved plans hash it) and any warnings. */
export interface LoadedConfig {
  file: string;
  text: string;
  /** For a file with environments, as the environment asked for sees it. */
  config: DesiredConfig;
  warnings: Diagnostic[];
  /** The environments the file names; empty without `environments:`. */
  environments: string[];
}

/** How a groups file is read. */
export interface ReadOptions {
  /** The environment (`--env`): required for a file with environments, refused for one without. */
  env?: string;
  /** Check every environment when none is given (validate); the config returned is then the first one's. */
  everyEnvironment?: boolean;
  /** The clock reading acknowledgements are checked against; now when absent. */
  now?: Date;
}

/**
 * Reads and validates a groups file (as one environment of it, for a file with environments) (a relative path taken from `cwd`; messages name it as given);
 * throws CONFIG_NOT_FOUND or CONFIG_INVALID with every problem as a detail line.
 */
export async function readConfigFile(file: string, cwd = process.cwd(), options: ReadOptions = {}): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CgError('CONFIG_NOT_FOUND', `${file}: no such file; pass -f FILE, or start from groups.example.yaml (or \`cognito-groups import\`)`);
    }
    if (code === 'EISDIR') throw new CgError('CONFIG_NOT_FOUND', `${file}: is a directory; pass -f with a groups file`);
    throw new CgError('CONFIG_NOT_FOUND', `${file}: cannot be read (${code ?? String(err)})`);
  }
  const result = parseConfig(text, file, { ...(options.env === undefined ? {} : { env: options.env }), today: dateOf(options.now ?? new Date()) });
  if (!result.ok && result.usage !== undefined) throw new CgError('USAGE', result.usage);
  if (!result.ok) {
    const n = result.errors.length;
    throw new CgError('CONFIG_INVALID', `${file}: ${n} problem${n === 1 ? '' : 's'} found`, { details: result.errors.map(formatDiagnostic) });
  }
  if (result.environments.length > 0 && options.env === undefined && options.everyEnvironment !== true) {
    throw new CgError('USAGE', `${file} has environments (${result.environments.join(', ')}): pass --env NAME to say which one`);
  }
  return { file, text, config: result.config, warnings: result.warnings, environments: result.environments };
}
