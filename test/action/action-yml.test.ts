// action.yml and the script agree: the same inputs (declared, mapped to INPUT_* and read), the same
// defaults and outputs; third-party actions pinned by commit; the tool run from the action's checkout.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, INPUT_NAMES, inputVariable, readInputs } from '../../src/faces/github/inputs.js';
import { OUTPUT_NAMES } from '../../src/faces/github/outputs.js';
import { ROOT } from '../integration/servers.js';

interface ActionYml {
  name: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Array<{ id?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string> }> };
}

const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const action = parse(text, { uniqueKeys: true }) as ActionYml;
const runStep = action.runs.steps.find((s) => s.id === 'run');

describe('action.yml', () => {
  it('is a composite action whose every shell step names its shell', () => {
    expect(action.name).toBe('cognito-groups');
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) if (step.run !== undefined) expect(step.shell).toBe('bash');
  });

  it('declares exactly the inputs the script knows, with the same defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    for (const name of INPUT_NAMES) {
      const declared = action.inputs[name];
      expect(declared?.description, name).toBeTruthy();
      if (name === 'command') expect(declared).toMatchObject({ required: true });
      else if (name === 'github-token') expect(declared?.default).toBe('${{ github.token }}');
      else expect(String(declared?.default ?? ''), name).toBe(INPUT_DEFAULTS[name] ?? '');
    }
  });

  it('hands every input to the script as GitHub would name it, and nothing else', () => {
    const env = runStep?.env ?? {};
    const expected = Object.fromEntries(INPUT_NAMES.map((name) => [inputVariable(name), `\${{ inputs.${name} }}`]));
    expect(env).toEqual(expected);
    // Inputs never appear in the script text, where an expression would be pasted into the shell.
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
  });

  it('reads exactly the INPUT_* variables it declares', () => {
    const read = new Set<string>();
    const env = new Proxy<NodeJS.ProcessEnv>({ [inputVariable('command')]: 'plan' }, {
      get: (target, key) => {
        if (typeof key === 'string') read.add(key);
        return typeof key === 'string' ? target[key] : undefined;
      },
    });
    readInputs(env);
    expect([...read].filter((k) => k.startsWith('INPUT_')).sort()).toEqual(Object.keys(runStep?.env ?? {}).sort());
  });

  it('declares the outputs the script writes, from the script step', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    for (const name of OUTPUT_NAMES) expect(action.outputs[name]?.value).toBe(`\${{ steps.run.outputs.${name} }}`);
  });

  it('pins every action it uses by full commit SHA, with the version in a comment', () => {
    const uses = [...text.matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, rest] of uses) {
      expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(rest).toMatch(/^\s+# v\d+\.\d+\.\d+$/);
    }
  });

  it("runs the tool built from the action's own checkout, never a package fetched by name", () => {
    expect(runStep?.run).toBe('node "$GITHUB_ACTION_PATH/action/build/faces/github/action.js"');
    expect(existsSync(join(ROOT, 'action', 'build', 'faces', 'github', 'action.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'action', 'build', 'faces', 'cli', 'main.js'))).toBe(true);
    expect(text).not.toMatch(/npm (install|i|exec)\b|npx /);
  });

  it('installs only the run-time dependencies, from the lock file, running no install script', () => {
    const installs = [...text.matchAll(/^\s*(npm .*)$/gm)].map((m) => m[1]);
    expect(installs).toEqual(['npm ci --omit=dev --ignore-scripts --no-audit --no-fund']);
  });
});
