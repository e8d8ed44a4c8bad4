import { Ajv, type ErrorObject } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, LineCounter, visit, parseDocument, type Document, type Node } from 'yaml';
import schema from '../../schema/groups.schema.json' with { type: 'json' };
import { pathToString, type Diagnostic } from './diagnostic.js';
import { MAX_GROUPS_PER_USER, RESERVED_PREFIX, regionOfPoolId, type DesiredConfig, type DesiredGroup, type DesiredPool, type UnmanagedPolicy } from './model.js';
import { hasInvisible, lookalikeKey, nameKey } from './names.js';

/** The outcome of reading a groups file: the config, or every problem found. */
export type ParseResult =
  | { ok: true; config: DesiredConfig; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, verbose: true });
const validateSchema = ajv.compile(schema);

/** Parses and validates a groups file's text; pure, reports every problem at once. */
export function parseConfig(text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, path: ReadonlyArray<string | number>, message: string): Diagnostic => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: pathToString(path), message };
  };

  // A duplicate key is reported and the rest of the file still checked (the later value is used for
  // that), so one slip does not hide the file's other problems; any other YAML error stops here.
  const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => at(e.pos[0], [], `duplicate key "${keyTextAt(text, e.pos[0])}"; each key may appear only once in a mapping`));
  if (doc.errors.length > duplicates.length) {
    const errors = doc.errors.map((e) =>
      e.code === 'DUPLICATE_KEY'
        ? at(e.pos[0], [], `duplicate key "${keyTextAt(text, e.pos[0])}"; each key may appear only once in a mapping`)
        : e.code === 'MULTIPLE_DOCS'
          ? at(e.pos[0], [], 'the file holds several YAML documents (separated by ---); put everything in one')
          : at(e.pos[0], [], `YAML syntax: ${firstLine(e.message)}`),
    );
    return { ok: false, errors: sortDiagnostics(errors), warnings: [] };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    // Unresolved aliases and alias bombs are found only when the values are built.
    const message = err instanceof Error ? firstLine(err.message) : String(err);
    const offset = /alias/i.test(message) ? (unresolvedAliasOffset(doc) ?? 0) : 0;
    return { ok: false, errors: [at(offset, [], `YAML: ${message}`)], warnings: [] };
  }
  if (data === null || data === undefined) {
    return { ok: false, errors: [at(0, [], 'the file is empty; expected `version: 1` and `userPools:`')], warnings: [] };
  }

  const errors: Diagnostic[] = [...duplicates];
  if (!validateSchema(data)) {
    for (const err of withoutBranchNoise(validateSchema.errors ?? [])) errors.push(schemaDiagnostic(err, doc, data, at));
  }
  for (const e of crossChecks(data, doc, at)) errors.push(e);
  if (errors.length > 0) return { ok: false, errors: sortDiagnostics(dedupe(errors)), warnings: [] };

  const config = toConfig(data as RawFile);
  const warnings = sortDiagnostics([...precedenceWarnings(config, doc, at), ...lookalikeWarnings(config, doc, at)]);
  return { ok: true, config, warnings };
}

type At = (offset: number, path: ReadonlyArray<string | number>, message: string) => Diagnostic;

interface RawGroup { name: string; description?: string | null; precedence?: number | null; roleArn?: string | null; previously?: string | string[]; members?: string[] | { include: string[] } }
interface RawPool { id: string; region?: string; unmanagedGroups?: UnmanagedPolicy; groups: RawGroup[] }
interface RawFile { version: 1; settings?: { maxRps?: number }; userPools: RawPool[] }

function toConfig(raw: RawFile): DesiredConfig {
  const userPools: DesiredPool[] = raw.userPools.map((p) => ({
    id: p.id,
    region: p.region ?? regionOfPoolId(p.id),
    unmanagedGroups: p.unmanagedGroups ?? 'keep',
    groups: p.groups.map(toGroup),
  }));
  const settings = raw.settings?.maxRps === undefined ? {} : { maxRps: raw.settings.maxRps };
  return { version: 1, settings, userPools };
}

function toGroup(g: RawGroup): DesiredGroup {
  const group: DesiredGroup = { name: g.name };
  if (g.description !== undefined && g.description !== null) group.description = g.description;
  if (g.precedence !== undefined && g.precedence !== null) group.precedence = g.precedence;
  if (g.roleArn !== undefined && g.roleArn !== null) group.roleArn = g.roleArn;
  if (g.previously !== undefined) group.previously = typeof g.previously === 'string' ? [g.previously] : [...g.previously];
  if (g.members !== undefined) group.members = Array.isArray(g.members) ? { mode: 'exact', users: [...g.members] } : { mode: 'include', users: [...g.members.include] };
  return group;
}

/**
 * Schema errors with the noise of `anyOf` trimmed: when one branch matched the value's type, only that
 * branch's errors inside it are kept; when none did, one error names what is allowed.
 */
function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  return errors.filter((e) => {
    if (anyOfAt.has(e.instancePath)) {
      const deeper = errors.some((d) => d.instancePath.startsWith(`${e.instancePath}/`));
      return !deeper && e.keyword === 'anyOf';
    }
    return true;
  });
}

/** Checks JSON Schema cannot express: unique pool ids, group names unique ignoring case. Runs on unchecked data. */
function crossChecks(data: unknown, doc: Document, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pools = new Map<string, number>();
  const rawPools = isRecord(data) && Array.isArray(data.userPools) ? (data.userPools as unknown[]) : [];
  rawPools.forEach((rawPool, i) => {
    for (const e of groupChecks(rawPool, i, doc, at)) out.push(e);
    if (!isRecord(rawPool)) return;
    const pool = { id: rawPool.id, groups: Array.isArray(rawPool.groups) ? (rawPool.groups as unknown[]) : [] };
    const first = typeof pool.id === 'string' ? pools.get(pool.id) : undefined;
    if (typeof pool.id !== 'string') {
      // reported by the schema
    } else if (first !== undefined) {
      const path = ['userPools', i, 'id'];
      out.push(at(offsetOf(doc, path), path, `duplicate user pool id "${pool.id}" (first at userPools[${first}]); list each pool once`));
    } else pools.set(pool.id, i);

    const names = new Map<string, number>();
    pool.groups.forEach((group, j) => {
      if (!isRecord(group)) return;
      for (const [field, max] of LENGTH_LIMITS) {
        const value = group[field];
        // The schema counts characters (code points); a server may count UTF-16 code units, in which
        // an emoji counts twice. Until Cognito's count is known, only what both counts accept passes.
        if (typeof value === 'string' && [...value].length <= max && value.length > max) {
          const path = ['userPools', i, 'groups', j, field];
          out.push(at(offsetOf(doc, path), path, `is ${[...value].length} characters but ${value.length} UTF-16 code units; Cognito allows ${max}, and may count either, so at most ${max} of both are allowed`));
        }
      }
      if (typeof group.name !== 'string') return;
      const key = nameKey(group.name);
      const firstGroup = names.get(key);
      if (firstGroup !== undefined) {
        const path = ['userPools', i, 'groups', j, 'name'];
        const otherGroup = pool.groups[firstGroup];
        const other = isRecord(otherGroup) ? String(otherGroup.name) : '';
        const how = other === group.name ? `duplicate group name "${group.name}"` : `group name "${group.name}" equals "${other}" ignoring case`;
        out.push(at(offsetOf(doc, path), path, `${how} (first at groups[${firstGroup}]); Cognito group names are unique ignoring case`));
      } else names.set(key, j);
    });
  });
  return out;
}

/**
 * What a pool's groups may not do together: a reserved name; a previous name that is a group of the
 * file, another group's previous name or the group's own name; a member listed twice; a user listed
 * in more groups than Cognito lets a user be in.
 */
function groupChecks(rawPool: unknown, i: number, doc: Document, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isRecord(rawPool) || !Array.isArray(rawPool.groups)) return out;
  const groups = rawPool.groups as unknown[];
  const names = new Map<string, number>();
  groups.forEach((g, j) => {
    if (isRecord(g) && typeof g.name === 'string') names.set(nameKey(g.name), j);
  });
  const previous = new Map<string, { group: number; name: string }>();
  const userGroups = new Map<string, { name: string; count: number; reported: boolean }>();
  groups.forEach((g, j) => {
    if (!isRecord(g)) return;
    const here = ['userPools', i, 'groups', j];
    if (typeof g.name === 'string' && g.name.startsWith(RESERVED_PREFIX)) {
      out.push(at(offsetOf(doc, [...here, 'name']), [...here, 'name'], `group names starting with "${RESERVED_PREFIX}" are reserved: cognito-groups keeps members there while it moves them; choose another name`));
    }
    const prev = typeof g.previously === 'string' ? [g.previously] : Array.isArray(g.previously) ? g.previously : [];
    prev.forEach((p, k) => {
      if (typeof p !== 'string') return;
      const path = typeof g.previously === 'string' ? [...here, 'previously'] : [...here, 'previously', k];
      const key = nameKey(p);
      const asGroup = names.get(key);
      const earlier = previous.get(key);
      if (typeof g.name === 'string' && key === nameKey(g.name)) {
        out.push(at(offsetOf(doc, path), path, `"${p}" is this group's own name${p === g.name ? '' : ' ignoring case (a change of case is a replace that keeps the members: just change the name)'}; leave it out of previously`));
      } else if (asGroup !== undefined) {
        out.push(at(offsetOf(doc, path), path, `"${p}" is also a group of this file (groups[${asGroup}]); a group cannot be renamed into one that stays`));
      } else if (earlier !== undefined && earlier.group !== j) {
        out.push(at(offsetOf(doc, path), path, `"${p}" is also a previous name of groups[${earlier.group}]; only one group can be renamed from it`));
      } else previous.set(key, { group: j, name: p });
    });
    const members = Array.isArray(g.members) ? g.members : isRecord(g.members) && Array.isArray(g.members.include) ? g.members.include : [];
    const membersPath = Array.isArray(g.members) ? [...here, 'members'] : [...here, 'members', 'include'];
    const seen = new Map<string, number>();
    members.forEach((u: unknown, k: number) => {
      if (typeof u !== 'string') return;
      const path = [...membersPath, k];
      const first = seen.get(u);
      if (first !== undefined) {
        out.push(at(offsetOf(doc, path), path, `user "${u}" is listed twice in this group (first at ${first}); list each member once`));
        return;
      }
      seen.set(u, k);
      const key = u.toLowerCase();
      const tally = userGroups.get(key) ?? { name: u, count: 0, reported: false };
      tally.count++;
      userGroups.set(key, tally);
      if (tally.count > MAX_GROUPS_PER_USER && !tally.reported) {
        tally.reported = true;
        out.push(at(offsetOf(doc, path), path, `user "${u}" is listed in more than ${MAX_GROUPS_PER_USER} groups of this pool; Cognito lets a user be in at most ${MAX_GROUPS_PER_USER}`));
      }
    });
  });
  return out;
}

/** Fields with a length limit and the limit, checked in both counts. */
const LENGTH_LIMITS: ReadonlyArray<readonly [string, number]> = [
  ['name', 128],
  ['description', 2048],
  ['roleArn', 2048],
];

/**
 * Names a reader cannot tell apart: two names of a pool equal but for Unicode normalization or
 * invisible characters (Cognito keeps them as two groups), and any name holding an invisible character.
 */
function lookalikeWarnings(config: DesiredConfig, doc: Document, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  config.userPools.forEach((pool, i) => {
    const seen = new Map<string, { name: string; index: number }>();
    pool.groups.forEach((group, j) => {
      const path = ['userPools', i, 'groups', j, 'name'];
      if (hasInvisible(group.name)) {
        out.push(at(offsetOf(doc, path), path, `group name ${JSON.stringify(group.name)} holds a character that shows nothing; it will look like another name to anyone reading a plan`));
      }
      const key = lookalikeKey(group.name);
      const first = seen.get(key);
      if (first !== undefined && nameKey(first.name) !== nameKey(group.name)) {
        out.push(at(offsetOf(doc, path), path, `group name ${JSON.stringify(group.name)} looks the same as ${JSON.stringify(first.name)} (groups[${first.index}]) but differs in Unicode normalization or invisible characters; Cognito keeps them as two groups`));
      } else if (first === undefined) seen.set(key, { name: group.name, index: j });
    });
  });
  return out;
}

/** Same precedence with different roles leaves `cognito:preferred_role` unset for users in both groups. */
function precedenceWarnings(config: DesiredConfig, doc: Document, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  config.userPools.forEach((pool, i) => {
    const byPrecedence = new Map<number, DesiredGroup[]>();
    pool.groups.forEach((group, j) => {
      if (group.precedence === undefined || group.roleArn === undefined) return;
      const earlier = byPrecedence.get(group.precedence) ?? [];
      const other = earlier.find((g) => g.roleArn !== group.roleArn);
      if (other !== undefined) {
        const path = ['userPools', i, 'groups', j, 'precedence'];
        out.push(at(offsetOf(doc, path), path,
          `precedence ${group.precedence} is also used by "${other.name}" with a different roleArn; users in both get no cognito:preferred_role`));
      }
      byPrecedence.set(group.precedence, [...earlier, group]);
    });
  });
  return out;
}

function schemaDiagnostic(err: ErrorObject, doc: Document, data: unknown, at: At): Diagnostic {
  const path = err.instancePath.split('/').slice(1).map(unescapePointer).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const value = nodeAt(doc, path);
  const shownValue = valueAt(data, path);
  const description = typeof err.parentSchema?.description === 'string' ? err.parentSchema.description : undefined;
  const allowed = description === undefined ? '' : `; expected ${expectation(description)}`;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(err.params.additionalProperty);
      const known = Object.keys((err.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const guess = closest(key, known);
      const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
      return at(keyOffset(doc, path, key), [...path, key], `unknown field "${key}"${hint}; allowed fields: ${known.join(', ')}`);
    }
    case 'required': {
      const key = String(err.params.missingProperty);
      return at(nodeOffset(value), path, `missing required field "${key}"`);
    }
    case 'type':
      return at(nodeOffset(value), path, `must be ${String(err.params.type).replace(',', ' or ')}, got ${describe(shownValue)}${allowed}`);
    case 'const':
      return at(nodeOffset(value), path, `must be ${JSON.stringify(err.params.allowedValue)}, got ${describe(shownValue)}`);
    case 'enum':
      return at(nodeOffset(value), path, `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describe(shownValue)}`);
    case 'minLength':
    case 'maxLength': {
      const actual = shownValue;
      const length = typeof actual === 'string' ? [...actual].length : 0;
      const bound = err.keyword === 'minLength' ? 'at least' : 'at most';
      return at(nodeOffset(value), path, `must be ${bound} ${String(err.params.limit)} characters, got ${length}${allowed}`);
    }
    case 'minItems':
      return at(nodeOffset(value), path, `must list at least ${String(err.params.limit)} item${err.params.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return at(nodeOffset(value), path, `lists ${Array.isArray(shownValue) ? shownValue.length.toLocaleString('en-US') : 'too many'} items, more than ${Number(err.params.limit).toLocaleString('en-US')}${allowed}`);
    default: {
      const shown = describe(shownValue);
      return at(nodeOffset(value), path, `${shown} is not allowed${allowed || `: ${err.message ?? err.keyword}`}`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 200);
  const m = /^["']?([^"':\n]*)/.exec(rest);
  return (m?.[1] ?? '').trim();
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) || isSeq(value)) return 'a list';
  if (isMap(value) || typeof value === 'object') return 'a mapping';
  return typeof value;
}

function offsetOf(doc: Document, path: ReadonlyArray<string | number>): number {
  return nodeOffset(nodeAt(doc, path));
}

/**
 * The node at a path, following aliases on the way (a value reached through `*anchor`); the last
 * node is returned as written, so an alias is pointed at where it is used.
 */
function nodeAt(doc: Document, path: ReadonlyArray<string | number>): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return node as Node | undefined;
}

/** The plain value at a path of the data the schema checked. */
function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function nodeOffset(node: Node | undefined): number {
  return node?.range?.[0] ?? 0;
}

function keyOffset(doc: Document, path: ReadonlyArray<string | number>, key: string): number {
  let parent: unknown = path.length === 0 ? doc.contents : nodeAt(doc, path);
  if (isAlias(parent)) parent = parent.resolve(doc);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isScalar(pair.key) && pair.key.value === key) return pair.key.range?.[0] ?? 0;
    }
  }
  return nodeOffset(parent as Node | undefined);
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
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

/** The first clause of a schema description, which states what is allowed. */
function expectation(description: string): string {
  const clause = description.split(/; |\. /)[0] ?? description;
  // Lower-case the first word unless it is an acronym (IAM, AWS).
  const lowered = /^[A-Z](?![A-Z])/.test(clause) ? clause.charAt(0).toLowerCase() + clause.slice(1) : clause;
  return lowered.replace(/\.$/, '');
}

/** The known word nearest a typo, if it is close enough to be what was meant. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
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
