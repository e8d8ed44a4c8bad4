// Simulated IAM: access keys the service does not recognise, denied (key, operation, pool) triples,
// and an identity policy every caller is held to.
import { usage } from './misuse.js';
import { IdentityPolicy } from './policy.js';
import { checkString, ROLE_ARN } from './validation.js';
import { callerArn, errorReply, poolArn } from './wire.js';
/** Problems with a policy document, empty when the emulator can enforce it. */
export function checkPolicyDocument(doc) {
    const checked = IdentityPolicy.check(doc);
    return checked.ok ? [] : checked.problems;
}
function loadPolicy(doc) {
    if (doc === undefined)
        return undefined;
    const checked = IdentityPolicy.check(doc);
    if (!checked.ok)
        throw usage('invalid IAM policy', checked.problems);
    return checked.policy;
}
/** Operations that act on no pool; IAM knows them by the resource `*`. */
const ACCOUNT_OPERATIONS = new Set(['CreateUserPool', 'ListUserPools']);
/** The simulated IAM of one emulator: who is rejected, which requests are denied. */
export class AccessPolicy {
    account;
    deny = [];
    rejected = new Set();
    policy;
    constructor(options, account) {
        this.account = account;
        this.configure(options);
    }
    /** Replaces everything; a bad policy is a CgError('USAGE') and changes nothing. */
    configure(options) {
        const policy = loadPolicy(options.policy);
        this.deny = (options.deny ?? []).map((r) => ({ ...r }));
        this.rejected = new Set(options.rejectAccessKeyIds ?? []);
        this.policy = policy;
    }
    /** Replaces the policy only (undefined removes it); a bad policy is a CgError('USAGE') and changes nothing. */
    setPolicy(policy) {
        this.policy = loadPolicy(policy);
    }
    isRejected(accessKeyId) {
        return accessKeyId !== undefined && this.rejected.has(accessKeyId);
    }
    /** UnrecognizedClientException for a rejected key; checked before the body is read, as AWS checks the signature first. */
    authenticate(accessKeyId) {
        if (this.isRejected(accessKeyId)) {
            return errorReply('UnrecognizedClientException', 'The security token included in the request is invalid.');
        }
        return undefined;
    }
    /** AccessDeniedException with an IAM-style message when a deny rule matches or the policy does not allow the request. */
    authorize(req) {
        const user = callerArn(this.account, req.accessKeyId);
        const hit = this.deny.some((r) => (r.accessKeyId === undefined || r.accessKeyId === req.accessKeyId) &&
            (r.operation === undefined || r.operation === req.operation) &&
            (r.userPoolId === undefined || r.userPoolId === req.userPoolId));
        if (hit) {
            const resource = `arn:aws:cognito-idp:${req.region}:${this.account}:userpool/${req.userPoolId ?? '*'}`;
            return errorReply('AccessDeniedException', `User: ${user} is not authorized to perform: cognito-idp:${req.operation} on resource: ${resource}`);
        }
        if (this.policy === undefined)
            return undefined;
        const action = `cognito-idp:${req.operation}`;
        const resource = ACCOUNT_OPERATIONS.has(req.operation)
            ? '*'
            : req.userPoolId !== undefined
                ? poolArn(req.userPoolId, this.account)
                : `arn:aws:cognito-idp:${req.region}:${this.account}:userpool/*`;
        const denied = this.denial(user, action, resource);
        if (denied !== undefined)
            return denied;
        // Passing a role to a group is checked as CloudFormation's group handler needs it; whether the
        // Cognito API itself checks iam:PassRole is unverified (cognito-contract.md, "IAM"). A RoleArn that
        // breaks its constraint is left to validation, which answers InvalidParameterException.
        const role = req.operation === 'CreateGroup' || req.operation === 'UpdateGroup' ? req.roleArn : undefined;
        if (role !== undefined && checkString('roleArn', role, ROLE_ARN).length === 0)
            return this.denial(user, 'iam:PassRole', role);
        return undefined;
    }
    /**
     * The denial message for an action of another service (Cognito Identity, IAM) on `resource`, or
     * undefined when allowed: a deny rule naming no user pool matches it by key and operation, and the
     * policy must allow `action` (such as iam:GetRole) on the resource.
     */
    authorizeAction(accessKeyId, operation, action, resource) {
        const user = callerArn(this.account, accessKeyId);
        const hit = this.deny.some((r) => (r.accessKeyId === undefined || r.accessKeyId === accessKeyId) && (r.operation === undefined || r.operation === operation) && r.userPoolId === undefined);
        if (hit)
            return `User: ${user} is not authorized to perform: ${action} on resource: ${resource}`;
        if (this.policy === undefined)
            return undefined;
        const decision = this.policy.decide(action, resource);
        if (decision === 'allow')
            return undefined;
        const why = decision === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
        return `User: ${user} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
    }
    /**
     * AccessDeniedException for a request to another service on this endpoint (CloudTrail's
     * LookupEvents): a deny rule naming the operation, or a policy without an Allow for the action on `*`.
     */
    authorizeOther(accessKeyId, operation, action) {
        const user = callerArn(this.account, accessKeyId);
        const hit = this.deny.some((r) => (r.accessKeyId === undefined || r.accessKeyId === accessKeyId) && r.operation === operation && r.userPoolId === undefined);
        if (hit)
            return errorReply('AccessDeniedException', `User: ${user} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`);
        return this.policy === undefined ? undefined : this.denial(user, action, '*');
    }
    denial(user, action, resource) {
        const decision = this.policy.decide(action, resource);
        if (decision === 'allow')
            return undefined;
        const why = decision === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
        return errorReply('AccessDeniedException', `User: ${user} is not authorized to perform: ${action} on resource: ${resource} ${why}`);
    }
}
