// The credentials check's reads go side by side: each region's identity pool operations and IAM's
// GetRole are paced in lanes of their own, so a role is read while an identity pool is still being
// described, and a federating pool's roles while the next pool is described; what the reads found and
// what they could not check keep the order of reading one after the other.
import { describe, expect, it } from 'vitest';
import { readCredentialFacts } from '../../src/edge/read/credentials.js';
import type { CredentialsApi, IdentityPoolDescription } from '../../src/edge/identity/port.js';

const REGION = 'eu-west-1';
const PROVIDER = `cognito-idp.${REGION}.amazonaws.com/${REGION}_Pool1`;

/** A port whose DescribeIdentityPool answers only when released, recording the calls as they start. */
function gatedApi(): { api: CredentialsApi; calls: string[]; release: () => void } {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const describe = (id: string): IdentityPoolDescription => ({ id, name: `name-${id}`, providers: id.endsWith('other') ? [] : [{ providerName: PROVIDER, clientId: 'client' }] });
  const api: CredentialsApi = {
    listIdentityPoolsPage: async () => ({ pools: ['a', 'b', 'c-other', 'd'].map((x) => ({ id: `${REGION}:${x}`, name: `name-${REGION}:${x}` })) }),
    describeIdentityPool: async (_region, id) => {
      calls.push(`describe ${id}`);
      if (id.endsWith(':a')) await gate;
      if (id.endsWith(':d')) throw new Error('denied');
      return describe(id);
    },
    getIdentityPoolRoles: async (_region, id) => {
      calls.push(`roles ${id}`);
      if (id.endsWith(':b')) throw new Error('throttled for good');
      return { authenticatedRole: `arn:aws:iam::123456789012:role/${id.slice(-1)}`, mappings: {} };
    },
    getRole: async (_region, name) => {
      calls.push(`getRole ${name}`);
      return name === 'gone' ? undefined : { arn: `arn:aws:iam::123456789012:role/${name}`, trustPolicy: '{}' };
    },
  };
  return { api, calls, release: () => release() };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('the credentials reads', () => {
  it('read the roles while an identity pool is still being described', async () => {
    const { api, calls, release } = gatedApi();
    const reading = readCredentialFacts(api, { userPools: [{ id: `${REGION}_Pool1`, region: REGION }], roles: ['arn:aws:iam::123456789012:role/gone', 'arn:aws:iam::123456789012:role/admin'], iamRegion: REGION });
    await settle();
    // The first description waits: both roles were read meanwhile, and nothing else of the region started.
    expect([...calls].sort()).toEqual([`describe ${REGION}:a`, 'getRole admin', 'getRole gone']);
    release();
    const facts = await reading;
    // The roles of a federating pool are asked for before the next pool is described.
    expect(calls.indexOf(`roles ${REGION}:a`)).toBeLessThan(calls.indexOf(`describe ${REGION}:b`));
    expect(facts.regions).toEqual([{ region: REGION, status: 'read', identityPools: [{ id: `${REGION}:a`, name: `name-${REGION}:a`, providers: [{ providerName: PROVIDER, clientId: 'client' }], authenticatedRole: 'arn:aws:iam::123456789012:role/a', mappings: {} }] }]);
    expect(facts.roles.get('arn:aws:iam::123456789012:role/gone')).toEqual({ status: 'missing' });
    expect(facts.roles.get('arn:aws:iam::123456789012:role/admin')).toEqual({ status: 'found', trustPolicy: '{}' });
    // In the order of reading one after the other: pool b's roles, pool d's description; then the roles.
    expect(facts.unchecked).toEqual([`the roles of identity pool name-${REGION}:b (${REGION}:b) (throttled for good)`, `identity pool name-${REGION}:d (${REGION}:d) (denied)`]);
  });
});
