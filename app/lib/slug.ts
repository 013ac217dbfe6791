/**
 * A readable, stable address segment from a title or name: letters without
 * their accents, digits and single hyphens, at most `maxLength` characters.
 * `fallback` is used when nothing readable is left (a title of only symbols).
 */
export function slugify(text: string, fallback: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
  return slug || fallback
}
