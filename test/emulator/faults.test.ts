import { AdminAddUserToGroupCommand, CreateGroupCommand, GetGroupCommand, ListGroupsCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CgError } from '../../src/core/errors.js';
import { startEmulator } from '../../src/emulator/index.js';
import { failure, harness, outcome, POOL } from './fixture.js';

describe('injected faults', () => {
  it('answers InternalErrorException with HTTP 500 and changes nothing', async () => {
    const { client, emulator } = await harness({ faults: { errorRate: 1 } });
    const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g' })));
    expect(f.name).toBe('InternalErrorException');
    expect(f.status).toBe(500);
    emulator.setFaults({});
    expect((await failure(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).message).toBe('Group not found.');
    expect(emulator.stats().operations['CreateGroup']).toEqual({ calls: 1, ok: 0, throttled: 0, faults: 1, errors: 0 });
  });

  it('drops the connection without a response and changes nothing', async () => {
    const { client, emulator } = await harness({ faults: { resetRate: 1 } });
    const f = await failure(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g' })));
    expect(f.status).toBeUndefined();
    expect(f.name).not.toMatch(/Exception$/);
    emulator.setFaults({});
    expect((await failure(client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).name).toBe('ResourceNotFoundException');
    expect(emulator.stats().operations['CreateGroup']?.faults).toBe(1);
  });

  it('forces TooManyRequestsException without using quota tokens', async () => {
    const { client, emulator } = await harness({ faults: { throttleRate: 1 }, quotas: { enabled: true, scale: 0.01, burstSeconds: 100 } });
    for (let i = 0; i < 5; i++) {
      const f = await failure(client.send(new ListGroupsCommand({ UserPoolId: POOL })));
      expect(f).toMatchObject({ name: 'TooManyRequestsException', status: 400 });
    }
    emulator.setFaults({});
    for (let i = 0; i < 5; i++) await client.send(new ListGroupsCommand({ UserPoolId: POOL }));
    expect(emulator.stats().operations['ListGroups']).toMatchObject({ calls: 10, ok: 5, throttled: 5 });
  });

  it('adds latency', async () => {
    const { client } = await harness({ faults: { latencyMs: 120 } });
    const started = performance.now();
    await client.send(new ListGroupsCommand({ UserPoolId: POOL }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('can be limited to some operations', async () => {
    const { client } = await harness({ faults: { errorRate: 1, operations: ['CreateGroup'] } });
    expect(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL })))).toBe('ok');
    expect(await outcome(client.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: 'g' })))).toBe('InternalErrorException');
  });

  it('is deterministic for a seed', async () => {
    const run = async (seed: number): Promise<string[]> => {
      const { client } = await harness({ faults: { errorRate: 0.3, throttleRate: 0.2, seed } });
      const out: string[] = [];
      for (let i = 0; i < 24; i++) out.push(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL }))));
      return out;
    };
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(new Set(a)).toEqual(new Set(['ok', 'InternalErrorException', 'TooManyRequestsException']));
    expect(await run(7)).not.toEqual(a);
  });

  it('restarts the sequence when setFaults gives the seed again', async () => {
    const { client, emulator } = await harness({ faults: { errorRate: 0.5, seed: 3 } });
    const take = async (): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 12; i++) out.push(await outcome(client.send(new ListGroupsCommand({ UserPoolId: POOL }))));
      return out;
    };
    const first = await take();
    emulator.setFaults({ errorRate: 0.5, seed: 3 });
    expect(await take()).toEqual(first);
  });

  it('refuses impossible fault options', async () => {
    await expect(startEmulator({ faults: { errorRate: 0.7, resetRate: 0.7 } })).rejects.toBeInstanceOf(CgError);
    const { emulator } = await harness();
    expect(() => emulator.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
  });
});

describe('faults on user and membership operations', () => {
  it('answer InternalErrorException and leave memberships unchanged', async () => {
    const { client, emulator } = await harness({ faults: { errorRate: 1, operations: ['AdminAddUserToGroup'] } });
    emulator.seedGroups(POOL, [{ GroupName: 'g' }]);
    emulator.seedUsers(POOL, [{ Username: 'u' }]);
    const f = await failure(client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username: 'u', GroupName: 'g' })));
    expect(f).toMatchObject({ name: 'InternalErrorException', status: 500 });
    expect((await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'g' }))).Users).toEqual([]);
    expect(emulator.stats().operations['AdminAddUserToGroup']).toEqual({ calls: 1, ok: 0, throttled: 0, faults: 1, errors: 0 });
  });
});
