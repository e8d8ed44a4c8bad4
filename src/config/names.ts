/** The key under which Cognito compares group names: they are unique ignoring case. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** Sort order for group names everywhere output is shown: code-point order, so it is the same on every machine. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
