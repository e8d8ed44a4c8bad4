import { createHash } from 'node:crypto';
/** sha256 of text, hex. */
export function sha256(text) {
    return createHash('sha256').update(text).digest('hex');
}
/** A digest of a pool's listing that does not depend on the order the pool listed it in. */
export function listingDigest(groups) {
    const lines = groups
        .map((g) => JSON.stringify([g.name, g.description ?? null, g.precedence ?? null, g.roleArn ?? null]))
        .sort();
    return `sha256:${sha256(lines.join('\n'))}`;
}
