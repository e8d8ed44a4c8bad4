// Where things are in a groups file, so every problem names the line and column it is about: an
// interface the checks use, so they run the same on the fast path (no positions kept: every offset
// is 0, and a file with anything to report is read again with them). Pure.
import type { Diagnostic } from './diagnostic.js';

/** Makes a diagnostic at an offset of the file, for a path of the data. */
export type At = (offset: number, path: ReadonlyArray<string | number>, message: string) => Diagnostic;

/** Offsets in the file of the values and keys of the data. */
export interface Positions {
  /** Where the value at a path is written (0 when not known). */
  offsetOf(path: ReadonlyArray<string | number>): number;
  /** Where a key of the mapping at a path is written. */
  keyOffset(path: ReadonlyArray<string | number>, key: string): number;
}

/** No positions: the fast path, which only needs to know whether there is anything to report. */
export const NO_POSITIONS: Positions = { offsetOf: () => 0, keyOffset: () => 0 };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The plain value at a path of the data the schema checked. */
export function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
