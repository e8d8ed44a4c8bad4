/** No positions: the fast path, which only needs to know whether there is anything to report. */
export const NO_POSITIONS = { offsetOf: () => 0, keyOffset: () => 0 };
export function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The plain value at a path of the data the schema checked. */
export function valueAt(data, path) {
    let value = data;
    for (const key of path) {
        if (typeof value !== 'object' || value === null)
            return undefined;
        value = value[key];
    }
    return value;
}
export function unescapePointer(s) {
    return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
