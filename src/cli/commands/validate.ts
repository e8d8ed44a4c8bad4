import { readConfigFile } from '../../config/read.js';
import { printWarnings } from '../warnings.js';
import type { Io } from '../io.js';

/** Options of `validate`. */
export interface ValidateFlags {
  file: string;
}

/** Offline checks only: exit 0 when the file is valid (problems are thrown as CONFIG_INVALID). */
export async function validateCommand(io: Io, flags: ValidateFlags): Promise<number> {
  const { config, warnings } = await readConfigFile(flags.file, io.cwd);
  printWarnings(io, warnings);
  const groups = config.userPools.reduce((n, p) => n + p.groups.length, 0);
  const pools = config.userPools.length;
  io.out(`${flags.file}: valid (${pools} user pool${pools === 1 ? '' : 's'}, ${groups} group${groups === 1 ? '' : 's'}).\n`);
  return 0;
}
