import { formatDiagnostic } from '../../core/config/diagnostic.js';
import { visible } from '../render/outside-text.js';
/** Validation warnings go to stderr, one line each. */
export function printWarnings(io, warnings) {
    for (const w of warnings)
        io.err(`warning: ${visible(formatDiagnostic(w))}\n`);
}
