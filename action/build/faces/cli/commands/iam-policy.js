import { readConfigFile } from '../../../edge/files/read-config.js';
import { CgError } from '../../../core/errors.js';
import { ACCOUNT_ID, ANY_ACCOUNT, policyDocument } from '../../../edge/iam/document.js';
import { needsOf } from '../../../edge/iam/needs.js';
import { toJson } from '../../render/json.js';
/** Prints the least IAM identity policy `--for` needs for the groups file, as JSON. Offline. */
export async function iamPolicyCommand(io, flags) {
    if (flags.attribution === false && flags.for !== 'drift')
        throw new CgError('USAGE', `--no-attribution is for --for drift (plan reads CloudTrail only with --attribution, apply never); leave it out for --for ${flags.for}`);
    if (flags.attribution === true && flags.for !== 'plan')
        throw new CgError('USAGE', `--attribution is for --for plan (drift reads CloudTrail unless --no-attribution, apply never); leave it out for --for ${flags.for}`);
    const loaded = await readConfigFile(flags.file, io.cwd, flags.env === undefined ? {} : { env: flags.env });
    const account = accountOf(io, flags.account, loaded.config.environment);
    io.out(toJson(policyDocument(needsOf(loaded.config, flags.for, flags.attribution === undefined ? {} : { attribution: flags.attribution }), account)));
    return 0;
}
/**
 * --account, else the account the environment names, else AWS_ACCOUNT_ID, else any account (said on
 * stderr). An --account other than the environment's is refused: its pools are not in that account.
 */
function accountOf(io, flag, environment) {
    const named = environment?.account;
    if (flag !== undefined && named !== undefined && flag !== named) {
        throw new CgError('USAGE', `--account ${flag}: environment ${environment?.name ?? ''} names account ${named}, where its pools are; leave --account out or pass that one`);
    }
    if (flag !== undefined)
        return flag;
    if (named !== undefined)
        return named;
    const env = io.env.AWS_ACCOUNT_ID?.trim();
    if (env !== undefined && env !== '') {
        if (!ACCOUNT_ID.test(env))
            throw new CgError('USAGE', `AWS_ACCOUNT_ID ${JSON.stringify(env)}: expected 12 digits, such as 123456789012 (or pass --account)`);
        return env;
    }
    io.err('note: no --account and no AWS_ACCOUNT_ID: the pool ARNs name any account (*); pass --account 123456789012 to scope them to yours\n');
    return ANY_ACCOUNT;
}
