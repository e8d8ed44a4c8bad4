// crossChecks called directly on unchecked data: a roleArn too long in UTF-16 code units, and a user
// counted across a pool's groups under the lower-cased username.
import { describe, expect, it } from 'vitest';
import { pathToString } from '../../src/core/config/diagnostic.js';
import { crossChecks } from '../../src/core/config/cross-checks.js';
import { MAX_GROUPS_PER_USER } from '../../src/core/config/model.js';
import { NO_POSITIONS, type At } from '../../src/core/config/positions.js';

const at: At = (_offset, path, message) => ({ file: 'groups.yaml', line: 0, column: 0, path: pathToString(path), message });

function found(groups: unknown[]): string[] {
  return crossChecks({ version: 1, userPools: [{ id: 'eu-west-1_A', groups }] }, NO_POSITIONS, at).map((d) => `${d.path}: ${d.message}`);
}

describe('crossChecks: lengths in both counts', () => {
  it('refuses a roleArn of at most 2048 characters that is more than 2048 UTF-16 code units, and allows 2048 of both', () => {
    const role = (emoji: number): string => `arn:aws:iam::123456789012:role/${'\u{1F600}'.repeat(emoji)}`;
    expect(found([{ name: 'a', roleArn: role(1009) }])).toEqual([
      'userPools[0].groups[0].roleArn: is 1040 characters but 2049 UTF-16 code units; Cognito allows 2048, and may count either, so at most 2048 of both are allowed',
    ]);
    expect(found([{ name: 'a', roleArn: `${role(1008)}x` }])).toEqual([]);
  });
});

describe('crossChecks: a user in more groups than Cognito allows', () => {
  const groups = (first: string, last: string): unknown[] => [
    ...Array.from({ length: MAX_GROUPS_PER_USER }, (_, i) => ({ name: `g${i}`, members: [first] })),
    { name: 'one-more', members: [last] },
  ];

  it('counts spellings that lower-case alike as one user', () => {
    // The Kelvin sign lower-cases to "k"; upper-cased it stays itself.
    expect(found(groups('kim', '\u212Aim'))).toEqual([`userPools[0].groups[${MAX_GROUPS_PER_USER}].members[0]: user "\u212Aim" is listed in more than 100 groups of this pool; Cognito lets a user be in at most 100`]);
  });

  it('counts spellings that only upper-case alike as two users', () => {
    // "ß" upper-cases to "SS", but lower-cased "straße" and "strasse" differ.
    expect(found(groups('strasse', 'straße'))).toEqual([]);
  });
});
