/** One problem found in a file, with where it is. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the value, such as `userPools[0].groups[2].precedence`; empty for the whole file. */
  path: string;
  message: string;
}

/** `FILE:LINE:COL: PATH: message`, the one format every validation problem is printed in. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.path === '' ? '(file)' : d.path}: ${d.message}`;
}

/** Dotted path for a list of keys and indexes. */
export function pathToString(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}
