import type { FileKind } from '~db/schema'

/** What the hub accepts as documents, and how it recognises each by its bytes. Safe for the browser. */

export const FILE_KINDS: Record<FileKind, { label: string; mediaType: string; extension: string }> = {
  pdf: { label: 'PDF', mediaType: 'application/pdf', extension: 'pdf' },
  odt: { label: 'ODT', mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  docx: { label: 'DOCX', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { label: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  csv: { label: 'CSV', mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
}

export const ALL_FILE_KINDS = Object.keys(FILE_KINDS) as FileKind[]

/** Documents to read: what a consultation publishes and a respondent attaches. */
export const DOCUMENT_KINDS: FileKind[] = ['pdf', 'odt', 'docx']

/** "PDF, ODT or DOCX", for hints and errors. */
export function acceptedKindsText(kinds: readonly FileKind[]) {
  const labels = kinds.map((k) => FILE_KINDS[k].label)
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : (labels[0] ?? '')
}

/** The file input's accept attribute for these kinds. */
export function acceptAttribute(kinds: readonly FileKind[]) {
  return kinds.map((k) => `.${FILE_KINDS[k].extension}`).join(',')
}

export const ACCEPTED_KINDS_TEXT = acceptedKindsText(ALL_FILE_KINDS)

/** 10 MB: a long specification with images fits; the request limit for uploads is set above it so the form can say so. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_FILE_TEXT = '10 MB'

/** "PDF, 240 KB", as GOV.UK lists attachments. */
export function describeFile({ kind, size }: { kind: FileKind; size: number }) {
  return `${FILE_KINDS[kind].label}, ${formatBytes(size)}`
}

export function formatBytes(size: number) {
  if (size < 1024) return size === 1 ? '1 byte' : `${size} bytes`
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`
  return `${(size / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`
}

export type Detected = { ok: true; kind: FileKind } | { ok: false; reason: 'unknown' | 'macros' }

/**
 * The kind of document the bytes are, whatever the file is called or the
 * browser says: a PDF by its header; ODT, DOCX and XLSX by the parts their
 * zip container holds; CSV as UTF-8 text with commas and no control characters.
 */
export function detectFileKind(bytes: Uint8Array): Detected {
  if (startsWith(bytes, '%PDF-')) return { ok: true, kind: 'pdf' }
  if (startsWith(bytes, 'PK\u0003\u0004')) {
    try {
      return zipKind(bytes)
    } catch (error) {
      // A truncated or garbled container: whatever it is, it is not a document we can vouch for.
      if (error instanceof RangeError) return { ok: false, reason: 'unknown' }
      throw error
    }
  }
  return looksLikeCsv(bytes) ? { ok: true, kind: 'csv' } : { ok: false, reason: 'unknown' }
}

function startsWith(bytes: Uint8Array, text: string) {
  if (bytes.length < text.length) return false
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false
  return true
}

const latin1 = new TextDecoder('latin1')

function zipKind(bytes: Uint8Array): Detected {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // OpenDocument puts an uncompressed "mimetype" part first, holding the document's type.
  const nameLength = view.getUint16(26, true)
  if (latin1.decode(bytes.subarray(30, 30 + nameLength)) === 'mimetype' && view.getUint16(8, true) === 0) {
    const start = 30 + nameLength + view.getUint16(28, true)
    const mimetype = latin1.decode(bytes.subarray(start, start + view.getUint32(18, true)))
    return mimetype === FILE_KINDS.odt.mediaType ? { ok: true, kind: 'odt' } : { ok: false, reason: 'unknown' }
  }
  const names = zipEntryNames(view)
  if (!names || !names.has('[Content_Types].xml')) return { ok: false, reason: 'unknown' }
  if ([...names].some((n) => n.endsWith('vbaProject.bin'))) return { ok: false, reason: 'macros' }
  if (names.has('word/document.xml')) return { ok: true, kind: 'docx' }
  if (names.has('xl/workbook.xml')) return { ok: true, kind: 'xlsx' }
  return { ok: false, reason: 'unknown' }
}

/** The part names in a zip's central directory, or null if it has none that can be read. */
function zipEntryNames(view: DataView): Set<string> | null {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
  let end = -1
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) return null
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  const names = new Set<string>()
  for (let n = 0; n < count; n++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== 0x02014b50) return null
    const nameLength = view.getUint16(offset + 28, true)
    names.add(latin1.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)))
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true)
  }
  return names
}

function looksLikeCsv(bytes: Uint8Array): boolean {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return false
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return false
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  return firstLine.includes(',')
}

function isControl(c: string) {
  const code = c.charCodeAt(0)
  return code < 0x20 || code === 0x7f
}

/** Text as typed into a name or title, with any control characters (which no one types) taken out. */
export function withoutControlCharacters(text: string) {
  return [...text].filter((c) => !isControl(c)).join('')
}
