import { addFileOption, addTargetOptions } from './flags.js';
/** Adds `unlock --pool ID --lock-id ID` to the program. */
export function addUnlockCommand(program, io, result) {
    addTargetOptions(addFileOption(program
        .command('unlock')
        .description("break an apply's lease on a pool whose holder is gone (Terraform's force-unlock); only with the lease's lock id")
        .requiredOption('--pool <id-or-key>', 'the user pool whose lease to break: its id, as the refusal named it, or with --env its key in the groups file')
        .requiredOption('--lock-id <id>', 'the lock id the refusal named; a lease with another id is left alone')
        .option('--region <region>', 'region of the pool (default: the part of the id before "_", or with --env the file\'s)'))).action(async (flags) => {
        result.code = await (await import('./commands/unlock.js')).unlockCommand(io, flags);
    });
}
