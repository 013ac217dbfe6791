import { and, asc, count, eq, isNotNull } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, type Tx } from '~/lib/db.server'
import { RuleError } from '~/lib/result'
import { describeFile } from '~/modules/files/file-types'
import { deleteFile, documentTitle, fileResponse, storeFile, type CheckedUpload } from '~/modules/files/files.server'
import { pipelineDocuments, pipelineNotices, storedFiles } from '~db/schema'
import type { Actor } from '~/lib/actor'
import { addRevision } from './revisions.server'

/** Documents attached to a notice. On a published notice each addition or removal is a revision, so the change log, alerts and feed tell of it. */

export const MAX_DOCUMENTS = 20

export async function listDocuments(noticeId: string, tx: Tx | typeof db = db) {
  return tx
    .select({ id: pipelineDocuments.id, title: pipelineDocuments.title, name: storedFiles.name, kind: storedFiles.kind, size: storedFiles.size })
    .from(pipelineDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, pipelineDocuments.fileId))
    .where(eq(pipelineDocuments.noticeId, noticeId))
    .orderBy(asc(pipelineDocuments.createdAt), asc(pipelineDocuments.id))
}

const listed = (docs: Awaited<ReturnType<typeof listDocuments>>) => (docs.length ? docs.map((d) => `${d.title} (${describeFile(d)})`).join('; ') : 'None')

async function lockNotice(tx: Tx, noticeId: string) {
  const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId)).for('update')
  if (!notice) throw new RuleError({ form: 'This notice no longer exists' })
  return notice
}

async function logDocuments(tx: Tx, notice: Awaited<ReturnType<typeof lockNotice>>, actor: Actor, before: string) {
  const after = listed(await listDocuments(notice.id, tx))
  if (notice.publishedAt) await addRevision(tx, notice, actor, 'updated', [{ field: 'documents', label: 'Documents', from: before, to: after }])
}

export async function addDocument(actor: Actor, noticeId: string, { title, upload }: { title: string; upload: CheckedUpload }) {
  return db.transaction(async (tx) => {
    const notice = await lockNotice(tx, noticeId)
    const [{ total }] = (await tx.select({ total: count() }).from(pipelineDocuments).where(eq(pipelineDocuments.noticeId, noticeId))) as [{ total: number }]
    if (total >= MAX_DOCUMENTS) throw new RuleError({ file: `A notice can have up to ${MAX_DOCUMENTS} documents. Remove one before adding another` })
    const [same] = await tx
      .select({ title: pipelineDocuments.title })
      .from(pipelineDocuments)
      .innerJoin(storedFiles, eq(storedFiles.id, pipelineDocuments.fileId))
      .where(and(eq(pipelineDocuments.noticeId, noticeId), eq(storedFiles.sha256, upload.sha256)))
    if (same) throw new RuleError({ file: `The selected file is already attached to this notice, as “${same.title}”` })
    const before = listed(await listDocuments(noticeId, tx))
    const file = await storeFile(tx, upload, actor.id)
    const [document] = await tx
      .insert(pipelineDocuments)
      .values({ noticeId, fileId: file.id, title: documentTitle(title, upload) })
      .returning()
    await recordAudit(tx, {
      actor,
      action: 'pipeline.document.add',
      subjectType: 'pipeline_notice',
      subjectId: noticeId,
      after: { title: document!.title, file: file.name, kind: file.kind, size: file.size },
    })
    await logDocuments(tx, notice, actor, before)
    return document!
  })
}

export async function removeDocument(actor: Actor, noticeId: string, documentId: string) {
  return db.transaction(async (tx) => {
    const notice = await lockNotice(tx, noticeId)
    const before = listed(await listDocuments(noticeId, tx))
    const [document] = await tx
      .delete(pipelineDocuments)
      .where(and(eq(pipelineDocuments.id, documentId), eq(pipelineDocuments.noticeId, noticeId)))
      .returning()
    if (!document) throw new RuleError({ form: 'This document has already been removed' })
    await deleteFile(tx, document.fileId)
    await recordAudit(tx, { actor, action: 'pipeline.document.remove', subjectType: 'pipeline_notice', subjectId: noticeId, before: { title: document.title } })
    await logDocuments(tx, notice, actor, before)
  })
}

/** A document's download: anyone may have one of a published notice, found by the notice's address; staff any, found by the notice's id. */
export async function documentDownload(documentId: string, notice: { slug: string } | { id: string }) {
  const [row] = await db
    .select({ fileId: pipelineDocuments.fileId, publishedAt: pipelineNotices.publishedAt })
    .from(pipelineDocuments)
    .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineDocuments.noticeId))
    .where(and(eq(pipelineDocuments.id, documentId), 'slug' in notice ? and(eq(pipelineNotices.slug, notice.slug), isNotNull(pipelineNotices.publishedAt)) : eq(pipelineNotices.id, notice.id)))
  if (!row) return null
  return fileResponse(row.fileId, { cache: 'slug' in notice ? 'public' : 'private' })
}
