/**
 * Text typed by a person, used in SQL `LIKE … ESCAPE '\'`: its own `%`, `_` and `\` are escaped,
 * so "50%" finds "50%", not everything starting with "50".
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%` for LIKE … ESCAPE '\': contains `text`, literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
