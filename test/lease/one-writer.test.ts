// One writer at a time, with real processes of the built bin against the emulator: two applies started
// together (one writes, the other refuses naming the holder and its lock id, or waits with
// --lock-timeout and then applies on a fresh listing), unlock with a wrong and the right id, a run that
// loses its lease stops before its next change, overlapping pools are taken in one order, a full pool
// cannot hold the lease, and plan and drift report a held lease from the listing they already make.
import { CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, ListGroupsCommand, UpdateGroupCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { leaseDescription, lockStateOf, LOCK_GROUP, type LeaseRecord } from '../../src/core/plan/lease.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runInProcess, testIo } from '../cli-io.js';
import { BIN, isolatedEnv, runCli, type CliRun } from '../integration/cli.js';
import { groupsYaml, sdkClient, tempDir, writeIn, type Finish } from '../pipeline/helpers.js';

const P = 'eu-west-1_Lease1';
const Q = 'eu-west-1_Lease2';

interface World {
  em: RunningEmulator;
  client: CognitoIdentityProviderClient;
  dir: string;
  /** Writes a groups file of `n` groups g-00.. with this description in each pool, and returns its name. */
  file(name: string, description: string, options?: { pools?: string[]; n?: number; lockSeconds?: number }): string;
  /** The built bin in a child process against the emulator. */
  bin(args: string[]): Promise<CliRun>;
  /** The CLI in this process against the emulator. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  groups(pool?: string): Promise<Array<{ name: string; description?: string }>>;
  lease(pool?: string): Promise<LeaseRecord | undefined>;
}

/** An emulator without quotas (the bin's --max-rps makes a run as slow as a test needs) and pools P and Q. */
async function world(finish: Finish, maxGroupsPerPool?: number): Promise<World> {
  const em = await startEmulator({ port: 0, quotas: { enabled: false }, ...(maxGroupsPerPool === undefined ? {} : { maxGroupsPerPool }) });
  em.ensureUserPool(P);
  em.ensureUserPool(Q);
  const client = sdkClient(em.url);
  const dir = tempDir(finish);
  finish(async () => {
    client.destroy();
    await em.close();
  });
  const target = ['--endpoint-url', em.url, '--no-progress'];
  return {
    em,
    client,
    dir,
    file: (name, description, options = {}) => {
      const groups = Array.from({ length: options.n ?? 6 }, (_, i) => ({ name: `g-${String(i).padStart(2, '0')}`, description }));
      const text = groupsYaml((options.pools ?? [P]).map((id) => ({ id, groups })));
      return writeIn(dir, name, options.lockSeconds === undefined ? text : text.replace('version: 1\n', `version: 1\nsettings:\n  lockSeconds: ${options.lockSeconds}\n`));
    },
    bin: (args) => runCli([...args, ...target], { cwd: dir, env: isolatedEnv() }),
    cli: async (args) => {
      const run = await runInProcess([...args, ...target], { cwd: dir, env: isolatedEnv() });
      return { code: run.code, stdout: run.stdout, stderr: run.stderr };
    },
    groups: async (pool = P) => {
      const out: Array<{ name: string; description?: string }> = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 60, ...(token === undefined ? {} : { NextToken: token }) }));
        for (const g of page.Groups ?? []) out.push({ name: g.GroupName ?? '', ...(g.Description === undefined ? {} : { description: g.Description }) });
        token = page.NextToken;
      } while (token !== undefined);
      return out.sort((a, b) => (a.name < b.name ? -1 : 1));
    },
    lease: async (pool = P) => {
      try {
        const g = (await client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: LOCK_GROUP }))).Group;
        const state = lockStateOf({ name: LOCK_GROUP, ...(g?.Description === undefined ? {} : { description: g.Description }) });
        return state?.kind === 'lease' ? state.record : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

async function until(condition: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const LOCKED = /^error: user pool (\S+) is locked by an apply by (\S+)@(.+?), version [^,]+, since (\S+), until (\S+); nothing was changed\. Wait for it \(--lock-timeout 5m\), or, if that run is gone, cognito-groups unlock --pool \S+ --lock-id ([0-9a-f-]{36})$/m;

/** A live lease written by hand, as a run on another machine would hold it. */
function handLease(id: string, seconds: number): LeaseRecord {
  const now = Date.now();
  return { id, host: 'ci-runner-7', user: 'deployer', ci: 'https://ci.example/runs/42', version: '0.0.9', since: new Date(now).toISOString(), until: new Date(now + seconds * 1000).toISOString() };
}

describe('two applies at once', () => {
  it('started together: exactly one writes, the other refuses naming the holder, since, until and the lock id', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const a = w.file('a.yaml', 'from a');
    const b = w.file('b.yaml', 'from b');
    // About 2 requests per second: each run lasts a few seconds, far longer than the other's start.
    const [ra, rb] = await Promise.all([w.bin(['apply', '-f', a, '--auto-approve', '--max-rps', '2']), w.bin(['apply', '-f', b, '--auto-approve', '--max-rps', '2'])]);
    const runs = [
      { run: ra, description: 'from a' },
      { run: rb, description: 'from b' },
    ];
    const winner = runs.find((r) => r.run.code === 0);
    const loser = runs.find((r) => r.run.code !== 0);
    expect(winner, `${ra.stderr}\n${rb.stderr}`).toBeDefined();
    expect(loser?.run.code, loser?.run.stderr).toBe(1);
    expect(winner?.run.stdout).toContain('Apply complete: 6 added, 0 changed, 0 replaced, 0 deleted.');
    // The loser wrote nothing and printed no plan: it refused before listing, with one line naming the holder.
    expect(loser?.run.stdout).toBe('');
    const refusal = LOCKED.exec(loser?.run.stderr ?? '');
    expect(refusal, loser?.run.stderr).not.toBeNull();
    expect(refusal?.[1]).toBe(P);
    expect(Date.parse(refusal?.[5] ?? '')).toBeGreaterThan(Date.parse(refusal?.[4] ?? ''));
    expect(loser?.run.stderr.trim().split('\n')).toHaveLength(1);
    // The pool is exactly the winner's file, and the lease is gone.
    expect(await w.groups()).toEqual(Array.from({ length: 6 }, (_, i) => ({ name: `g-${String(i).padStart(2, '0')}`, description: winner?.description })));
  });

  it('with --lock-timeout 60s the second waits, then applies on a fresh listing, and the pool ends as the later file says', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const a = w.file('a.yaml', 'from a');
    const b = w.file('b.yaml', 'from b');
    const first = w.bin(['apply', '-f', a, '--auto-approve', '--max-rps', '2']);
    await until(async () => (await w.lease()) !== undefined);
    const holder = await w.lease();
    const second = await w.bin(['apply', '-f', b, '--auto-approve', '--lock-timeout', '60s']);
    const one = await first;
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('Apply complete: 6 added');
    expect(second.code, second.stderr).toBe(0);
    // It said it was waiting, for whom, and then planned from what the first run left: 6 updates, no creates.
    expect(second.stderr).toContain(`waiting for the lease on user pool ${P}, held by an apply by ${holder?.user}@${holder?.host} (lock id ${holder?.id}) since ${holder?.since}`);
    expect(second.stdout).toContain('Plan: 0 to add, 6 to change, 0 to replace, 0 to delete.');
    expect(second.stdout).toContain('Apply complete: 0 added, 6 changed, 0 replaced, 0 deleted.');
    expect((await w.groups()).map((g) => g.description)).toEqual(Array(6).fill('from b'));
    expect(await w.lease()).toBeUndefined();
  });
});

describe('a lease whose holder is gone', () => {
  it('is refused until unlock names its lock id: a wrong id is refused and changes nothing, the right one breaks it', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const file = w.file('groups.yaml', 'x');
    await w.client.send(new CreateGroupCommand({ UserPoolId: P, GroupName: LOCK_GROUP, Description: leaseDescription(handLease('11111111-2222-4333-8444-555555555555', 3600)) }));

    const refused = await w.cli(['apply', '-f', file, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(LOCKED);
    expect(refused.stderr).toContain('by an apply by deployer@ci-runner-7 (https://ci.example/runs/42), version 0.0.9');
    expect(refused.stderr).toContain(`cognito-groups unlock --pool ${P} --lock-id 11111111-2222-4333-8444-555555555555`);

    const wrong = await w.cli(['unlock', '--pool', P, '--lock-id', 'not-the-id']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`error: user pool ${P}: the lease has lock id 11111111-2222-4333-8444-555555555555, not not-the-id; nothing was unlocked (the run you meant may have ended, and another one holds the lease now)\n`);
    expect((await w.lease())?.id).toBe('11111111-2222-4333-8444-555555555555');

    const right = await w.cli(['unlock', '--pool', P, '--lock-id', '11111111-2222-4333-8444-555555555555']);
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toMatch(/^Unlocked user pool eu-west-1_Lease1: broke the lease of deployer@ci-runner-7 \(https:\/\/ci\.example\/runs\/42\) \(lock id 11111111-2222-4333-8444-555555555555, since \S+, until \S+\)\. Run plan to see what that run left\.\n$/);
    expect(await w.lease()).toBeUndefined();
    const nothing = await w.cli(['unlock', '--pool', P, '--lock-id', '11111111-2222-4333-8444-555555555555']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toBe(`error: user pool ${P} has no lease (no group ${LOCK_GROUP}); nothing to unlock\n`);

    const applied = await w.cli(['apply', '-f', file, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 6 added');
  });

  it('is taken over once it has run out, and the run says so', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const file = w.file('groups.yaml', 'x');
    const old: LeaseRecord = { ...handLease('22222222-2222-4333-8444-555555555555', 0), until: new Date(Date.now() - 1000).toISOString() };
    await w.client.send(new CreateGroupCommand({ UserPoolId: P, GroupName: LOCK_GROUP, Description: leaseDescription(old) }));
    const run = await w.cli(['apply', '-f', file, '--auto-approve']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`note: took over the lease on user pool ${P}: it ran out at ${old.until}, held by deployer@ci-runner-7 (https://ci.example/runs/42) (lock id ${old.id}), which may have stopped half-way; this apply finishes its work\n`);
    expect(run.stdout).toContain('Apply complete: 6 added');
    expect(await w.lease()).toBeUndefined();
  });
});

describe('a run that loses its lease', () => {
  const thefts: Array<[string, (w: World) => Promise<unknown>, string]> = [
    ['someone deleted it', (w) => w.client.send(new DeleteGroupCommand({ UserPoolId: P, GroupName: LOCK_GROUP })), 'someone deleted its lock group'],
    [
      'another run replaced it',
      (w) => w.client.send(new UpdateGroupCommand({ UserPoolId: P, GroupName: LOCK_GROUP, Description: leaseDescription(handLease('33333333-2222-4333-8444-555555555555', 3600)) })),
      'it is now held by an apply by deployer@ci-runner-7 (https://ci.example/runs/42) (lock id 33333333-2222-4333-8444-555555555555)',
    ],
  ];
  for (const [what, steal, why] of thefts) {
    it(`stops before its next change when ${what}, and says so`, async ({ onTestFinished }) => {
      const w = await world(onTestFinished);
      // 60 creates at 3 per second: about 20 s, so a loaded machine still steals it well before the end;
      // a 2 s lease is confirmed and renewed every second.
      const file = w.file('groups.yaml', 'x', { n: 60, lockSeconds: 2 });
      const running = w.bin(['apply', '-f', file, '--auto-approve', '--max-rps', '3']);
      await until(async () => (await w.groups()).length >= 4);
      await steal(w);
      // Another run that took the lease over keeps it: it renews it, and a confirmed take-over is read
      // back, so a real rival writes its record again and again. Steal it again every 400 ms until the run
      // ends, so a renewal of the losing run that checked just before a theft and wrote just after it (the
      // check-then-act window the README names, wider on a loaded machine) cannot hide the theft.
      let ended = false;
      const again = what === 'another run replaced it' ? (async () => {
        while (!ended) {
          await new Promise((r) => setTimeout(r, 400));
          if (!ended) await steal(w);
        }
      })() : Promise.resolve();
      const stolenAt = (await w.groups()).filter((g) => g.name !== LOCK_GROUP).length;
      const run = await running.finally(() => {
        ended = true;
      });
      await again;
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`error: lost the lease on user pool ${P} (${why}): no further change is started`);
      expect(run.stderr).toMatch(new RegExp(`^error: this run lost its lease on user pool ${P}: .*; it stopped before its next change: the summary above says what was and was not applied$`, 'm'));
      const summary = /^Apply incomplete: (\d+) added, 0 changed, 0 replaced, 0 deleted; 0 failed, (\d+) not started\./m.exec(run.stdout);
      expect(summary, run.stdout).not.toBeNull();
      expect(Number(summary?.[1]) + Number(summary?.[2])).toBe(60);
      const made = (await w.groups()).filter((g) => g.name !== LOCK_GROUP).length;
      // It found out at its next renewal (due a second later, its calls waiting their turn in the run's
      // pacing of 3 per second behind the changes already queued) and started nothing after: well
      // before the end, whatever the machine's load.
      expect(made).toBe(Number(summary?.[1]));
      expect(made).toBeLessThan(60);
      expect(made - stolenAt).toBeLessThanOrEqual(15);
      expect(run.stdout).toContain(`not started: this run lost its lease on user pool ${P}`);
      // A lease it lost is never deleted by it: the other run's stays.
      if (what === 'another run replaced it') expect((await w.lease())?.id).toBe('33333333-2222-4333-8444-555555555555');
    });
  }
});

describe('two pools in one file', () => {
  it('takes the leases in one order whatever the file says, so runs on overlapping pools never wait for each other in a circle', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const qp = w.file('qp.yaml', 'from qp', { pools: [Q, P] });
    const pq = w.file('pq.yaml', 'from pq', { pools: [P, Q] });
    const [one, two] = await Promise.all([
      w.bin(['apply', '-f', qp, '--auto-approve', '--max-rps', '4', '--lock-timeout', '60s']),
      w.bin(['apply', '-f', pq, '--auto-approve', '--max-rps', '4', '--lock-timeout', '60s']),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    // One ran after the other: the later one changed what the first made, in both pools alike.
    const p = (await w.groups(P)).map((g) => g.description);
    const q = (await w.groups(Q)).map((g) => g.description);
    expect(p).toEqual(q);
    expect(new Set(p).size).toBe(1);
    expect([await w.lease(P), await w.lease(Q)]).toEqual([undefined, undefined]);
  });
});

describe('a full pool', () => {
  it('cannot hold the lease: apply refuses with that reason and points at --lock=false, which then applies and says so', async ({ onTestFinished }) => {
    // A pool as full as Cognito allows, made small: the emulator's limit stands for the 10,000.
    const w = await world(onTestFinished, 3);
    w.em.seedGroups(P, Array.from({ length: 3 }, (_, i) => ({ GroupName: `full-${String(i).padStart(5, '0')}` })));
    const file = writeIn(w.dir, 'full.yaml', groupsYaml([{ id: P, groups: [{ name: 'full-00000', description: 'now described' }] }]));
    const refused = await w.cli(['apply', '-f', file, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: user pool ${P} (eu-west-1) holds Cognito's maximum of 10,000 groups, so it cannot hold this run's lease (the group ${LOCK_GROUP}); nothing was changed. Delete a group, or apply with --lock=false if you make sure no two applies run at once\n`,
    );
    const unlocked = await w.cli(['apply', '-f', file, '--auto-approve', '--lock=false']);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(unlocked.stderr).toBe('note: --lock=false: no lease taken; this apply is not protected from another one running at the same time\n');
    expect(unlocked.stdout).toContain('Apply complete: 0 added, 1 changed');
  });
});

describe('plan, drift and import beside a held lease', () => {
  it('report it from the listing they already make, never as a group of the pool, and take none themselves', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const file = w.file('groups.yaml', 'x', { n: 2 });
    expect((await w.cli(['apply', '-f', file, '--auto-approve'])).code).toBe(0);
    const lease = handLease('44444444-2222-4333-8444-555555555555', 3600);
    await w.client.send(new CreateGroupCommand({ UserPoolId: P, GroupName: LOCK_GROUP, Description: leaseDescription(lease) }));
    const note = `note: user pool ${P}: an apply by deployer@ci-runner-7 (https://ci.example/runs/42) has been running since ${lease.since} (lease until ${lease.until}, lock id ${lease.id}); this listing may show its work half done\n`;

    w.em.resetStats();
    const plan = await w.cli(['plan', '-f', file, '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.stderr).toBe(note);
    expect(plan.stdout).toContain('2 groups listed, 2 managed by this file');
    expect(plan.stdout).not.toContain(LOCK_GROUP);
    const json = await w.cli(['plan', '-f', file, '--format', 'json']);
    expect(JSON.parse(json.stdout).pools[0].unmanaged).toEqual([]);
    const drift = await w.cli(['drift', '-f', file, '--format', 'json']);
    expect(drift.code, drift.stdout).toBe(0);
    expect(drift.stderr).toBe(note);
    expect(JSON.parse(drift.stdout).pools[0].unmanaged).toEqual([]);
    // Nothing but the listings: no lease taken, no extra read.
    const ops = Object.entries(w.em.stats().operations).filter(([, s]) => s.calls > 0).map(([op]) => op);
    expect(ops).toEqual(['ListGroups']);
    expect(w.em.stats().operations.ListGroups?.calls).toBe(3);
    // The pull-request comment and the drift Markdown say it too, under their summary line, escaped.
    const said = `> [!NOTE]\n> user pool ${P.replace('_', '\\_')}: an apply by deployer@&#8203;ci-runner-7 (https:&#8203;//ci.example/runs/42) has been running since ${lease.since} (lease until ${lease.until}, lock id ${lease.id}); this listing may show its work half done\n`;
    const planMd = await w.cli(['plan', '-f', file, '--format', 'markdown']);
    expect(planMd.stdout).toContain(`**No changes.**\n\n${said}`);
    const driftMd = await w.cli(['drift', '-f', file, '--format', 'markdown']);
    expect(driftMd.stdout).toContain(`\n\n${said}`);

    const imported = await w.cli(['import', '--user-pool-id', P]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).not.toContain(LOCK_GROUP);
    expect(imported.stdout).not.toContain('left out');
    expect((await w.lease())?.id).toBe(lease.id);
  });
});

describe('an apply killed with SIGKILL', () => {
  it('leaves its lease: the next apply refuses until it runs out, then takes it over and converges', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const file = w.file('groups.yaml', 'x', { n: 12, lockSeconds: 3 });
    const child = spawn(process.execPath, [BIN, 'apply', '-f', file, '--auto-approve', '--max-rps', '3', '--endpoint-url', w.em.url, '--no-progress'], { cwd: w.dir, env: isolatedEnv(), stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, signal) => resolve(signal)));
    await until(async () => (await w.groups()).length >= 4);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const left = await w.lease();
    expect(left).toBeDefined();
    const refused = await w.cli(['apply', '-f', file, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`--lock-id ${left?.id}`);
    const again = await w.cli(['apply', '-f', file, '--auto-approve', '--lock-timeout', '30s']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`note: took over the lease on user pool ${P}: it ran out at `);
    expect(again.stderr).toContain(`(lock id ${left?.id})`);
    expect((await w.groups()).map((g) => g.name)).toEqual(Array.from({ length: 12 }, (_, i) => `g-${String(i).padStart(2, '0')}`));
  });
});

describe('what the lease costs', () => {
  it('adds two calls to an apply, its create and its delete, and a renewal per half-lease only to an apply that outlasts it', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const calls = (): Record<string, number> => Object.fromEntries(Object.entries(w.em.stats().operations).filter(([, s]) => s.calls > 0).map(([op, s]) => [op, s.calls]));
    const without = w.file('p.yaml', 'x', { pools: [P] });
    const withLease = w.file('q.yaml', 'x', { pools: [Q] });
    w.em.resetStats();
    expect((await w.cli(['apply', '-f', without, '--auto-approve', '--lock=false'])).code).toBe(0);
    const before = calls();
    w.em.resetStats();
    expect((await w.cli(['apply', '-f', withLease, '--auto-approve'])).code).toBe(0);
    const after = calls();
    expect(after).toEqual({ ...before, CreateGroup: (before.CreateGroup ?? 0) + 1, DeleteGroup: 1 });

    // 6 updates and 6 creates at 3 requests per second (about 5 s) under a 2 s lease: renewed (its
    // calls wait their turn in the run's pacing like any other), and it finishes.
    const long = w.file('long.yaml', 'y', { pools: [P], n: 12, lockSeconds: 2 });
    w.em.resetStats();
    const run = await w.bin(['apply', '-f', long, '--auto-approve', '--max-rps', '3']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const renewed = calls();
    // Each renewal reads the lease, then writes its new expiry; no other update or read of a group was made.
    expect(renewed.UpdateGroup ?? 0).toBeGreaterThanOrEqual(6 + 1);
    // (One more read when the lease ran out just before the end, a renewal having waited its turn: the
    // release reads it back before deleting it.)
    expect([(renewed.UpdateGroup ?? 0) - 6, (renewed.UpdateGroup ?? 0) - 5]).toContain(renewed.GetGroup);
    expect(await w.lease()).toBeUndefined();
  });
});

describe('waiting for a lease', () => {
  it('stops on SIGINT like any run: exit 130, nothing listed or changed, the other run\'s lease left alone', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    const file = w.file('groups.yaml', 'x');
    await w.client.send(new CreateGroupCommand({ UserPoolId: P, GroupName: LOCK_GROUP, Description: leaseDescription(handLease('55555555-2222-4333-8444-555555555555', 3600)) }));
    w.em.resetStats();
    const io = testIo({
      cwd: w.dir,
      env: isolatedEnv(),
      onOutput: (stream, text, self) => {
        if (stream === 'stderr' && text.startsWith('waiting for the lease')) self.stops.stop('SIGINT');
      },
    });
    const run = await runInProcess(['apply', '-f', file, '--auto-approve', '--lock-timeout', '5m', '--endpoint-url', w.em.url, '--no-progress'], { io });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain(`waiting for the lease on user pool ${P}, held by an apply by deployer@ci-runner-7 (https://ci.example/runs/42) (lock id 55555555-2222-4333-8444-555555555555)`);
    expect(run.stdout).toBe('');
    expect(w.em.stats().operations.ListGroups?.calls ?? 0).toBe(0);
    expect(w.em.stats().operations.DeleteGroup?.calls ?? 0).toBe(0);
    expect((await w.lease())?.id).toBe('55555555-2222-4333-8444-555555555555');
  });
});

describe('the lease options', () => {
  it.each([
    [['--lock=maybe'], "error: option '--lock <bool>' argument 'maybe' is invalid. expected true or false (--lock=false)"],
    [['--lock-timeout', 'soon'], "error: option '--lock-timeout <duration>' argument 'soon' is invalid. expected a duration such as 0, 60s, 5m or 1h (at most 24h)"],
    [['--lock-duration', '1s'], "error: option '--lock-duration <duration>' argument '1s' is invalid. expected whole seconds from 2s to 24h, such as 5m or 90s"],
  ])('refuse %j in one line, before any call', async (flags, message) => {
    const dir = tempDir();
    const file = writeIn(dir, 'groups.yaml', groupsYaml([{ id: P, groups: [] }]));
    const run = await runInProcess(['apply', '-f', file, '--auto-approve', '--endpoint-url', 'http://127.0.0.1:9', ...flags], { cwd: dir, env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(message);
  });
});

describe('unlock of a pool id that is none', () => {
  it('is refused in one line before any call', async () => {
    const run = await runInProcess(['unlock', '--pool', 'bad id', '--lock-id', 'x', '--endpoint-url', 'http://127.0.0.1:9'], { cwd: tempDir(), env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: --pool "bad id": not a user pool id; expected <region>_<letters and digits>, such as eu-west-1_AbCdEf123 (or a pool key of the groups file, with --env)\n');
  });
});

describe('unlock in a file with environments', () => {
  it('takes the pool key of the file as --env maps it (or its id), and names the pools when neither matches', async ({ onTestFinished }) => {
    const w = await world(onTestFinished);
    writeIn(w.dir, 'groups.yaml', ['version: 1', 'environments:', '  dev:', `    userPools: { main: ${Q}, side: ${P} }`, 'userPools:', '  - key: side', '    groups: []', '  - key: main', '    groups: []', ''].join('\n'));
    await w.client.send(new CreateGroupCommand({ UserPoolId: Q, GroupName: LOCK_GROUP, Description: leaseDescription(handLease('66666666-2222-4333-8444-555555555555', 3600)) }));
    const wrong = await w.cli(['unlock', '--pool', 'nope', '--env', 'dev', '--lock-id', '66666666-2222-4333-8444-555555555555']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`error: --pool nope: no pool of that key or id in groups.yaml for environment dev; its pools: side (${P}), main (${Q})\n`);
    const byKey = await w.cli(['unlock', '--pool', 'main', '--env', 'dev', '--lock-id', '66666666-2222-4333-8444-555555555555']);
    expect(byKey.code, byKey.stderr).toBe(0);
    expect(byKey.stdout).toContain(`Unlocked user pool ${Q}: broke the lease of deployer@ci-runner-7`);
    expect(await w.lease(Q)).toBeUndefined();
  });
});

