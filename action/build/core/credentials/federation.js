/** The provider name an identity pool uses for a user pool: `cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
export function providerNameOf(region, userPoolId) {
    return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}
/** The key of a role mapping: `<providerName>:<clientId>`. */
export function mappingKey(providerName, clientId) {
    return `${providerName}:${clientId}`;
}
/** The identity pools (sorted by name, then id) that accept tokens of the user pool `userPoolId` in `region`. */
export function federationsOf(pools, region, userPoolId) {
    const provider = providerNameOf(region, userPoolId);
    const out = [];
    for (const pool of pools) {
        // Provider names are compared as AWS writes them; a trailing slash or another case is another provider.
        const clientIds = [...new Set(pool.providers.filter((p) => p.providerName === provider).map((p) => p.clientId))].sort();
        if (clientIds.length > 0)
            out.push({ pool, clientIds });
    }
    return out.sort((a, b) => (a.pool.name < b.pool.name ? -1 : a.pool.name > b.pool.name ? 1 : a.pool.id < b.pool.id ? -1 : a.pool.id > b.pool.id ? 1 : 0));
}
