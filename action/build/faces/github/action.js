#!/usr/bin/env node
// The action's entry (action.yml runs `node action/build/faces/github/action.js`, the committed build): the
// CLI it wraps is the one built next to it in the action's own checkout, never a package fetched by name.
import { fileURLToPath } from 'node:url';
import { runAction } from './run-action.js';
runAction({
    env: process.env,
    cliPath: fileURLToPath(new URL('../cli/main.js', import.meta.url)),
    cwd: process.cwd(),
    log: { out: (text) => void process.stdout.write(text), err: (text) => void process.stderr.write(text) },
}).then((code) => {
    process.exitCode = code;
}, (err) => {
    process.stderr.write(`::error::internal error in the cognito-groups action: ${String(err)}\n`);
    process.exitCode = 1;
});
