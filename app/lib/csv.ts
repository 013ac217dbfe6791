/**
 * The one way the hub writes CSV: RFC 4180 quoting, CRLF line ends, and a
 * leading apostrophe on any text a spreadsheet would otherwise run as a
 * formula (=, +, -, @, tab or carriage return first), however the text was
 * built: a list is joined first and the joined text is what gets checked.
 * Only real numbers keep a leading minus.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  let text = Array.isArray(value)
    ? value.map((v) => (v === null || v === undefined ? '' : String(v))).join('; ')
    : typeof value === 'boolean'
      ? value
        ? 'yes'
        : 'no'
      : value instanceof Date
        ? value.toISOString()
        : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map(csvLine).join('')
}
