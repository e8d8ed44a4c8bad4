// What the package ships besides its code (issue 26, point 9): an MIT LICENSE, no install-time script
// a consumer's npm warns about (npm 11 lists a `prepare` script of a tarball or registry package under
// "install-scripts ... not yet covered by allowScripts"; `prepack` and `dependencies` it does not), one
// copy of each schema, `$id`s that name no repository that does not exist, and apply.schema.json
// usable with plain Ajv as the README says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import groupsSchema from '../../schema/groups.schema.json' with { type: 'json' };
import { ROLE_ARN_EXPECTED } from '../../src/core/config/parse.js';
import { ROOT } from '../integration/servers.js';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string; files: string[]; scripts: Record<string, string>; repository?: string | { url: string } };
const SCHEMAS = ['apply', 'drift', 'groups', 'plan'] as const;
const schema = (name: string): { $id: string } & Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, 'schema', `${name}.schema.json`), 'utf8'));

describe('the package manifest', () => {
  it('says MIT, and the repository holds the MIT license the tarball ships', () => {
    expect(PKG.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) /);
    expect(PKG.files).toContain('LICENSE');
  });

  it('has no script npm runs (or warns about) when a consumer installs it; it builds in prepack, and in a clone after npm ci', () => {
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(PKG.scripts, s).not.toHaveProperty(s);
    expect(PKG.scripts.prepack).toBe('npm run build');
    // Run by npm install / npm ci in a clone only (the root project), so `npm ci && npx cognito-groups ...` works.
    expect(PKG.scripts.dependencies).toBe('npm run build');
  });

  it('ships each schema once: schema/, not a copy under dist/ (the build imports no schema)', () => {
    expect(PKG.files).toContain('schema');
    expect(PKG.files.some((f) => f.startsWith('dist/schema'))).toBe(false);
    expect(ROLE_ARN_EXPECTED).toBe(groupsSchema.definitions.roleArnValue.description.replace(/^An /, 'an ').replace(/\.$/, ''));
  });

  it("gives every schema an $id that names nothing that does not exist, agreeing with the package's repository", () => {
    const repository = typeof PKG.repository === 'string' ? PKG.repository : PKG.repository?.url;
    for (const name of SCHEMAS) {
      const id = schema(name).$id;
      if (repository === undefined) expect(id, name).toBe(`cognito-groups:schema/${name}.schema.json`);
      else expect(id.startsWith(repository.replace(/^git\+/, '').replace(/\.git$/, '')), name).toBe(true);
    }
  });

  it('compiles apply.schema.json with plain Ajv as the README shows: plan.schema.json added first, no warning', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('ajv.addSchema(planSchema);');
    const warnings: unknown[] = [];
    const ajv = new Ajv({ allowUnionTypes: true, logger: { log: () => {}, warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => warnings.push(a) } });
    ajv.addSchema(schema('plan'));
    const validateApply = ajv.compile(schema('apply'));
    expect(warnings).toEqual([]);
    expect(validateApply({})).toBe(false);
    expect(() => new Ajv({ allowUnionTypes: true }).compile(schema('apply'))).toThrow(/can't resolve reference plan\.schema\.json/);
  });
});
