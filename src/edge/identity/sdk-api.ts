// The credentials port with the AWS SDK v3: @aws-sdk/client-cognito-identity for identity pools and
// @aws-sdk/client-iam for roles, reached the way the Cognito calls are (profile, credentials, endpoint,
// timeouts), one attempt each (the pacing layer retries). Loaded only when a run checks credentials.
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { IAMClient } from '@aws-sdk/client-iam';
import { CgError, messageOf } from '../../core/errors.js';
import { clientConfig } from '../cognito/client-config.js';
import type { SdkOptions } from '../cognito/sdk-api.js';
import { identityPoolOf, identityPoolPageOf, identityPoolRolesOf, roleOf } from './answers.js';
import type { CredentialOperation, CredentialsApi, IdentityPoolDescription, IdentityPoolPage, IdentityPoolRoleSettings, RoleDescription } from './port.js';

/** The largest page ListIdentityPools allows. */
const PAGE_SIZE = 60;

type IdentityModule = typeof import('@aws-sdk/client-cognito-identity');
type IamModule = typeof import('@aws-sdk/client-iam');

/** The port with the SDK clients, one per region (IAM: one). */
export class SdkCredentialsApi implements CredentialsApi {
  private readonly identityClients = new Map<string, CognitoIdentityClient>();
  private iamClient: IAMClient | undefined;
  private identityModule: IdentityModule | undefined;
  private iamModule: IamModule | undefined;
  constructor(private readonly options: SdkOptions = {}) {}

  async listIdentityPoolsPage(region: string, nextToken?: string): Promise<IdentityPoolPage> {
    const m = await this.identity();
    const out = await this.call('ListIdentityPools', region, undefined, (signal) =>
      this.identityClient(m, region).send(new m.ListIdentityPoolsCommand({ MaxResults: PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }), { abortSignal: signal }),
    );
    return identityPoolPageOf(out as unknown as Record<string, unknown>, `ListIdentityPools (${region})`);
  }

  async describeIdentityPool(region: string, id: string): Promise<IdentityPoolDescription | undefined> {
    const m = await this.identity();
    const out = await this.call('DescribeIdentityPool', region, id, (signal) => this.identityClient(m, region).send(new m.DescribeIdentityPoolCommand({ IdentityPoolId: id }), { abortSignal: signal }));
    return out === undefined ? undefined : identityPoolOf(out as unknown as Record<string, unknown>, `DescribeIdentityPool ${id}`);
  }

  async getIdentityPoolRoles(region: string, id: string): Promise<IdentityPoolRoleSettings | undefined> {
    const m = await this.identity();
    const out = await this.call('GetIdentityPoolRoles', region, id, (signal) => this.identityClient(m, region).send(new m.GetIdentityPoolRolesCommand({ IdentityPoolId: id }), { abortSignal: signal }));
    return out === undefined ? undefined : identityPoolRolesOf(out as unknown as Record<string, unknown>, `GetIdentityPoolRoles ${id}`);
  }

  async getRole(region: string, roleName: string): Promise<RoleDescription | undefined> {
    this.iamModule ??= await import('@aws-sdk/client-iam');
    const m = this.iamModule;
    this.iamClient ??= new m.IAMClient(clientConfig(this.options, region));
    const client = this.iamClient;
    const out = await this.call('GetRole', region, roleName, (signal) => client.send(new m.GetRoleCommand({ RoleName: roleName }), { abortSignal: signal }));
    return out === undefined ? undefined : roleOf(out.Role as unknown as Record<string, unknown> | undefined, `GetRole ${roleName}`);
  }

  /** Closes the HTTP connections of every client made. */
  destroy(): void {
    for (const c of this.identityClients.values()) c.destroy();
    this.identityClients.clear();
    this.iamClient?.destroy();
    this.iamClient = undefined;
  }

  private async identity(): Promise<IdentityModule> {
    this.identityModule ??= await import('@aws-sdk/client-cognito-identity');
    return this.identityModule;
  }

  private identityClient(m: IdentityModule, region: string): CognitoIdentityClient {
    let c = this.identityClients.get(region);
    if (c === undefined) {
      c = new m.CognitoIdentityClient(clientConfig(this.options, region));
      this.identityClients.set(region, c);
    }
    return c;
  }


  /** One call; a missing identity pool or role is undefined, anything else a CgError naming the call. */
  private async call<T>(op: CredentialOperation, region: string, subject: string | undefined, send: (signal: AbortSignal | undefined) => Promise<T>): Promise<T | undefined> {
    try {
      return await send(this.options.signal);
    } catch (err) {
      const name = err instanceof Error ? err.name : 'Error';
      if (name === 'ResourceNotFoundException' || name === 'NoSuchEntityException' || name === 'NoSuchEntity') return undefined;
      throw credentialCallError(op, region, subject, err);
    }
  }
}

/** A failed credentials read as the project's error: denied, throttled, unavailable, or another failure. */
export function credentialCallError(op: CredentialOperation, region: string, subject: string | undefined, err: unknown): CgError {
  const name = err instanceof Error ? err.name : 'Error';
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const message = (messageOf(err).split('\n')[0] ?? '').trim();
  const service = op === 'GetRole' ? 'iam' : 'cognito-identity';
  const where = `${op}${subject === undefined ? '' : ` ${subject}`} (${op === 'GetRole' ? 'IAM' : region})`;
  const said = message === '' ? name : `${name}: ${message}`;
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'NotAuthorizedException' || status === 403) {
    return new CgError('AWS_ACCESS_DENIED', `${where}: access denied (${said}); grant ${service}:${op} to check this`, { operation: op });
  }
  if (name === 'TooManyRequestsException' || name === 'Throttling' || name === 'ThrottlingException') return new CgError('AWS_THROTTLED', `${where} was throttled (${said})`, { operation: op });
  if (name === 'CredentialsProviderError') return new CgError('AWS_CREDENTIALS', `${where}: no AWS credentials found (${message})`, { operation: op });
  if (/UnrecognizedClient|InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch/.test(name)) return new CgError('AWS_CREDENTIALS', `${where}: the AWS credentials were rejected (${said})`, { operation: op });
  const errno = (err as { code?: unknown }).code;
  if ((typeof errno === 'string' && /^E[A-Z]+$|^UND_ERR/.test(errno)) || (status !== undefined && status >= 500) || name === 'TimeoutError' || name === 'InternalErrorException' || name === 'ServiceFailure' || /ECONN|EPIPE|socket/i.test(`${name} ${message}`)) {
    return new CgError('AWS_UNAVAILABLE', `${where} failed: ${said}`, { operation: op });
  }
  return new CgError('AWS_ERROR', `${where} failed: ${said}`, { operation: op });
}
