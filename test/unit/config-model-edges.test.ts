// The request-rate range of `settings.maxRps` and `--max-rps` (isMaxRps in src/core/config/model.ts):
// both bounds included, anything just outside them, and any number that is not finite, refused.
import { describe, expect, it } from 'vitest';
import { isMaxRps, MAX_RPS_RANGE } from '../../src/core/config/model.js';

describe('isMaxRps', () => {
  it('is the range 0.1 to 1000', () => {
    expect(MAX_RPS_RANGE).toEqual({ min: 0.1, max: 1000 });
  });

  it.each([0.1, 0.5, 1, 5, 999.99, 1000])('accepts %d', (n) => expect(isMaxRps(n)).toBe(true));

  it.each([0, 0.05, 0.09999, -1, -5, 1000.001, 1001, 2000])('refuses %d', (n) => expect(isMaxRps(n)).toBe(false));

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %d', (n) => expect(isMaxRps(n)).toBe(false));
});
