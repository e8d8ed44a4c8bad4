// The library checks its options as the command line checks its flags (issue 26, point 6): a key a
// function does not take (`endpointUrl` for `endpoint`) or a value of the wrong kind is one USAGE
// line before anything is read or sent, and a user's mistake never reaches a caller as a stack trace.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply, applySaved, CgError, importGroupsFile, openSession, plan, startEmulator } from '../../src/index.js';
import { OPTION_SPECS } from '../../src/run/options.js';
import { ROOT } from '../integration/servers.js';
import { groupsYaml, tempDir, writeIn } from '../pipeline/helpers.js';

async function usage(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(CgError);
    expect((err as CgError).code).toBe('USAGE');
    expect((err as CgError).audience).toBe('user');
    return (err as CgError).message;
  }
  throw new Error('expected a USAGE error');
}

describe('library options', () => {
  it('refuses endpointUrl before any call, suggesting endpoint', async () => {
    const em = await startEmulator({ port: 0, quotas: { enabled: false } });
    try {
      const file = writeIn(tempDir(), 'groups.yaml', groupsYaml([{ id: 'eu-west-1_Opt1', groups: [{ name: 'a' }] }]));
      const message = await usage(plan({ file, endpointUrl: em.url } as never));
      expect(message).toBe(`plan(): unknown option "endpointUrl" (did you mean "endpoint"?); allowed options: ${Object.keys(OPTION_SPECS.plan).join(', ')}`);
      expect(Object.values(em.stats().operations).reduce((n, o) => n + o.calls, 0)).toBe(0);
    } finally {
      await em.close();
    }
  });

  it('refuses unknown keys and wrong values in every checked function', async () => {
    expect(await usage(apply({ file: 'g.yaml', allowReplaces: true } as never))).toMatch(/^apply\(\): unknown option "allowReplaces" \(did you mean "allowReplace"\?\); allowed options: /);
    expect(await usage(apply({ file: 'g.yaml', maxDelete: -1 })) ).toBe('apply(): option "maxDelete": expected a whole number of 0 or more (or Infinity: no limit), got -1');
    expect(await usage(plan({ file: 'g.yaml', maxRps: 5000 }))).toBe('plan(): option "maxRps": expected a number from 0.1 to 1000 (the range of --max-rps and settings.maxRps), got 5000');
    expect(await usage(plan({ file: 'g.yaml', endpoint: '127.0.0.1:9329' }))).toBe('plan(): option "endpoint": expected an http:// or https:// URL, such as http://127.0.0.1:9329, got "127.0.0.1:9329"');
    expect(await usage(plan({} as never))).toBe('plan(): give either "file" (a groups file to read) or "config" (one already parsed), not neither');
    expect(await usage(applySaved({ document: {}, target: { kind: 'aws' }, dryRun: true } as never))).toMatch(/^applySaved\(\): unknown option "dryRun"; allowed options: /);
    expect(await usage(() => openSession({ endpointURL: 'http://127.0.0.1:1' } as never))).toMatch(/^openSession\(\): unknown option "endpointURL" \(did you mean "endpoint"\?\)/);
    expect(await usage(importGroupsFile({} as never, [], { withMember: true } as never))).toMatch(/^importGroupsFile\(\): unknown option "withMember" \(did you mean "withMembers"\?\)/);
    expect(await usage(plan('groups.yaml' as never))).toMatch(/^plan\(\): options must be an object, got "groups.yaml"/);
  });

  it('names every option of every checked function in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## As a library'), readme.indexOf('## Development'));
    for (const [fn, spec] of Object.entries(OPTION_SPECS)) {
      for (const key of Object.keys(spec)) expect(section, `${fn}(): ${key}`).toMatch(new RegExp(`\`${key}\``));
    }
  });

  it('shows a library caller one line for a user mistake, never a stack trace', () => {
    const dir = tempDir();
    const script = `import { plan } from 'cognito-groups';\nawait plan({ file: 'groups.yaml', endpointUrl: 'http://127.0.0.1:1' });\n`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CgError [USAGE]: plan(): unknown option "endpointUrl" (did you mean "endpoint"?)');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
