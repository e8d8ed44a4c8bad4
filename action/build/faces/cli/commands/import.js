import { POOL_ID_PATTERN, poolIdRegionProblem, REGION_PATTERN, regionOfPoolId } from '../../../core/config/model.js';
import { CgError } from '../../../core/errors.js';
import { importWith } from '../../../run/import.js';
import { openSession } from '../../../run/session.js';
import { openTarget } from '../connect.js';
import { ProgressReporter } from '../progress.js';
/** Prints a groups file describing the pools' current groups. Read-only. */
export async function importCommand(io, flags) {
    if (flags.region !== undefined && !REGION_PATTERN.test(flags.region))
        throw new CgError('USAGE', `--region ${JSON.stringify(flags.region)}: not an AWS region; expected one such as eu-west-1`);
    const pools = flags.userPoolId.map((id) => {
        if (id.length > 55 || !POOL_ID_PATTERN.test(id)) {
            throw new CgError('USAGE', `--user-pool-id ${JSON.stringify(id)}: not a user pool id; expected <region>_<letters and digits>, such as eu-west-1_AbCdEf123`);
        }
        const regionProblem = flags.region === undefined ? poolIdRegionProblem(id) : undefined;
        if (regionProblem !== undefined)
            throw new CgError('USAGE', `--user-pool-id ${JSON.stringify(id)}: ${regionProblem}; or give --region`);
        return { id, region: flags.region ?? regionOfPoolId(id) };
    });
    const target = await openTarget(flags, pools, io, { createPools: false });
    const session = openSession(target.session);
    try {
        const progress = new ProgressReporter(io, flags.progress);
        const text = await importWith(session.api, pools, { withMembers: flags.withMembers === true, onProgress: progress.read, onMembersProgress: progress.members });
        progress.stop();
        if (target.local !== undefined)
            io.err(`Read from the local emulator (${target.local.statePath}), not AWS.\n`);
        io.out(text);
        return 0;
    }
    finally {
        session.close();
        await target.close();
    }
}
