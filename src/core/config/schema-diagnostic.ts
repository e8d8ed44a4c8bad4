// A JSON Schema error as a one-line diagnostic a person can act on: the field, what was found, and
// what is allowed (taken from the schema's own description), with a guess for a misspelt key. Pure.
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from './diagnostic.js';
import { unescapePointer, valueAt, type At, type Positions } from './positions.js';

/**
 * Schema errors with the noise of `anyOf` trimmed: when one branch matched the value's type, only that
 * branch's errors inside it are kept; when none did, one error names what is allowed.
 */
export function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  // For each value with an anyOf, the schema that holds the anyOf: its other rules are not branches.
  const anyOfAt = new Map<string, Set<string>>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    anyOfAt.set(e.instancePath, (anyOfAt.get(e.instancePath) ?? new Set()).add(e.schemaPath.replace(/\/anyOf$/, '')));
  }
  return errors.filter((e) => {
    const holders = anyOfAt.get(e.instancePath);
    if (holders === undefined) return true;
    // A rule beside the anyOf (a length on the same field) is said as it is; the branches' own errors are the noise.
    if (e.keyword !== 'anyOf' && holders.has(e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/')))) return true;
    const deeper = errors.some((d) => d.instancePath.startsWith(`${e.instancePath}/`));
    return !deeper && e.keyword === 'anyOf';
  });
}

export function schemaDiagnostic(err: ErrorObject, pos: Positions, data: unknown, at: At): Diagnostic {
  const path = err.instancePath.split('/').slice(1).map(unescapePointer).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const offset = pos.offsetOf(path);
  const shownValue = valueAt(data, path);
  const description = typeof err.parentSchema?.description === 'string' ? err.parentSchema.description : undefined;
  const allowed = description === undefined ? '' : `; expected ${expectation(description)}`;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(err.params.additionalProperty);
      const known = Object.keys((err.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const guess = closest(key, known);
      const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
      return at(pos.keyOffset(path, key), [...path, key], `unknown field "${key}"${hint}; allowed fields: ${known.join(', ')}`);
    }
    case 'required': {
      const key = String(err.params.missingProperty);
      return at(offset, path, `missing required field "${key}"`);
    }
    case 'type':
      return at(offset, path, `must be ${String(err.params.type).replace(',', ' or ')}, got ${describe(shownValue)}${allowed}`);
    case 'const':
      return at(offset, path, `must be ${JSON.stringify(err.params.allowedValue)}, got ${describe(shownValue)}`);
    case 'enum':
      return at(offset, path, `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describe(shownValue)}`);
    case 'minLength':
    case 'maxLength': {
      const actual = shownValue;
      const length = typeof actual === 'string' ? [...actual].length : 0;
      const bound = err.keyword === 'minLength' ? 'at least' : 'at most';
      return at(offset, path, `must be ${bound} ${String(err.params.limit)} characters, got ${length}${allowed}`);
    }
    case 'minItems':
      return at(offset, path, `must list at least ${String(err.params.limit)} item${err.params.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return at(offset, path, `lists ${Array.isArray(shownValue) ? shownValue.length.toLocaleString('en-US') : 'too many'} items, more than ${Number(err.params.limit).toLocaleString('en-US')}${allowed}`);
    default: {
      const shown = describe(shownValue);
      return at(offset, path, `${shown} is not allowed${allowed || `: ${err.message ?? err.keyword}`}`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** The first clause of a schema description, which states what is allowed. */
function expectation(description: string): string {
  const clause = firstClause(description);
  // Lower-case the first word unless it is an acronym (IAM, AWS).
  const lowered = /^[A-Z](?![A-Z])/.test(clause) ? clause.charAt(0).toLowerCase() + clause.slice(1) : clause;
  return lowered.replace(/\.$/, '');
}

/** The text up to the first "; " or ". " outside parentheses: a clause may hold a parenthesised aside with its own "; ". */
function firstClause(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (depth === 0 && (c === ';' || c === '.') && text[i + 1] === ' ') return text.slice(0, i);
  }
  return text;
}

/** The known word nearest a typo, if it is close enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
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
