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
  const end = source.length
  // Runs of ordinary characters are sliced whole rather than added a character at a time: a file of
  // 10,000 responses is millions of characters, and building each field by single characters made
  // most of an import's time go on collecting the garbage.
  const separator = /[,\r\n]/g
  let row: string[] = []
  let field = ''
  let i = 0
  while (i < end) {
    if (source[i] === '"' && field === '') {
      // A quoted run: up to the closing quote, a doubled quote standing for one.
      let from = i + 1
      for (;;) {
        const quote = source.indexOf('"', from)
        if (quote < 0) {
          field += source.slice(from)
          i = end
          break
        }
        field += source.slice(from, quote)
        if (source[quote + 1] === '"') {
          field += '"'
          from = quote + 2
        } else {
          i = quote + 1
          break
        }
      }
      continue
    }
    separator.lastIndex = i
    const next = separator.exec(source)
    const stop = next ? next.index : end
    field += source.slice(i, stop)
    i = stop
    if (i >= end) break
    row.push(field)
    field = ''
    if (source[i] === ',') {
      i++
      continue
    }
    i += source[i] === '\r' && source[i + 1] === '\n' ? 2 : 1
    rows.push(row)
    row = []
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
