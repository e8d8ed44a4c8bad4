// The `unlock` command's options (its module is loaded only when it runs).
import type { Command } from 'commander';
import { addFileOption, addTargetOptions } from './flags.js';
import type { Io } from './io.js';
import type { UnlockFlags } from './commands/unlock.js';

/** Adds `unlock --pool ID --lock-id ID` to the program. */
export function addUnlockCommand(program: Command, io: Io, result: { code: number }): void {
  addTargetOptions(
    addFileOption(
      program
        .command('unlock')
        .description("break an apply's lease on a pool whose holder is gone (Terraform's force-unlock); only with the lease's lock id")
        .requiredOption('--pool <id-or-key>', 'the user pool whose lease to break: its id, as the refusal named it, or with --env its key in the groups file')
        .requiredOption('--lock-id <id>', 'the lock id the refusal named; a lease with another id is left alone')
        .option('--region <region>', 'region of the pool (default: the part of the id before "_", or with --env the file\'s)'),
    ),
  ).action(async (flags: UnlockFlags) => {
    result.code = await (await import('./commands/unlock.js')).unlockCommand(io, flags);
  });
}
