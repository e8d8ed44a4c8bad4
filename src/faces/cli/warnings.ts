import { formatDiagnostic, type Diagnostic } from '../../core/config/diagnostic.js';
import { visible } from '../render/outside-text.js';
import type { Io } from './io.js';

/** Validation warnings go to stderr, one line each. */
export function printWarnings(io: Io, warnings: readonly Diagnostic[]): void {
  for (const w of warnings) io.err(`warning: ${visible(formatDiagnostic(w))}\n`);
}
