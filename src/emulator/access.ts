// Simulated IAM: access keys the service does not recognise, and denied (key, operation, pool) triples.
import { callerArn, errorReply, type Reply } from './wire.js';

/** A request matching every field that is set is denied with AccessDeniedException. */
export interface DenyRule {
  accessKeyId?: string;
  operation?: string;
  userPoolId?: string;
}

/** Which requests the simulated IAM refuses. */
export interface AccessOptions {
  /** Requests matching a rule get AccessDeniedException. */
  deny?: DenyRule[];
  /** Requests signed with these access key ids get UnrecognizedClientException. */
  rejectAccessKeyIds?: string[];
}

export class AccessPolicy {
  private deny: readonly DenyRule[] = [];
  private rejected: ReadonlySet<string> = new Set();

  constructor(
    options: AccessOptions,
    private readonly account: string,
  ) {
    this.configure(options);
  }

  configure(options: AccessOptions): void {
    this.deny = (options.deny ?? []).map((r) => ({ ...r }));
    this.rejected = new Set(options.rejectAccessKeyIds ?? []);
  }

  isRejected(accessKeyId: string | undefined): boolean {
    return accessKeyId !== undefined && this.rejected.has(accessKeyId);
  }

  /** UnrecognizedClientException for a rejected key; checked before the body is read, as AWS checks the signature first. */
  authenticate(accessKeyId: string | undefined): Reply | undefined {
    if (this.isRejected(accessKeyId)) {
      return errorReply('UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    return undefined;
  }

  /** AccessDeniedException with an IAM-style message when a deny rule matches. */
  authorize(req: { accessKeyId: string | undefined; operation: string; userPoolId: string | undefined; region: string }): Reply | undefined {
    const hit = this.deny.some(
      (r) =>
        (r.accessKeyId === undefined || r.accessKeyId === req.accessKeyId) &&
        (r.operation === undefined || r.operation === req.operation) &&
        (r.userPoolId === undefined || r.userPoolId === req.userPoolId),
    );
    if (!hit) return undefined;
    const user = callerArn(this.account, req.accessKeyId);
    const resource = `arn:aws:cognito-idp:${req.region}:${this.account}:userpool/${req.userPoolId ?? '*'}`;
    return errorReply('AccessDeniedException', `User: ${user} is not authorized to perform: cognito-idp:${req.operation} on resource: ${resource}`);
  }
}
