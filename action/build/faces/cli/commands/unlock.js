import { parse } from 'yaml';
import { POOL_ID_PATTERN, regionOfPoolId } from '../../../core/config/model.js';
import { CgError } from '../../../core/errors.js';
import { holderText } from '../../../core/plan/lease.js';
import { readConfigFile } from '../../../edge/files/read-config.js';
import { unlock } from '../../../run/lease/unlock.js';
import { openTarget } from '../connect.js';
import { safeOutput } from '../../render/outside-text.js';
/** Deletes a pool's lease when its lock id is the one given; says whose lease it broke. */
export async function unlockCommand(io, flags) {
    if (flags.local === true)
        throw new CgError('USAGE', 'unlock: --local runs take no lease (the local state file is locked while a run uses it); there is nothing to unlock');
    const pool = await poolOf(io, flags);
    const target = await openTarget(flags, [pool], io, { createPools: false });
    try {
        const broken = await unlock({ ...target.session, pool, lockId: flags.lockId });
        io.out(`${safeOutput(`Unlocked user pool ${pool.id}: broke the lease of ${holderText(broken)} (lock id ${broken.id}, since ${broken.since}, until ${broken.until}). Run plan to see what that run left.`)}\n`);
        return 0;
    }
    finally {
        await target.close();
    }
}
/**
 * The pool --pool names: with --env, a pool key (or id) of the groups file as that environment maps
 * it; otherwise a pool id, its region taken from --region or from the id.
 */
async function poolOf(io, flags) {
    if (flags.env === undefined) {
        if (flags.pool.length > 55 || !POOL_ID_PATTERN.test(flags.pool)) {
            throw new CgError('USAGE', `--pool ${JSON.stringify(flags.pool)}: not a user pool id; expected <region>_<letters and digits>, such as eu-west-1_AbCdEf123 (or a pool key of the groups file, with --env)`);
        }
        return { id: flags.pool, region: flags.region ?? regionOfPoolId(flags.pool) };
    }
    const loaded = await readConfigFile(flags.file, io.cwd, { env: flags.env });
    // The environment's view keeps the file's order of pools: the i-th key names the i-th pool.
    const raw = parse(loaded.text);
    const keys = (raw?.userPools ?? []).map((p) => (typeof p?.key === 'string' ? p.key : undefined));
    const index = keys.indexOf(flags.pool);
    const found = index >= 0 ? loaded.config.userPools[index] : loaded.config.userPools.find((p) => p.id === flags.pool);
    if (found === undefined) {
        const known = loaded.config.userPools.map((p, i) => `${keys[i] ?? '?'} (${p.id})`).join(', ');
        throw new CgError('USAGE', `--pool ${flags.pool}: no pool of that key or id in ${flags.file} for environment ${flags.env}; its pools: ${known}`);
    }
    return { id: found.id, region: flags.region ?? found.region };
}
