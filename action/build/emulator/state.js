// The emulator's state apart from any transport: the store of pools, groups, users and memberships,
// the account and its salt, the clock, and the state file (read at start, held locked, written after
// every change). The HTTP transport and the in-process control API both work on one of these.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { str } from './input.js';
import { userAccessOf } from './quotas.js';
import { IdentityStore } from './identity-store.js';
import { GroupCommitWriter, loadStateIntoStore, readStateFile, stateFromStore } from './state-file.js';
import { lockStateFile } from './state-lock.js';
import { GroupStore } from './store.js';
import { TrailRecorder } from './trail.js';
const POOL_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The emulator's state, shared by its transport and its control API. */
export class EmulatorState {
    store;
    /** Identity pools and IAM roles (Cognito Identity and IAM on the same endpoint). */
    identity;
    account;
    defaultRegion;
    clock;
    /** CloudTrail's record of the writes made through the API. */
    trail;
    writer;
    lock;
    accountSalt;
    constructor(settings, store, trail, identity, accountSalt, lock) {
        this.store = store;
        this.trail = trail;
        this.identity = identity;
        this.account = settings.account;
        this.defaultRegion = settings.defaultRegion;
        this.clock = settings.clock;
        this.accountSalt = accountSalt;
        this.lock = lock;
        this.writer =
            settings.statePath === undefined
                ? undefined
                : new GroupCommitWriter(settings.statePath, () => `${JSON.stringify(stateFromStore(store, accountSalt, trail.all(), identity))}\n`, settings.onWrite);
    }
    /** Opens the state: locks and reads the state file when there is one (a lock another holds, or a corrupt file, is an error). */
    static async open(settings) {
        const store = new GroupStore(settings.maxGroupsPerPool);
        const identity = new IdentityStore();
        const trail = new TrailRecorder(settings.account, settings.clock);
        let accountSalt = newSalt();
        // Held until close(), or until the process exits: no other emulator may write this file meanwhile.
        const lock = settings.statePath === undefined ? undefined : await lockStateFile(settings.statePath);
        try {
            if (settings.statePath !== undefined) {
                const state = await readStateFile(settings.statePath);
                if (state !== undefined) {
                    loadStateIntoStore(state, store);
                    identity.load(state.identity);
                    trail.load(state.trail);
                    accountSalt = state.accountSalt;
                }
            }
        }
        catch (e) {
            await lock?.release();
            throw e;
        }
        return new EmulatorState(settings, store, trail, identity, accountSalt, lock);
    }
    /** Whether changes are written to a state file. */
    get durable() {
        return this.writer !== undefined;
    }
    /** What an operation of a request signed for `region` gets. */
    context(region) {
        return { store: this.store, now: this.clock(), region, account: this.account, accountSalt: this.accountSalt, newPoolId: (r) => this.newPoolId(r), newSalt, newSub: randomUUID };
    }
    newPoolId(region) {
        for (;;) {
            let suffix = '';
            for (let i = 0; i < 9; i++)
                suffix += POOL_ID_ALPHABET[randomInt(POOL_ID_ALPHABET.length)];
            const id = `${region}_${suffix}`;
            if (this.store.pool(id) === undefined)
                return id;
        }
    }
    /**
     * The user whose per-user budget a request spends: its sub when the user exists (so a username and
     * the sub share one budget), else the name as given.
     */
    userKey(op, poolId, input) {
        if (userAccessOf(op) === undefined)
            return undefined;
        const name = str(input, 'Username');
        if (name === undefined)
            return undefined;
        const user = poolId === undefined ? undefined : this.store.pool(poolId)?.users.find(name);
        return user === undefined ? `name:${name}` : `sub:${user.sub}`;
    }
    /** Writes the state file after a change made by a request (awaited: the request fails if this does). */
    async persist() {
        await this.writer?.request();
    }
    /** Writes the state file after a change through the control API, which does not wait; close() flushes and reports failures. */
    persistInBackground() {
        this.writer?.request().catch(() => undefined);
    }
    /** Writes what is pending and releases the state file's lock. */
    async close() {
        try {
            await this.writer?.flush();
        }
        finally {
            await this.lock?.release();
        }
    }
    /** Releases the lock without writing (when the emulator fails to start). */
    async abandon() {
        await this.lock?.release();
    }
}
export function newSalt() {
    return randomBytes(8).toString('hex');
}
