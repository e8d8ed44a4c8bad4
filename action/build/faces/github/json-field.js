/** A property of a parsed JSON value, or undefined when the value is not an object. */
export function field(value, key) {
    return typeof value === 'object' && value !== null ? value[key] : undefined;
}
/** Who wrote an issue or a comment (its `user`), when the item says. */
export function authorOf(item) {
    const user = field(item, 'user');
    const login = field(user, 'login');
    const type = field(user, 'type');
    return typeof login === 'string' && typeof type === 'string' ? { login, type } : undefined;
}
