/** How text is decorated; renderers take one so they never decide about terminals themselves. */
export interface Style {
  add(s: string): string;
  remove(s: string): string;
  change(s: string): string;
  strong(s: string): string;
  dim(s: string): string;
  warn(s: string): string;
}

const id = (s: string): string => s;

/** No decoration: files, pipes, NO_COLOR. */
export const plainStyle: Style = { add: id, remove: id, change: id, strong: id, dim: id, warn: id };

const sgr = (open: number, close: number) => (s: string): string => (s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`);

/** ANSI colours for a terminal. */
export const colourStyle: Style = {
  add: sgr(32, 39),
  remove: sgr(31, 39),
  change: sgr(33, 39),
  strong: sgr(1, 22),
  dim: sgr(2, 22),
  warn: sgr(35, 39),
};
