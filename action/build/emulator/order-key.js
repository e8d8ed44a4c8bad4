// Listing order of groups and users: a 32-bit FNV-1a hash of the compared name, then the name. The
// order depends on the names only (not on insertion), is not name order, and gives each name one
// position to continue after, which is what a pagination token records.
/** A name folded for case-insensitive comparison. */
export function foldName(name) {
    return name.toLowerCase();
}
function fnv1a(s) {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}
/** The listing position of a name as compared (already folded where comparison ignores case). */
export function hashOrderKey(compared) {
    return fnv1a(compared).toString(16).padStart(8, '0') + compared;
}
/** The listing position of a group name (group names compare ignoring case). */
export function sortKeyOf(name) {
    return hashOrderKey(foldName(name));
}
