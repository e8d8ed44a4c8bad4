import type { GroupsApi, PoolRef } from '../cognito/port.js';
import type { DesiredGroup } from '../config/model.js';
import { CgError } from '../errors.js';
import { diffFields, fieldsOf } from '../plan/compute.js';
import type { GroupChange, PoolPlan } from '../plan/model.js';

/** What happened to one change. */
export type ChangeStatus = 'done' | 'failed' | 'not-started';

/** The outcome of one change of the plan. */
export interface ChangeResult {
  poolId: string;
  change: GroupChange;
  status: ChangeStatus;
  /** Why it failed, or what was found on the way (a group created meanwhile, one already gone). */
  message?: string;
}

/** The outcome of applying a plan. */
export interface ApplyReport {
  results: ChangeResult[];
  interrupted: boolean;
}

/** Progress of an apply: changes finished so far. */
export interface ApplyProgress {
  total: number;
  done: number;
  failed: number;
}

/** How the executor runs. */
export interface ExecuteOptions {
  /** Changes in flight at once per pool and action; pacing, not this, sets the rate. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: ApplyProgress) => void;
  /** The port without the stop signal, for the create that completes a replace once its delete is done. */
  uninterruptible?: GroupsApi;
}

/** How far a failure reaches: the whole run, the pool, or the pool's lane of one operation. */
type Reach = 'run' | 'pool' | 'lane' | 'change';

/** Which later calls a failure dooms: bad credentials all of them, a missing pool its pool's, the group limit and a denied operation its lane's. */
function reachOf(code: string | undefined, message: string | undefined): Reach {
  if (code === 'AWS_CREDENTIALS') return 'run';
  if (code === 'AWS_POOL_NOT_FOUND') return 'pool';
  if (code === 'AWS_LIMIT_EXCEEDED') return 'lane';
  // A denied cognito-idp action dooms its lane; a denied iam:PassRole concerns only that group's role.
  if (code === 'AWS_ACCESS_DENIED') return /not authorized to perform: (?!cognito-idp:)\S+/.test(message ?? '') ? 'change' : 'lane';
  return 'change';
}

/**
 * Applies the changes of each pool plan. Changes are independent: one that fails is reported and
 * the others go on, except after an error that dooms later calls (bad credentials: all; a missing
 * pool: the pool's; the group limit or a denied operation: that operation's in the pool). Create,
 * update and delete run in separate lanes so each uses its own per-operation quota. On abort no new
 * change starts; the ones in flight finish, and a replace whose delete is done still creates.
 */
export async function executeChanges(api: GroupsApi, plans: readonly PoolPlan[], options: ExecuteOptions = {}): Promise<ApplyReport> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const results: ChangeResult[] = [];
  const total = plans.reduce((n, p) => n + p.changes.length, 0);
  let done = 0;
  let failed = 0;
  let runStopped: string | undefined;
  const report = (): void => options.onProgress?.({ total, done, failed });

  const runPool = async (plan: PoolPlan): Promise<void> => {
    const pool: PoolRef = { id: plan.userPoolId, region: plan.region };
    let poolStopped: string | undefined;
    const laneStopped = new Map<GroupChange[], string>();
    const lanes = new Map<string, GroupChange[]>();
    for (const change of plan.changes) {
      const lane = change.action === 'replace' ? 'delete' : change.action;
      lanes.set(lane, [...(lanes.get(lane) ?? []), change]);
    }

    const worker = async (queue: GroupChange[]): Promise<void> => {
      for (let change = queue.shift(); change !== undefined; change = queue.shift()) {
        const stopReason = options.signal?.aborted ? 'interrupted before it started' : (runStopped ?? poolStopped ?? laneStopped.get(queue));
        if (stopReason !== undefined) {
          results.push({ poolId: pool.id, change, status: 'not-started', message: stopReason });
          continue;
        }
        const result = await applyOne(api, options.uninterruptible ?? api, pool, change);
        results.push({ poolId: pool.id, ...result });
        if (result.status === 'done') done++;
        else if (result.status === 'failed') failed++;
        if (result.status !== 'done') {
          const reach = reachOf(result.code, result.message);
          if (reach === 'run') runStopped = `not started: an earlier call failed (${result.code})`;
          else if (reach === 'pool') poolStopped = `not started: an earlier call to this pool failed (${result.code})`;
          else if (reach === 'lane') laneStopped.set(queue, `not started: an earlier ${change.action} in this pool failed (${result.code})`);
        }
        report();
      }
    };

    const workers: Promise<void>[] = [];
    for (const queue of lanes.values()) {
      // Each worker takes a change as soon as it starts, so count them before starting any.
      const count = Math.min(concurrency, queue.length);
      for (let i = 0; i < count; i++) workers.push(worker(queue));
    }
    await Promise.all(workers);
  };

  await Promise.all(plans.map(runPool));
  const order = new Map(plans.flatMap((p) => p.changes.map((c, i) => [c, i] as const)));
  const poolOrder = new Map(plans.map((p, i) => [p.userPoolId, i]));
  results.sort((a, b) => (poolOrder.get(a.poolId) ?? 0) - (poolOrder.get(b.poolId) ?? 0) || (order.get(a.change) ?? 0) - (order.get(b.change) ?? 0));
  return { results, interrupted: options.signal?.aborted === true };
}

interface OneResult {
  change: GroupChange;
  status: ChangeStatus;
  message?: string;
  code?: string;
}

async function applyOne(api: GroupsApi, finishing: GroupsApi, pool: PoolRef, change: GroupChange): Promise<OneResult> {
  try {
    switch (change.action) {
      case 'create':
        return { change, ...(await createOrAdopt(api, pool, { name: change.name, ...change.after })) };
      case 'update':
        return { change, ...(await updateOrCreate(api, pool, { name: change.name, ...change.after })) };
      case 'delete':
        return { change, ...(await deleteIfPresent(api, pool, change.name)) };
      case 'replace': {
        await deleteIfPresent(api, pool, change.previousName);
        try {
          // Once the delete is done the create must follow, stop signal or not.
          const created = await createOrAdopt(finishing, pool, { name: change.name, ...change.after });
          return { change, ...created };
        } catch (err) {
          const e = asCgError(err);
          return { change, status: 'failed', code: e.code, message: `deleted "${change.previousName}" but could not create "${change.name}": ${e.message}; run apply again to create it` };
        }
      }
    }
  } catch (err) {
    const e = asCgError(err);
    return { change, status: e.code === 'INTERRUPTED' ? 'not-started' : 'failed', code: e.code, message: e.message };
  }
}

async function deleteIfPresent(api: GroupsApi, pool: PoolRef, name: string): Promise<{ status: ChangeStatus; message?: string }> {
  try {
    await api.deleteGroup(pool, name);
    return { status: 'done' };
  } catch (err) {
    // A retried delete whose first attempt went through, or a group someone else removed: the goal is met.
    if (err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND') return { status: 'done', message: 'was already gone' };
    throw err;
  }
}

/** Creates a group; if one was created meanwhile, adopts it and updates it when its fields differ. */
async function createOrAdopt(api: GroupsApi, pool: PoolRef, want: DesiredGroup): Promise<{ status: ChangeStatus; message?: string; code?: string }> {
  try {
    await api.createGroup(pool, want);
    return { status: 'done' };
  } catch (err) {
    if (!(err instanceof CgError && err.code === 'AWS_GROUP_EXISTS')) throw err;
  }
  const existing = await api.getGroup(pool, want.name);
  if (existing === undefined) {
    return { status: 'failed', code: 'AWS_GROUP_EXISTS', message: `a group whose name equals "${want.name}" ignoring case was created meanwhile; run plan again` };
  }
  const before = fieldsOf(existing);
  const after = fieldsOf(want);
  if (diffFields(before, after).length === 0) return { status: 'done', message: 'already existed with these fields' };
  if ((before.roleArn !== undefined && after.roleArn === undefined) || (before.precedence !== undefined && after.precedence === undefined)) {
    return { status: 'failed', code: 'AWS_GROUP_EXISTS', message: 'was created meanwhile with a roleArn or precedence the file does not have, which needs a replace; run plan again' };
  }
  await api.updateGroup(pool, want);
  return { status: 'done', message: 'was created meanwhile; updated it to the file' };
}

/** Updates a group; if it was deleted meanwhile, creates it. */
async function updateOrCreate(api: GroupsApi, pool: PoolRef, want: DesiredGroup): Promise<{ status: ChangeStatus; message?: string; code?: string }> {
  try {
    await api.updateGroup(pool, want);
    return { status: 'done' };
  } catch (err) {
    if (!(err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND')) throw err;
  }
  const created = await createOrAdopt(api, pool, want);
  return { ...created, message: created.message ?? 'was deleted meanwhile; created it' };
}

function asCgError(err: unknown): CgError {
  if (err instanceof CgError) return err;
  return new CgError('INTERNAL', err instanceof Error ? err.message : String(err), { cause: err });
}
