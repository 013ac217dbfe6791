import { and, eq, inArray, notExists, sql } from 'drizzle-orm'
import { db, type Tx } from '~/lib/db.server'
import type { FormValues } from '~/lib/forms'
import { consultationResponses, questionnaireAnswers, storedFiles, type Consultation } from '~db/schema'
import { checkUpload, fileResponse, storeFile, type CheckedUpload } from '~/modules/files/files.server'
import { describeFile, DOCUMENT_KINDS } from '~/modules/files/file-types'
import type { AnswerInput, AttachedFile } from '../questionnaires/answers.server'
import { fieldName, removeFileFieldName, type EngineQuestion } from '../questionnaires/questions'
import { isUuid } from '~/lib/ids'

/**
 * Documents respondents attach to file upload questions. The bytes are a
 * stored file; the answer keeps its id and, as its text, the file's name and
 * size, so check-answers pages, staff exports and the analysis read it like
 * any answer. Only staff download the document itself.
 */

type Question = EngineQuestion & { label: string }

/** An answer's words for an attached document: “response.pdf (PDF, 240 KB)”. */
export const fileDescription = (upload: Pick<CheckedUpload, 'name' | 'kind'> & { size: number }) => `${upload.name} (${describeFile(upload)})`

/**
 * A published response says a document was attached and what kind, not its
 * name (which may name its author when the response is published without
 * names); the document itself stays with staff.
 */
export function publishedFileWords(description: string | null) {
  const kind = /\(([^()]*)\)$/.exec(description ?? '')?.[1]
  return description ? `A document was attached${kind ? ` (${kind})` : ''}. Attached documents are not published.` : ''
}

/**
 * What each file upload question on a page holds once this post is saved:
 * a document newly chosen (checked, not yet stored), the one already
 * attached, or nothing when it is removed. Problems are keyed by the field.
 */
export async function postedFiles(
  questions: Question[],
  values: FormValues,
  uploads: Record<string, File | undefined>,
  current: Record<string, Pick<AnswerInput, 'text' | 'fileId'>>,
): Promise<{ files: Map<string, AttachedFile>; checked: Map<string, CheckedUpload>; errors: Record<string, string> }> {
  const files = new Map<string, AttachedFile>()
  const checked = new Map<string, CheckedUpload>()
  const errors: Record<string, string> = {}
  for (const q of questions.filter((x) => x.type === 'file_upload')) {
    const name = fieldName(q.id)
    const upload = uploads[name]
    if (upload && upload.name) {
      const result = await checkUpload(upload, name, DOCUMENT_KINDS)
      if (!result.ok) {
        errors[name] = `${result.errors[name]} (${q.label})`
        continue
      }
      checked.set(q.id, result.value)
      files.set(q.id, { fileId: null, description: fileDescription({ ...result.value, size: result.value.bytes.length }) })
    } else if (values[removeFileFieldName(q.id)] !== 'yes' && current[q.id]?.fileId) {
      files.set(q.id, { fileId: current[q.id].fileId!, description: current[q.id].text ?? '' })
    } else {
      files.set(q.id, null)
    }
  }
  return { files, checked, errors }
}

/** A browser forgets a chosen file when a page is refused, so each good one is asked for again. */
export function chooseAgain(checked: Map<string, CheckedUpload>, questions: Question[], errors: Record<string, string>) {
  for (const q of questions) {
    if (checked.has(q.id) && !errors[fieldName(q.id)]) errors[fieldName(q.id)] = `Select the document for ${q.label} again`
  }
  return errors
}

/** Stores the newly chosen documents and points their answers at them. */
export async function storeAnswerFiles(tx: Tx, answers: Map<string, AnswerInput>, checked: Map<string, CheckedUpload>, uploadedById: string | null) {
  const stored: string[] = []
  for (const [questionId, upload] of checked) {
    const answer = answers.get(questionId)
    if (!answer) continue
    const file = await storeFile(tx, upload, uploadedById)
    answer.fileId = file.id
    stored.push(file.id)
  }
  return stored
}

/** Deletes those of these documents that no answer holds any more (replaced, removed, or refused as a conflict). */
export async function dropUnheldFiles(tx: Tx, fileIds: string[]) {
  const ids = fileIds.filter(Boolean)
  if (!ids.length) return
  await tx.delete(storedFiles).where(
    and(
      inArray(storedFiles.id, ids),
      notExists(
        tx
          .select({ one: sql`1` })
          .from(questionnaireAnswers)
          .where(eq(questionnaireAnswers.fileId, storedFiles.id)),
      ),
    ),
  )
}

/**
 * The document a submitted response attached for a question, as a private
 * download. Staff only: the caller has checked that the person is staff.
 */
export async function answerFileDownload(consultation: Consultation, responseId: string, questionId: string) {
  if (!isUuid(responseId) || !isUuid(questionId)) return null
  const [row] = await db
    .select({ fileId: questionnaireAnswers.fileId })
    .from(consultationResponses)
    .innerJoin(questionnaireAnswers, eq(questionnaireAnswers.submissionId, consultationResponses.submissionId))
    .where(and(eq(consultationResponses.id, responseId), eq(consultationResponses.consultationId, consultation.id), eq(questionnaireAnswers.questionId, questionId)))
  if (!row?.fileId) return null
  return fileResponse(row.fileId, { cache: 'private' })
}
