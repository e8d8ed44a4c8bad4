#!/usr/bin/env node
import { main } from './entry.js';

// The SDK warns on Node 20 about SDK releases after January 2027; this tool pins its SDK version in
// package-lock.json and supports Node 20, so the warning says nothing actionable to its users.
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
