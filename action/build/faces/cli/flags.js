import { Option } from './commander.js';
import { numberIn } from './numbers.js';
import { MAX_RPS_RANGE } from '../../core/config/model.js';
/** Options every command that talks to Cognito takes. */
export function addTargetOptions(cmd) {
    return cmd
        .option('--local', 'run against the embedded local Cognito emulator (state in .cognito-groups/local.json); no AWS account needed')
        .option('--profile <name>', 'AWS profile from the shared config files (default: AWS_PROFILE or the default chain)')
        .option('--endpoint-url <url>', 'send requests to this endpoint instead of AWS (AWS_ENDPOINT_URL works too)')
        .addOption(new Option('--max-rps <n>', 'at most this many requests per second for the whole run (default: Cognito quotas; also settings.maxRps)').argParser(numberIn({ ...MAX_RPS_RANGE, note: 'the same range as settings.maxRps', example: '5 or 0.5' })))
        .addOption(new Option('--request-timeout <seconds>', 'give up waiting for an answer after this long, then retry (default 10)').argParser(numberIn({ min: 0.001, max: MAX_TIMEOUT_SECONDS, noun: 'seconds', example: '10 or 2.5' })))
        .option('--no-progress', 'do not show progress on stderr');
}
/** The -f option with its default, and --env for a file with environments. */
export function addFileOption(cmd) {
    // validate checks every environment of a file when --env is left out; every other command needs one.
    const env = cmd.name() === 'validate' ? "check only this environment of the file (default: every environment)" : "the file's environment to use (required when the file has `environments:`)";
    return cmd.option('-f, --file <file>', 'groups file', 'groups.yaml').option('--env <name>', env);
}
/** --format and --github-step-summary (their meaning is in views/output.ts, loaded when a command runs). */
export function addFormatOptions(cmd) {
    return cmd
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
        .option('--github-step-summary', 'also append the Markdown report to $GITHUB_STEP_SUMMARY (GitHub Actions)');
}
/** --no-color, on every command that prints. */
export function addColorOption(cmd) {
    return cmd.option('--no-color', 'no colours even on a terminal (NO_COLOR is respected too)');
}
/** Node's timers hold at most 2^31-1 ms (longer ones fire at once), and 0 ms would mean no timeout at all. */
const MAX_TIMEOUT_SECONDS = 2_147_483;
