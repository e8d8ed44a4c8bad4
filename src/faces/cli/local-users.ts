// Members on --local: the embedded emulator starts with no users, so a file with `members:` could not
// be planned there. With --local, the users the file names are created in the local emulator (only
// there, and said in the target line); on AWS or another endpoint they must exist already.
import type { DesiredGroup } from '../../core/config/model.js';
import type { PoolRef } from '../../edge/cognito/port.js';
import type { RunningEmulator } from '../../emulator/index.js';

/** A pool as a command hands it to openTarget: a groups file's pools carry their groups. */
export type PoolWithGroups = PoolRef & { groups?: readonly DesiredGroup[] };

/** Users created in one pool of the local emulator. */
export interface CreatedUsers {
  poolId: string;
  usernames: string[];
}

/**
 * Creates in the local emulator each user a pool's `members:` name that the pool lacks, and says which.
 * A name the emulator refuses as a username is left out: the plan then names it as a user the pool
 * does not have, as AWS would.
 */
export function createNamedUsers(emulator: Pick<RunningEmulator, 'seedUsers'>, pools: readonly PoolWithGroups[]): CreatedUsers[] {
  const out: CreatedUsers[] = [];
  for (const pool of pools) {
    const named = new Set((pool.groups ?? []).flatMap((g) => g.members?.users ?? []));
    const created: string[] = [];
    for (const username of named) {
      try {
        if (emulator.seedUsers(pool.id, [{ Username: username }], { skipExisting: true }) === 1) created.push(username);
      } catch {
        // Not a username the emulator takes: the plan reports it.
      }
    }
    if (created.length > 0) out.push({ poolId: pool.id, usernames: created });
  }
  return out;
}

/** The target line's words for created users: "; created user(s) alice, bob in eu-west-1_X, named by the file's members: (...)". */
export function createdUsersText(created: readonly CreatedUsers[]): string {
  if (created.length === 0) return '';
  const lists = created.map((c) => `${c.usernames.join(', ')} in ${c.poolId}`).join('; ');
  return `; created user(s) ${lists}, named by the file's members: (in the local emulator only; on AWS they must exist already)`;
}
