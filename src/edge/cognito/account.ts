// Whose credentials these are: STS GetCallerIdentity through the AWS SDK, with the same profile,
// credentials and endpoint as the Cognito calls, so a run for an environment can refuse another
// account's credentials before it reads anything.
import { CgError, messageOf } from '../../core/errors.js';
import { clientConfig } from './client-config.js';
import type { SdkOptions } from './sdk-api.js';

/** The narrow port to the caller's identity. */
export interface AccountApi {
  /** The 12-digit account id the credentials belong to (asked in `region`). */
  callerAccount(region: string): Promise<string>;
}

/** The account port implemented with the AWS SDK's STS client (one attempt; the run fails clearly rather than guess). */
export class SdkAccountApi implements AccountApi {
  constructor(private readonly options: SdkOptions = {}) {}

  async callerAccount(region: string): Promise<string> {
    // Loaded only when an environment names an account: most runs never ask.
    const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
    // AWS_ENDPOINT_URL_STS is read by the SDK itself.
    const client = new STSClient(clientConfig(this.options, region, { maxAttempts: 2 }));
    try {
      const out = await client.send(new GetCallerIdentityCommand({}), this.options.signal === undefined ? {} : { abortSignal: this.options.signal });
      if (typeof out.Account !== 'string' || !/^[0-9]{12}$/.test(out.Account)) {
        throw new CgError('AWS_BAD_RESPONSE', `STS GetCallerIdentity answered without a 12-digit account id (${JSON.stringify(out.Account ?? null)}); the account cannot be checked`);
      }
      return out.Account;
    } catch (err) {
      if (err instanceof CgError) throw err;
      throw accountError(err);
    } finally {
      client.destroy();
    }
  }
}

function accountError(err: unknown): CgError {
  const name = err instanceof Error ? err.name : 'Error';
  const message = messageOf(err).split('\n')[0] ?? '';
  const where = 'STS GetCallerIdentity (checking which account the credentials are for)';
  if (name === 'CredentialsProviderError') return new CgError('AWS_CREDENTIALS', `${where}: no AWS credentials found (${message}); set AWS_PROFILE or --profile, run \`aws sso login\`, or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`);
  if (/InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch|UnrecognizedClient|AccessDenied/.test(name)) {
    return new CgError('AWS_CREDENTIALS', `${where}: the AWS credentials were rejected (${name}: ${message}); refresh them or pick another --profile`);
  }
  return new CgError('AWS_UNAVAILABLE', `${where} failed (${name}: ${message}); the environment's account cannot be checked, so nothing was read or changed`);
}
