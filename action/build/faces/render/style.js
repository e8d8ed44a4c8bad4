const id = (s) => s;
/** No decoration: files, pipes, NO_COLOR. */
export const plainStyle = { add: id, remove: id, change: id, strong: id, dim: id, warn: id };
const sgr = (open, close) => (s) => (s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`);
/** ANSI colours for a terminal. */
export const colourStyle = {
    add: sgr(32, 39),
    remove: sgr(31, 39),
    change: sgr(33, 39),
    strong: sgr(1, 22),
    dim: sgr(2, 22),
    warn: sgr(35, 39),
};
