import { and, asc, count, eq, inArray } from 'drizzle-orm'
import type { Actor } from '~/lib/actor'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { RuleError } from '~/lib/result'
import { withoutControlCharacters } from '~/modules/files/file-types'
import { deleteFile, documentTitle, fileResponse, storeFile, type CheckedUpload } from '~/modules/files/files.server'
import { consultationDocuments, consultations, storedFiles, type ConsultationDocumentKind, type FileKind } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { ACCESSIBILITY_NOTES_MAX, DOCUMENT_KIND_LABELS, isDocumentKind } from './document-kinds'

/**
 * The documents a consultation publishes: its paper, impact assessment, easy-read
 * and Welsh versions. Bytes are kept by the files module; they are public once
 * the consultation is, and its search entry carries their titles.
 */

export const MAX_CONSULTATION_DOCUMENTS = 20

/** The documents of many consultations at once, by consultation, for open data and search. */
export async function documentsOf(consultationIds: string[], tx: DbOrTx = db) {
  const byConsultation = new Map<string, Array<{ id: string; title: string; kind: ConsultationDocumentKind; accessibilityNotes: string; name: string; fileKind: FileKind; size: number }>>()
  if (!consultationIds.length) return byConsultation
  const rows = await tx
    .select({
      consultationId: consultationDocuments.consultationId,
      id: consultationDocuments.id,
      title: consultationDocuments.title,
      kind: consultationDocuments.kind,
      accessibilityNotes: consultationDocuments.accessibilityNotes,
      name: storedFiles.name,
      fileKind: storedFiles.kind,
      size: storedFiles.size,
    })
    .from(consultationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, consultationDocuments.fileId))
    .where(inArray(consultationDocuments.consultationId, consultationIds))
    .orderBy(asc(consultationDocuments.createdAt), asc(consultationDocuments.id))
  for (const { consultationId, ...doc } of rows) {
    const list = byConsultation.get(consultationId) ?? []
    list.push(doc)
    byConsultation.set(consultationId, list)
  }
  return byConsultation
}

/** One consultation's documents as the attachment list shows them. */
export async function listConsultationDocuments(consultationId: string, tx: DbOrTx = db) {
  const documents = (await documentsOf([consultationId], tx)).get(consultationId) ?? []
  return documents.map(({ fileKind, size, name, ...d }) => ({ ...d, kindLabel: DOCUMENT_KIND_LABELS[d.kind], file: { name, kind: fileKind, size } }))
}

export type ConsultationDocumentInput = { title: string; kind: string; accessibilityNotes: string }

/** Checks the typed fields before the file is looked at, so a wrong kind is reported with the file's error. */
export function checkDocumentFields(input: ConsultationDocumentInput): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!isDocumentKind(input.kind)) errors.kind = 'Select what the document is'
  if (withoutControlCharacters(input.accessibilityNotes).trim().length > ACCESSIBILITY_NOTES_MAX)
    errors.accessibilityNotes = `Accessibility notes must be ${ACCESSIBILITY_NOTES_MAX} characters or fewer`
  return errors
}

export async function addConsultationDocument(actor: Actor, consultationId: string, input: ConsultationDocumentInput & { upload: CheckedUpload }) {
  const fieldErrors = checkDocumentFields(input)
  if (Object.keys(fieldErrors).length) throw new RuleError(fieldErrors)
  return db.transaction(async (tx) => {
    const [consultation] = await tx.select({ id: consultations.id }).from(consultations).where(eq(consultations.id, consultationId)).for('update')
    if (!consultation) throw new RuleError({ form: 'This consultation no longer exists' })
    const [{ total }] = (await tx.select({ total: count() }).from(consultationDocuments).where(eq(consultationDocuments.consultationId, consultationId))) as [{ total: number }]
    if (total >= MAX_CONSULTATION_DOCUMENTS) throw new RuleError({ file: `A consultation can have up to ${MAX_CONSULTATION_DOCUMENTS} documents. Remove one before adding another` })
    const [same] = await tx
      .select({ title: consultationDocuments.title })
      .from(consultationDocuments)
      .innerJoin(storedFiles, eq(storedFiles.id, consultationDocuments.fileId))
      .where(and(eq(consultationDocuments.consultationId, consultationId), eq(storedFiles.sha256, input.upload.sha256)))
    if (same) throw new RuleError({ file: `The selected file is already attached to this consultation, as “${same.title}”` })
    const file = await storeFile(tx, input.upload, actor.id)
    const [document] = await tx
      .insert(consultationDocuments)
      .values({
        consultationId,
        fileId: file.id,
        title: documentTitle(input.title, input.upload),
        kind: input.kind as ConsultationDocumentKind,
        accessibilityNotes: withoutControlCharacters(input.accessibilityNotes).trim(),
      })
      .returning()
    await recordAudit(tx, {
      actor,
      action: 'consultation.document.add',
      subjectType: 'consultation',
      subjectId: consultationId,
      after: { title: document!.title, kind: document!.kind, file: file.name, fileKind: file.kind, size: file.size },
    })
    await queueIndexing(tx, 'consultations', consultationId)
    return document!
  })
}

export async function removeConsultationDocument(actor: Actor, consultationId: string, documentId: string) {
  await db.transaction(async (tx) => {
    const [document] = await tx
      .delete(consultationDocuments)
      .where(and(eq(consultationDocuments.id, documentId), eq(consultationDocuments.consultationId, consultationId)))
      .returning()
    if (!document) throw new RuleError({ form: 'This document has already been removed' })
    await deleteFile(tx, document.fileId)
    await recordAudit(tx, { actor, action: 'consultation.document.remove', subjectType: 'consultation', subjectId: consultationId, before: { title: document.title, kind: document.kind } })
    await queueIndexing(tx, 'consultations', consultationId)
  })
}

/** A document's download: anyone may have one of a published consultation, found by its address; staff any, found by its id. */
export async function consultationDocumentDownload(documentId: string, consultation: { slug: string } | { id: string }) {
  const [row] = await db
    .select({ fileId: consultationDocuments.fileId })
    .from(consultationDocuments)
    .innerJoin(consultations, eq(consultations.id, consultationDocuments.consultationId))
    .where(
      and(
        eq(consultationDocuments.id, documentId),
        'slug' in consultation ? and(eq(consultations.slug, consultation.slug), eq(consultations.status, 'published')) : eq(consultations.id, consultation.id),
      ),
    )
  if (!row) return null
  return fileResponse(row.fileId, { cache: 'slug' in consultation ? 'public' : 'private' })
}
