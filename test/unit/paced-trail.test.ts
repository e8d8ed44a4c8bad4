// CloudTrail's LookupEvents paced and retried (src/edge/pacing/paced-trail.ts): throttling and faults
// are each retried up to four tries in all, anything else (access denied, an error that is not the
// project's own) fails at once; the calls are paced per region and within the run's --max-rps budget,
// which they share with the Cognito calls. On the fake clock: nothing waits.
import { describe, expect, it } from 'vitest';
import type { PoolRef } from '../../src/edge/cognito/port.js';
import type { TrailApi, TrailQuery } from '../../src/edge/cloudtrail/port.js';
import { CgError } from '../../src/core/errors.js';
import { PacedTrailApi } from '../../src/edge/pacing/paced-trail.js';
import { PACING_MARGIN, Pacer } from '../../src/edge/pacing/pacer.js';
import { COGNITO_RATES, type Rates } from '../../src/edge/pacing/rates.js';
import { DEFAULT_RETRY } from '../../src/edge/pacing/retry.js';
import { FakeClock } from './fake-clock.js';

const POOL: PoolRef = { id: 'eu-west-1_Trail', region: 'eu-west-1' };
const step = (rate: number): number => 1000 / (rate * PACING_MARGIN);
const query = (region = 'eu-west-1'): TrailQuery => ({ region, eventName: 'UpdateGroup', start: new Date(0), end: new Date(1) });

/** A trail whose calls fail with the errors of `script`, in order, then answer an empty page; each start time recorded. */
function fakeTrail(clock: FakeClock, script: Array<() => unknown>): { api: TrailApi; starts: Array<{ at: number; region: string }> } {
  const starts: Array<{ at: number; region: string }> = [];
  const api: TrailApi = {
    lookupEvents: async (q) => {
      starts.push({ at: clock.now(), region: q.region });
      const next = script.shift();
      if (next !== undefined) throw next();
      return { records: [] };
    },
  };
  return { api, starts };
}

function paced(clock: FakeClock, inner: TrailApi, rates: Rates = COGNITO_RATES, pacer = new Pacer(rates, clock)): PacedTrailApi {
  return new PacedTrailApi(inner, pacer, clock, DEFAULT_RETRY, undefined, () => 0);
}

const unavailable = (): CgError => new CgError('AWS_UNAVAILABLE', 'LookupEvents in eu-west-1 failed: InternalFailure');

describe('PacedTrailApi: retries', () => {
  it('retries a fault as it does throttling, and answers when it clears by the fourth try', async () => {
    const clock = new FakeClock();
    const { api, starts } = fakeTrail(clock, [unavailable, unavailable, unavailable]);
    const trail = paced(clock, api);
    await expect(trail.lookupEvents(query())).resolves.toEqual({ records: [] });
    expect(starts).toHaveLength(4);
    expect(trail.calls).toBe(4);
  });

  it('gives up a fault at the fourth try, with the fault itself', async () => {
    const clock = new FakeClock();
    const faults: CgError[] = [];
    const { api, starts } = fakeTrail(
      clock,
      Array.from({ length: 10 }, () => () => {
        const err = unavailable();
        faults.push(err);
        return err;
      }),
    );
    const trail = paced(clock, api);
    const err = await trail.lookupEvents(query()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBe(faults[3]);
    expect(starts).toHaveLength(4);
    expect(trail.calls).toBe(4);
  });

  it('does not retry access denied, nor any other error of the project', async () => {
    const clock = new FakeClock();
    const denied = new CgError('AWS_ACCESS_DENIED', 'LookupEvents: access denied; grant cloudtrail:LookupEvents');
    const { api, starts } = fakeTrail(clock, [() => denied]);
    const trail = paced(clock, api);
    await expect(trail.lookupEvents(query())).rejects.toBe(denied);
    expect(starts).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry an error that is not the project\'s own, whatever code it carries', async () => {
    const clock = new FakeClock();
    const foreign = Object.assign(new Error('throttled, said some library'), { code: 'AWS_THROTTLED' });
    const { api, starts } = fakeTrail(clock, [() => foreign]);
    const trail = paced(clock, api);
    await expect(trail.lookupEvents(query())).rejects.toBe(foreign);
    expect(starts).toHaveLength(1);
  });
});

describe('PacedTrailApi: pacing within --max-rps', () => {
  it('keeps LookupEvents within the run\'s --max-rps budget, across regions', async () => {
    const clock = new FakeClock();
    const { api, starts } = fakeTrail(clock, []);
    const trail = paced(clock, api, { ...COGNITO_RATES, maxRps: 1 });
    await Promise.all([trail.lookupEvents(query('eu-west-1')), trail.lookupEvents(query('us-east-1'))]);
    expect(starts.map((s) => s.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(starts[0]?.at).toBe(0);
    expect(starts[1]?.at).toBeCloseTo(step(1), 6);
  });

  it('shares the --max-rps budget with the Cognito calls of the run', async () => {
    const clock = new FakeClock();
    const { api, starts } = fakeTrail(clock, []);
    const pacer = new Pacer({ ...COGNITO_RATES, maxRps: 2 }, clock);
    const trail = paced(clock, api, COGNITO_RATES, pacer);
    expect(pacer.tryAcquire(POOL, 'ListGroups')).toBe(0);
    await trail.lookupEvents(query());
    expect(starts[0]?.at).toBeCloseTo(step(2), 6);
    // And the other way round: the Cognito call that follows waits for the LookupEvents' slot.
    expect(pacer.tryAcquire(POOL, 'GetGroup')).toBeCloseTo(step(2), 6);
  });

  it('paces without a run budget when there is no --max-rps', async () => {
    const clock = new FakeClock();
    const { api, starts } = fakeTrail(clock, []);
    const trail = paced(clock, api);
    await Promise.all([trail.lookupEvents(query('eu-west-1')), trail.lookupEvents(query('us-east-1')), trail.lookupEvents(query('eu-west-1'))]);
    expect(starts.map((s) => `${s.region} ${s.at.toFixed(3)}`)).toEqual(['eu-west-1 0.000', 'us-east-1 0.000', `eu-west-1 ${step(2).toFixed(3)}`]);
  });
});

describe('PacedTrailApi: the stop signal', () => {
  it('starts no lookup once the run has stopped, not even one whose lane is free', async () => {
    const clock = new FakeClock();
    const { api, starts } = fakeTrail(clock, []);
    const controller = new AbortController();
    controller.abort();
    const trail = new PacedTrailApi(api, new Pacer(COGNITO_RATES, clock), clock, DEFAULT_RETRY, controller.signal, () => 0);
    await expect(trail.lookupEvents(query())).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(starts).toEqual([]);
    expect(trail.calls).toBe(0);
  });
});
