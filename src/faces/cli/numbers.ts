// Command-line numbers: one parser for every numeric option, whose message says the range it takes.
import { InvalidArgumentError } from './commander.js';

/** The numbers an option takes: at least `min` (or more than `min` when `above`), at most `max`, whole or not. */
export interface NumberRange {
  min: number;
  max?: number;
  /** Only more than `min`. */
  above?: boolean;
  /** Only whole numbers. */
  whole?: boolean;
  /** An example for the message, such as "5 or 0.5". */
  example?: string;
  /** What the number is, when not just "a number", such as "seconds". */
  noun?: string;
  /** Said in brackets after the range, such as "the same range as settings.maxRps". */
  note?: string;
}

/** A commander argument parser for a number in `range`; anything else is refused with the range in words. */
export function numberIn(range: NumberRange): (value: string) => number {
  return (value) => {
    const n = Number(value);
    const ok = value.trim() !== '' && Number.isFinite(n) && (range.whole !== true || Number.isInteger(n)) && (range.above === true ? n > range.min : n >= range.min) && (range.max === undefined || n <= range.max);
    if (!ok) throw new InvalidArgumentError(rangeWords(range));
    return n;
  };
}

/** "expected a whole number from 0 to 65535", "expected a number greater than 0, such as 5 or 0.5". */
export function rangeWords(range: NumberRange): string {
  const what = range.noun ?? (range.whole === true ? 'a whole number' : 'a number');
  const span =
    range.max !== undefined ? `from ${range.min} to ${range.max}` : range.above === true ? `greater than ${range.min}` : `of ${range.min} or more`;
  return `expected ${what} ${span}${range.note === undefined ? '' : ` (${range.note})`}${range.example === undefined ? '' : `, such as ${range.example}`}`;
}
