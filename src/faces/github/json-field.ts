/** A property of a parsed JSON value, or undefined when the value is not an object. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Who wrote an issue or a comment (its `user`), when the item says. */
export function authorOf(item: unknown): { login: string; type: string } | undefined {
  const user = field(item, 'user');
  const login = field(user, 'login');
  const type = field(user, 'type');
  return typeof login === 'string' && typeof type === 'string' ? { login, type } : undefined;
}
