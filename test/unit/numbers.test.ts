import { describe, expect, it } from 'vitest';
import { numberIn, rangeWords } from '../../src/faces/cli/numbers.js';

describe('numberIn: the one parser of numeric options', () => {
  it('takes the numbers of its range and refuses the rest with the range in words', () => {
    const port = numberIn({ min: 0, max: 65535, whole: true });
    expect(port('0')).toBe(0);
    expect(port('65535')).toBe(65535);
    for (const bad of ['-1', '65536', '1.5', 'x', '', ' ', 'NaN', 'Infinity']) expect(() => port(bad), bad).toThrow('expected a whole number from 0 to 65535');
    const positive = numberIn({ min: 0, above: true, example: '5 or 0.5' });
    expect(positive('0.5')).toBe(0.5);
    expect(() => positive('0')).toThrow('expected a number greater than 0, such as 5 or 0.5');
    const nonNegative = numberIn({ min: 0 });
    expect(nonNegative('0')).toBe(0);
    expect(() => nonNegative('-0.1')).toThrow('expected a number of 0 or more');
  });

  it('words each kind of range', () => {
    expect(rangeWords({ min: 0, whole: true })).toBe('expected a whole number of 0 or more');
    expect(rangeWords({ min: 0.001, max: 2_147_483, noun: 'seconds', example: '10 or 2.5' })).toBe('expected seconds from 0.001 to 2147483, such as 10 or 2.5');
  });
});
