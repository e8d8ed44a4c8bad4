import { InvalidArgumentError, Option, type Command } from 'commander';

/** Options every command that talks to Cognito takes. */
export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--local', 'run against the embedded local Cognito emulator (state in .cognito-groups/local.json); no AWS account needed')
    .option('--profile <name>', 'AWS profile from the shared config files (default: AWS_PROFILE or the default chain)')
    .option('--endpoint-url <url>', 'send requests to this endpoint instead of AWS (AWS_ENDPOINT_URL works too)')
    .addOption(new Option('--max-rps <n>', 'at most this many requests per second for the whole run (default: Cognito quotas; also settings.maxRps)').argParser(positiveNumber))
    .addOption(new Option('--request-timeout <seconds>', 'give up waiting for an answer after this long, then retry (default 10)').argParser(positiveNumber))
    .option('--no-progress', 'do not show progress on stderr');
}

/** The -f option with its default, and --env for a file with environments. */
export function addFileOption(cmd: Command): Command {
  return cmd.option('-f, --file <file>', 'groups file', 'groups.yaml').option('--env <name>', "the file's environment to use (required when the file has `environments:`)");
}

/** --no-color, on every command that prints. */
export function addColorOption(cmd: Command): Command {
  return cmd.option('--no-color', 'no colours even on a terminal (NO_COLOR is respected too)');
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0, such as 5 or 0.5');
  return n;
}
