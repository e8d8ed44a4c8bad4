/** `FILE:LINE:COL: PATH: message`, the one format every validation problem is printed in. */
export function formatDiagnostic(d) {
    return `${d.file}:${d.line}:${d.column}: ${d.path === '' ? '(file)' : d.path}: ${d.message}`;
}
/** Dotted path for a list of keys and indexes. */
export function pathToString(path) {
    let out = '';
    for (const key of path) {
        if (typeof key === 'number')
            out += `[${key}]`;
        else
            out += out === '' ? key : `.${key}`;
    }
    return out;
}
