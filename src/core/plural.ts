/** "1 group" / "3 groups": a count with its noun, for every layer that words counts (views, the imported file's header). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
