/** A property of a parsed JSON value, or undefined when the value is not an object. */
export function field(value, key) {
    return typeof value === 'object' && value !== null ? value[key] : undefined;
}
