import { CgError, messageOf } from '../../core/errors.js';
import { clientConfig } from '../cognito/client-config.js';
import { identityPoolOf, identityPoolPageOf, identityPoolRolesOf, roleOf } from './answers.js';
/** The largest page ListIdentityPools allows. */
const PAGE_SIZE = 60;
/** The port with the SDK clients, one per region (IAM: one). */
export class SdkCredentialsApi {
    options;
    identityClients = new Map();
    iamClient;
    identityModule;
    iamModule;
    constructor(options = {}) {
        this.options = options;
    }
    async listIdentityPoolsPage(region, nextToken) {
        const m = await this.identity();
        const out = await this.call('ListIdentityPools', region, undefined, (signal) => this.identityClient(m, region).send(new m.ListIdentityPoolsCommand({ MaxResults: PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }), { abortSignal: signal }));
        return identityPoolPageOf(out, `ListIdentityPools (${region})`);
    }
    async describeIdentityPool(region, id) {
        const m = await this.identity();
        const out = await this.call('DescribeIdentityPool', region, id, (signal) => this.identityClient(m, region).send(new m.DescribeIdentityPoolCommand({ IdentityPoolId: id }), { abortSignal: signal }));
        return out === undefined ? undefined : identityPoolOf(out, `DescribeIdentityPool ${id}`);
    }
    async getIdentityPoolRoles(region, id) {
        const m = await this.identity();
        const out = await this.call('GetIdentityPoolRoles', region, id, (signal) => this.identityClient(m, region).send(new m.GetIdentityPoolRolesCommand({ IdentityPoolId: id }), { abortSignal: signal }));
        return out === undefined ? undefined : identityPoolRolesOf(out, `GetIdentityPoolRoles ${id}`);
    }
    async getRole(region, roleName) {
        this.iamModule ??= await import('@aws-sdk/client-iam');
        const m = this.iamModule;
        this.iamClient ??= new m.IAMClient(clientConfig(this.options, region));
        const client = this.iamClient;
        const out = await this.call('GetRole', region, roleName, (signal) => client.send(new m.GetRoleCommand({ RoleName: roleName }), { abortSignal: signal }));
        return out === undefined ? undefined : roleOf(out.Role, `GetRole ${roleName}`);
    }
    /** Closes the HTTP connections of every client made. */
    destroy() {
        for (const c of this.identityClients.values())
            c.destroy();
        this.identityClients.clear();
        this.iamClient?.destroy();
        this.iamClient = undefined;
    }
    async identity() {
        this.identityModule ??= await import('@aws-sdk/client-cognito-identity');
        return this.identityModule;
    }
    identityClient(m, region) {
        let c = this.identityClients.get(region);
        if (c === undefined) {
            c = new m.CognitoIdentityClient(clientConfig(this.options, region));
            this.identityClients.set(region, c);
        }
        return c;
    }
    /** One call; a missing identity pool or role is undefined, anything else a CgError naming the call. */
    async call(op, region, subject, send) {
        try {
            return await send(this.options.signal);
        }
        catch (err) {
            const name = err instanceof Error ? err.name : 'Error';
            if (name === 'ResourceNotFoundException' || name === 'NoSuchEntityException' || name === 'NoSuchEntity')
                return undefined;
            throw credentialCallError(op, region, subject, err);
        }
    }
}
/** A failed credentials read as the project's error: denied, throttled, unavailable, or another failure. */
export function credentialCallError(op, region, subject, err) {
    const name = err instanceof Error ? err.name : 'Error';
    const status = err.$metadata?.httpStatusCode;
    const message = (messageOf(err).split('\n')[0] ?? '').trim();
    const service = op === 'GetRole' ? 'iam' : 'cognito-identity';
    const where = `${op}${subject === undefined ? '' : ` ${subject}`} (${op === 'GetRole' ? 'IAM' : region})`;
    const said = message === '' ? name : `${name}: ${message}`;
    if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'NotAuthorizedException' || status === 403) {
        return new CgError('AWS_ACCESS_DENIED', `${where}: access denied (${said}); grant ${service}:${op} to check this`, { operation: op });
    }
    if (name === 'TooManyRequestsException' || name === 'Throttling' || name === 'ThrottlingException')
        return new CgError('AWS_THROTTLED', `${where} was throttled (${said})`, { operation: op });
    if (name === 'CredentialsProviderError')
        return new CgError('AWS_CREDENTIALS', `${where}: no AWS credentials found (${message})`, { operation: op });
    if (/UnrecognizedClient|InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch/.test(name))
        return new CgError('AWS_CREDENTIALS', `${where}: the AWS credentials were rejected (${said})`, { operation: op });
    const errno = err.code;
    if ((typeof errno === 'string' && /^E[A-Z]+$|^UND_ERR/.test(errno)) || (status !== undefined && status >= 500) || name === 'TimeoutError' || name === 'InternalErrorException' || name === 'ServiceFailure' || /ECONN|EPIPE|socket/i.test(`${name} ${message}`)) {
        return new CgError('AWS_UNAVAILABLE', `${where} failed: ${said}`, { operation: op });
    }
    return new CgError('AWS_ERROR', `${where} failed: ${said}`, { operation: op });
}
