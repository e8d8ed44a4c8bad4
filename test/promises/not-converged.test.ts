// "After applying, the pools are listed again; a difference left is an error": a server that
// acknowledges UpdateGroup and never applies it leaves the pool as it was, and apply must say so
// (exit 1, NOT_CONVERGED) rather than report success.
import { GetGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli-io.js';
import { hostileServer } from '../hostile/server.js';
import { groupsYaml, isolatedEnv, setup, writeIn } from '../pipeline/helpers.js';

const POOL = 'eu-west-1_Conv1';

async function scenario() {
  const env = await setup({ [POOL]: [{ GroupName: 'ops', Description: 'old' }, { GroupName: 'stable', Description: 'same' }] });
  const file = writeIn(env.dir, 'groups.yaml', groupsYaml([{ id: POOL, groups: [{ name: 'ops', description: 'new' }, { name: 'stable', description: 'same' }, { name: 'added' }] }]));
  // UpdateGroup answered 200 with an empty body: acknowledged, never applied. The rest reaches the emulator.
  const proxy = await hostileServer(env.emulator.url, { UpdateGroup: { kind: 'body', body: '{}' } });
  const cli = (args: string[]) => runInProcess([...args, '--endpoint-url', proxy.url, '--no-progress'], { cwd: env.dir, env: isolatedEnv() });
  return { env, file, proxy, cli };
}

describe('an apply whose changes do not hold', () => {
  it('exits 1 naming the change that does not hold, though every call succeeded', async () => {
    const { env, file, proxy, cli } = await scenario();

    const run = await cli(['apply', '-f', file, '--auto-approve']);

    expect(run.code).toBe(1);
    expect(proxy.seen.UpdateGroup).toBe(1);
    expect(env.calls('UpdateGroup')).toBe(0);
    expect((await env.client.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'ops' }))).Group?.Description).toBe('old');
    expect(run.stderr).toMatch(/^error: after applying, 1 change\(s\) of this run do not hold \(the pools differ from .*groups\.yaml\); someone may be changing them at the same time$/m);
    expect(run.stderr).toContain('"ops"');
    expect(run.stderr).not.toContain('"added"');
  });

  it('records the change in the JSON report under check.remaining', async () => {
    const { file, cli } = await scenario();

    const run = await cli(['apply', '-f', file, '--auto-approve', '--format', 'json']);

    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as {
      summary: { added: number; changed: number; failed: number };
      check: { status: string; remaining: Array<{ userPoolId: string; action: string; name: string }>; elsewhere: unknown[] };
    };
    expect(doc.summary).toMatchObject({ added: 1, changed: 1, failed: 0 });
    expect(doc.check.status).toBe('done');
    expect(doc.check.remaining.map((r) => [r.userPoolId, r.action, r.name])).toEqual([[POOL, 'update', 'ops']]);
    expect(doc.check.elsewhere).toEqual([]);
  });

  it('fails the same way when applying a saved plan', async () => {
    const { env, file, cli } = await scenario();
    const planFile = join(env.dir, 'plan.json');
    expect((await cli(['plan', '-f', file, '--out', planFile])).code).toBe(0);

    const run = await cli(['apply', planFile, '-f', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: after applying, 1 change\(s\) of this run do not hold \(the pools differ from the plan .*plan\.json\)/m);
  });
});
