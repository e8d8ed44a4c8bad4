import { readConfigFile } from '../../config/read.js';
import { CgError } from '../../errors.js';
import { ACCOUNT_ID, ANY_ACCOUNT, policyDocument } from '../../iam/document.js';
import { needsOf, type PolicyCommand } from '../../iam/needs.js';
import { toJson } from '../../render/json.js';
import type { Io } from '../io.js';

/** Options of `iam-policy`. */
export interface IamPolicyFlags {
  for: PolicyCommand;
  file: string;
  /** 12 digits, checked by the parser. */
  account?: string;
}

/** Prints the least IAM identity policy `--for` needs for the groups file, as JSON. Offline. */
export async function iamPolicyCommand(io: Io, flags: IamPolicyFlags): Promise<number> {
  const loaded = await readConfigFile(flags.file, io.cwd);
  const account = accountOf(io, flags.account);
  io.out(toJson(policyDocument(needsOf(loaded.config, flags.for), account)));
  return 0;
}

/** --account, else AWS_ACCOUNT_ID, else any account (said on stderr). */
function accountOf(io: Io, flag: string | undefined): string {
  if (flag !== undefined) return flag;
  const env = io.env.AWS_ACCOUNT_ID?.trim();
  if (env !== undefined && env !== '') {
    if (!ACCOUNT_ID.test(env)) throw new CgError('USAGE', `AWS_ACCOUNT_ID ${JSON.stringify(env)}: expected 12 digits, such as 123456789012 (or pass --account)`);
    return env;
  }
  io.err('note: no --account and no AWS_ACCOUNT_ID: the pool ARNs name any account (*); pass --account 123456789012 to scope them to yours\n');
  return ANY_ACCOUNT;
}
