// Step outputs in GITHUB_OUTPUT's delimiter format: multi-line values whole, no value able to set another output.
import { describe, expect, it } from 'vitest';
import { formatOutputs } from '../../src/faces/github/outputs.js';
import { parseOutputs } from './fixture.js';

describe('GITHUB_OUTPUT entries', () => {
  it('carry multi-line values whole, each with its own delimiter', () => {
    const text = formatOutputs({ a: 'one\ntwo', b: '' });
    expect(parseOutputs(text)).toEqual({ a: 'one\ntwo', b: '' });
    const delimiters = [...text.matchAll(/<<(.+)\n/g)].map((m) => m[1]);
    expect(new Set(delimiters).size).toBe(2);
  });

  it('refuse a value that holds its delimiter, so it cannot set another output', () => {
    expect(() => formatOutputs({ a: 'x\nEOF\nb<<EOF\ny' }, () => 'EOF')).toThrow('output a: the value contains its delimiter');
  });
});
