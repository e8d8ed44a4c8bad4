// Opaque pagination tokens. A token carries the issuing pool's salt and the position to continue
// after; a token from another pool, an edited token or garbage does not decode.
import { Buffer } from 'node:buffer';
const VERSION = 'cg1';
export function encodePageToken(salt, position) {
    return Buffer.from(`${VERSION}\n${salt}\n${position}`, 'utf8').toString('base64url');
}
/** The position a token continues after, or undefined when the token was not issued for this salt. */
export function decodePageToken(token, salt) {
    const text = Buffer.from(token, 'base64url').toString('utf8');
    // Only the exact encoding we produce is accepted, so lenient base64 decoding cannot make garbage valid.
    if (Buffer.from(text, 'utf8').toString('base64url') !== token)
        return undefined;
    const prefix = `${VERSION}\n${salt}\n`;
    if (!text.startsWith(prefix))
        return undefined;
    const position = text.slice(prefix.length);
    return position.length > 0 ? position : undefined;
}
