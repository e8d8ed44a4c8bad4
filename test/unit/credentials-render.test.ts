// The credentials check in the text and Markdown plans (src/faces/render/credentials-*.ts): credential
// transitions per identity pool, largest first; "no identity pool" said once; role warnings naming
// group, role, file and line; what could not be checked; outside text escaped.
import { describe, expect, it } from 'vitest';
import type { PlanCredentials, PoolCredentials } from '../../src/core/credentials/plan-model.js';
import type { CredentialTransition } from '../../src/core/credentials/transitions.js';
import { credentialsMarkdown } from '../../src/faces/render/credentials-markdown.js';
import { credentialLines, credentialSummaryLines } from '../../src/faces/render/credentials-text.js';
import { plainStyle } from '../../src/faces/render/style.js';

const ROLE = (n: string): string => `arn:aws:iam::123456789012:role/${n}`;
const IP = 'eu-west-1:11111111-2222-3333-4444-555555555555';

function transition(count: number, before: string, after: string | null, over: Partial<CredentialTransition> = {}): CredentialTransition {
  return {
    identityPoolId: IP,
    identityPoolName: 'prod-app',
    clientId: 'web',
    before: { kind: 'role', roleArn: ROLE(before), via: { from: 'preferred-role' } },
    after: after === null ? { kind: 'denied', why: 'deny' } : { kind: 'role', roleArn: ROLE(after), via: { from: 'authenticated-role', reason: 'ambiguous' } },
    count,
    usernames: Array.from({ length: count }, (_, i) => `user${i}`),
    ...over,
  };
}

const pool: PoolCredentials = { checked: true, identityPools: [{ id: IP, name: 'prod-app', clientIds: ['web'] }], transitions: [transition(312, 'AppReader', 'AppAdmin'), transition(2, 'AppAdmin', null)], users: 314 };
const planCreds: PlanCredentials = {
  checked: true,
  roleWarnings: [{ poolId: 'eu-west-1_P', group: 'ghosts', roleArn: ROLE('Gone'), problem: 'missing', file: 'groups.yaml', line: 12, column: 18 }],
  unchecked: ['role arn:aws:iam::123456789012:role/X (GetRole X (IAM): access denied)'],
  rolesChecked: [ROLE('Gone'), ROLE('X')],
};

describe('credentials in the text plan', () => {
  it('shows each transition as "identity pool NAME (ID): N users: BEFORE -> AFTER", largest first, with usernames', () => {
    const lines = credentialLines(pool, plainStyle);
    expect(lines[1]).toBe("  AWS credentials that change (a prediction, at each user's next sign-in): 314 users");
    expect(lines[2]).toBe(`    identity pool prod-app (${IP}): 312 users: AppReader -> AppAdmin`);
    expect(lines[3]).toMatch(/^ {6}"user0", "user1", .* and 302 more$/);
    expect(lines[4]).toBe(`    identity pool prod-app (${IP}): 2 users: AppAdmin -> no credentials (Deny)`);
  });

  it('names the app client when an identity pool accepts several; escapes outside text', () => {
    const p: PoolCredentials = { checked: true, identityPools: [{ id: IP, name: 'x\nforged', clientIds: ['a', 'b'] }], transitions: [transition(1, 'A', 'B', { identityPoolName: 'x\nforged', clientId: 'b' })], users: 1 };
    expect(credentialLines(p, plainStyle)[2]).toBe(`    identity pool x⏎forged (${IP}, app client b): 1 user: A -> B`);
  });

  it('says once that no identity pool hands out roles; warns of roles naming file and line; lists what was not checked', () => {
    const none: PoolCredentials = { checked: true, identityPools: [], transitions: [], users: 0 };
    expect(credentialLines(none, plainStyle)).toEqual([]);
    const lines = credentialSummaryLines(planCreds, [none, none], plainStyle);
    expect(lines.filter((l) => l.includes('no identity pool of this account hands out roles from these tokens'))).toHaveLength(1);
    expect(lines).toContain('Warning: groups.yaml:12:18: group "ghosts" in eu-west-1_P: role arn:aws:iam::123456789012:role/Gone: no such role in IAM (its users get no credentials from it; fine if the same deploy creates it)');
    expect(lines.some((l) => l.startsWith('Not checked (the plan goes on): role arn:aws:iam::123456789012:role/X'))).toBe(true);
    expect(credentialSummaryLines(planCreds, [pool], plainStyle).some((l) => l.includes('no identity pool'))).toBe(false);
    expect(credentialSummaryLines({ checked: false }, [pool], plainStyle)).toEqual([]);
  });

  it('says when the identity pools could not be read', () => {
    expect(credentialLines({ checked: false, why: 'ListIdentityPools (eu-west-1): access denied' }, plainStyle)).toEqual(['', '  AWS credentials: not checked (ListIdentityPools (eu-west-1): access denied)']);
  });
});

describe('credentials in the Markdown comment', () => {
  it('folds usernames per transition, warns of roles, and escapes names so nobody is mentioned', () => {
    const hostile: PoolCredentials = { ...pool, transitions: [transition(1, 'A', 'B', { identityPoolName: '@org/team', usernames: ['@alice'] })] };
    const md = credentialsMarkdown(planCreds, [{ userPoolId: 'eu-west-1_P', credentials: hostile }]);
    expect(md).toContain(`<details><summary>identity pool \`@org/team\` (\`${IP}\`): 1 user: \`A\` -> \`B\`</summary>`);
    expect(md).toContain('`@alice`');
    expect(md).toContain('> [!WARNING]');
    expect(md).toContain('group `ghosts` in `eu-west-1_P`: role `arn:aws:iam::123456789012:role/Gone`: no such role in IAM');
    expect(md).toContain('groups.yaml:12:18: ');
    expect(credentialsMarkdown({ checked: false }, [{ userPoolId: 'p', credentials: pool }])).toBe('');
  });

  it('says "no identity pool" once for all pools', () => {
    const none: PoolCredentials = { checked: true, identityPools: [], transitions: [], users: 0 };
    const md = credentialsMarkdown({ ...planCreds, roleWarnings: [], unchecked: [] }, [{ userPoolId: 'a', credentials: none }, { userPoolId: 'b', credentials: none }]);
    expect(md.match(/no identity pool of this account hands out roles from these tokens/g)).toHaveLength(1);
  });
});
