import { applyOne, operationsOf } from './change-steps.js';
/** The lane a change runs in: each lane uses its own per-pool operation quota, so they run side by side. */
function laneOf(change) {
    switch (change.action) {
        case 'replace':
        case 'delete':
            return 'delete';
        case 'rename':
        case 'restore':
            return 'move';
        default:
            return change.action;
    }
}
/** What one pool's failures so far rule out for its later changes. */
class PoolStops {
    pool;
    operations = new Map();
    roles = new Map();
    replaces;
    /** Why a change must not start, if it must not. */
    reasonFor(change) {
        if (this.pool !== undefined)
            return this.pool;
        for (const op of operationsOf(change)) {
            const reason = this.operations.get(op);
            if (reason !== undefined)
                return reason;
        }
        if (change.action === 'replace' && this.replaces !== undefined)
            return this.replaces;
        const role = 'after' in change ? change.after.roleArn : undefined;
        return role === undefined ? undefined : this.roles.get(role);
    }
    /** Learns from a failed change which later ones would meet the same answer. */
    learn(change, failure) {
        const { code, operation, message } = failure;
        const because = (what) => `not started: ${what} (${code})`;
        if (code === 'AWS_POOL_NOT_FOUND')
            this.pool = because('the user pool was not found');
        else if (code === 'AWS_LIMIT_EXCEEDED')
            this.operations.set('CreateGroup', because('the pool is at its group limit'));
        else if (code === 'AWS_ACCESS_DENIED') {
            const action = /not authorized to perform: (\S+)/.exec(message)?.[1];
            const role = 'after' in change ? change.after.roleArn : undefined;
            // A denied iam:PassRole concerns one role; a denied (or unnamed) cognito-idp action, its operation.
            if (action?.startsWith('iam:PassRole') === true && role !== undefined)
                this.roles.set(role, because(`passing the role ${role} was denied`));
            else if (operation !== undefined)
                this.operations.set(operation, because(`${operation} was denied in this pool`));
        }
        // A replace that deleted its group and could not create it again must not be repeated on others.
        if (failure.deletedNotCreated)
            this.replaces ??= because(`an earlier replace in this pool deleted "${change.name}" but could not create it again`);
    }
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
export async function executeChanges(api, finishing, plans, options = {}) {
    const concurrency = Math.max(1, options.concurrency ?? 4);
    const results = [];
    const total = plans.reduce((n, p) => n + p.changes.length, 0);
    const membersTotal = plans.reduce((n, p) => n + p.changes.reduce((m, c) => m + membersToMove(c), 0), 0);
    let done = 0;
    let failed = 0;
    let membersCopied = 0;
    let runStopped;
    const report = () => options.onProgress?.({ total, done, failed, ...(membersTotal > 0 ? { members: { copied: membersCopied, total: membersTotal } } : {}) });
    const changeOptions = {
        onCopied: (more) => {
            membersCopied += more;
            report();
        },
    };
    const runPool = async (plan) => {
        const pool = { id: plan.userPoolId, region: plan.region };
        const stops = new PoolStops();
        const lanes = new Map();
        for (const change of plan.changes) {
            const lane = laneOf(change);
            lanes.set(lane, [...(lanes.get(lane) ?? []), change]);
        }
        const worker = async (queue) => {
            for (let change = queue.shift(); change !== undefined; change = queue.shift()) {
                const lost = options.mayNotWrite?.();
                if (lost !== undefined)
                    runStopped ??= `not started: ${lost}`;
                const stopReason = options.signal?.aborted ? 'interrupted before it started' : (runStopped ?? stops.reasonFor(change));
                if (stopReason !== undefined) {
                    results.push({ poolId: pool.id, change, status: 'not-started', message: stopReason });
                    continue;
                }
                const result = await applyOne(api, finishing, pool, change, changeOptions);
                results.push({
                    poolId: pool.id,
                    change,
                    status: result.status,
                    ...(result.message === undefined ? {} : { message: result.message }),
                    ...(result.adopted === true && change.action === 'create' ? { adopted: true } : {}),
                    ...(result.failure === undefined ? {} : { code: result.failure.code }),
                    ...(result.membersMoved === undefined ? {} : { membersMoved: result.membersMoved }),
                    ...(result.membersAdded === undefined ? {} : { membersAdded: result.membersAdded }),
                    ...(result.membersRemoved === undefined ? {} : { membersRemoved: result.membersRemoved }),
                });
                if (result.status === 'done')
                    done++;
                else if (result.status === 'failed')
                    failed++;
                if (result.failure !== undefined) {
                    if (result.failure.code === 'AWS_CREDENTIALS')
                        runStopped = `not started: an earlier call failed (${result.failure.code})`;
                    else
                        stops.learn(change, result.failure);
                }
                report();
            }
        };
        const workers = [];
        for (const queue of lanes.values()) {
            // Each worker takes a change as soon as it starts, so count them before starting any.
            const count = Math.min(concurrency, queue.length);
            for (let i = 0; i < count; i++)
                workers.push(worker(queue));
        }
        await Promise.all(workers);
    };
    await Promise.all(plans.map(runPool));
    const order = new Map(plans.flatMap((p) => p.changes.map((c, i) => [c, i])));
    const poolOrder = new Map(plans.map((p, i) => [p.userPoolId, i]));
    results.sort((a, b) => (poolOrder.get(a.poolId) ?? 0) - (poolOrder.get(b.poolId) ?? 0) || (order.get(a.change) ?? 0) - (order.get(b.change) ?? 0));
    const leaseLost = options.mayNotWrite?.();
    return { results, interrupted: options.signal?.aborted === true, ...(leaseLost === undefined ? {} : { leaseLost }) };
}
/** Member calls a change will make (a member-keeping replace copies twice; adds and removes), for the progress estimate. */
function membersToMove(change) {
    const managed = 'members' in change && change.members !== undefined ? change.members.add.length + change.members.remove.length : 0;
    return managed + membersCopied(change);
}
function membersCopied(change) {
    switch (change.action) {
        case 'replace':
            return change.hold === undefined ? 0 : 2 * (change.memberCount ?? 0) + (change.hold.memberCount ?? 0);
        case 'rename':
            return (change.memberCount ?? 0) + (change.hold.resuming ? (change.hold.memberCount ?? 0) : 0);
        case 'restore':
        case 'create':
        case 'update':
            return change.hold?.memberCount ?? 0;
        default:
            return 0;
    }
}
