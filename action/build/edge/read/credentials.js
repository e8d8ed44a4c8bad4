// The credentials check's reads: per region, the identity pools that federate the plan's user pools
// (one ListIdentityPools listing, one DescribeIdentityPool per identity pool, one GetIdentityPoolRoles
// per federating identity pool), and one GetRole per distinct role. Every read is optional: a denied
// or failed one is recorded as what could not be checked, and the run goes on.
import { federationsOf, providerNameOf } from '../../core/credentials/federation.js';
import { CgError, messageOf } from '../../core/errors.js';
/** A failure that leaves something unchecked; a stop (INTERRUPTED) still stops the run. */
function why(err) {
    if (err instanceof CgError && err.code === 'INTERRUPTED')
        throw err;
    return messageOf(err);
}
const ROLE_ARN = /^arn:[^:]+:iam::([0-9]{12}):role\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]+)$/u;
/**
 * Reads the identity pools of each region of the user pools, and the roles. Each region's identity
 * pool operations and GetRole are paced in lanes of their own, so they are read side by side (and a
 * federating identity pool's roles while the next ones are described): the time is the busiest
 * lane's, not the sum. What was found and what could not be checked keep the order of a read one
 * after the other.
 */
export async function readCredentialFacts(api, req) {
    const regionNames = [...new Set(req.userPools.map((p) => p.region))].sort();
    const [perRegion, roleRead] = await Promise.all([Promise.all(regionNames.map((region) => readRegion(api, req, region))), readRoles(api, req)]);
    return { regions: perRegion.map((r) => r.found), roles: roleRead.roles, unchecked: [...perRegion.flatMap((r) => r.unchecked), ...roleRead.unchecked] };
}
/** The identity pools of one region that federate any of the requested user pools. */
async function readRegion(api, req, region) {
    const wanted = new Set(req.userPools.filter((p) => p.region === region).map((p) => providerNameOf(region, p.id)));
    let ids = [];
    try {
        let token;
        do {
            const page = await api.listIdentityPoolsPage(region, token);
            ids = ids.concat(page.pools);
            token = page.nextToken;
        } while (token !== undefined);
    }
    catch (err) {
        const w = why(err);
        return { found: { region, status: 'unchecked', why: w }, unchecked: [`the identity pools of ${region} (${w})`] };
    }
    const slots = [];
    for (const { id, name } of ids) {
        let described;
        try {
            described = await api.describeIdentityPool(region, id);
        }
        catch (err) {
            slots.push(Promise.resolve({ unchecked: `identity pool ${name} (${id}) (${why(err)})` }));
            continue;
        }
        if (described === undefined || !described.providers.some((p) => wanted.has(p.providerName)))
            continue;
        const { name: poolName, providers } = described;
        const slot = api.getIdentityPoolRoles(region, id).then((roles) => (roles === undefined ? {} : { pool: { id, name: poolName, providers, ...(roles.authenticatedRole === undefined ? {} : { authenticatedRole: roles.authenticatedRole }), mappings: roles.mappings } }), (err) => ({ unchecked: `the roles of identity pool ${name} (${id}) (${why(err)})` }));
        // Awaited below, in order; until then a stop it meets must not count as unhandled.
        slot.catch(() => undefined);
        slots.push(slot);
    }
    const read = await Promise.all(slots);
    return {
        found: { region, status: 'read', identityPools: read.flatMap((s) => (s.pool === undefined ? [] : [s.pool])) },
        unchecked: read.flatMap((s) => (s.unchecked === undefined ? [] : [s.unchecked])),
    };
}
/** Each distinct role, once. */
async function readRoles(api, req) {
    const roles = new Map();
    const unchecked = [];
    const notRead = (arn, w) => {
        roles.set(arn, { status: 'unchecked', why: w });
        unchecked.push(`role ${arn} (${w})`);
    };
    for (const arn of [...new Set(req.roles)].sort()) {
        const m = ROLE_ARN.exec(arn);
        if (m === null) {
            notRead(arn, 'not the ARN of an IAM role');
            continue;
        }
        const [, account, name] = m;
        if (req.account !== undefined && account !== req.account) {
            notRead(arn, `the role is in account ${account}; these credentials read account ${req.account}`);
            continue;
        }
        try {
            const role = await api.getRole(req.iamRegion, name);
            if (role === undefined)
                roles.set(arn, { status: 'missing' });
            else if (role.arn !== arn) {
                const theirs = ROLE_ARN.exec(role.arn)?.[1];
                // The same name in the account the credentials read: another account's role was asked for, or another path.
                if (theirs !== undefined && theirs !== account)
                    notRead(arn, `the role is in account ${account}; these credentials read account ${theirs}`);
                else
                    roles.set(arn, { status: 'missing' });
            }
            else
                roles.set(arn, { status: 'found', trustPolicy: role.trustPolicy });
        }
        catch (err) {
            notRead(arn, why(err));
        }
    }
    return { roles, unchecked };
}
/** The identity pools read for one user pool, with the app clients they accept; undefined when its region was not read. */
export function federationsFor(facts, region, userPoolId) {
    const r = facts.regions.find((x) => x.region === region);
    return r === undefined || r.status !== 'read' ? undefined : federationsOf(r.identityPools, region, userPoolId);
}
