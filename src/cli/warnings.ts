import { formatDiagnostic, type Diagnostic } from '../config/diagnostic.js';
import type { Io } from './io.js';

/** Validation warnings go to stderr, one line each. */
export function printWarnings(io: Io, warnings: readonly Diagnostic[]): void {
  for (const w of warnings) io.err(`warning: ${formatDiagnostic(w)}\n`);
}
