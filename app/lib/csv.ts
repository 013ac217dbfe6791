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

/**
 * Reads RFC 4180 CSV as spreadsheets write it: quoted fields may hold
 * commas, doubled quotes and line breaks; CRLF or LF line ends; a leading
 * byte-order mark is dropped. Blank lines are kept as empty rows so row
 * numbers match what a person sees in their spreadsheet.
 */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
