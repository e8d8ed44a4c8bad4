// The lease record as the lock group's description carries it (src/core/plan/lease.ts): a description
// that fills Cognito's 2048 characters exactly is kept whole; a description reads back as a lease only
// with every field a string and both times dates, and without fields it does not have; a renewed lease
// keeps its holder and runs `seconds` from now; fractional durations with and without units.
import { describe, expect, it } from 'vitest';
import { leaseDescription, LOCK_GROUP, lockStateOf, newLease, parseDuration, renewed, type LeaseRecord } from '../../src/core/plan/lease.js';

const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
const SINCE = '2026-01-01T00:00:00.000Z';
const UNTIL = '2026-01-01T00:05:00.000Z';

/** A complete description, as this tool writes one, with some fields replaced or dropped. */
function described(fields: Record<string, unknown>, drop: string[] = []): string {
  const all: Record<string, unknown> = { 'cognito-groups-lock': 1, id: 'id-1', host: 'h', user: 'u', version: '1.0.0', since: SINCE, until: UNTIL, ...fields };
  for (const k of drop) delete all[k];
  return JSON.stringify(all);
}

const stateOf = (description: string) => lockStateOf({ name: LOCK_GROUP, description });

describe('the lease description at Cognito\'s 2048 characters', () => {
  /** A lease whose fields fill their cuts, with `quotes` of the host's characters escaped in JSON (one character more each). */
  function full(quotes: number): LeaseRecord {
    return newLease({ id: 'i'.repeat(100), host: '"'.repeat(quotes) + 'h'.repeat(255 - quotes), user: 'u'.repeat(255), version: 'v'.repeat(50), ci: 'c'.repeat(900), plan: 'p'.repeat(100) }, EPOCH, 300);
  }

  it('keeps a description of exactly 2048 characters whole, CI URL and host included', () => {
    const r = full(234);
    const text = leaseDescription(r);
    expect(text.length).toBe(2048);
    expect(stateOf(text)).toStrictEqual({ kind: 'lease', record: r });
  });

  it('drops the CI URL and shortens host and user once it would be 2049', () => {
    const r = full(235);
    const text = leaseDescription(r);
    expect(text.length).toBeLessThan(2048);
    const { ci: _ci, ...rest } = r;
    expect(stateOf(text)).toStrictEqual({ kind: 'lease', record: { ...rest, host: r.host.slice(0, 40), user: 'u'.repeat(40) } });
  });
});

describe('reading a lease back from the lock group', () => {
  it('reads a lease without a CI URL or a plan as one without them, not as one with them undefined', () => {
    const state = stateOf(described({}));
    expect(state).toStrictEqual({ kind: 'lease', record: { id: 'id-1', host: 'h', user: 'u', version: '1.0.0', since: SINCE, until: UNTIL } });
    expect(Object.keys(state?.kind === 'lease' ? state.record : {})).toEqual(['id', 'host', 'user', 'version', 'since', 'until']);
  });

  it('reads the CI URL and the plan when there are', () => {
    expect(stateOf(described({ ci: 'https://ci/1', plan: 'sha256:ab' }))).toStrictEqual({
      kind: 'lease',
      record: { id: 'id-1', host: 'h', user: 'u', version: '1.0.0', since: SINCE, until: UNTIL, ci: 'https://ci/1', plan: 'sha256:ab' },
    });
  });

  it.each(['id', 'host', 'user', 'version', 'since', 'until'])('is foreign without %s', (field) => {
    const description = described({}, [field]);
    expect(stateOf(description)).toStrictEqual({ kind: 'foreign', description });
  });

  it.each(['id', 'host', 'user', 'version'])('is foreign when %s is not a string', (field) => {
    for (const value of [5, true, null, ['x'], { x: 1 }]) {
      const description = described({ [field]: value });
      expect(stateOf(description), JSON.stringify(value)).toStrictEqual({ kind: 'foreign', description });
    }
  });

  it('leaves out a CI URL or a plan that is not a string', () => {
    expect(stateOf(described({ ci: 7, plan: { sha: 1 } }))).toStrictEqual({ kind: 'lease', record: { id: 'id-1', host: 'h', user: 'u', version: '1.0.0', since: SINCE, until: UNTIL } });
  });

  it('is foreign when either time is not a date, not only when both are not', () => {
    for (const fields of [{ until: 'later' }, { since: 'soon' }, { since: 'soon', until: 'later' }]) {
      const description = described(fields);
      expect(stateOf(description), description).toStrictEqual({ kind: 'foreign', description });
    }
  });

  it.each(['null', '5', '"text"', 'true', 'not json', ''])('is foreign, without throwing, when the description is %j', (description) => {
    expect(stateOf(description)).toStrictEqual({ kind: 'foreign', description });
  });
});

describe('renewing a lease', () => {
  it('keeps who holds it and since when, and lasts `seconds` from now', () => {
    const r: LeaseRecord = { ...newLease({ id: 'id-1', host: 'h', user: 'u', version: '1.0.0', ci: 'https://ci/1' }, EPOCH, 300) };
    const next = renewed(r, EPOCH + 150_000, 300);
    expect(next).toStrictEqual({ id: 'id-1', host: 'h', user: 'u', version: '1.0.0', ci: 'https://ci/1', since: SINCE, until: '2026-01-01T00:07:30.000Z' });
    expect(renewed(r, EPOCH + 1_500, 2).until).toBe('2026-01-01T00:00:03.500Z');
    // The record renewed is left as it was.
    expect(r.until).toBe(UNTIL);
  });
});

describe('fractional durations', () => {
  it.each([
    ['2.25', 2_250],
    ['0.125', 125],
    ['1.5s', 1_500],
    ['1.25s', 1_250],
    ['0.75m', 45_000],
    ['1.5h', 5_400_000],
    ['1m0.25s', 60_250],
    ['2.5ms', 3],
  ])('reads %j as %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['1.s', '.5s', '1.5.5s', '1.x5s'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());
});
