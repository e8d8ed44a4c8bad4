/** The prefix of the groups this tool keeps in a pool while it moves members (reserved: a file may not name one). */
export const RESERVED_PREFIX = 'cognito-groups.';
/** Most members a group may list in the file. */
export const MAX_MEMBERS_LISTED = 10_000;
/** Most groups a user may be in (Cognito's quota), so the most a file may list a user in. */
export const MAX_GROUPS_PER_USER = 100;
/**
 * The one range of requests per second a run may be limited to, for `settings.maxRps` (the schema
 * holds the same bounds; a test keeps them equal) and `--max-rps` alike.
 */
export const MAX_RPS_RANGE = { min: 0.1, max: 1000 };
/** Whether a number is a request rate a run may be limited to (MAX_RPS_RANGE). */
export function isMaxRps(n) {
    return Number.isFinite(n) && n >= MAX_RPS_RANGE.min && n <= MAX_RPS_RANGE.max;
}
/** A user pool id's shape, as the schema's `userPoolId` has it (a test keeps them equal). */
export const POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/;
/** An AWS region's shape, as the schema's `region` has it (a test keeps them equal). */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;
/** Why a pool id names no region (the part before "_" is not one), or undefined when it does. */
export function poolIdRegionProblem(poolId) {
    const region = regionOfPoolId(poolId);
    return REGION_PATTERN.test(region) ? undefined : `the part before "_" (${JSON.stringify(region)}) is not an AWS region such as eu-west-1; a user pool id is <region>_<letters and digits>`;
}
/** The region a pool id names: the part before the first underscore. */
export function regionOfPoolId(poolId) {
    const i = poolId.indexOf('_');
    return i < 0 ? poolId : poolId.slice(0, i);
}
/** Whether a group is one Cognito creates for a federated identity provider: `<poolId>_<Provider>`. */
export function isProviderGroup(poolId, groupName) {
    return groupName.length > poolId.length + 1 && groupName.startsWith(`${poolId}_`);
}
