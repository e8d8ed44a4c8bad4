import { regionOfPoolId } from '../../../core/config/model.js';
import { CgError } from '../../../core/errors.js';
import { holderText } from '../../../core/plan/lease.js';
import { unlock } from '../../../run/lease/unlock.js';
import { openTarget, type TargetFlags } from '../connect.js';
import type { Io } from '../io.js';
import { safeOutput } from '../../render/outside-text.js';

/** Options of `unlock`. */
export interface UnlockFlags extends TargetFlags {
  pool: string;
  lockId: string;
  region?: string;
}

/** Deletes a pool's lease when its lock id is the one given; says whose lease it broke. */
export async function unlockCommand(io: Io, flags: UnlockFlags): Promise<number> {
  if (flags.local === true) throw new CgError('USAGE', 'unlock: --local runs take no lease (the local state file is locked while a run uses it); there is nothing to unlock');
  const pool = { id: flags.pool, region: flags.region ?? regionOfPoolId(flags.pool) };
  const target = await openTarget(flags, [pool], io, { createPools: false });
  try {
    const broken = await unlock({ ...target.session, pool, lockId: flags.lockId });
    io.out(`${safeOutput(`Unlocked user pool ${pool.id}: broke the lease of ${holderText(broken)} (lock id ${broken.id}, since ${broken.since}, until ${broken.until}). Run plan to see what that run left.`)}\n`);
    return 0;
  } finally {
    await target.close();
  }
}
