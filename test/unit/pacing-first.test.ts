// A request that goes first (a lease's renewal: its check, then its write) starts at the next turn of
// its lanes, before the requests already waiting there; the others give way only while it waits, and
// the rates hold all the same. On the fake clock: nothing waits in real time.
import { describe, expect, it } from 'vitest';
import type { PoolRef } from '../../src/edge/cognito/port.js';
import { PacedGroupsApi } from '../../src/edge/pacing/paced-api.js';
import { PACING_MARGIN, Pacer } from '../../src/edge/pacing/pacer.js';
import { COGNITO_RATES } from '../../src/edge/pacing/rates.js';
import { DEFAULT_RETRY } from '../../src/edge/pacing/retry.js';
import { FakeClock } from './fake-clock.js';
import { FakeGroupsApi } from './fake-groups-api.js';

const POOL: PoolRef = { id: 'eu-west-1_First', region: 'eu-west-1' };
const RUN = { ...COGNITO_RATES, maxRps: 3 };
const step = 1000 / (3 * PACING_MARGIN);

describe('a request that goes first', () => {
  it('starts at the next turn of the run budget, before the ten requests already waiting for it', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(RUN, clock);
    const order: string[] = [];
    const queued = Array.from({ length: 10 }, (_, i) => pacer.acquire(POOL, 'CreateGroup').then(() => order.push(`create ${i}`)));
    // The first create has started (acquire takes a free turn at once); the other nine wait.
    const first = pacer.acquire(POOL, 'GetGroup', undefined, undefined, true).then(() => order.push('renewal check'));
    await Promise.all([...queued, first]);
    expect(order.indexOf('renewal check')).toBe(1);
    expect(order).toHaveLength(11);
  });

  it('keeps the rate: with others giving way, the starts are still a step apart', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(RUN, clock);
    const starts: Array<[string, number]> = [];
    const at = (what: string) => () => starts.push([what, clock.now()]);
    const all = [
      ...Array.from({ length: 6 }, (_, i) => pacer.acquire(POOL, 'CreateGroup').then(at(`create ${i}`))),
      pacer.acquire(POOL, 'GetGroup', undefined, undefined, true).then(at('check')),
      pacer.acquire(POOL, 'UpdateGroup', undefined, undefined, true).then(at('write')),
    ];
    await Promise.all(all);
    const times = starts.map(([, t]) => t).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(step - 1e-6);
    // The two that go first take the turns after the create that had already started.
    expect(starts.slice(0, 3).map(([w]) => w).sort()).toEqual(['check', 'create 0', 'write'].sort());
  });

  it('starts at once on idle lanes', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(RUN, clock);
    await pacer.acquire(POOL, 'GetGroup', undefined, undefined, true);
    expect(clock.now()).toBe(0);
  });

  it('puts two that go first before those waiting, one turn each', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(RUN, clock);
    const order: string[] = [];
    const creates = Array.from({ length: 5 }, (_, i) => pacer.acquire(POOL, 'CreateGroup').then(() => order.push(`create ${i}`)));
    const firsts = ['a', 'b'].map((x) => pacer.acquire(POOL, 'GetGroup', undefined, undefined, true).then(() => order.push(`first ${x}`)));
    await Promise.all([...creates, ...firsts]);
    expect(order.slice(0, 3)).toEqual(['create 0', 'first a', 'first b']);
  });

  it('makes nobody give way once it has started', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(COGNITO_RATES, clock);
    await pacer.acquire(POOL, 'GetGroup', undefined, undefined, true);
    // Other lanes, idle: a write starts at once.
    expect(pacer.tryAcquire(POOL, 'CreateGroup')).toBe(0);
    // The same lane: waits only its own step, not a step more for a request that is no longer waiting.
    const wait = pacer.tryAcquire(POOL, 'GetGroup');
    expect(wait).toBeCloseTo(1000 / (COGNITO_RATES.perPoolOperation * PACING_MARGIN), 6);
  });

  it('is what the port going first asks for, with the same counts as the port it came from', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(RUN, clock);
    const fake = new FakeGroupsApi();
    fake.addPool(POOL.id);
    const api = new PacedGroupsApi(fake, pacer, clock, DEFAULT_RETRY);
    const lease = api.withoutSignal().goingFirst();
    const order: string[] = [];
    const creates = Array.from({ length: 8 }, (_, i) => api.createGroup(POOL, { name: `g${i}` }).then(() => order.push(`g${i}`)));
    const renewal = lease.getGroup(POOL, 'g0').then(() => order.push('renewal'));
    await Promise.all([...creates, renewal]);
    expect(order.indexOf('renewal')).toBe(1);
    expect(api.counts.calls.GetGroup).toBe(1);
    expect(api.counts.calls.CreateGroup).toBe(8);
  });
});
