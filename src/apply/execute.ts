import type { GroupsApi, Operation, PoolRef } from '../cognito/port.js';
import type { DesiredGroup } from '../config/model.js';
import { CgError, type ErrorCode } from '../errors.js';
import { replaceReasons, sameFields } from '../plan/fields.js';
import type { GroupChange, PoolPlan } from '../plan/model.js';
import type { ApplyProgress, ApplyReport, ChangeResult, ChangeStatus } from './report.js';

/** How the executor runs. */
export interface ExecuteOptions {
  /** Changes in flight at once per pool and action; pacing, not this, sets the rate. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: ApplyProgress) => void;
}

/** The operations a change needs, in order. */
function operationsOf(change: GroupChange): Operation[] {
  switch (change.action) {
    case 'create':
      return ['CreateGroup'];
    case 'update':
      return ['UpdateGroup'];
    case 'delete':
      return ['DeleteGroup'];
    case 'replace':
      return ['DeleteGroup', 'CreateGroup'];
  }
}

/** What one pool's failures so far rule out for its later changes. */
class PoolStops {
  pool: string | undefined;
  readonly operations = new Map<Operation, string>();
  readonly roles = new Map<string, string>();
  replaces: string | undefined;

  /** Why a change must not start, if it must not. */
  reasonFor(change: GroupChange): string | undefined {
    if (this.pool !== undefined) return this.pool;
    for (const op of operationsOf(change)) {
      const reason = this.operations.get(op);
      if (reason !== undefined) return reason;
    }
    if (change.action === 'replace' && this.replaces !== undefined) return this.replaces;
    const role = change.action === 'delete' ? undefined : change.after.roleArn;
    return role === undefined ? undefined : this.roles.get(role);
  }

  /** Learns from a failed change which later ones would meet the same answer. */
  learn(change: GroupChange, failure: Failure): void {
    const { code, operation, message } = failure;
    const because = (what: string): string => `not started: ${what} (${code})`;
    if (code === 'AWS_POOL_NOT_FOUND') this.pool = because('the user pool was not found');
    else if (code === 'AWS_LIMIT_EXCEEDED') this.operations.set('CreateGroup', because('the pool is at its group limit'));
    else if (code === 'AWS_ACCESS_DENIED') {
      const action = /not authorized to perform: (\S+)/.exec(message)?.[1];
      const role = change.action === 'delete' ? undefined : change.after.roleArn;
      // A denied iam:PassRole concerns one role; a denied (or unnamed) cognito-idp action, its operation.
      if (action?.startsWith('iam:PassRole') === true && role !== undefined) this.roles.set(role, because(`passing the role ${role} was denied`));
      else if (operation !== undefined) this.operations.set(operation as Operation, because(`${operation} was denied in this pool`));
    }
    // A replace that deleted its group and could not create it again must not be repeated on others.
    if (failure.deletedNotCreated) this.replaces ??= because(`an earlier replace in this pool deleted "${change.name}" but could not create it again`);
  }
}

/** How a change failed, as far as deciding about later changes goes. */
interface Failure {
  code: ErrorCode;
  operation: string | undefined;
  message: string;
  deletedNotCreated: boolean;
}

/**
 * Applies the changes of each pool plan. Changes are independent: one that fails is reported and
 * the others go on, except those that would meet the same answer: bad credentials stop the run, a
 * missing pool its pool, the group limit the pool's creates, a denied operation that operation in the
 * pool, a denied iam:PassRole the changes giving that role, and a replace that deleted but could not
 * create stops the pool's other replaces. Create, update and delete run in separate lanes so each
 * uses its own per-operation quota. On abort no new change starts; a change in flight finishes,
 * including the calls that complete it (the create after a replace's delete, the read and update
 * after a create meets a group created meanwhile), made through `finishing`: the same port deaf to
 * the stop signal. It is a required argument because forgetting it would let a stop leave a group
 * deleted and not created again.
 */
export async function executeChanges(api: GroupsApi, finishing: GroupsApi, plans: readonly PoolPlan[], options: ExecuteOptions = {}): Promise<ApplyReport> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const results: ChangeResult[] = [];
  const total = plans.reduce((n, p) => n + p.changes.length, 0);
  let done = 0;
  let failed = 0;
  let runStopped: string | undefined;
  const report = (): void => options.onProgress?.({ total, done, failed });

  const runPool = async (plan: PoolPlan): Promise<void> => {
    const pool: PoolRef = { id: plan.userPoolId, region: plan.region };
    const stops = new PoolStops();
    const lanes = new Map<string, GroupChange[]>();
    for (const change of plan.changes) {
      const lane = change.action === 'replace' ? 'delete' : change.action;
      lanes.set(lane, [...(lanes.get(lane) ?? []), change]);
    }

    const worker = async (queue: GroupChange[]): Promise<void> => {
      for (let change = queue.shift(); change !== undefined; change = queue.shift()) {
        const stopReason = options.signal?.aborted ? 'interrupted before it started' : (runStopped ?? stops.reasonFor(change));
        if (stopReason !== undefined) {
          results.push({ poolId: pool.id, change, status: 'not-started', message: stopReason });
          continue;
        }
        const result = await applyOne(api, finishing, pool, change);
        results.push({
          poolId: pool.id,
          change,
          status: result.status,
          ...(result.message === undefined ? {} : { message: result.message }),
          ...(result.adopted === true && change.action === 'create' ? { adopted: true } : {}),
          ...(result.failure === undefined ? {} : { code: result.failure.code }),
        });
        if (result.status === 'done') done++;
        else if (result.status === 'failed') failed++;
        if (result.failure !== undefined) {
          if (result.failure.code === 'AWS_CREDENTIALS') runStopped = `not started: an earlier call failed (${result.failure.code})`;
          else stops.learn(change, result.failure);
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
  status: ChangeStatus;
  message?: string;
  failure?: Failure;
  adopted?: boolean;
}

type Step = { status: ChangeStatus; message?: string; code?: ErrorCode; adopted?: boolean };

function failureOf(e: CgError): Failure {
  return { code: e.code, operation: e.operation, message: e.message, deletedNotCreated: false };
}

/**
 * One change. Its first call goes through `api` (which a stop can prevent); once that call has
 * returned, the calls that complete the change go through `finishing`, so a stop never leaves a
 * change half made.
 */
async function applyOne(api: GroupsApi, finishing: GroupsApi, pool: PoolRef, change: GroupChange): Promise<OneResult> {
  const outcome = (step: Step): OneResult => ({
    status: step.status,
    ...(step.message === undefined ? {} : { message: step.message }),
    ...(step.adopted === true ? { adopted: true } : {}),
    ...(step.status === 'failed' ? { failure: { code: step.code ?? 'AWS_ERROR', operation: undefined, message: step.message ?? '', deletedNotCreated: false } } : {}),
  });
  try {
    switch (change.action) {
      case 'create':
        return outcome(await createOrAdopt(api, finishing, pool, { name: change.name, ...change.after }));
      case 'update':
        return outcome(await updateOrCreate(api, finishing, pool, { name: change.name, ...change.after }));
      case 'delete':
        return outcome(await deleteIfPresent(api, pool, change.name));
      case 'replace': {
        await deleteIfPresent(api, pool, change.previousName);
        let created: Step;
        let cause: CgError | undefined;
        try {
          created = await createOrAdopt(finishing, finishing, pool, { name: change.name, ...change.after });
        } catch (err) {
          cause = asCgError(err);
          created = { status: 'failed', code: cause.code, message: cause.message };
        }
        if (created.status !== 'failed') return outcome(created);
        const message = `deleted "${change.previousName}" but could not create "${change.name}": ${created.message ?? ''}; run apply again to create it`;
        return { status: 'failed', message, failure: { code: created.code ?? 'AWS_ERROR', operation: cause?.operation ?? 'CreateGroup', message, deletedNotCreated: true } };
      }
    }
  } catch (err) {
    const e = asCgError(err);
    if (e.code === 'INTERRUPTED') return { status: 'not-started', message: e.message };
    return { status: 'failed', message: e.message, failure: failureOf(e) };
  }
}

async function deleteIfPresent(api: GroupsApi, pool: PoolRef, name: string): Promise<Step> {
  try {
    await api.deleteGroup(pool, name);
    return { status: 'done' };
  } catch (err) {
    // A retried delete whose first attempt went through, or a group someone else removed: the goal is met.
    if (err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND') return { status: 'done', message: 'was already gone' };
    throw err;
  }
}

/** Creates a group; if one was created meanwhile, adopts it (through `finishing`) and updates it when its fields differ. */
async function createOrAdopt(api: GroupsApi, finishing: GroupsApi, pool: PoolRef, want: DesiredGroup): Promise<Step> {
  try {
    await api.createGroup(pool, want);
    return { status: 'done' };
  } catch (err) {
    if (!(err instanceof CgError && err.code === 'AWS_GROUP_EXISTS')) throw err;
  }
  const existing = await finishing.getGroup(pool, want.name);
  if (existing === undefined) {
    return { status: 'failed', code: 'AWS_GROUP_EXISTS', message: `a group whose name equals "${want.name}" ignoring case was created meanwhile; run plan again` };
  }
  if (sameFields(existing, want)) return { status: 'done', adopted: true, message: 'already existed with these fields' };
  if (replaceReasons(existing, want).length > 0) {
    return { status: 'failed', code: 'AWS_GROUP_EXISTS', message: 'was created meanwhile with a roleArn or precedence the file does not have, which needs a replace; run plan again' };
  }
  await finishing.updateGroup(pool, want);
  return { status: 'done', adopted: true, message: 'was created meanwhile; updated it to the file' };
}

/** Updates a group; if it was deleted meanwhile, creates it (through `finishing`). */
async function updateOrCreate(api: GroupsApi, finishing: GroupsApi, pool: PoolRef, want: DesiredGroup): Promise<Step> {
  try {
    await api.updateGroup(pool, want);
    return { status: 'done' };
  } catch (err) {
    if (!(err instanceof CgError && err.code === 'AWS_GROUP_NOT_FOUND')) throw err;
  }
  const created = await createOrAdopt(finishing, finishing, pool, want);
  return { ...created, message: created.message ?? 'was deleted meanwhile; created it' };
}

function asCgError(err: unknown): CgError {
  if (err instanceof CgError) return err;
  return new CgError('INTERNAL', err instanceof Error ? err.message : String(err), { cause: err });
}
