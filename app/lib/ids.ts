/**
 * Whether a value from a URL or form could be a row id. Checked before a
 * query, so a malformed id is "not found" rather than a database error.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}
