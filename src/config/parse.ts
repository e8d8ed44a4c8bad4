import { Ajv } from 'ajv';
import { LineCounter, visit, parseDocument, type Document } from 'yaml';
import schema from '../../schema/groups.schema.json' with { type: 'json' };
import { crossChecks } from './cross-checks.js';
import { pathToString, type Diagnostic } from './diagnostic.js';
import { regionOfPoolId, type DesiredConfig, type DesiredGroup, type DesiredPool, type UnmanagedPolicy } from './model.js';
import { hasInvisible, lookalikeKey, nameKey } from './names.js';
import { offsetOf, type At } from './positions.js';
import { schemaDiagnostic, withoutBranchNoise } from './schema-diagnostic.js';

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
