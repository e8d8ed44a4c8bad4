#!/usr/bin/env node
import nodeModule from 'node:module';
// Node 22.1 and later keep the compiled code of the modules between runs (in the OS temp folder;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): the second start of any command loads its code faster.
nodeModule.enableCompileCache?.();
// The SDK warns on Node 20 about SDK releases after January 2027; this tool pins its SDK version in
// package-lock.json, so the warning says nothing actionable to its users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') {
    // What the command tree prints for --version, without loading it: scripts call this often. A reader
    // that went away (EPIPE) ends the run quietly, as for every other command; any other write error
    // is one line and exit 1.
    const { VERSION } = await import('./version.js');
    process.stdout.on('error', (err) => {
        if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED')
            return;
        process.stderr.write(`error: cannot write the version to standard output (${err.code ?? err.message})\n`);
        process.exitCode = 1;
    });
    process.stdout.write(`${VERSION}\n`);
}
else {
    const { main } = await import('./entry.js');
    main(args).then((code) => {
        process.exitCode = code;
    }, (err) => {
        process.stderr.write(`internal error: ${String(err)}\n`);
        process.exitCode = 1;
    });
}
