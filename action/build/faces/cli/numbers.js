// Command-line numbers: one parser for every numeric option, whose message says the range it takes.
import { InvalidArgumentError } from './commander.js';
/** A commander argument parser for a number in `range`; anything else is refused with the range in words. */
export function numberIn(range) {
    return (value) => {
        const n = Number(value);
        const ok = value.trim() !== '' && Number.isFinite(n) && (range.whole !== true || Number.isInteger(n)) && (range.above === true ? n > range.min : n >= range.min) && (range.max === undefined || n <= range.max);
        if (!ok)
            throw new InvalidArgumentError(rangeWords(range));
        return n;
    };
}
/** "expected a whole number from 0 to 65535", "expected a number greater than 0, such as 5 or 0.5". */
export function rangeWords(range) {
    const what = range.noun ?? (range.whole === true ? 'a whole number' : 'a number');
    const span = range.max !== undefined ? `from ${range.min} to ${range.max}` : range.above === true ? `greater than ${range.min}` : `of ${range.min} or more`;
    return `expected ${what} ${span}${range.note === undefined ? '' : ` (${range.note})`}${range.example === undefined ? '' : `, such as ${range.example}`}`;
}
