import type { ErrorObject, ValidateFunction } from 'ajv';
import { LineCounter, visit, parseDocument, type Document } from 'yaml';
import * as generated from '../generated/groups-validator.js';
import { acknowledgementChecks } from './acknowledgements.js';
import { claimsOf, type ClaimGroup } from '../claims/rule.js';
import { crossChecks } from './cross-checks.js';
import { environmentChecks, environmentNames, environmentView } from './environments.js';
import { pathToString, type Diagnostic } from './diagnostic.js';
import { regionOfPoolId, type Acknowledgement, type DesiredConfig, type DesiredGroup, type DesiredPool, type UnmanagedPolicy } from './model.js';
import { hasInvisible, lookalikeKey, mixesScripts, nameKey } from './names.js';
import { fastLoad } from './fast-yaml.js';
import { NO_POSITIONS, type At, type Positions } from './positions.js';
import { positionsOf } from './yaml-positions.js';
import { schemaDiagnostic, withoutBranchNoise } from './schema-diagnostic.js';

/** The outcome of reading a groups file: the config, or every problem found. */
export type ParseResult =
  | {
      ok: true;
      /** The config: of the environment asked for, or of a file without environments; checking every environment, the first one's. */
      config: DesiredConfig;
      warnings: Diagnostic[];
      /** The environments the file names, in file order; empty without `environments:`. */
      environments: string[];
    }
  | {
      ok: false;
      errors: Diagnostic[];
      warnings: Diagnostic[];
      /** Set when the file is fine but the environment asked for does not fit it (a usage error, not the file's). */
      usage?: string;
    };

/** How a file is read. */
export interface ParseOptions {
  /**
   * The environment to read the file as. Without one, a file with environments is checked in every
   * environment (what `validate` does) and the first one's config is returned.
   */
  env?: string;
  /**
   * Today's date (YYYY-MM-DD, UTC), read by the caller: acknowledgements are checked against it (one
   * already ended is a warning, one more than a year ahead an error). Without it, they are not.
   */
  today?: string;
}

// schema/groups.schema.json, compiled ahead of time (scripts/compile-schemas.mjs): no Ajv at start-up.
const validateSchema = generated.validateGroups as ValidateFunction;
const validateRoleArn = generated.validateRoleArn as ValidateFunction;

/**
 * Parses and validates a groups file's text; pure, reports every problem at once. A file with nothing
 * to report is read the fast way; anything to report (or any YAML feature the fast way declines) and
 * the file is read again with positions, so every diagnostic names its line and column.
 */
export function parseConfig(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const data = fastLoad(text);
  if (data !== undefined && data !== null) {
    let anything = false;
    const quiet: At = (_offset, path, message) => {
      anything = true;
      return { file, line: 0, column: 0, path: pathToString(path), message };
    };
    const result = checkValues(data, NO_POSITIONS, quiet, file, options);
    if (!anything && (result.ok || result.usage !== undefined)) return result;
  }
  return parseWithPositions(text, file, options);
}

/** The positional parse: slower, and the one whose diagnostics are shown. */
function parseWithPositions(text: string, file: string, options: ParseOptions): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  // The YAML parser reports an unclosed flow collection at the end of the text, after its last
  // newline: a line the file does not have. Such a position is said at the file's last character.
  const lastCharacter = Math.max(0, text.trimEnd().length - 1);
  const at = (offset: number, path: ReadonlyArray<string | number>, message: string): Diagnostic => {
    const pos = lineCounter.linePos(Math.min(offset, lastCharacter));
    return { file, line: pos.line, column: pos.col, path: pathToString(path), message };
  };

  // A duplicate key is reported and the rest of the file still checked (the later value is used for
  // that), so one slip does not hide the file's other problems; any other YAML error stops here.
  const duplicateKey = (offset: number): Diagnostic => at(offset, [], `duplicate key "${keyTextAt(text, offset)}"; each key may appear only once in a mapping`);
  const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => duplicateKey(e.pos[0]));
  if (doc.errors.length > duplicates.length) {
    const errors = doc.errors.map((e) =>
      e.code === 'DUPLICATE_KEY'
        ? duplicateKey(e.pos[0])
        : e.code === 'MULTIPLE_DOCS'
          ? at(e.pos[0], [], 'the file holds several YAML documents (separated by ---); put everything in one')
          : at(e.pos[0], [], `YAML syntax: ${firstLine(e.message)}`),
    );
    return { ok: false, errors: sortDiagnostics(errors), warnings: [] };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // Unresolved aliases and alias bombs are found only when the values are built.
    const message = err instanceof Error ? firstLine(err.message) : String(err);
    const offset = /alias/i.test(message) ? (unresolvedAliasOffset(doc) ?? 0) : 0;
    return { ok: false, errors: [at(offset, [], `YAML: ${message}`)], warnings: [] };
  }
  if (data === null || data === undefined) {
    return { ok: false, errors: [at(0, [], 'the file is empty; expected `version: 1` and `userPools:`')], warnings: [] };
  }
  const result = checkValues(data, positionsOf(doc), at, file, options);
  if (duplicates.length === 0) return result;
  return { ok: false, errors: sortDiagnostics(dedupe([...duplicates, ...(result.ok ? [] : result.errors)])), warnings: [] };
}

/** How many aliases the positional parser expands before it refuses the file (the fast path takes none). */
const MAX_ALIAS_COUNT = 1000;

/** Every check of a file's values: the schema, environments, the cross-checks, then the config and its warnings. */
function checkValues(data: unknown, pos: Positions, at: At, file: string, options: ParseOptions): ParseResult {
  const environments = environmentNames(data);
  if (options.env !== undefined && environments.length === 0) {
    return { ok: false, errors: [], warnings: [], usage: `--env ${options.env}: ${file} has no environments; leave --env out` };
  }
  if (options.env !== undefined && !environments.includes(options.env)) {
    return { ok: false, errors: [], warnings: [], usage: `--env ${options.env}: ${file} has no environment "${options.env}"; it has ${environments.join(', ')}` };
  }

  const errors: Diagnostic[] = [];
  const environmentProblems = environmentChecks(data, pos, at);
  if (!validateSchema(data)) {
    // One mistake, one line: a value the environment checks explain (an unknown placeholder) is not
    // also said to break the schema's pattern.
    const explained = new Set(environmentProblems.map((e) => e.path));
    for (const err of oneErrorPerValue(withoutBranchNoise(validateSchema.errors ?? []))) {
      const d = schemaDiagnostic(err, pos, data, at);
      if (isKeyError(err) || !explained.has(d.path)) errors.push(d);
    }
  }
  for (const e of environmentProblems) errors.push(e);
  if (environments.length === 0) for (const e of crossChecks(data, pos, at)) errors.push(e);
  // Acknowledgements are checked only once the schema passed: they rely on its types.
  const acks = errors.length === 0 && environments.length === 0 ? acknowledgementChecks(data, pos, at, options.today) : { errors: [], warnings: [] };
  for (const e of acks.errors) errors.push(e);
  if (errors.length > 0) return { ok: false, errors: sortDiagnostics(dedupe(errors)), warnings: [] };

  if (environments.length === 0) {
    const config = toConfig(data as RawFile);
    return { ok: true, config, warnings: sortDiagnostics([...warningsOf(data, pos, at), ...acks.warnings]), environments };
  }

  // Each environment the file is read as: its view checked like a file of its own.
  const chosen = options.env === undefined ? environments : [options.env];
  const views = chosen.map((env) => {
    const view = environmentView(data as Record<string, unknown>, env, pos, at, valueProblem);
    const acknowledged = acknowledgementChecks(view.data, pos, at, options.today);
    return { env, view, problems: [...crossChecks(view.data, pos, at), ...acknowledged.errors], warnings: [...warningsOf(view.data, pos, at), ...acknowledged.warnings] };
  });
  const viewErrors = [...views.flatMap((v) => v.view.errors), ...perEnvironment(views.map((v) => ({ env: v.env, list: v.problems })))];
  if (viewErrors.length > 0) return { ok: false, errors: sortDiagnostics(dedupe(viewErrors)), warnings: [] };
  const first = views[0] as (typeof views)[number];
  const config: DesiredConfig = { ...toConfig(first.view.data as unknown as RawFile), environment: { name: first.env, ...(first.view.account === undefined ? {} : { account: first.view.account }) } };
  return { ok: true, config, warnings: sortDiagnostics(dedupe(perEnvironment(views.map((v) => ({ env: v.env, list: v.warnings }))))), environments };
}

/**
 * At most one schema error per value: a value that breaks two rules (`roleArn: notanarn` is both too
 * short and not an ARN) is one mistake, and each diagnostic already says what is allowed. Missing and
 * unknown keys are each their own mistake.
 */
function oneErrorPerValue(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (isKeyError(e)) return true;
    if (seen.has(e.instancePath)) return false;
    seen.add(e.instancePath);
    return true;
  });
}

/** A missing or unknown key: a mistake of its own, not a second word on a value. */
function isKeyError(e: ErrorObject): boolean {
  return e.keyword === 'required' || e.keyword === 'additionalProperties';
}

/**
 * What a role ARN must be, in words: the schema's `roleArnValue` description (a test keeps them
 * equal). Written here rather than read from the schema, so the build carries no copy of it.
 */
export const ROLE_ARN_EXPECTED = 'an IAM role ARN of 20..2048 characters such as arn:aws:iam::123456789012:role/Admins';

/** The problem a replaced value has by the schema's rule for its field, in words; undefined when it is fine. */
function valueProblem(field: string, value: string): string | undefined {
  if (field === 'roleArn') return validateRoleArn(value) ? undefined : `expected ${ROLE_ARN_EXPECTED}`;
  if (field === 'description' && Math.max([...value].length, value.length) > 2048) return 'a description is at most 2048 characters';
  return undefined;
}

/**
 * Diagnostics of several environments as one list: one found in every environment is said once; one
 * found in some names them, so a problem that only `only:` brings about is not mistaken for the file's.
 */
function perEnvironment(lists: ReadonlyArray<{ env: string; list: readonly Diagnostic[] }>): Diagnostic[] {
  const byKey = new Map<string, { d: Diagnostic; envs: string[] }>();
  for (const { env, list } of lists) {
    for (const d of list) {
      const key = `${d.line}:${d.column}:${d.path}:${d.message}`;
      const seen = byKey.get(key);
      if (seen === undefined) byKey.set(key, { d, envs: [env] });
      else if (!seen.envs.includes(env)) seen.envs.push(env);
    }
  }
  return [...byKey.values()].map(({ d, envs }) =>
    envs.length === lists.length ? d : { ...d, message: `${d.message} (in environment${envs.length === 1 ? '' : 's'} ${envs.join(', ')})` },
  );
}

interface RawGroup { name: string; description?: string | null; precedence?: number | null; roleArn?: string | null; previously?: string | string[]; members?: string[] | { include: string[] }; acknowledge?: Acknowledgement[] }
interface RawPool { id: string; region?: string; unmanagedGroups?: UnmanagedPolicy; groups: Array<RawGroup | null> }
interface RawFile { version: 1; settings?: { maxRps?: number; lockSeconds?: number; sensitiveRoles?: string[] }; userPools: RawPool[] }

function toConfig(raw: RawFile): DesiredConfig {
  const userPools: DesiredPool[] = raw.userPools.map((p) => ({
    id: p.id,
    region: p.region ?? regionOfPoolId(p.id),
    unmanagedGroups: p.unmanagedGroups ?? 'keep',
    // A group an environment does not have is null in its view.
    groups: p.groups.filter((g): g is RawGroup => g !== null).map(toGroup),
  }));
  const settings = {
    ...(raw.settings?.maxRps === undefined ? {} : { maxRps: raw.settings.maxRps }),
    ...(raw.settings?.lockSeconds === undefined ? {} : { lockSeconds: raw.settings.lockSeconds }),
    ...(raw.settings?.sensitiveRoles === undefined ? {} : { sensitiveRoles: [...raw.settings.sensitiveRoles] }),
  };
  return { version: 1, settings, userPools };
}

function toGroup(g: RawGroup): DesiredGroup {
  const group: DesiredGroup = { name: g.name };
  if (g.description !== undefined && g.description !== null) group.description = g.description;
  if (g.precedence !== undefined && g.precedence !== null) group.precedence = g.precedence;
  if (g.roleArn !== undefined && g.roleArn !== null) group.roleArn = g.roleArn;
  if (g.previously !== undefined) group.previously = typeof g.previously === 'string' ? [g.previously] : [...g.previously];
  if (g.members !== undefined) group.members = Array.isArray(g.members) ? { mode: 'exact', users: [...g.members] } : { mode: 'include', users: [...g.members.include] };
  if (g.acknowledge !== undefined) group.acknowledge = g.acknowledge.map((a) => ({ field: a.field, reason: a.reason, until: a.until }));
  return group;
}

/** The warnings of a checked file (or of one environment's view of it, where a group it does not have is null). */
function warningsOf(data: unknown, pos: Positions, at: At): Diagnostic[] {
  const pools = (data as RawFile).userPools.map((pool) => pool.groups.map((g, j) => ({ g, j })).filter((x): x is { g: RawGroup; j: number } => x.g !== null));
  return [...precedenceWarnings(pools, pos, at), ...lookalikeWarnings(pools, pos, at)];
}

/** A pool's groups with their index in the file. */
type IndexedGroups = Array<{ g: RawGroup; j: number }>;

/**
 * Names a reader cannot tell apart: two names of a pool (or two members of a group) equal but for
 * Unicode normalization or invisible characters (Cognito keeps them apart), and any name holding an
 * invisible character or mixing Latin letters with Cyrillic or Greek ones. A plan shows such a name
 * faithfully, but a reviewer reads it as the name it imitates.
 */
function lookalikeWarnings(pools: readonly IndexedGroups[], pos: Positions, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const looks = (what: string, name: string, path: ReadonlyArray<string | number>): void => {
    if (hasInvisible(name)) out.push(at(pos.offsetOf(path), path, `${what} ${JSON.stringify(name)} holds a character that shows nothing; it will look like another name to anyone reading a plan`));
    else if (mixesScripts(name)) out.push(at(pos.offsetOf(path), path, `${what} ${JSON.stringify(name)} mixes Latin letters with Cyrillic or Greek ones, which look the same; it will look like another name to anyone reading a plan`));
  };
  pools.forEach((groups, i) => {
    const seen = new Map<string, { name: string; index: number }>();
    for (const { g: group, j } of groups) {
      const path = ['userPools', i, 'groups', j, 'name'];
      looks('group name', group.name, path);
      const key = lookalikeKey(group.name);
      const first = seen.get(key);
      if (first !== undefined && nameKey(first.name) !== nameKey(group.name)) {
        out.push(at(pos.offsetOf(path), path, `group name ${JSON.stringify(group.name)} looks the same as ${JSON.stringify(first.name)} (groups[${first.index}]) but differs in Unicode normalization or invisible characters; Cognito keeps them as two groups`));
      } else if (first === undefined) seen.set(key, { name: group.name, index: j });

      const list = Array.isArray(group.members) ? group.members : group.members?.include;
      const listPath = Array.isArray(group.members) ? ['userPools', i, 'groups', j, 'members'] : ['userPools', i, 'groups', j, 'members', 'include'];
      const users = new Map<string, { name: string; index: number }>();
      list?.forEach((user, k) => {
        const at_ = [...listPath, k];
        looks('username', user, at_);
        const ukey = lookalikeKey(user);
        const firstUser = users.get(ukey);
        if (firstUser !== undefined && nameKey(firstUser.name) !== nameKey(user)) {
          out.push(at(pos.offsetOf(at_), at_, `username ${JSON.stringify(user)} looks the same as ${JSON.stringify(firstUser.name)} (${Array.isArray(group.members) ? 'members' : 'members.include'}[${firstUser.index}]) but differs in Unicode normalization or invisible characters; Cognito holds them as two users`));
        } else if (firstUser === undefined) users.set(ukey, { name: user, index: k });
      });
    }
  });
  return out;
}

function toClaimGroup(g: RawGroup): ClaimGroup {
  return { name: g.name, ...(typeof g.precedence === 'number' ? { precedence: g.precedence } : {}), ...(typeof g.roleArn === 'string' ? { roleArn: g.roleArn } : {}) };
}

/** Same precedence with different roles leaves `cognito:preferred_role` unset for users in both groups. */
function precedenceWarnings(pools: readonly IndexedGroups[], pos: Positions, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  pools.forEach((groups, i) => {
    const byPrecedence = new Map<number, RawGroup[]>();
    for (const { g: group, j } of groups) {
      if (typeof group.precedence !== 'number' || typeof group.roleArn !== 'string') continue;
      const earlier = byPrecedence.get(group.precedence) ?? [];
      // The rule the plan's access predictions use: a user in both would get no preferred role.
      const other = earlier.find((g) => claimsOf([toClaimGroup(g), toClaimGroup(group)]).tie !== undefined);
      if (other !== undefined) {
        const path = ['userPools', i, 'groups', j, 'precedence'];
        out.push(at(pos.offsetOf(path), path, `precedence ${group.precedence} is also used by "${other.name}" with a different roleArn; users in both get no cognito:preferred_role`));
      }
      byPrecedence.set(group.precedence, [...earlier, group]);
    }
  });
  return out;
}

function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 200);
  const m = /^["']?([^"':\n]*)/.exec(rest);
  return (m?.[1] ?? '').trim();
}

function unresolvedAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (offset === undefined && node.resolve(doc) === undefined) offset = node.range?.[0];
    },
  });
  return offset;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.path}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path));
}
