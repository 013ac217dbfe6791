/** One CSV cell, quoted where needed and safe to open in a spreadsheet. */
export function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value)
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
