import { Command, InvalidArgumentError, Option } from './commander.js';
import { numberIn } from './numbers.js';
import { addColorOption, addFileOption, addFormatOptions, addTargetOptions } from './flags.js';
import { addLockOptions } from './lock-flags.js';
import { addUnlockCommand } from './unlock-flags.js';
import { DEFAULT_MAX_DELETE, DEFAULT_MAX_MEMBER_REMOVALS, DEFAULT_MAX_ROLE_CHANGES } from '../../run/apply/limits.js';
import { ACCOUNT_ID, POLICY_COMMANDS } from '../../edge/iam/commands.js';
import { VERSION } from './version.js';
/** The command tree; each action stores its exit code in `result.code`. */
export function buildProgram(io, result) {
    const program = new Command('cognito-groups')
        .description('Manage Amazon Cognito user-pool groups as code: validate, plan, apply and import a YAML file of groups.')
        .version(VERSION, '--version', 'print the version')
        .helpOption('-h, --help', 'show help')
        .showHelpAfterError('(run with --help for usage)')
        // Set before the commands are added, which copy it: a bad option of any command is an error the
        // entry reports, never a process.exit from inside the parser.
        .exitOverride()
        .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
        .addHelpText('after', '\nExit codes: 0 success (no changes / in sync), 1 error, 2 changes pending (plan --detailed-exitcode) or drift (drift), 129/130/143 interrupted (SIGHUP/SIGINT/SIGTERM), 141 the output went away.\nDocs: README.md');
    const run = (fn) => async (flags) => {
        result.code = await fn(io, flags);
    };
    addFileOption(program.command('validate').description('check a groups file offline (no AWS calls); exit 0 valid, 1 invalid'))
        .action(run(async (io, flags) => (await import('./commands/validate.js')).validateCommand(io, flags)));
    addFormatOptions(addColorOption(addTargetOptions(addFileOption(program.command('plan').description('list the pools and show what apply would change (read-only)')))
        .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
        .option('--out <planfile>', 'also save the plan as JSON, for `apply PLANFILE` to apply exactly this plan')
        .option('--drop-members', "plan replaces that drop the groups' members instead of keeping them")
        .option('--attribution', 'also read CloudTrail for who made the differences the plan reverts (needs cloudtrail:LookupEvents)')
        .option('--no-access-check', "do not read whose token claims the changes alter (apply then needs --allow-role-changes for a plan that can alter them)")
        .option('--no-credentials-check', 'do not read identity pools or IAM roles (which AWS role each user gets, and whether the roles exist)'))).action(run(async (io, flags) => (await import('./commands/plan.js')).planCommand(io, flags)));
    const applyCmd = addFormatOptions(addColorOption(addTargetOptions(addFileOption(program
        .command('apply')
        .description('apply a saved plan exactly (or refuse a stale one); without one, plan from the file, ask for approval, then apply')
        .argument('[planfile]', 'a plan saved with `plan --out`; applied without planning again and without asking (with -f, first checked to follow from that groups file)')))
        .option('--auto-approve', 'apply without asking (needed when there is no terminal)')
        .option('--allow-replace', 'allow replacing groups (deleted and created again; their members are kept unless --drop-members)')
        .option('--drop-members', "replaces drop the groups' members instead of keeping them (with a saved plan: only if it was made so)")
        .option('--allow-delete', 'allow deleting groups the file does not list (pools with unmanagedGroups: delete)')
        .addOption(new Option('--max-delete <n>', 'refuse a plan that deletes or replaces more groups than this').default(DEFAULT_MAX_DELETE).argParser(numberIn(COUNT)))
        .option('--allow-member-removals', 'allow removing members from groups with an exact `members:` list')
        .addOption(new Option('--max-member-removals <n>', 'refuse a plan that removes more members than this in all').default(DEFAULT_MAX_MEMBER_REMOVALS).argParser(numberIn(COUNT)))
        .option('--allow-role-changes', 'allow a plan that changes more preferred roles than --max-role-changes, gives users a sensitive role, or was not access-checked')
        .addOption(new Option('--max-role-changes <n>', "refuse a plan that changes more users' cognito:preferred_role than this, unless --allow-role-changes").default(DEFAULT_MAX_ROLE_CHANGES).argParser(numberIn(COUNT)))
        .option('--no-access-check', 'without a plan file: do not read whose token claims the changes alter (then --allow-role-changes is needed for a plan that can alter them)')
        .option('--no-credentials-check', 'without a plan file: do not read identity pools or IAM roles (which AWS role each user gets, and whether the roles exist)')));
    addLockOptions(applyCmd);
    applyCmd.action(async (planFile, flags) => {
        // With a saved plan, -f names the groups file to check the plan against (only when given).
        const groupsFile = planFile !== undefined && applyCmd.getOptionValueSource('file') === 'cli' ? flags.file : undefined;
        result.code = await (await import('./commands/apply.js')).applyCommand(io, planFile, flags, groupsFile);
    });
    addFormatOptions(addColorOption(program.command('show').description('print a saved plan (offline)').argument('<planfile>', 'a plan saved with `plan --out`'))).action(async (planFile, flags) => {
        result.code = await (await import('./commands/show.js')).showCommand(io, planFile, flags);
    });
    addFormatOptions(addColorOption(addTargetOptions(addFileOption(program.command('drift').description('report how the pools differ from the file (read-only); exit 0 in sync, 2 drift, 1 error')).option('--no-attribution', 'do not read CloudTrail for who made each difference (needs no cloudtrail:LookupEvents)')
        .option('--no-credentials-check', 'do not read identity pools or IAM roles (which AWS role each user gets, and whether the roles exist)')))).action(run(async (io, flags) => (await import('./commands/drift.js')).driftCommand(io, flags)));
    addTargetOptions(program
        .command('import')
        .description("print a groups file for pools' current groups, so adopting them starts from a plan with no changes (read-only)")
        .option('--user-pool-id <id>', 'user pool to import (repeat for several); ENV=ID or ENV:KEY=ID writes a whole file with environments', collect, [])
        .option('-f, --file <file>', "import the pools an existing groups file's environments name (instead of --user-pool-id)")
        .option('--env <name>', 'with -f: an environment of the file to import (repeat for several; default: every one)', collect)
        .option('--with-members', "also write each group's members as an exact `members:` list")
        .option('--region <region>', 'region of the pools (default: the part of the id before "_"); ENV=REGION for one environment', collect)
        .option('--account <env=id>', "with environments: an environment's AWS account (checked; default: asked of its credentials)", collect)
        .option('--env-endpoint-url <env=url>', "with environments: an environment's endpoint (default: --endpoint-url)", collect)
        .option('--env-profile <env=name>', "with environments: an environment's AWS profile (default: --profile)", collect)).action(run(async (io, flags) => (await import('./commands/import.js')).importCommand(io, flags)));
    addFileOption(program
        .command('iam-policy')
        .description('print the least IAM identity policy a command needs for the groups file (JSON, offline)')
        .addOption(new Option('--for <command>', 'the command the policy is for').choices(POLICY_COMMANDS).makeOptionMandatory())
        .addOption(new Option('--account <id>', 'the 12-digit AWS account id of the pools (default: AWS_ACCOUNT_ID, else any account: *)').argParser(accountId))
        .option('--attribution', 'with --for plan: add cloudtrail:LookupEvents, for plan --attribution')
        .option('--no-attribution', 'with --for drift: leave out cloudtrail:LookupEvents, for drift --no-attribution')).action(run(async (io, flags) => (await import('./commands/iam-policy.js')).iamPolicyCommand(io, flags)));
    addUnlockCommand(program, io, result);
    program
        .command('emulator')
        .description('run the local Cognito emulator (groups, users and memberships, STS GetCallerIdentity, CloudTrail LookupEvents of its writes; for the AWS CLI or your own tests) until Ctrl-C')
        .addOption(new Option('--port <n>', 'port on 127.0.0.1; 0 picks a free one').default(9329).argParser(numberIn({ min: 0, max: 65535, whole: true })))
        .option('--state <file>', 'keep state in this JSON file (default: in memory)')
        .option('--pool <id>', 'create a user pool with this id at start (repeat for several)', collect)
        .option('--no-quotas', 'do not enforce the Cognito request-rate quotas')
        .addOption(new Option('--quota-scale <x>', 'multiply every quota rate by this factor').default(1).argParser(numberIn({ min: 0, above: true })))
        .addOption(new Option('--error-rate <p>', 'probability (0..1) of answering InternalErrorException').default(0).argParser(numberIn({ min: 0, max: 1, example: '0.05' })))
        .addOption(new Option('--latency-ms <ms>', 'added latency per request').default(0).argParser(numberIn({ min: 0 })))
        .addOption(new Option('--users <n>', 'seed n users named user-00001, user-00002, ... into every --pool (0 to 1000000; users already there are kept)')
        .default(0)
        .argParser(numberIn({ min: 0, max: 1_000_000, whole: true })))
        .addOption(new Option('--account <id>', 'the 12-digit AWS account id in the ARNs the emulator makes and in STS GetCallerIdentity')
        .default('000000000000')
        .argParser(accountId))
        .option('--policy <file>', 'enforce this IAM identity policy (JSON: Effect, Action, Resource) on every Cognito request')
        .action(run(async (io, flags) => (await import('./commands/emulator.js')).emulatorCommand(io, flags)));
    return program;
}
function accountId(value) {
    if (!ACCOUNT_ID.test(value))
        throw new InvalidArgumentError('expected 12 digits, such as 123456789012');
    return value;
}
function collect(value, previous) {
    return [...(previous ?? []), value];
}
/** How many: a whole number of 0 or more. */
const COUNT = { min: 0, whole: true };
