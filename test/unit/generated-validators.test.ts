// The validators in src/core/generated are compiled from the JSON Schemas in schema/ (the single
// definition of the formats): they must be exactly what the schemas give today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { generate } from '../../scripts/compile-schemas.mjs';

describe('generated validators', () => {
  it('are what schema/*.schema.json compile to (run `npm run schemas` after changing a schema)', () => {
    const expected = generate() as Record<string, string>;
    expect(Object.keys(expected).sort()).toEqual(['groups-validator.ts', 'plan-validator.ts']);
    for (const [file, text] of Object.entries(expected)) {
      expect(readFileSync(new URL(`../../src/core/generated/${file}`, import.meta.url), 'utf8'), file).toBe(text);
    }
  });
});
