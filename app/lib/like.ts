/** A LIKE/ILIKE pattern matching `text` anywhere, its own % and _ taken literally. */
export function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
