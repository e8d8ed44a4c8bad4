#!/usr/bin/env node
import { main } from './entry.js';

// The SDK warns on Node 20 about SDK releases after January 2027. Node 20 is below this tool's engines
// (>=22), where npm already warns, yet it still runs the tool (CI runs the suite on it too): the
// SDK's warning would add nothing actionable about this tool.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
