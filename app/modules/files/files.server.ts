import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { db, type DbOrTx, type Tx } from '~/lib/db.server'
import { fail, ok, type Result } from '~/lib/result'
import { storedFiles, type FileKind } from '~db/schema'
import { acceptedKindsText, ALL_FILE_KINDS, detectFileKind, withoutControlCharacters, FILE_KINDS, MAX_FILE_BYTES, MAX_FILE_TEXT } from './file-types'

/**
 * Documents kept in PostgreSQL. A module that attaches documents (pipeline
 * notices, consultations) checks an upload with `checkUpload`, stores it in
 * its own transaction with `storeFile`, links the returned id from its own
 * table, and serves it with `fileResponse` after its own permission check.
 */

export type CheckedUpload = { name: string; kind: FileKind; bytes: Buffer; sha256: string }

/**
 * The file a form field carries, checked by its content and size; errors are keyed by the field.
 * `kinds` narrows what the owner accepts (a consultation takes documents, not spreadsheets).
 */
export async function checkUpload(value: FormDataEntryValue | null, field: string, kinds: readonly FileKind[] = ALL_FILE_KINDS): Promise<Result<CheckedUpload>> {
  if (!value || typeof value === 'string' || !value.name) return fail({ [field]: 'Select a file' })
  if (value.size === 0) return fail({ [field]: 'The selected file is empty' })
  if (value.size > MAX_FILE_BYTES) return fail({ [field]: `The selected file must be smaller than ${MAX_FILE_TEXT}` })
  const bytes = Buffer.from(await value.arrayBuffer())
  const detected = detectFileKind(bytes)
  if (!detected.ok || !kinds.includes(detected.kind)) {
    return fail({
      [field]: !detected.ok && detected.reason === 'macros' ? 'The selected file contains macros. Save it without macros' : `The selected file must be a ${acceptedKindsText(kinds)}`,
    })
  }
  return ok({ name: cleanName(value.name, detected.kind), kind: detected.kind, bytes, sha256: createHash('sha256').update(bytes).digest('hex') })
}

/** The uploaded name without any folder, control characters or a misleading extension. */
export function cleanName(raw: string, kind: FileKind) {
  const base = withoutControlCharacters(raw.split(/[\\/]/).pop() ?? '')
    .replace(/"/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 150)
  return `${base || 'document'}.${FILE_KINDS[kind].extension}`
}

/** The title a document is listed under: as typed, or else the file's name without its extension. */
export function documentTitle(typed: string, upload: CheckedUpload) {
  return (withoutControlCharacters(typed).trim() || upload.name.replace(/\.[a-z]+$/, '')).slice(0, 200)
}

export async function storeFile(tx: Tx, upload: CheckedUpload, uploadedById: string | null) {
  const [file] = await tx
    .insert(storedFiles)
    .values({
      name: upload.name,
      kind: upload.kind,
      mediaType: FILE_KINDS[upload.kind].mediaType,
      size: upload.bytes.length,
      sha256: upload.sha256,
      content: upload.bytes,
      uploadedById,
    })
    .returning({ id: storedFiles.id, name: storedFiles.name, kind: storedFiles.kind, size: storedFiles.size })
  return file!
}

export async function deleteFile(tx: Tx, fileId: string) {
  await tx.delete(storedFiles).where(eq(storedFiles.id, fileId))
}

/** A file's description without its bytes. */
export const FILE_META = { id: true, name: true, kind: true, size: true, mediaType: true } as const

/**
 * The download. Always an attachment with its checked type and nosniff, so a
 * browser never renders an upload as a page of the hub.
 */
export async function fileResponse(fileId: string, { cache }: { cache: 'public' | 'private' }, tx: DbOrTx = db): Promise<Response | null> {
  const [file] = await tx.select().from(storedFiles).where(eq(storedFiles.id, fileId))
  if (!file) return null
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_')
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': file.mediaType,
      'Content-Length': String(file.size),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      ETag: `"${file.sha256}"`,
      'Cache-Control': cache === 'public' ? 'public, max-age=300' : 'private, no-store',
    },
  })
}
