// What the command line needs of the IAM policy command before it runs: the commands a policy is made
// for and the form of an account id. Its own small module, so the start of every command (which
// builds the option list) loads nothing else of src/edge/iam/. Pure.
/** Every command a policy can be made for. */
export const POLICY_COMMANDS = ['plan', 'apply', 'drift'];
/** An AWS account id: 12 digits. */
export const ACCOUNT_ID = /^[0-9]{12}$/;
