// commander, loaded with require: it is a CommonJS package, and importing it as ESM makes Node scan
// its source for named exports on every start (about a twentieth of `--help`'s time). Same classes.
import { createRequire } from 'node:module';
const commander = createRequire(import.meta.url)('commander');
export const { Command, InvalidArgumentError, Option } = commander;
